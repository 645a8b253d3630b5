"""docs.data_card_sections: dataset cards answer the datasheet questions.

Standards: Gebru et al., Datasheets for Datasets (seven sections), and the Hugging Face
dataset card template; items are data in ``data/docs/dataset_card.toml``.
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
    cards = [card for card in evidence.cards if card.kind == "dataset"]
    if not cards:
        yield ANALYZER.finding(Status.NOT_APPLICABLE, "no dataset card or datasheet in the target")
        return
    for card in cards:
        yield from item_findings(ANALYZER, check_card(card))


ANALYZER = Analyzer(
    id="docs.data_card_sections",
    title="Dataset cards answer the datasheet sections",
    rationale="Datasheets (Gebru et al. 2021) document why a dataset exists, what it holds, "
    "how it was collected and cleaned, and who maintains it; most releases never discuss "
    "data quality.",
    remediation="Fill the missing sections; `opengauge card init --dataset` writes a "
    "pre-filled datasheet.",
    severity=Severity.MEDIUM,
    check=_check,
    references=(
        "https://arxiv.org/abs/1803.09010",
        "https://huggingface.co/docs/hub/datasets-cards",
    ),
)
