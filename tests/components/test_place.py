from __future__ import annotations

import pytest

from opengauge.components import architecture_of, place_file
from opengauge.components.release import Release
from opengauge.evidence.kinds import kind_of
from opengauge.model import Card, Component, Evidence, FileEntry

C = Component


def _place(
    path: str,
    head: str | None = None,
    configs: dict[str, object] | None = None,
    size: int = 10,
    documented: bool = True,
) -> C:
    entry = FileEntry(path=path, size=size, kind=kind_of(path), head=head)
    evidence = Evidence(root="/x", files=(entry,), configs=dict(configs or {}))
    release = Release(frozenset({"x"}), frozenset(), documents_data=documented)
    return place_file(entry, evidence, {}, release).component


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
        ("scripts/run_finetune.sh", C.MODEL_METADATA),
        ("configs/pretrain_7b.yaml", C.MODEL_METADATA),
        ("recipes/zephyr/sft/config_full.yaml", C.MODEL_METADATA),
        ("ds_config_zero3.json", C.MODEL_METADATA),
        ("configs/inference/sd_xl.yaml", C.OTHER),
        ("constraint.py", C.OTHER),
        ("csrc/wkv_cuda.cu", C.SUPPORTING_LIBRARIES),
        ("tokenization.py", C.SUPPORTING_LIBRARIES),
        ("tools/convert_checkpoint.py", C.SUPPORTING_LIBRARIES),
        ("inference.py", C.INFERENCE_CODE),
        ("generate.py", C.INFERENCE_CODE),
        ("predict.py", C.INFERENCE_CODE),
        ("eval_mmlu.py", C.EVALUATION_CODE),
        ("retrieval.py", C.OTHER),
        ("generate_instruction.py", C.DATA_PREPROCESSING_CODE),
        ("preprocess.py", C.DATA_PREPROCESSING_CODE),
        ("data_processing/dedup.py", C.DATA_PREPROCESSING_CODE),
        ("open_instruct/dataset_transformation.py", C.DATA_PREPROCESSING_CODE),
        ("src/open_clip_train/main.py", C.TRAINING_CODE),
        ("fastchat/serve/cli.py", C.INFERENCE_CODE),
        ("src/pretrained/main.py", C.OTHER),
        ("src/open_clip/pretrained.py", C.OTHER),
        ("src/flux/content_filters.py", C.OTHER),
        ("olmo_data/hf_datasets/hails/mmlu_no_train/anatomy/dataset_info.json", C.OTHER),
        ("scripts/text/filter_lang.sh", C.DATA_PREPROCESSING_CODE),
        ("DATASHEET.md", C.DATA_CARD),
        ("data_card.md", C.DATA_CARD),
        ("eval_results.json", C.EVALUATION_RESULTS),
        ("eval/heldout.jsonl", C.EVALUATION_DATA),
        ("data/train.jsonl", C.DATASETS),
        ("samples/cat.png", C.SAMPLE_MODEL_OUTPUTS),
        (".github/ISSUE_TEMPLATE/bug_report.md", C.OTHER),
        ("tests/data/enwik8.txt", C.OTHER),
        ("examples/finetune.py", C.OTHER),
        ("finetune_demo/data/train.json", C.OTHER),
        ("basic_demo/cli_demo.py", C.INFERENCE_CODE),
        ("third_party/lib/LICENSE.md", C.OTHER),
        ("paper.pdf", C.RESEARCH_PAPER),
        ("paper/main.tex", C.RESEARCH_PAPER),
        ("2307.09288.pdf", C.RESEARCH_PAPER),
        ("technical_report.pdf", C.TECHNICAL_REPORT),
        ("docs/slides.pdf", C.OTHER),
        ("figures/loss_curve.pdf", C.OTHER),
        ("requirements.txt", C.OTHER),
        ("Dockerfile", C.OTHER),
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
    assert _place("misc.py", "x = 1\n") is C.OTHER
    tf = "import tensorflow as tf\n\nclass BertModel(object):\n  pass\n"
    assert _place("modeling.py", tf) is C.MODEL_ARCHITECTURE
    patch = "import torch\nclass CondenseRotaryEmbedding(torch.nn.Module):\n    pass\n"
    assert _place("model/llama_condense_monkey_patch.py", patch) is C.OTHER
    main = '"""Pretrain GPT"""\nimport torch\nfrom megatron.training import pretrain\n'
    assert _place("main.py", main) is C.TRAINING_CODE
    # cues that only look like the work: an eval task's training_docs(), a pytest fixture,
    # a model named "-deduped", str.encode()
    assert _place("task.py", "def training_docs(self):\n    return []\n") is C.OTHER
    assert _place("conftest.py", "def train_config(tmp_path):\n    return {}\n") is C.OTHER
    assert _place("plot.py", "name = 'pythia-1b-deduped'\n") is C.OTHER
    assert _place("sizes.py", "n = len(text.encode('utf-8'))\n") is C.OTHER
    assert _place("loop.py", "def train_epoch(model):\n    pass\n") is C.TRAINING_CODE


def test_config_with_architecture() -> None:
    cfg = {"architectures": ["BertModel"], "model_type": "bert"}
    assert _place("config.json", configs={"config.json": cfg}) is C.MODEL_ARCHITECTURE
    assert architecture_of(cfg) == "BertModel (bert)"
    assert architecture_of({"_class_name": "UNet2DConditionModel"}) == "UNet2DConditionModel"
    assert architecture_of([1, 2]) is None
    assert architecture_of({"architectures": [{"x": 1}]}) is None


@pytest.mark.parametrize(
    ("path", "size", "documented", "component"),
    [
        ("src/audio/mel_filters.npz", 4_000, True, C.OTHER),  # an asset, not the weights
        ("assets/prompts/announcer.npz", 30_000, True, C.OTHER),
        ("math_demo/rwkv-200.pth", 400_000, True, C.OTHER),
        ("scripts/util/detection/p_head_v1.npz", 5_000, True, C.OTHER),
        ("big_unnamed.pth", 200 << 20, True, C.MODEL_PARAMETERS_FINAL),  # size of real weights
        ("data/train.jsonl", 10, False, C.OTHER),  # small and undocumented: a sample
        ("data/train.jsonl", 10, True, C.DATASETS),
        ("data/dummy_conversation.json", 5 << 20, True, C.OTHER),
        ("alpaca_data.json", 22 << 20, False, C.DATASETS),
    ],
)
def test_weights_and_data_need_positive_evidence(
    path: str, size: int, documented: bool, component: C
) -> None:
    assert _place(path, size=size, documented=documented) is component


def test_dataset_card_placement() -> None:
    entry = FileEntry(path="DATASHEET.md", size=10, kind="doc")
    card = Card(path="DATASHEET.md", kind="dataset")
    evidence = Evidence(root="/x", files=(entry,), cards=(card,))
    assert place_file(entry, evidence, {"DATASHEET.md": card}).component is C.DATA_CARD
