"""The inventory as a whole: what referenced weights bring along."""

from __future__ import annotations

from opengauge.components import assess
from opengauge.evidence.cards import parse_card
from opengauge.model import Component, ComponentState, Evidence

README = """# Acme LM

## Importing other models

Convert a checkpoint from the [Llama 2 repository](https://huggingface.co/meta-llama/Llama-2-7b)
with `tools/convert.py`.

## Models

Our weights: [Acme LM 7B](https://huggingface.co/acme/acme-lm-7b) and
[Acme LM 1B](https://huggingface.co/acme/acme-lm-1b).
"""


def test_the_card_that_comes_with_the_weights_is_the_releases_own() -> None:
    evidence = Evidence(root="/x/acme-lm", cards=(parse_card(README, "README.md", "readme"),))
    results = {r.component: r for r in assess(evidence, "acme-lm")}
    weights = results[Component.MODEL_PARAMETERS_FINAL]
    assert weights.state is ComponentState.REFERENCED
    card = results[Component.MODEL_CARD]
    assert card.state is ComponentState.REFERENCED
    # document order would give Meta's Llama card: the release's own repository comes first
    assert card.references[0].target == "https://huggingface.co/acme/acme-lm-7b"
    assert card.references[0].location.line == 10
