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


def test_a_readme_not_in_english_cites_its_english_translation_first() -> None:
    weights = "[HuggingFace](https://huggingface.co/acme/acme-lm-7b)"
    chinese = f"# Acme LM\n\n{'模型下载与使用说明' * 20}\n\n## 模型\n\n{weights}\n"
    english = f"# Acme LM\n\nDownload and usage.\n\n## Models\n\nWeights: {weights}\n"

    def cited(root_body: str) -> str:
        cards = (
            parse_card(root_body, "README.md", "model"),
            parse_card(english, "README_en.md", "readme"),
        )
        results = {r.component: r for r in assess(Evidence(root="/x/acme", cards=cards), "acme")}
        ref = results[Component.MODEL_PARAMETERS_FINAL].references[0]
        return f"{ref.location.path}:{ref.location.line}"

    assert cited(chinese) == "README_en.md:7"
    # an English README stays first: its translation is not preferred over it
    assert cited(english.replace("Weights:", "Get the weights:")) == "README.md:7"


def test_a_folder_of_evaluation_data_is_not_training_data() -> None:
    from opengauge.model import FileEntry

    data_readme = (
        "This directory supplements the paper with more details on how we prepared the data "
        "for evaluation.\n\n## FLEURS\n\n[FLEURS](https://huggingface.co/datasets/google/fleurs)\n"
    )
    cards = (
        parse_card("# Whisper\n\nA speech model.\n", "README.md", "model"),
        parse_card(data_readme, "data/README.md", "dataset"),
    )
    files = (
        FileEntry("README.md", 30, kind="doc"),
        FileEntry("data/README.md", len(data_readme), kind="doc"),
        FileEntry("data/meanwhile.json", 200_000_000, kind="data"),
    )
    results = {r.component: r for r in assess(Evidence(root="/x/w", cards=cards, files=files), "w")}
    assert results[Component.DATASETS].state is ComponentState.MISSING
    assert results[Component.DATA_CARD].state is ComponentState.MISSING
    evaluation = results[Component.EVALUATION_DATA]
    assert set(evaluation.files) == {"data/README.md", "data/meanwhile.json"}
    assert [r.target for r in evaluation.references] == [
        "https://huggingface.co/datasets/google/fleurs"
    ]
