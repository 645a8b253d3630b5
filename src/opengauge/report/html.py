"""One self-contained HTML page (inline CSS and SVG, no script, no network), via Jinja2.

Autoescape is on for the whole template: every string from the target (file names, card
metadata, licence names, finding messages) is data, never markup. The view context is
plain data built here so the template holds layout only.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from opengauge.components.followed import shown_reference, state_text
from opengauge.model import (
    MOF_COMPONENTS,
    AuditReport,
    ComponentResult,
    ComponentState,
    Finding,
    Outcome,
    Severity,
)
from opengauge.report import _gaps, _view

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
_TOP_ITEMS = 3  # high findings in the summary; the rest are in their sections
_URL = re.compile(r"https?://[^\s<>\"'`\\]{1,2000}", re.IGNORECASE)
# Every label the page can show, with what it means (the legends list them all).
STATE_LEGEND = (
    ("present", "present", "in the release folder"),
    ("referenced", "referenced", "published elsewhere, linked from the release"),
    ("claimed", "claimed, absent", "the documentation names it; the folder lacks it"),
    ("missing", "missing", "no file, no link"),
)
MOF_STATUS_LEGEND = (
    ("ok", "included", "present under an open licence of the right kind"),
    ("cond", "conditional", "open licence, but not the kind MOF expects for it"),
    ("bad", "unlicensed", "present without a licence"),
    ("bad", "invalid", "a licence that is not open, or names no known licence"),
)
RATING_LEGEND = (
    ("open", "open", "counts 1"),
    ("partial", "partial", "counts 0.5"),
    ("closed", "closed", "counts 0"),
    ("unknown", "not rated", "left out of the mean"),
)
CATEGORY_LEGEND = {
    "osi-open": "OSI-approved open source licence",
    "open-data": "open data licence",
    "open-content": "open content licence (documents, media)",
    "unknown": "not identified: read the text",
    "restricted-aup": "use restricted by an acceptable-use policy",
    "noncommercial": "no commercial use",
    "proprietary": "proprietary terms",
}


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
    osai = report.index
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


def link(target: str) -> str | None:
    """``target`` when it is an http(s) URL a reader may follow, else None (shown as text)."""
    match = _URL.fullmatch(target.strip())
    if match is None:
        return None
    parts = urlsplit(match.group(0))
    return match.group(0) if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _evidence(result: ComponentResult) -> dict[str, Any]:
    """What shows the component: its files (one per line), or a reference (linked when it
    is an http(s) URL) with why it counts, and a note in plain text."""
    if result.state is ComponentState.PRESENT:
        more = f"+{len(result.files) - 3} more" if len(result.files) > 3 else ""
        return {"files": list(result.files[:3]), "url": None, "text": "", "note": more}
    if result.state is ComponentState.REFERENCED and result.references:
        ref = shown_reference(result) or result.references[0]
        more = f" (+{len(result.references) - 1} more)" if len(result.references) > 1 else ""
        checked = f"; {state_text(ref)}" if ref.verification else ""  # --follow
        note = f"{more} — {ref.reason}{checked}"
        return {"files": [], "text": ref.target, "url": link(ref.target), "note": note}
    if result.state is ComponentState.CLAIMED_ABSENT and result.claims:
        claim = result.claims[0]
        text = f"{_view.where(claim.location)} names {claim.target}; not in folder"
        return {"files": [], "text": text, "url": None, "note": ""}
    return {"files": [], "text": "no file, no link", "url": None, "note": ""}


def _locations(f: Finding) -> list[dict[str, Any]]:
    """Up to 10 distinct locations (a scanner may report one line twice)."""
    seen = dict.fromkeys((_view.where(loc), loc.excerpt) for loc in f.locations)
    return [{"where": w, "excerpt": e} for w, e in list(seen)[:10]]


def _finding(report: AuditReport, f: Finding, also: tuple[Finding, ...] = ()) -> dict[str, Any]:
    sup = _view.suppression_for(report, f)
    return {
        "rule": f.rule,
        "severity": max((f, *also), key=lambda x: x.severity.rank).severity.value,
        "message": f.message,
        "confidence": f.confidence.value,
        "cwe": f.cwe,
        "remediation": f.remediation,
        "locations": _locations(f),
        "suppressed": sup.reason if sup else None,
        "also": [f"{a.rule}: {a.message}" for a in also],
    }


def _findings(
    report: AuditReport, prefix: str | None, exclude: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    return [_finding(report, f) for f in _view.problems(report, prefix, exclude)[:_MAX_ITEMS]]


def _safety_state(report: AuditReport) -> dict[str, Any]:
    """The safety line of the summary: unsafe, not established, safe, or not rated."""
    worst = _view.unsafe(report)
    result = report.safety
    if worst is not None:
        return {"css": "bad", "text": f"Unsafe to load: worst finding {worst.value}"}
    if result is not None and result.outcome in (Outcome.ERROR, Outcome.INCONCLUSIVE):
        return {
            "css": "warn",
            "text": f"Safety not established: {result.summary or result.verdict}",
        }
    if result is not None and _view.safety_problems(report):
        worst_seen = _view.safety_problems(report)[0].severity.value
        return {"css": "ok", "text": f"Below the unsafe threshold: worst finding {worst_seen}"}
    if result is not None:
        return {"css": "ok", "text": f"No unsafe content found ({result.summary})"}
    return {"css": "neutral", "text": "Safety was not rated in this report"}


def _summary(report: AuditReport) -> dict[str, Any]:
    """The top of the page: safety, the worst safety finding, every high finding."""
    safety = _view.safety_problems(report)
    worst = safety[0] if safety else None
    serious = [f for f in _view.serious(report) if f is not worst]
    return {
        "safety": _safety_state(report),
        "worst": _finding(report, worst) if worst else None,
        "serious": [_finding(report, f) for f in serious[:_TOP_ITEMS]],
        "more": [(f.rule, _section(f)) for f in serious[_TOP_ITEMS:_MAX_ITEMS]],
    }


def _section(finding: Finding) -> str:
    """The page section that lists ``finding`` in full."""
    if finding.rule.startswith("safety."):
        return "Safety findings"
    return "Documentation gaps" if finding.rule.startswith("docs.") else "Other findings"


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
    licences = _view.licences_by_scope(report)
    return {
        "report": report,
        "name": _view.model_name(report),
        "summary": _summary(report),
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
            for scope, matches in licences.items()
        ],
        "categories": [
            (c, CATEGORY_LEGEND.get(c, c))
            for c in sorted({m.category.value for ms in licences.values() for m in ms})
        ],
        "state_legend": STATE_LEGEND,
        "status_legend": MOF_STATUS_LEGEND,
        "rating_legend": RATING_LEGEND,
        "safety": _by_severity(safety),
        "safety_counts": counts,
        "doc_scores": _gaps.card_scores(report),
        "docs": [
            _finding(report, g.finding, g.restated_by)
            for g in _gaps.documentation_gaps(report)[:_MAX_ITEMS]
        ],
        "other": _findings(report, None, ("safety.", "docs.")),
        "skipped": report.skipped[:_MAX_ITEMS],
        "suppressed": report.suppressed,
    }


def render(report: AuditReport) -> str:
    """The report as one standalone HTML document."""
    return str(_template().render(**context(report)))
