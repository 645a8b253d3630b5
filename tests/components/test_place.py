from __future__ import annotations

import pytest

from opengauge.components import architecture_of, place_file
from opengauge.evidence.kinds import kind_of
from opengauge.model import Card, Component, Evidence, FileEntry, Section

C = Component


def _place(path: str, head: str | None = None, configs: dict[str, object] | None = None) -> C:
    entry = FileEntry(path=path, size=10, kind=kind_of(path), head=head)
    evidence = Evidence(root="/x", files=(entry,), configs=dict(configs or {}))
    return place_file(entry, evidence, {}).component


@pytest.mark.parametrize(
    ("path", "component"),
    [
        ("model.safetensors", C.MODEL_PARAMETERS_FINAL),
        ("pytorch_model-00001-of-00002.bin", C.MODEL_PARAMETERS_FINAL),
        ("llama.Q4_K_M.gguf", C.MODEL_PARAMETERS_FINAL),
        ("onnx/model.onnx", C.MODEL_PARAMETERS_FINAL),
        ("checkpoint-500/model.safetensors", C.MODEL_PARAMETERS_INTERMEDIATE),
        ("step1000/pytorch_model.bin", C.MODEL_PARAMETERS_INTERMEDIATE),
        ("revisions/r1/model.safetensors", C.MODEL_PARAMETERS_INTERMEDIATE),
        ("model-epoch3.ckpt", C.MODEL_PARAMETERS_INTERMEDIATE),
        ("optimizer.pt", C.MODEL_METADATA),
        ("checkpoint-500/optimizer.pt", C.MODEL_METADATA),
        ("trainer_state.json", C.MODEL_METADATA),
        ("modeling_llama.py", C.MODEL_ARCHITECTURE),
        ("configuration_llama.py", C.MODEL_ARCHITECTURE),
        ("train.py", C.TRAINING_CODE),
        ("scripts/run_finetune.sh", C.TRAINING_CODE),
        ("configs/pretrain_7b.yaml", C.TRAINING_CODE),
        ("ds_config_zero3.json", C.TRAINING_CODE),
        ("constraint.py", C.SUPPORTING_LIBRARIES),
        ("inference.py", C.INFERENCE_CODE),
        ("generate.py", C.INFERENCE_CODE),
        ("predict.py", C.INFERENCE_CODE),
        ("eval_mmlu.py", C.EVALUATION_CODE),
        ("retrieval.py", C.SUPPORTING_LIBRARIES),
        ("preprocess.py", C.DATA_PREPROCESSING_CODE),
        ("data_processing/dedup.py", C.DATA_PREPROCESSING_CODE),
        ("DATASHEET.md", C.DATA_CARD),
        ("data_card.md", C.DATA_CARD),
        ("eval_results.json", C.EVALUATION_RESULTS),
        ("eval/heldout.jsonl", C.EVALUATION_DATA),
        ("data/train.jsonl", C.DATASETS),
        ("samples/cat.png", C.SAMPLE_MODEL_OUTPUTS),
        ("paper.pdf", C.RESEARCH_PAPER),
        ("paper/main.tex", C.RESEARCH_PAPER),
        ("2307.09288.pdf", C.RESEARCH_PAPER),
        ("technical_report.pdf", C.TECHNICAL_REPORT),
        ("docs/slides.pdf", C.TECHNICAL_REPORT),
        ("requirements.txt", C.SUPPORTING_LIBRARIES),
        ("tokenizer.json", C.SUPPORTING_LIBRARIES),
        ("LICENSE", C.OTHER),
        ("generation_config.json", C.OTHER),
        (".gitattributes", C.OTHER),
    ],
)
def test_placement_by_name(path: str, component: C) -> None:
    assert _place(path) is component


def test_placement_by_content() -> None:
    head = "import torch\nfor batch in loader:\n    loss.backward()\n    optimizer.step()\n"
    assert _place("run.py", head) is C.TRAINING_CODE
    assert _place("blocks.py", "class Block(nn.Module):\n    pass\n") is C.MODEL_ARCHITECTURE
    assert _place("misc.py", "x = 1\n") is C.SUPPORTING_LIBRARIES


def test_config_with_architecture() -> None:
    cfg = {"architectures": ["BertModel"], "model_type": "bert"}
    assert _place("config.json", configs={"config.json": cfg}) is C.MODEL_ARCHITECTURE
    assert architecture_of(cfg) == "BertModel (bert)"
    assert architecture_of({"_class_name": "UNet2DConditionModel"}) == "UNet2DConditionModel"
    assert architecture_of([1, 2]) is None
    assert architecture_of({"architectures": [{"x": 1}]}) is None


def test_readme_is_a_model_card_only_with_card_content() -> None:
    entry = FileEntry(path="README.md", size=10, kind="doc")
    evidence = Evidence(root="/x", files=(entry,))
    with_meta = Card(path="README.md", kind="model", metadata={"license": "mit"})
    assert place_file(entry, evidence, {"README.md": with_meta}).component is C.MODEL_CARD
    sections = tuple(Section(t, 2, i, "text") for i, t in enumerate(["Intended use",
                                                                    "Limitations"]))
    plain = Card(path="README.md", kind="model", sections=sections)
    assert place_file(entry, evidence, {"README.md": plain}).component is C.MODEL_CARD
    bare = Card(path="README.md", kind="model", sections=(Section("Install", 2, 1, "pip"),))
    assert place_file(entry, evidence, {"README.md": bare}).component is C.OTHER
