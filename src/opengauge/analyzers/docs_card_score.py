"""docs.card_score: each card's 0-100 documentation score, with its breakdown.

Weights are data (``data/docs/*.toml``); not-applicable items leave the denominator.
"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.docs.check import check_card
from opengauge.model import Finding, Location, Severity, Status

PASS_SCORE = 60.0


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    cards = [c for c in evidence.cards if c.kind in ("model", "dataset")] or [
        c for c in evidence.cards if c.kind == "readme"
    ][:1]
    if not cards:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "no card to score")
        return
    for card in cards:
        check = check_card(card)
        status = Status.PASS if check.score >= PASS_SCORE else Status.FAIL
        gaps = [line.title for line in check.breakdown if line.earned < line.possible]
        message = f"{card.path} scores {check.score:g}/100 as a {check.kind} card"
        if gaps:
            message += "; not documented: " + ", ".join(gaps[:6])
        yield ANALYZER.finding(
            status,
            message,
            [Location(card.path)],
            facts={
                "card": card.path,
                "kind": check.kind,
                "score": check.score,
                "breakdown": [
                    {
                        "item": line.item,
                        "state": line.state.value,
                        "earned": line.earned,
                        "possible": line.possible,
                    }
                    for line in check.breakdown
                ],
            },
        )


ANALYZER = Analyzer(
    id="docs.card_score",
    title=f"The card's documentation score is at least {PASS_SCORE:g}/100",
    rationale="A single number, with its breakdown, tracks how much of a card is written "
    "beyond headings and template text.",
    remediation="Fill the items listed; `opengauge card check` shows the gaps, most "
    "important first.",
    severity=Severity.LOW,
    check=_check,
)
