"""Resolve a licence *name* as people write it ("Apache 2.0", "CC BY-NC 4.0") to an id.

The alias table is built from SPDX ids and names, the reference names, the Hugging
Face ids and a few hand-written spellings. A name that is not in the table is not
guessed at: it resolves to id None, with a category only when the words say it
plainly ("proprietary", "non-commercial", "research only").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from opengauge.licenses import categories
from opengauge.licenses.normalize import tokenize
from opengauge.licenses.reference import default_index
from opengauge.model.licenses import LicenseCategory

_DROP = frozenset(
    [
        "the",
        "a",
        "license",
        "licence",
        "licenses",
        "agreement",
        "version",
        "v",
        "international",
        "generic",
        "unported",
        "only",
        "public",
    ]
)
# Hugging Face family ids: they name a family, not a licence; the text must decide.
FAMILIES = frozenset({"openrail", "cc", "bsd", "gpl", "lgpl", "gfdl", "other", "unknown"})

_HAND = {
    "apache 2": "Apache-2.0",
    "apache 2 0": "Apache-2.0",
    "apache software 2 0": "Apache-2.0",
    "asl 2 0": "Apache-2.0",
    "mit": "MIT",
    "expat": "MIT",
    "bsd 3 clause": "BSD-3-Clause",
    "bsd 2 clause": "BSD-2-Clause",
    "new bsd": "BSD-3-Clause",
    "gplv3": "GPL-3.0-only",
    "gpl 3": "GPL-3.0-only",
    "gplv2": "GPL-2.0-only",
    "agplv3": "AGPL-3.0-only",
    "mpl 2": "MPL-2.0",
    "cc0": "CC0-1.0",
    "creativeml openrail m": "LicenseRef-scancode-stable-diffusion-2022-08-22",
    "creativeml open rail m": "LicenseRef-scancode-stable-diffusion-2022-08-22",
    "creativeml openrail ++ m": "LicenseRef-scancode-bigscience-open-rail-m2",
    "creativeml open rail ++ m": "LicenseRef-scancode-bigscience-open-rail-m2",
    "openrail ++": "LicenseRef-scancode-bigscience-open-rail-m2",
    "bigscience openrail m": "LicenseRef-scancode-bigscience-open-rail-m",
    "bigscience bloom rail 1 0": "LicenseRef-scancode-bigscience-rail-1.0",
    "bigcode openrail m": "LicenseRef-scancode-bigcode-open-rail-m-v1",
    "llama 2 community": "LicenseRef-scancode-llama-2-license-2023",
    "meta llama 3 community": "LicenseRef-opengauge-llama-3-license-2024",
    "llama 3 community": "LicenseRef-opengauge-llama-3-license-2024",
    "llama 3 1 community": "LicenseRef-scancode-llama-3.1-license-2024",
    "llama 3 2 community": "LicenseRef-scancode-llama-3.2-license-2024",
    "llama 3 3 community": "LicenseRef-scancode-llama-3.3-license-2024",
    "llama 4 community": "LicenseRef-scancode-llama-4-cla-2025",
    "gemma terms of use": "LicenseRef-scancode-gemma-tou-2024-04-01",
    "tongyi qianwen": "LicenseRef-scancode-tongyi-qianwen-2023",
    "deepseek": "LicenseRef-scancode-deepseek-la-1.0",
}

_WORDS_CATEGORY = (
    (re.compile(r"non-?commercial|\bnc\b|research[- ]only|research use", re.I), "noncommercial"),
    (re.compile(r"proprietary|all rights reserved|closed", re.I), "proprietary"),
)


@dataclass(frozen=True)
class Resolved:
    """What a written name resolves to. ``id`` None means unresolved or a family."""

    id: str | None
    category: LicenseCategory
    family: bool = False


def key(name: str) -> str:
    """Normalised lookup key of a licence name."""
    words = [w for w in tokenize(name).words if w not in _DROP]
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for ref in default_index().references:
        if ref.kind == "notice":
            continue
        for alias in (ref.id, ref.name, ref.key, *ref.aliases):
            table.setdefault(key(alias), ref.id)
    for hf_id, (spdx, name, _category) in categories.hf_map().items():
        if spdx and hf_id not in FAMILIES:
            table.setdefault(key(hf_id), spdx)
            table.setdefault(key(name), spdx)
    for alias, target in _HAND.items():
        table[alias] = target
    table.pop("", None)
    return table


def resolve(name: str) -> Resolved:
    """Resolve a written licence name or Hugging Face id."""
    raw = name.strip().strip("`'\"*[]()").strip()
    lowered = raw.lower()
    if lowered in FAMILIES or lowered in {"openrail", "bigscience-openrail"}:
        hf = categories.hf_map().get(lowered)
        return Resolved(None, hf[2] if hf else LicenseCategory.UNKNOWN, family=True)
    hf = categories.hf_map().get(lowered)
    if hf and hf[0]:
        return Resolved(hf[0], categories.category_of(hf[0]))
    found = _aliases().get(key(raw))
    if found:
        return Resolved(found, categories.category_of(found))
    for pattern, category in _WORDS_CATEGORY:
        if pattern.search(raw):
            return Resolved(None, LicenseCategory(category))
    return Resolved(None, LicenseCategory.UNKNOWN)
