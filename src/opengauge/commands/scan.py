"""`opengauge scan PATH`: what would loading these model files execute?

The audit itself, narrowed to safety (``api.audit(select="safety")``): the same reader,
the same sniffing and the same analyzers as ``opengauge audit``, so both always agree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opengauge.commands._io import add_format, add_max_files, emit, phase
from opengauge.errors import UsageError
from opengauge.model import AuditReport, Outcome, Severity, Status
from opengauge.policy import NEVER

NAME = "scan"
HELP = "Scan model files (pickles, archives, Keras, ONNX) and shipped code for unsafe content."
LEVELS = (*(s.value for s in Severity), NEVER)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the scan command."""
    parser.add_argument("path", help="a folder or a single file")
    add_format(parser, "json", "sarif")
    parser.add_argument(
        "--fail-on",
        choices=LEVELS,
        default="high",
        help="exit 1 when a finding reaches this severity or when safety is not "
        "determinable (a file that could not be read); 'never': always 0 "
        "(default: %(default)s)",
    )
    parser.add_argument("--output", "-o", default=None, help="write the report to this file")
    add_max_files(parser)


def _render(report: AuditReport, name: str) -> str:
    if name == "json":
        from opengauge.report.findings import render_json

        return render_json(report)
    if name == "sarif":
        from opengauge.report.sarif import render as render_sarif

        return render_sarif(report)
    from opengauge.report.findings import render_text

    return render_text(report)


def gate(report: AuditReport, fail_on: str) -> list[str]:
    """Why the scan fails at ``fail_on``: findings at or above it, verdicts not reached."""
    if fail_on == NEVER:
        return []
    threshold = Severity(fail_on).rank
    reasons = [
        f"{f.severity.value} {f.rule}" + (f" ({f.path})" if f.path else "")
        for f in report.findings
        if f.status in (Status.FAIL, Status.ERROR) and f.severity.rank >= threshold
    ]
    reasons += [
        f"{r.title}: {r.verdict} ({r.summary[:200]})"
        for r in report.frameworks
        if r.outcome in (Outcome.ERROR, Outcome.INCONCLUSIVE)
    ]
    return reasons


def run(args: argparse.Namespace) -> int:
    """Scan and print; exit 1 when a finding reaches --fail-on or the scan is inconclusive."""
    from opengauge.api import audit

    path = Path(args.path)
    if not path.exists() and not args.path.startswith("hf://"):
        raise UsageError(f"no such file or folder: {args.path}")
    report = audit(args.path, select="safety", allow_file=True, max_files=args.max_files)
    phase("render", args.format)
    emit(_render(report, args.format), args.output)
    reasons = gate(report, args.fail_on)
    if reasons and not args.quiet:
        print(f"opengauge: scan failed (--fail-on {args.fail_on}):", file=sys.stderr)
        for reason in reasons[:20]:
            print(f"  - {reason}", file=sys.stderr)
    elif reasons:
        print(f"opengauge: scan failed: {len(reasons)} reason(s)", file=sys.stderr)
    return 1 if reasons else 0
