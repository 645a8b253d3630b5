"""Place each file of the target in one MOF component (or Other), with the reason.

A file's place comes from its role in the release first (a test fixture, a downstream
demo, vendored third-party code, repository tooling), then from positive evidence: a
weight-format file is the model's weights only with a weight name, a model config beside
it, or the size of real weights; a data file is training data only when it is not a
sample, a fixture or a small file beside a script.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from opengauge.components.release import Release
from opengauge.components.rules import (
    CODE_CUES,
    INTERMEDIATE_DIRS,
    INTERMEDIATE_FILES,
    METADATA_FILES,
    NAME_RULES,
    TOKENIZER_REASON,
)
from opengauge.model import Card, Component, Evidence, FileEntry, Placement

C = Component
WEIGHT_NAMES = re.compile(
    r"(^|[-_.])(pytorch_model|tf_model|flax_model|model|models|consolidated|weights?|"
    r"diffusion_pytorch_model|adapter_model|ggml-model|checkpoint|final|ema|unet|vae|"
    r"text_encoder|encoder|decoder)([-_.]|$)|-\d{5}-of-\d{5}",
    re.I,
)
MODERN_WEIGHTS = (".safetensors", ".gguf", ".ggml", ".llamafile")
ASSET_DIRS = re.compile(
    r"(^|/)(assets?|media|static|resources|figures?|images?|img|docs?|"
    r"prompts?|presets?|filters?|samples?|icons?)/",
    re.I,
)
SAMPLE_NAMES = re.compile(
    r"(dummy|sample|example|toy|demo|mock|tiny|small|fewshot|few[-_]shot|"
    r"handwritten|test|debug)",
    re.I,
)
BIG_WEIGHTS = 50 << 20
BIG_DATA = 1 << 20
ARCH_CUE = next(p for c, p, _ in CODE_CUES if c is C.MODEL_ARCHITECTURE)
MODEL_CLASS = re.compile(
    r"^class (\w*(Model|LM|Transformer|GPT|Bert|BERT|Net|Encoder|Decoder|Attention|Block|MLP|"
    r"Embedding|Head|RWKV|UNet|Diffusion|Layer|Autoencoder|VAE)\w*)\s*\((\w+[.\w]*)?\)",
    re.M,
)
FRAMEWORK_IMPORT = re.compile(
    r"^(import|from) (torch|tensorflow|jax|flax|mlx|keras|equinox|"
    r"paddle|mindspore|numpy)\b",
    re.M,
)
SECONDARY = (C.EVALUATION_CODE, C.DATA_PREPROCESSING_CODE)
DATA_WORK = re.compile(
    r"(tokeniz|dedup|filter|clean|chat_template|apply_chat_template|mix(ture|er)|"
    r"preprocess)",
    re.I,
)


NOT_ARCHITECTURE = re.compile(
    r"(monkey|patch|adapter|compress|quantiz|lora|peft|loss|metric|"
    r"optim|sched|callback|trainer)",
    re.I,
)


HF_MODELING = re.compile(r"(^|/)(modeling|configuration)_\w+\.py$")


def defines_model(head: str | None, path: str = "") -> bool:
    """Code that defines model classes (not a patch, adapter, quantised layer or training
    helper): a Hugging Face ``modeling_*.py``, or model classes in a deep-learning module."""
    if NOT_ARCHITECTURE.search(posixpath.basename(path)):
        return False
    if HF_MODELING.search(path.lower()):
        return True
    if not head:
        return False
    if ARCH_CUE.search(head):
        return True
    return (
        bool(FRAMEWORK_IMPORT.search(head))
        and bool(MODEL_CLASS.search(head))
        and ("(object)" in head or "tf." in head)
    )


DEMO_INFERENCE = re.compile(
    r"(demo|infer|generat|chat|predict|serve|server|api|cli|app|run|"
    r"sample|pipeline)",
    re.I,
)


def architecture_of(config: Any) -> str | None:
    """The architecture a HF-style config declares, e.g. 'BertModel (bert)'."""
    if not isinstance(config, dict):
        return None
    names = config.get("architectures")
    model_type = config.get("model_type")
    label = None
    if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
        label = ", ".join(str(n) for n in names[:4])
    if isinstance(model_type, str) and model_type:
        label = f"{label} ({model_type})" if label else model_type
    if label is None and isinstance(config.get("_class_name"), str):
        label = str(config["_class_name"])  # diffusers component configs
    return label


def _place_by_content(entry: FileEntry) -> Placement | None:
    if entry.kind != "code" or not entry.head:
        return None
    for component, pattern, reason in CODE_CUES:
        if component is C.MODEL_ARCHITECTURE:
            if defines_model(entry.head, entry.path):
                return Placement(entry.path, component, reason)
            continue
        match = pattern.search(entry.head)
        if match:
            return Placement(entry.path, component, f"{reason} ({match.group(0).strip()!r})")
    return None


def secondary(entry: FileEntry, primary: Placement, release: Release) -> list[Placement]:
    """Other stages one code file also serves (a trainer that preprocesses its data, a
    fine-tuning script with an evaluation mode)."""
    if (
        entry.kind != "code"
        or not entry.head
        or primary.component not in (C.TRAINING_CODE, C.INFERENCE_CODE)
        or release.role(entry.path) != "own"
    ):
        return []
    found = []
    for component, pattern, reason in CODE_CUES:
        if component in SECONDARY and component is not primary.component:
            match = pattern.search(entry.head)
            if match:
                found.append(
                    Placement(entry.path, component, f"{reason} ({match.group(0).strip()!r})")
                )
    return found


def _weights(entry: FileEntry, evidence: Evidence, release: Release) -> Placement:
    """A weight-format file: the model's weights only with positive evidence."""
    path, lower = entry.path, entry.path.lower()
    base = posixpath.basename(lower)
    folder = posixpath.dirname(path)
    config = posixpath.join(folder, "config.json") if folder else "config.json"
    evidence_for = []
    if lower.endswith(MODERN_WEIGHTS):
        evidence_for.append(lower.rsplit(".", 1)[-1] + " weights format")
    if WEIGHT_NAMES.search(base.rsplit(".", 1)[0]):
        evidence_for.append("weights file name")
    if architecture_of(evidence.configs.get(config)) is not None:
        evidence_for.append("beside a model config")
    if entry.size >= BIG_WEIGHTS:
        evidence_for.append(f"{entry.size >> 20} MB")
    role = release.role(path)
    if role != "own" or (ASSET_DIRS.search(lower) and entry.size < BIG_WEIGHTS):
        return Placement(
            path,
            C.OTHER,
            f"weight-format file in a {role if role != 'own' else 'asset'}"
            " folder: not the release's weights",
        )
    if not evidence_for:
        return Placement(
            path,
            C.OTHER,
            "weight-format file with no sign that it holds the "
            "model's weights (name, size, model config)",
        )
    if INTERMEDIATE_DIRS.search(lower) or INTERMEDIATE_FILES.search(lower):
        return Placement(
            path,
            C.MODEL_PARAMETERS_INTERMEDIATE,
            "weight file in a checkpoint/step folder or named by step",
        )
    return Placement(path, C.MODEL_PARAMETERS_FINAL, "weights (" + ", ".join(evidence_for) + ")")


