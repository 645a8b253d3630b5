"""``opengauge diff OLD.json NEW.json``: what changed between two audits of a release."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from opengauge.commands._io import emit
from opengauge.errors import UsageError

NAME = "diff"
HELP = "compare two JSON reports: verdicts, new and resolved findings, licences, components"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``diff``."""
    parser.add_argument("old", help="earlier report (opengauge audit --format json)")
    parser.add_argument("new", help="later report")
    parser.add_argument("--format", "-f", choices=("text", "json"), default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the diff to FILE")


def _load(path: str) -> object:
    from opengauge.report.json_load import MAX_REPORT_CHARS, ReportFormatError, load_report

    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_REPORT_CHARS + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return load_report(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8") from None
    except ReportFormatError as exc:
        raise UsageError(f"{path}: {exc}") from None


def run(args: argparse.Namespace) -> int:
    """Load both reports, compare, print; 0 whether or not anything changed."""
    from opengauge.diff import diff, render_text
    from opengauge.model import AuditReport

    old, new = _load(args.old), _load(args.new)
    assert isinstance(old, AuditReport) and isinstance(new, AuditReport)
    result = diff(old, new)
    if args.format == "json":
        emit(
            json.dumps(result.to_dict(), indent=2, sort_keys=True, ensure_ascii=False), args.output
        )
    else:
        emit(render_text(result), args.output)
    return 0
