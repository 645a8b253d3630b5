from __future__ import annotations

import pytest

from opengauge.components.refs import classify_link, fenced_lines, mentioned_files, references
from opengauge.model import Card, Component, Link, Section

C = Component


@pytest.mark.parametrize(
    ("url", "section", "line", "component"),
    [
        ("https://arxiv.org/abs/2307.09288", "Model details", "Paper: Llama 2", C.RESEARCH_PAPER),
        ("https://arxiv.org/abs/2104.08727", "Training data", "| GooAQ | [paper](x) |",
         C.DATASETS),
        ("https://arxiv.org/abs/2403.1", "Overview", "our technical report", C.TECHNICAL_REPORT),
        ("https://huggingface.co/datasets/allenai/dolma", "Training", "", C.DATASETS),
        ("https://huggingface.co/datasets/cais/mmlu", "Evaluation", "", C.EVALUATION_DATA),
        ("https://github.com/allenai/OLMo", "Training", "training code is at", C.TRAINING_CODE),
        ("https://github.com/EleutherAI/lm-evaluation-harness", "Evaluation", "we use",
         C.EVALUATION_CODE),
        ("https://github.com/allenai/dolma", "Data processing", "pipeline",
         C.DATA_PREPROCESSING_CODE),
        ("https://github.com/org/corpus", "Training data", "| set |", C.DATASETS),
        ("https://github.com/org/lib", "Acknowledgements", "thanks", C.SUPPORTING_LIBRARIES),
        ("https://wandb.ai/org/run", "Training", "logs", C.MODEL_METADATA),
        ("https://www.kaggle.com/x/y", "Sources", "", C.DATASETS),
    ],
)
def test_classify_link(url: str, section: str, line: str, component: C) -> None:
    hit = classify_link(url, section, line)
    assert hit is not None and hit[0] is component


def test_unrelated_links_are_ignored() -> None:
    assert classify_link("https://huggingface.co/bert-base", "Base model", "") is None
    assert classify_link("https://example.com", "x", "") is None
    assert classify_link("http://[::1", "x", "") is None


def test_references_and_mentions() -> None:
    body = ("# M\n## Training data\nSee [set](https://huggingface.co/datasets/a/b).\n"
            "The script is in this repository: `train.py`.\n```\npython other.py\n```\n"
            "Also [notes](docs/notes.md).\n")
    card = Card(path="README.md", kind="model", metadata={"datasets": ["a/b", "c"]}, body=body,
                body_start_line=1,
                sections=(Section("M", 1, 1, ""), Section("Training data", 2, 2, "", ("M",))),
                links=(Link("https://huggingface.co/datasets/a/b", "set", "README.md", 3),))
    refs = list(references(card))
    assert {r.target for r in refs} == {"https://huggingface.co/datasets/a/b",
                                        "hf://datasets/a/b", "hf://datasets/c"}
    mentions = {name: here for name, _, here in mentioned_files(card)}
    assert mentions == {"train.py": True, "docs/notes.md": True}
    assert fenced_lines(body.splitlines()) == {4, 5, 6}
