"""docs.model_card_sections: the model card fills the standard sections.

Standards: Mitchell et al. 2019 (nine sections) and the Hugging Face model card
template; the items, synonyms and weights are data in ``data/docs/model_card.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.analyzers.docs_items import item_findings
from opengauge.docs.check import check_card
from opengauge.model import Finding, Severity, Status


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    card = evidence.model_card
    if card is None and any(c.kind == "dataset" for c in evidence.cards):
        yield ANALYZER.finding(Status.NOT_APPLICABLE, "only dataset cards: not a model release")
        return
    if card is None:
        yield ANALYZER.finding(Status.FAIL, "no model card or README found", severity=Severity.HIGH)
        return
    yield from item_findings(ANALYZER, check_card(card))


ANALYZER = Analyzer(
    id="docs.model_card_sections",
    title="The model card documents the standard model card sections",
    rationale="Model cards (Mitchell et al. 2019) tell users what a model is for, how it was "
    "trained and evaluated, and where it fails; limitations, evaluation and environmental "
    "impact are the sections releases most often leave out.",
    remediation="Fill the missing sections; `opengauge card init` writes a pre-filled card.",
    severity=Severity.MEDIUM,
    check=_check,
    references=(
        "https://arxiv.org/abs/1810.03993",
        "https://huggingface.co/docs/hub/model-cards",
    ),
)
