"""A README badge: flat SVG (self-made, escaped) and a shields.io endpoint JSON.

The message is ``MOF <class> · OSAID <result>`` read from the "mof" and "osaid"
framework results; a framework absent from the report reads "not rated". Safety comes
first: an unsafe release reads ``unsafe: <worst severity> · MOF ...`` in red whatever
its openness, and one whose safety scan did not conclude says so and is never green.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from opengauge.model import AuditReport, Outcome
from opengauge.report import _view

LABEL = "opengauge"
_COLOURS = {
    "brightgreen": "#4c1",
    "green": "#97ca00",
    "yellow": "#dfb317",
    "orange": "#fe7d37",
    "red": "#e05d44",
    "lightgrey": "#9f9f9f",
}


def _unchecked(report: AuditReport) -> bool:
    safety = report.safety
    return safety is not None and safety.outcome in (Outcome.INCONCLUSIVE, Outcome.ERROR)


def message(report: AuditReport) -> str:
    """``MOF Class II · OSAID fails``, after ``unsafe: critical`` when the release is unsafe."""
    openness = f"MOF {_view.mof_text(report)} · OSAID {_view.osaid_text(report)}"
    worst = _view.unsafe(report)
    if worst is not None:
        return f"unsafe: {worst.value} · {openness}"
    return f"safety unchecked · {openness}" if _unchecked(report) else openness


def colour(report: AuditReport) -> str:
    """A shields.io colour name: red when unsafe; else green for open, red for failing,
    grey when not rated; never green when the safety scan did not conclude."""
    if _view.unsafe(report) is not None:
        return "red"
    shade = _openness_colour(report)
    return "yellow" if _unchecked(report) and shade in ("brightgreen", "green") else shade


def _openness_colour(report: AuditReport) -> str:
    mof, osaid = report.mof, report.osaid
    if mof is None and osaid is None:
        return "lightgrey"
    if osaid is not None and osaid.passed:
        return "brightgreen"
    level = mof.level if mof is not None else None
    if level in (1, 2):
        return "green"
    if level == 3:
        return "yellow"
    return "red" if level == 0 or (osaid is not None and osaid.passed is False) else "orange"


def endpoint(report: AuditReport) -> dict[str, Any]:
    """shields.io endpoint data (https://shields.io/badges/endpoint-badge)."""
    return {"schemaVersion": 1, "label": LABEL, "message": message(report), "color": colour(report)}


def render_endpoint(report: AuditReport) -> str:
    """The endpoint JSON text."""
    return json.dumps(endpoint(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _width(text: str) -> int:
    # Verdana 11px averages ~6.5 px per character; wide enough without font metrics.
    return int(len(text) * 6.5) + 12


def render_svg(report: AuditReport) -> str:
    """A flat badge, like shields.io's, with every text escaped."""
    label, msg = LABEL, message(report)[:120]
    left, right = _width(label), _width(msg)
    total = left + right
    fill = _COLOURS[colour(report)]
    title = escape(f"{label}: {msg}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f"aria-label={quoteattr(f'{label}: {msg}')}>"
        f"<title>{title}</title>"
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{fill}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" '
        'font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2:.1f}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2:.1f}" y="14">{escape(msg)}</text></g></svg>\n'
    )
