"""The documentation checks' data: item and topic tables loaded from TOML.

Tables live in ``opengauge/data/docs/`` so synonyms and weights change without code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class ItemSpec:
    """One thing a card should document, and how to recognise it."""

    id: str
    title: str
    weight: float = 0.0
    order: int = 100
    names: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    metadata: tuple[str, ...] = ()
    intro: bool = False
    guidance: str = ""
    parent: str | None = None
    optional: bool = False
    standards: tuple[tuple[str, str], ...] = ()  # (standard, its section name)

    def standard(self, name: str) -> str | None:
        """This item's section name in standard ``name`` (mitchell, hf, gebru), if any."""
        return dict(self.standards).get(name)


@dataclass(frozen=True)
class TopicSpec:
    """One disclosure topic: headings and body patterns that answer it."""

    id: str
    title: str
    severity: str
    question: str
    phrases: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    exclude_patterns: tuple[re.Pattern[str], ...] = ()
    metadata: tuple[str, ...] = ()


_STANDARDS = ("mitchell", "hf", "gebru")


def normalise(text: str) -> str:
    """Lower case, '&' as 'and', '[optional]' and punctuation dropped, numbering removed."""
    text = text.lower().replace("&", " and ")
    text = re.sub(r"\[optional\]|\(optional\)", " ", text)
    text = re.sub(r"^\s*(\d+(\.\d+)*\.?|[ivx]+\.)\s+", "", text)
    text = re.sub(r"[^\w\s]", " ", text).replace("_", " ")
    return " ".join(text.split())


def _item(raw: dict[str, Any], parent: str | None = None) -> ItemSpec:
    return ItemSpec(
        id=raw["id"],
        title=raw["title"],
        weight=float(raw.get("weight", 0)),
        order=int(raw.get("order", 100)),
        names=tuple(normalise(n) for n in raw.get("names", ())),
        phrases=tuple(normalise(p) for p in raw.get("phrases", ())),
        exclude=tuple(normalise(p) for p in raw.get("exclude", ())),
        metadata=tuple(raw.get("metadata", ())),
        intro=bool(raw.get("intro", False)),
        guidance=raw.get("guidance", ""),
        parent=raw.get("parent", parent),
        optional=bool(raw.get("optional", False)),
        standards=tuple((s, raw[s]) for s in _STANDARDS if s in raw),
    )


def _load(name: str) -> dict[str, Any]:
    folder = resources.files("opengauge.data").joinpath("docs")
    text = folder.joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def card_items(kind: str) -> tuple[ItemSpec, ...]:
    """Items for a ``model`` card or a ``dataset`` card, most important first."""
    data = _load("dataset_card.toml" if kind == "dataset" else "model_card.toml")
    items = [_item(raw) for raw in data.get("item", ())]
    return tuple(sorted(items, key=lambda item: item.order))


@cache
def card_subitems(kind: str) -> tuple[ItemSpec, ...]:
    """Sub-items (bold labels such as License or Developed by); reported, never scored."""
    data = _load("dataset_card.toml" if kind == "dataset" else "model_card.toml")
    return tuple(_item(raw) for raw in data.get("subitem", ()))


@cache
def disclosure_topics() -> tuple[TopicSpec, ...]:
    """The disclosure topics, in table order."""
    topics = []
    for raw in _load("disclosures.toml")["topic"]:
        topics.append(
            TopicSpec(
                id=raw["id"],
                title=raw["title"],
                severity=raw["severity"],
                question=raw["question"],
                phrases=tuple(normalise(p) for p in raw.get("phrases", ())),
                patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw["patterns"]),
                exclude_patterns=tuple(
                    re.compile(p, re.IGNORECASE) for p in raw.get("exclude_patterns", ())
                ),
                metadata=tuple(raw.get("metadata", ())),
            )
        )
    return tuple(topics)


def title_matches(
    title: str, names: tuple[str, ...], phrases: tuple[str, ...], exclude: tuple[str, ...] = ()
) -> bool:
    """Whether a normalised heading or label ``title`` is one of ``names``/``phrases``."""
    if not title:
        return False
    padded = f" {title} "
    if any(f" {phrase} " in padded for phrase in exclude):
        return False
    return title in names or any(f" {phrase} " in padded for phrase in phrases)
