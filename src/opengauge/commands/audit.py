"""``opengauge audit PATH``: the whole audit, summarised or as a report file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from opengauge.commands import _policy
from opengauge.commands._io import emit, stdout_is_terminal
from opengauge.sources import ProgressCallback

NAME = "audit"
HELP = "audit an AI system folder: components, licences, safety, documentation, verdicts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``audit``."""
    from opengauge.report import FORMATS

    parser.add_argument(
        "path",
        help="model folder (local clone, HF snapshot or cache folder), "
        "or hf://org/name[@revision] from the local Hugging Face cache",
    )
    parser.add_argument(
        "--format",
        "-f",
        default="terminal",
        choices=sorted(FORMATS),
        help="output format (default: terminal)",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--hash",
        action="store_true",
        help="SHA-256 every file (slow on large checkpoints; off by default)",
    )
    parser.add_argument("--max-files", type=int, default=100_000, help="file count cap")
    parser.add_argument(
        "--generated-at", metavar="ISO8601", help="timestamp to record (for reproducible reports)"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    _policy.add_arguments(parser)


@contextmanager
def _progress(enabled: bool) -> Iterator[ProgressCallback | None]:
    """A rich progress display on stderr while files are read (only on a terminal)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)
        seen = {"files": 0, "bytes": 0}

        def tick(path: str, size: int) -> None:
            seen["files"] += 1
            seen["bytes"] += size
            if seen["files"] % 25 == 0 or size > (256 << 20):
                bar.update(task, description=f"{seen['files']} files · {path[-60:]}")

        yield tick


def run(args: argparse.Namespace) -> int:
    """Audit, render, write."""
    from opengauge.api import audit
    from opengauge.report import renderer

    render = renderer(args.format)
    config = _policy.load(args)  # a malformed policy stops before the audit runs
    show_progress = not args.no_progress and sys.stderr.isatty()
    with _progress(show_progress) as tick:
        report = audit(
            args.path,
            hash_files=args.hash,
            max_files=args.max_files,
            generated_at=args.generated_at,
            progress=tick,
        )
    report, code = _policy.enforce(report, config)
    if args.format == "terminal":
        from opengauge.report.terminal import render as render_terminal

        text = render_terminal(report, color=args.output is None and stdout_is_terminal())
    else:
        text = render(report)
    emit(text, args.output)
    return code