def _by_role(entry: FileEntry, role: str) -> Placement | None:
    """Tests, demos and vendored code have a fixed place, whatever their names say."""
    path = entry.path
    if role == "test":
        return Placement(path, C.OTHER, "test code or fixture")
    if role == "vendored":
        if entry.kind == "code":
            return Placement(path, C.SUPPORTING_LIBRARIES, "vendored third-party library")
        return Placement(path, C.OTHER, "part of a vendored third-party project")
    if role == "demo":
        base = posixpath.basename(path.lower())
        if (
            entry.kind == "code"
            and not re.search(r"(train|finetune|fine[-_]tune|sft|eval)", path.lower())
            and (DEMO_INFERENCE.search(base) or _inference_cue(entry))
        ):
            return Placement(path, C.INFERENCE_CODE, "demo that runs the model")
        return Placement(
            path,
            C.OTHER,
            "downstream example or demo material, not the "
            "release's own training, data or evaluation",
        )
    return None


def _inference_cue(entry: FileEntry) -> bool:
    cue = next(p for c, p, _ in CODE_CUES if c is C.INFERENCE_CODE)
    return bool(entry.head and cue.search(entry.head))


def _data(entry: FileEntry, placement: Placement, release: Release) -> Placement:
    """Data files count as training or evaluation data only when they are not samples.

    A small file counts only when the release documents its data (a datasheet, or a
    document naming the file); files beside scripts and tools are their fixtures.
    """
    base = posixpath.basename(entry.path)
    documented = release.documents_data or base in release.mentioned
    small = entry.size < BIG_DATA and not documented
    tooling = bool(re.search(r"(^|/)(scripts?|tools?)/", entry.path.lower()))
    if SAMPLE_NAMES.search(base) or (placement.component is C.DATASETS and (small or tooling)):
        return Placement(entry.path, C.OTHER, "sample or small data file, not the training data")
    return placement


