"""Place each file of the target in one MOF component (or Other), with the reason."""

from __future__ import annotations

from typing import Any

from opengauge.components.rules import (
    CARD_HEADINGS,
    CODE_CUES,
    INTERMEDIATE_DIRS,
    INTERMEDIATE_FILES,
    METADATA_FILES,
    NAME_RULES,
    TOKENIZER_REASON,
)
from opengauge.model import Card, Component, Evidence, FileEntry, Placement


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


def is_model_card(card: Card) -> tuple[bool, str]:
    """Whether a README documents the model, and why."""
    if card.kind == "dataset":
        return False, "dataset card"
    if card.metadata:
        return True, "Hugging Face card front matter (" + ", ".join(sorted(card.metadata)[:5]) + ")"
    titles = {s.title.lower() for s in card.sections}
    hits = sorted({h for h in CARD_HEADINGS for t in titles if h in t})
    if card.kind == "model" and len(hits) >= 2:
        return True, "documents the model (sections: " + ", ".join(hits[:5]) + ")"
    return False, "README without card metadata or model-card sections"


def _place_by_content(entry: FileEntry) -> Placement | None:
    if entry.kind != "code" or not entry.head:
        return None
    for component, pattern, reason in CODE_CUES:
        match = pattern.search(entry.head)
        if match:
            return Placement(entry.path, component, f"{reason} ({match.group(0).strip()!r})")
    return None


def place_file(entry: FileEntry, evidence: Evidence, cards: dict[str, Card]) -> Placement:
    """The component of one file and the reason, using its name, kind and contents."""
    path = entry.path
    lower = path.lower()
    if entry.kind == "license":
        return Placement(path, Component.OTHER, "licence or policy text")
    if METADATA_FILES.search(lower):
        return Placement(
            path,
            Component.MODEL_METADATA,
            "training state or log (optimizer, scheduler, trainer state, logs)",
        )
    if entry.kind == "weights":
        if INTERMEDIATE_DIRS.search(lower) or INTERMEDIATE_FILES.search(lower):
            return Placement(
                path,
                Component.MODEL_PARAMETERS_INTERMEDIATE,
                "weight file in a checkpoint/step folder or named by step",
            )
        return Placement(
            path,
            Component.MODEL_PARAMETERS_FINAL,
            "weight file (" + (lower.rsplit(".", 1)[-1] if "." in lower else "binary") + ")",
        )
    if entry.kind == "tokenizer":
        return Placement(path, Component.SUPPORTING_LIBRARIES, TOKENIZER_REASON)
    card = cards.get(path)
    if card is not None:
        if card.kind == "dataset":
            return Placement(path, Component.DATA_CARD, "dataset card / datasheet")
        ok, why = is_model_card(card)
        if ok:
            return Placement(path, Component.MODEL_CARD, why)
    config = evidence.configs.get(path)
    arch = architecture_of(config)
    if arch is not None:
        return Placement(path, Component.MODEL_ARCHITECTURE, f"config declares {arch}")
    for component, pattern, reason in NAME_RULES:
        if pattern.search(lower):
            if component is Component.DATA_CARD and lower.endswith("data_config.json"):
                reason = _data_config_reason(config) or reason
            return Placement(path, component, reason)
    by_content = _place_by_content(entry)
    if by_content is not None:
        return by_content
    if entry.kind == "code":
        return Placement(path, Component.SUPPORTING_LIBRARIES, "code not tied to one stage")
    return Placement(path, Component.OTHER, f"{entry.kind} file with no component role")


def _data_config_reason(config: Any) -> str | None:
    if isinstance(config, list) and config and all(isinstance(x, dict) for x in config[:50]):
        named = sum(1 for x in config if isinstance(x, dict) and "name" in x)
        return f"lists {named} training data files with their sizes and sampling weights"
    return None


def place_all(evidence: Evidence) -> tuple[Placement, ...]:
    """Placements of every file, in path order."""
    cards = {card.path: card for card in evidence.cards}
    return tuple(place_file(entry, evidence, cards) for entry in evidence.files)
