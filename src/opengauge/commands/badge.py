"""``opengauge badge PATH``: an SVG badge and a shields.io endpoint JSON for a README."""

from __future__ import annotations

import argparse

from opengauge.commands._io import emit, timestamp

NAME = "badge"
HELP = "audit a folder and write a README badge (SVG) and/or a shields.io endpoint JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``badge``."""
    parser.add_argument("path", help="model folder to audit")
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the SVG to FILE (default: stdout unless --endpoint)",
    )
    parser.add_argument("--endpoint", metavar="FILE", help="write shields.io endpoint JSON to FILE")
    parser.add_argument(
        "--generated-at", type=timestamp, metavar="ISO8601", help="timestamp to record"
    )


def run(args: argparse.Namespace) -> int:
    """Audit, then write the badge files."""
    from opengauge.api import audit
    from opengauge.report.badge import render_endpoint, render_svg

    report = audit(args.path, generated_at=args.generated_at)
    if args.endpoint:
        emit(render_endpoint(report), args.endpoint)
    if args.output or not args.endpoint:
        emit(render_svg(report), args.output)
    return 0
