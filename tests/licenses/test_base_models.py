"""Base models a release says it was fine-tuned from, and what it inherits from them."""

from __future__ import annotations

from opengauge.licenses.base_models import derived_from, family_of, find_bases


def test_families_by_name_and_hub_id() -> None:
    assert family_of("meta-llama/Llama-3.1-8B") is not None
    assert family_of("meta-llama/Llama-3.1-8B").name == "Llama 3"  # type: ignore[union-attr]
    assert family_of("Llama 2").name == "Llama 2"  # type: ignore[union-attr]
    assert family_of("huggyllama/llama-7b").name == "LLaMA"  # type: ignore[union-attr]
    assert family_of("EleutherAI/pythia-12b").name == "Pythia"  # type: ignore[union-attr]
    assert family_of("gpt2") is None


def test_derivation_sentences() -> None:
    hit = derived_from("Vicuna is fine-tuned from Llama 2 with user-shared conversations.")
    assert hit is not None and hit[1].name == "Llama 2"
    assert derived_from("OpenLLaMA is a reproduction of LLaMA trained from scratch.") is None
    assert derived_from("The model is based on the Llama architecture.") is None


def test_config_bases_follow_the_majority_and_skip_toy_configs() -> None:
    configs = [
        ("configs/train_configs/dpo/mini.yaml", "model_name_or_path: EleutherAI/pythia-14m\n"),
        ("configs/train_configs/sft/a.yaml", "model_name_or_path: meta-llama/Llama-3.1-8B\n"),
        ("configs/train_configs/sft/b.yaml", "model_name_or_path: meta-llama/Llama-3.1-70B\n"),
        ("configs/train_configs/sft/c.yaml", "model_name_or_path: EleutherAI/pythia-1b\n"),
    ]
    found = find_bases([], configs)
    assert [b.family.name for b in found] == ["Llama 3", "Llama 3", "Pythia"]
    assert found[0].path == "configs/train_configs/sft/a.yaml" and found[0].line == 1


def test_pretraining_configs_mean_the_release_trains_its_own_base() -> None:
    configs = [
        ("scripts/train/yamls/pretrain/mpt-7b.yaml", "model:\n  name: mpt_causal_lm\n"),
        ("scripts/train/yamls/finetune/llama.yaml", "base_model: meta-llama/Llama-3.1-8B\n"),
    ]
    assert find_bases([], configs) == []


def test_documents_come_before_configs_and_vendored_text_is_ignored() -> None:
    docs = [
        ("third_party/x/README.md", "This is fine-tuned from Llama 2.", 1),
        ("README.md", "# A\n\nAlpaca is fine-tuned from LLaMA 7B on 52K demonstrations.", 1),
    ]
    configs = [("train/config.yaml", "base_model: EleutherAI/pythia-1b\n")]
    found = find_bases(docs, configs)
    assert [b.family.name for b in found] == ["LLaMA", "Pythia"]
    assert found[0].path == "README.md" and found[0].line == 3


def test_recipes_in_sub_folders_do_not_make_the_release_a_fine_tune() -> None:
    docs = [
        ("recipes/zephyr-7b-gemma/README.md", "This model is fine-tuned from Gemma 7B.", 1),
        ("README.md", "# Handbook\n\nRobust recipes to align language models.", 1),
    ]
    assert find_bases(docs, []) == []
