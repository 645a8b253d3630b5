"""Documentation gaps, each once. Pure.

Three analyzers can report the same gap: ``docs.card_score`` lists a card's missing
sections, ``docs.model_card_sections`` reports each of them, and ``docs.disclosure``
reports a topic no document discusses (which a missing section often already says).
``docs.datasheet_questions`` finds none of a section's questions answered in a card that
lacks the section. Here the score becomes a summary line, and a disclosure topic or an
unanswered section joins the missing card section it restates, so a reader sees each gap
once with every rule behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.model import AuditReport, Finding
from opengauge.report._view import problems

SCORE_RULE = "docs.card_score"
SECTION_RULES = ("docs.model_card_sections", "docs.data_card_sections")  # model card first
DISCLOSURE_RULE = "docs.disclosure"
QUESTIONS_RULE = "docs.datasheet_questions"  # a section with no answer restates its absence
# docs.disclosure topic -> the card sections (model_card.toml / dataset_card.toml ids)
# whose absence already reports it; a topic not listed matches a section of its own id.
TOPIC_SECTIONS: dict[str, tuple[str, ...]] = {
    "contact_maintenance": ("contact", "maintenance"),
    "known_biases": ("bias_risks_limitations",),
    "limitations": ("bias_risks_limitations",),
    "disaggregated_results": ("factors",),
}


@dataclass(frozen=True)
class Gap:
    """One documentation gap: the finding shown, and the findings that restate it."""

    finding: Finding
    restated_by: tuple[Finding, ...] = ()


def card_scores(report: AuditReport) -> list[str]:
    """One line per scored card: ``README.md: 17.5/100 as a model card``."""
    lines = []
    for finding in report.findings:
        if finding.rule != SCORE_RULE:
            continue
        card, score, kind = (finding.facts.get(k) for k in ("card", "score", "kind"))
        if isinstance(card, str) and isinstance(score, (int, float)) and isinstance(kind, str):
            lines.append(f"{card}: {score:g}/100 as a {kind} card")
        else:
            lines.append(finding.message.split(";", 1)[0])
    return lines


def _section_key(finding: Finding) -> str | None:
    item = finding.facts.get("item")
    return item if finding.rule in SECTION_RULES and isinstance(item, str) else None


def _unanswered_section(
    finding: Finding, sections: dict[tuple[object, str | None], Finding]
) -> Finding | None:
    """The missing-section finding a datasheet question finding restates, if any: none of
    the section's questions is answered and the same card lacks the section."""
    facts = finding.facts
    if finding.rule != QUESTIONS_RULE or facts.get("answered"):
        return None
    section = facts.get("section")
    return sections.get((facts.get("card"), section)) if isinstance(section, str) else None


def documentation_gaps(report: AuditReport) -> list[Gap]:
    """Failed documentation findings, worst first, each gap once."""
    found = problems(report, "docs.")
    sections: dict[str, Finding] = {}
    for rule in SECTION_RULES:
        for finding in found:
            key = _section_key(finding)
            if finding.rule == rule and key is not None:
                sections.setdefault(key, finding)
    restated: dict[int, list[Finding]] = {}
    shown: list[Finding] = []
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    by_card = {(f.facts.get("card"), _section_key(f)): f for f in found if _section_key(f)}
    for finding in found:
        if finding.rule == SCORE_RULE:
            continue
        missing = _unanswered_section(finding, by_card)
        if missing is not None:  # "answers 0 of 4" of a section the card lacks
            restated.setdefault(id(missing), []).append(finding)
            continue
        topic = finding.facts.get("topic") if finding.rule == DISCLOSURE_RULE else None
        if isinstance(topic, str):
            keys = TOPIC_SECTIONS.get(topic, (topic,))
            target = next((sections[k] for k in keys if k in sections), None)
            if target is not None:
                restated.setdefault(id(target), []).append(finding)
                continue
        identity = (finding.rule, finding.message, tuple(loc.pointer for loc in finding.locations))
        if identity in seen:  # the same gap reported twice by one rule
            continue
        seen.add(identity)
        shown.append(finding)
    gaps = [Gap(f, tuple(restated.get(id(f), ()))) for f in shown]
    return sorted(gaps, key=lambda g: -max(f.severity.rank for f in (g.finding, *g.restated_by)))
