"""The failing findings and skips of a report, as a plain list: ``opengauge scan``'s output.

Pure: ``render_json(report)`` and ``render_text(report)`` return strings; every place is
cited through ``Location.pointer``.
"""

from __future__ import annotations

import json
from io import StringIO

from rich.console import Console
from rich.markup import escape

from opengauge.model import AuditReport, Finding, Status


def failed(report: AuditReport) -> list[Finding]:
    """Failing or errored findings, worst first (engine order within a severity)."""
    found = [f for f in report.findings if f.status in (Status.FAIL, Status.ERROR)]
    return sorted(found, key=lambda f: -f.severity.rank)


def render_json(report: AuditReport) -> str:
    """``{"findings": [...], "skipped": [...], "verdict": ...}``, sorted keys."""
    rows = []
    for f in failed(report):
        loc = f.locations[0] if f.locations else None
        rows.append(
            {
                "rule": f.rule,
                "subrule": f.subrule,
                "status": f.status.value,
                "severity": f.severity.value,
                "confidence": f.confidence.value,
                "message": f.message,
                "where": loc.pointer if loc else None,
                "path": loc.path if loc else None,
                "member": loc.member if loc else None,
                "offset": loc.offset if loc else None,
                "line": loc.line if loc else None,
                "cwe": f.cwe,
                "remediation": f.remediation,
            }
        )
    verdicts = {
        r.framework: {"outcome": r.outcome.value, "verdict": r.verdict, "summary": r.summary}
        for r in report.frameworks
    }
    skips = [{"path": s.path, "reason": s.reason} for s in report.skipped]
    return json.dumps(
        {"findings": rows, "skipped": skips, "verdicts": verdicts, "target": report.target.path},
        indent=2,
        sort_keys=True,
    )


def render_text(report: AuditReport, width: int = 120) -> str:
    """One line per failing finding, then the skips and a count."""
    out = StringIO()
    console = Console(file=out, width=width, no_color=True, highlight=False, soft_wrap=True)
    problems = failed(report)
    for f in problems:
        where = f.locations[0].pointer if f.locations else ""
        console.print(f"[{f.severity.value.upper()}] {escape(where)}  {escape(f.message)}")
    for s in report.skipped:
        console.print(f"[SKIPPED] {escape(s.path)}: {escape(s.reason)}")
    for r in report.frameworks:
        console.print(f"{escape(r.title)}: {escape(r.verdict)} ({r.outcome.value})")
    console.print(f"{len(problems)} finding(s), {len(report.skipped)} skipped")
    return out.getvalue()
