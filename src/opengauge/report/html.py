"""One self-contained HTML page (inline CSS and SVG, no script, no network), via Jinja2.

Autoescape is on for the whole template: every string from the target (file names, card
metadata, licence names, finding messages) is data, never markup. The view context is
plain data built here so the template holds layout only.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from opengauge.model import MOF_COMPONENTS, AuditReport, ComponentResult, ComponentState, Severity
from opengauge.report import _view

_SEVERITIES = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)
_STATE_CLASS = {
    "present": "present",
    "referenced": "referenced",
    "claimed, absent": "claimed",
    "missing": "missing",
}
_MOF_STATUS_CLASS = {
    "included": "ok",
    "conditional": "cond",
    "unlicensed": "bad",
    "invalid": "bad",
    "missing": "",
}
_RATING_CLASS = {"open": "open", "partial": "partial", "closed": "closed"}
_MAX_ITEMS = 500  # per list: a hostile target cannot make the page unbounded


@cache
def _template() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("opengauge.report", "templates"),
        autoescape=True,  # all templates, whatever their extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("report.html.j2")


def _status(passed: bool | None) -> str:
    return {True: "pass", False: "fail", None: "neutral"}[passed]


def _frameworks(report: AuditReport) -> list[dict[str, Any]]:
    return [
        {
            "id": fw.framework,
            "title": fw.title or fw.framework,
            "verdict": fw.verdict,
            "status": _status(fw.passed),
            "reason": _view.main_reason(fw),
            "score": fw.score,
            "to_raise": list(fw.to_raise[:20]),
        }
        for fw in report.frameworks
    ]


def _osai(report: AuditReport) -> dict[str, Any] | None:
    osai = _view.framework(report, "osai")
    if osai is None:
        return None
    cells = [
        {
            "title": c.title,
            "rating": c.rating or "not rated",
            "css": _RATING_CLASS.get(str(c.rating).lower(), "unknown"),
            "reason": c.reason,
        }
        for c in osai.controls[:50]
    ]
    record, disagreements = _view.index_disagreements(report)
    return {
        "verdict": osai.verdict,
        "summary": osai.summary,
        "cells": cells,
        "record": record,
        "disagreements": disagreements,
    }


def _evidence(result: ComponentResult) -> str:
    if result.state is ComponentState.PRESENT:
        more = f" (+{len(result.files) - 3} more)" if len(result.files) > 3 else ""
        return ", ".join(result.files[:3]) + more
    if result.state is ComponentState.REFERENCED and result.references:
        return f"{result.references[0].target} — {result.references[0].reason}"
    if result.state is ComponentState.CLAIMED_ABSENT and result.claims:
        claim = result.claims[0]
        return f"{_view.where(claim.location)} names {claim.target}; not in folder"
    return "no file, no link"


def _findings(
    report: AuditReport, prefix: str | None, exclude: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    out = []
    for f in _view.problems(report, prefix, exclude)[:_MAX_ITEMS]:
        sup = _view.suppression_for(report, f)
        out.append(
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "message": f.message,
                "confidence": f.confidence.value,
                "cwe": f.cwe,
                "remediation": f.remediation,
                "locations": [
                    {"where": _view.where(loc), "excerpt": loc.excerpt} for loc in f.locations[:10]
                ],
                "suppressed": sup.reason if sup else None,
            }
        )
    return out


def _by_severity(items: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    return [
        (s.value, [i for i in items if i["severity"] == s.value])
        for s in _SEVERITIES
        if any(i["severity"] == s.value for i in items)
    ]


def context(report: AuditReport) -> dict[str, Any]:
    """Plain data the template lays out (exposed for tests)."""
    safety = _findings(report, "safety.")
    counts = {s: len(items) for s, items in _by_severity(safety)}
    return {
        "report": report,
        "size": sum(f.size for f in report.files),
        "frameworks": _frameworks(report),
        "ladder": [
            {
                "number": r.number,
                "label": r.label,
                "reached": r.reached,
                "roman": "I" * r.number,
                "items": [
                    {
                        "name": n,
                        "required": req,
                        "state": st,
                        "css": _STATE_CLASS[st],
                        "licence": lic,
                        "status": status,
                        "status_css": _MOF_STATUS_CLASS.get(status, ""),
                    }
                    for n, req, st, lic, status in r.items
                ],
            }
            for r in _view.mof_ladder(report)
        ],
        "mof": _view.mof_text(report),
        "osai": _osai(report),
        "components": [
            {
                "name": r.component.value,
                "state": _view.STATE_LABEL[r.state],
                "css": _STATE_CLASS[_view.STATE_LABEL[r.state]],
                "evidence": _evidence(r),
            }
            for r in report.components
            if r.component in MOF_COMPONENTS
        ],
        "licences": [
            (
                scope,
                [
                    {
                        "where": m.location.pointer,
                        "label": _view.licence_label(m),
                        "category": m.category.value,
                        "clauses": sorted({c.kind for c in m.clauses}),
                        "confidence": m.confidence,
                    }
                    for m in matches[:_MAX_ITEMS]
                ],
            )
            for scope, matches in _view.licences_by_scope(report).items()
        ],
        "safety": _by_severity(safety),
        "safety_counts": counts,
        "docs": _findings(report, "docs."),
        "other": _findings(report, None, ("safety.", "docs.")),
        "skipped": report.skipped[:_MAX_ITEMS],
        "suppressed": report.suppressed,
    }


def render(report: AuditReport) -> str:
    """The report as one standalone HTML document."""
    return str(_template().render(**context(report)))