def place_file(
    entry: FileEntry, evidence: Evidence, cards: dict[str, Card], release: Release | None = None
) -> Placement:
    """The component of one file and the reason, using its role, name, kind and contents."""
    release = release or Release(frozenset(), frozenset())
    path = entry.path
    lower = path.lower()
    if entry.kind == "license":
        return Placement(path, C.OTHER, "licence or policy text")
    role = release.role(path)
    if METADATA_FILES.search(lower) and role == "own":
        return Placement(
            path,
            C.MODEL_METADATA,
            "training state or log (optimizer, scheduler, trainer state, logs)",
        )
    if entry.kind == "weights":
        return _weights(entry, evidence, release)
    by_role = _by_role(entry, role)
    if by_role is not None:
        return by_role
    if entry.kind == "tokenizer":
        return Placement(path, C.SUPPORTING_LIBRARIES, TOKENIZER_REASON)
    card = cards.get(path)
    if card is not None and card.kind == "dataset" and release.in_eval_dir(path):
        return Placement(path, C.EVALUATION_DATA, "describes how the evaluation data was made")
    if card is not None and card.kind == "dataset" and not release.tool_doc(path):
        return Placement(path, C.DATA_CARD, "dataset card / datasheet")
    config = evidence.configs.get(path)
    arch = architecture_of(config)
    if arch is not None:
        return Placement(path, C.MODEL_ARCHITECTURE, f"config declares {arch}")
    for component, pattern, reason in NAME_RULES:
        if not pattern.search(lower):
            continue
        if (
            component is C.MODEL_ARCHITECTURE
            and lower.endswith(".py")
            and not defines_model(entry.head, path)
        ):
            continue  # a file named model*.py that defines no model class
        if component is C.DATA_CARD and re.search(
            r"(eval|test|bench|mmlu|valid)[^/]*/(?:[^/]+/){0,3}[^/]+$", lower
        ):
            continue  # describes an evaluation set (or one of its configurations)
        if component is C.DATA_PREPROCESSING_CODE and SAFETY_CHECKS.search(
            posixpath.basename(lower)
        ):
            continue  # content filters and safety checkers run on outputs, not on data
        if component is C.DATA_CARD and lower.endswith("data_config.json"):
            reason = _data_config_reason(config) or reason
        if reason.startswith("the release's data loading") and not (
            entry.head and DATA_WORK.search(entry.head)
        ):
            continue  # a data loader that does not prepare the data
        placed = Placement(path, component, reason)
        if component is C.DATASETS and release.in_eval_dir(path):
            placed = Placement(path, C.EVALUATION_DATA, "in a folder of evaluation data")
        if component in (C.DATASETS, C.EVALUATION_DATA):
            return _data(entry, placed, release)
        return placed
    by_content = _place_by_content(entry)
    if by_content is not None:
        return by_content
    return Placement(path, C.OTHER, f"{entry.kind} file with no component role")


SAFETY_CHECKS = re.compile(r"content[-_]?filter|safety|nsfw|moderation|watermark|guard", re.I)


def _data_config_reason(config: Any) -> str | None:
    if isinstance(config, list) and config and all(isinstance(x, dict) for x in config[:50]):
        named = sum(1 for x in config if isinstance(x, dict) and "name" in x)
        return f"lists {named} training data files with their sizes and sampling weights"
    return None


def place_all(evidence: Evidence, release: Release | None = None) -> tuple[Placement, ...]:
    """Placements of every file (and the other stages a code file serves), in path order."""
    release = release or Release(frozenset(), frozenset())
    cards = {card.path: card for card in evidence.cards}
    out: list[Placement] = []
    for entry in evidence.files:
        placed = place_file(entry, evidence, cards, release)
        out.append(placed)
        out.extend(secondary(entry, placed, release))
    return tuple(out)
