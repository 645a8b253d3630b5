"""`opengauge scan PATH`: what would loading these model files execute?

The audit itself, narrowed to safety (``api.audit(select="safety")``): the same reader,
the same sniffing and the same analyzers as ``opengauge audit``, so both always agree.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from opengauge.commands._io import emit
from opengauge.errors import UsageError
from opengauge.model import Outcome, Severity, Status

NAME = "scan"
HELP = "Scan model files (pickles, archives, Keras, ONNX) and shipped code for unsafe content."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the scan command."""
    parser.add_argument("path", help="a folder or a single file")
    parser.add_argument("--format", choices=("terminal", "json", "sarif"), default="terminal")
    parser.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default="high",
        help="exit 1 when a finding reaches this severity (default: high)",
    )
    parser.add_argument("--output", "-o", default=None, help="write the report to this file")
    parser.add_argument("--max-files", type=int, default=100_000, help="file count cap")


def run(args: argparse.Namespace) -> int:
    """Scan and print; exit 1 when a finding reaches --fail-on or the scan is inconclusive."""
    from opengauge.api import audit

    path = Path(args.path)
    if not path.exists() and not args.path.startswith("hf://"):
        raise UsageError(f"no such file or folder: {args.path}")
    report = audit(args.path, select="safety", allow_file=True, max_files=args.max_files)
    if args.format == "json":
        from opengauge.report.findings import render_json

        text = render_json(report)
    elif args.format == "sarif":
        from opengauge.report.sarif import render as render_sarif

        text = render_sarif(report)
    else:
        from opengauge.report.findings import render_text

        text = render_text(report)
    emit(text, args.output)
    threshold = Severity(args.fail_on).rank
    hit = any(
        f.status in (Status.FAIL, Status.ERROR) and f.severity.rank >= threshold
        for f in report.findings
    )
    unsure = any(r.outcome in (Outcome.ERROR, Outcome.INCONCLUSIVE) for r in report.frameworks)
    return 1 if hit or unsure else 0
