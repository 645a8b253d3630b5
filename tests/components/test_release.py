from __future__ import annotations

import pytest

from opengauge.components.release import release_facts
from opengauge.model import Card, Evidence, FileEntry, Link


def _evidence(*paths: str, cards: tuple[Card, ...] = ()) -> Evidence:
    return Evidence(root="/x/owner__yi", files=tuple(FileEntry(p, 10) for p in paths), cards=cards)


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("train.py", "own"),
        ("third_party/megatron/model.py", "vendored"),
        ("vendor/lib/README.md", "vendored"),
        ("inference/compression/dependencies/AutoGPTQ/setup.py", "vendored"),
        ("tests/data/enwik8.txt", "test"),
        ("examples/run.py", "demo"),
        ("basic_demo/cli_demo.py", "demo"),
        ("Cookbook/en/rag.ipynb", "demo"),
        ("configs/example_training/x.yaml", "demo"),
        ("quantization/awq/eval_quantized_model.py", "demo"),
        ("finetune/sft/main.py", "demo"),  # a downstream fine-tuning recipe for users
    ],
)
def test_roles(path: str, role: str) -> None:
    release = release_facts(_evidence(path, "finetune/sft/main.py"))
    assert release.role(path) == role


def test_a_fine_tuning_folder_the_docs_say_trained_the_release_is_its_own() -> None:
    card = Card("README.md", "model", body="We used `finetune/train.py` to reproduce Zephyr.")
    release = release_facts(_evidence("finetune/train.py", cards=(card,)))
    assert release.role("finetune/train.py") == "own"


def test_names_own_orgs_and_tool_docs() -> None:
    links = tuple(
        Link(f"https://huggingface.co/01-ai/Yi-{n}", "", "README.md", 1) for n in ("6B", "34B")
    )
    card = Card(
        "README.md",
        "model",
        links=(*links, Link("https://huggingface.co/meta-llama/Llama-2-7b", "", "README.md", 2)),
    )
    release = release_facts(_evidence("tools/x.py", "tools/README.md", cards=(card,)))
    assert release.names == frozenset({"owner__yi", "yi"})
    assert release.own_orgs == frozenset({"01-ai"})
    assert release.tool_doc("tools/README.md") and not release.tool_doc("README.md")
