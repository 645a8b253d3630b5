"""docs.hardware: training hardware, from text about training only."""

from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.docs_hardware import ANALYZER, best_statement
from opengauge.evidence.cards import parse_card
from opengauge.model import Evidence, FileEntry, Finding


def _run(readme: str, files: tuple[FileEntry, ...] = ()) -> Finding:
    evidence = Evidence(root="/x", cards=(parse_card(readme, "README.md", "readme"),), files=files)
    (finding,) = ANALYZER.run(Context.build(evidence))
    return finding


def test_full_statement_in_training_section() -> None:
    finding = _run("# M\n\n## Training\n\nThe model was trained on 256 A100 GPUs for 3 days.\n")
    assert finding.facts["level"] == "full"
    assert finding.locations[0].line == 5
    assert "A100" in (finding.locations[0].excerpt or "")


def test_named_accelerator_without_amount_is_partial() -> None:
    finding = _run("# M\n\nWe pre-trained the model on cloud TPU-v4s with JAX.\n")
    assert finding.facts["level"] == "partial"


def test_instructions_and_speeds_are_not_how_the_model_was_trained() -> None:
    for sentence in (
        "You can use the following command to train Vicuna-7B with 4 x A100 (40GB).",
        "Full fine-tuning on a multi-GPU machine (tested on an 8 x A100 (80GB) node).",
        "Training speed: 114K tokens/s on 8x8 A100 80G.",
        "A typical hardware setup for finetuning the 34B model is a node with 8 GPUs.",
    ):
        assert _run(f"# M\n\n{sentence}\n").facts["level"] == "none", sentence


def test_hardware_outside_training_text_does_not_count() -> None:
    assert _run("# M\n\nInference runs on one A100 GPU.\n").facts["level"] == "none"
    deploy = FileEntry(
        "DEPLOYMENT.md", 100, kind="doc", head="## Training\nWe trained it on 8 A100 GPUs.\n"
    )
    assert _run("# M\n", (deploy,)).facts["level"] == "none"


def test_training_config_comments_count() -> None:
    config = FileEntry(
        "configs/20B.yml",
        200,
        kind="config",
        head="# the 20B model as it was trained on 96x 40GB A100\n# GPUs.\n{\n}\n",
    )
    finding = _run("# M\n", (config,))
    assert finding.facts["level"] == "full"
    assert finding.locations[0].path == "configs/20B.yml"


def test_version_numbers_are_not_amounts() -> None:
    found = best_statement("x.md", "## Training\n\nTrain on Spark 3.4.0, GPU runtime.\n", 1, False)
    assert found is None or found.level != "full"


def test_bounded_on_long_documents() -> None:
    text = "## Training\n\n" + ("GPU " * 1000 + "\n\n") * 5000
    assert best_statement("x.md", text, 1, False) is None


def test_tpu_slices_are_accelerators_and_run_names_are_not() -> None:
    from opengauge.analyzers.docs_hardware import NAMED_ACCELERATOR

    for text in ("a v3-512 pod", "v5e-256", "v5litepod-16"):
        assert NAMED_ACCELERATOR.search(text), text
    assert not NAMED_ACCELERATOR.search("output/yi-1_5-6b-chat/v0-20240713-090427/checkpoint-365")


def test_a_table_row_speaks_for_itself() -> None:
    table = (
        "| Video | Date |\n|---|---|\n| Fine-tuning Yi with LoRA | 2024-01 |\n"
        "| Running Yi-VL-34B on two A40 cards | 2024-01 |\n"
    )
    assert _run(f"# M\n\n## Tutorials\n\n{table}").facts["level"] == "none"
    trained = table.replace("Running Yi-VL-34B on", "Yi-VL-34B was trained on")
    assert _run(f"# M\n\n## Tutorials\n\n{trained}").facts["level"] != "none"
