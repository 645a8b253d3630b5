"""``opengauge diff OLD.json NEW.json``: what changed between two audits of a release."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from opengauge.commands._io import add_format, emit, phase
from opengauge.errors import UsageError
from opengauge.model import AuditReport, Severity, Status

if TYPE_CHECKING:
    from opengauge.diff import ReportDiff

NAME = "diff"
HELP = "compare two JSON reports: verdicts, new and resolved findings, licences, components"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``diff``."""
    parser.add_argument("old", help="earlier report (opengauge audit --format json)")
    parser.add_argument("new", help="later report")
    add_format(parser, "json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the diff to FILE")
    parser.add_argument(
        "--fail-on-regression",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="exit 1 when a verdict or safety got worse (default: on)",
    )


def _load(path: str) -> AuditReport:
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


def _worst_safety(report: AuditReport) -> Severity | None:
    failed = [
        f.severity
        for f in report.findings
        if f.rule.startswith("safety.") and f.status in (Status.FAIL, Status.ERROR)
    ]
    return max(failed, key=lambda s: s.rank, default=None)


def regressions(old: AuditReport, new: AuditReport, result: ReportDiff) -> list[str]:
    """What got worse: a verdict that went down or disappeared, a worse safety finding,
    a new high or critical safety finding."""
    worse = [v for v in result.verdicts if v.direction in ("down", "gone")]
    out = [f"{v.title}: {v.old or '-'} -> {v.new or 'no verdict'}" for v in worse]
    before, after = _worst_safety(old), _worst_safety(new)
    safety_down = any(v.framework == "safety" for v in worse)
    if after is not None and (before is None or after.rank > before.rank) and not safety_down:
        out.append(f"safety: worst finding {before.value if before else 'none'} -> {after.value}")
    out += [
        f"new {f.severity} {f.rule}" + (f" ({f.path})" if f.path else "")
        for f in result.new_findings
        if f.rule.startswith("safety.") and Severity(f.severity).rank >= Severity.HIGH.rank
    ]
    return list(dict.fromkeys(out))


def run(args: argparse.Namespace) -> int:
    """Load both reports, compare, print; 1 when something regressed (see ``regressions``)."""
    from opengauge.diff import diff, render_text

    old, new = _load(args.old), _load(args.new)
    result = diff(old, new)
    phase("render", args.format)
    if args.format == "json":
        emit(
            json.dumps(result.to_dict(), indent=2, sort_keys=True, ensure_ascii=False), args.output
        )
    else:
        emit(render_text(result), args.output)
    worse = regressions(old, new, result) if args.fail_on_regression else []
    if worse and args.quiet:
        print(f"opengauge: regression: {len(worse)} reason(s)", file=sys.stderr)
    elif worse:
        print("opengauge: regression:", file=sys.stderr)
        for reason in worse[:20]:
            print(f"  - {reason}", file=sys.stderr)
    return 1 if worse else 0
