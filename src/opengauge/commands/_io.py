"""Small output helpers shared by commands (the CLI edge may write files)."""

from __future__ import annotations

import sys
from pathlib import Path

from opengauge.errors import UsageError


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
