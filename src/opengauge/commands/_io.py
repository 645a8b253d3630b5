"""Small helpers shared by commands: output, the format option, timestamps."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path

from opengauge.errors import UsageError

HUMAN = "terminal"
# Names the human format had before it had one name on every command; still accepted.
_ALIASES = {"text": HUMAN, "rich": HUMAN}
log = logging.getLogger("opengauge.cli")


def emit(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` (a file path) or to stdout."""
    if not text.endswith("\n"):
        text += "\n"
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc


def stdout_is_terminal() -> bool:
    """True when stdout is an interactive terminal (colours, progress bars)."""
    return sys.stdout.isatty()


def format_name(value: str) -> str:
    """An argparse ``type``: the one name of a format (``text`` and ``rich`` are aliases)."""
    return _ALIASES.get(value, value)


def add_format(parser: argparse.ArgumentParser, *machine: str) -> None:
    """``--format/-f``: ``terminal`` (the default, for people) or one of ``machine``."""
    parser.add_argument(
        "--format",
        "-f",
        type=format_name,
        choices=(HUMAN, *machine),
        default=HUMAN,
        help="output format (default: %(default)s)",
    )


def add_max_files(parser: argparse.ArgumentParser) -> None:
    """``--max-files N``: the listing cap; past it the verdicts are not determinable."""
    parser.add_argument(
        "--max-files",
        type=_positive,
        default=100_000,
        metavar="N",
        help="stop listing after N files; the verdicts are then not determinable "
        "(default: %(default)s)",
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def timestamp(value: str) -> str:
    """An argparse ``type`` for ``--generated-at``: an ISO 8601 date-time with an offset.

    The report records the value as given (reproducible reports compare byte for byte).
    """
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO 8601 date-time with a UTC offset "
            "(e.g. 2026-01-01T00:00:00+00:00 or 2026-01-01T00:00:00Z)"
        )
    return value


def phase(name: str, detail: str = "") -> None:
    """Log one phase of a command (``-v`` shows them on stderr)."""
    log.info("%s%s", name, f": {detail}" if detail else "")
