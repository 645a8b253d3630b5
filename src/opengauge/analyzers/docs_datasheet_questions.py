"""docs.datasheet_questions: dataset cards answer the questions of Datasheets for Datasets.

One finding per Gebru section: which of its questions the card answers (quoting the
line) and which it leaves open. The questions are data (data/docs/datasheet_questions.toml).
"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.docs.check import check_card
from opengauge.docs.questions import answers
from opengauge.docs.tables import card_items
from opengauge.model import Confidence, Finding, Severity, Status


def _gebru_sections() -> dict[str, str]:
    """Item id -> title of the dataset-card items that are Gebru et al.'s sections, in order."""
    return {item.id: item.title for item in card_items("dataset") if item.standard("gebru")}


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    cards = [card for card in evidence.cards if card.kind == "dataset"]
    if not cards:
        yield ANALYZER.finding(Status.NOT_APPLICABLE, "no dataset card or datasheet in the target")
        return
    for card in cards:
        found = answers(card, check_card(card))
        for section, title in _gebru_sections().items():
            mine = [a for a in found if a.question.section == section]
            answered = [a for a in mine if a.location is not None]
            open_ = [a.question.question for a in mine if a.location is None]
            facts = {
                "card": card.path,
                "section": section,
                "answered": {
                    a.question.id: f"line {a.location.line}"
                    for a in answered
                    if a.location is not None
                },
                "unanswered": [a.question.id for a in mine if a.location is None],
            }
            locations = [a.location for a in answered if a.location is not None]
            summary = f"{card.path} {title}: answers {len(answered)} of {len(mine)} questions"
            if not open_:
                yield ANALYZER.finding(
                    Status.PASS, summary, locations, facts=facts, confidence=Confidence.MEDIUM
                )
            else:
                yield ANALYZER.finding(
                    Status.FAIL,
                    f"{summary}; open: " + " ".join(open_),
                    locations,
                    facts=facts,
                    confidence=Confidence.MEDIUM,
                    remediation="Answer in the datasheet: " + " ".join(open_),
                )


ANALYZER = Analyzer(
    id="docs.datasheet_questions",
    title="Dataset cards answer the datasheet questions",
    rationale="Gebru et al.'s questions (why, what, how collected, how cleaned, for what use, "
    "how distributed, who maintains) are what a reader needs to judge data quality and fit.",
    remediation="Answer the open questions of Datasheets for Datasets.",
    severity=Severity.LOW,
    check=_check,
    references=("https://arxiv.org/abs/1803.09010",),
)
