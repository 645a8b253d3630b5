"""``opengauge audit PATH``: the whole audit, summarised or as a report file."""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from opengauge.commands import _policy
from opengauge.commands._io import (
    add_max_files,
    emit,
    format_name,
    phase,
    stdout_is_terminal,
    timestamp,
)
from opengauge.errors import UsageError
from opengauge.sources import ProgressCallback

NAME = "audit"
HELP = "audit an AI system folder: components, licences, safety, documentation, verdicts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``audit``."""
    from opengauge.report import FORMATS

    parser.add_argument(
        "path",
        help="model folder (local clone, HF snapshot or cache folder), "
        "or hf://[datasets/]org/name[@revision] (the local cache, else read on the Hub)",
    )
    parser.add_argument(
        "--format",
        "-f",
        type=format_name,
        default="terminal",
        choices=sorted(FORMATS),
        help="output format (default: terminal)",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--spdx-namespace",
        metavar="IRI",
        help="with --format spdx3: the http(s) or urn IRI that prefixes the document's "
        "element ids (default https://opengauge.dev/spdx/)",
    )
    parser.add_argument(
        "--hash",
        action="store_true",
        help="SHA-256 every file (slow on large checkpoints; off by default)",
    )
    add_max_files(parser)
    parser.add_argument(
        "--generated-at",
        type=timestamp,
        metavar="ISO8601",
        help="timestamp to record, with its UTC offset (for reproducible reports)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--offline",
        action="store_true",
        help="hf:// targets: the local Hugging Face cache only, no network (as HF_HUB_OFFLINE=1)",
    )
    parser.add_argument(
        "--max-remote-bytes",
        type=int,
        metavar="N",
        help="hf:// targets read on the Hub: stop reading after N bytes (default 256 MiB)",
    )
    parser.add_argument(
        "--follow",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="check on the Hub the models, datasets and papers the release links to "
        "(default: only an hf:// target's own base model and datasets; --no-follow: none)",
    )
    _policy.add_arguments(parser)


class PhaseLine:
    """The phase line's state: files read so far, and whether they still arrive.

    Fed by ``api.audit``'s progress callback (one call per file listed); once files stop
    arriving, the audit is analysing what it read (licences, weight headers, the safety
    scan), which on a large release is the long part.
    """

    IDLE = 0.5  # seconds without a new file: the listing is over

    def __init__(self) -> None:
        self.files = 0
        self.bytes = 0
        self.path = ""
        self.last = time.monotonic()

    def tick(self, path: str, size: int) -> None:
        """The progress callback."""
        self.files += 1
        self.bytes += size
        self.path = path
        self.last = time.monotonic()

    def text(self, width: int) -> str:
        """``reading · N files · size · …/path`` while files arrive, then ``analysing``."""
        from opengauge.report.terminal import phase_text

        if self.files and time.monotonic() - self.last > self.IDLE:
            return phase_text(self.files, self.bytes, "", width, "analysing")
        return phase_text(self.files, self.bytes, self.path, width)


@contextmanager
def _progress(enabled: bool) -> Iterator[ProgressCallback | None]:
    """A spinner and the phase line on stderr (only on a terminal), redrawn 10 times a s."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task
    from rich.text import Text

    console = Console(stderr=True)
    line = PhaseLine()

    class _Phase(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(line.text(console.width), no_wrap=True, overflow="ellipsis")

    with Progress(SpinnerColumn(), _Phase(), console=console, transient=True) as bar:
        bar.add_task("audit", total=None)
        yield line.tick


def run(args: argparse.Namespace) -> int:
    """Audit, render, write."""
    from opengauge.api import audit
    from opengauge.report import renderer

    render = renderer(args.format)
    if args.spdx_namespace is not None:
        from opengauge.report import spdx3

        if args.format != "spdx3":
            raise UsageError("--spdx-namespace applies to --format spdx3 only")
        namespace = spdx3.check_namespace(args.spdx_namespace)
        render = functools.partial(spdx3.render, namespace=namespace)
    config = _policy.load(args)  # a malformed policy stops before the audit runs
    remote = None
    if args.max_remote_bytes is not None:
        from opengauge.sources.hub import HubOptions

        if args.max_remote_bytes <= 0:
            raise UsageError("--max-remote-bytes must be a positive number of bytes")
        remote = HubOptions(max_bytes=args.max_remote_bytes)
    show_progress = not (args.no_progress or args.quiet) and sys.stderr.isatty()
    with _progress(show_progress) as tick:
        report = audit(
            args.path,
            hash_files=args.hash,
            max_files=args.max_files,
            generated_at=args.generated_at,
            progress=tick,
            offline=True if args.offline else None,
            remote=remote,
            follow=args.follow,
        )
    report, code = _policy.enforce(report, config, quiet=args.quiet)
    phase("render", args.format)
    if args.format == "terminal":
        from opengauge.report.terminal import render as render_terminal

        text = render_terminal(report, color=args.output is None and stdout_is_terminal())
    else:
        text = render(report)
    emit(text, args.output)
    return code
