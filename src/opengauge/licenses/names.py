"""Resolve a licence *name* as people write it ("Apache 2.0", "CC BY-NC 4.0") to an id.

Any id on the SPDX list is accepted as written (case-insensitive, see ``spdx_id``).
Other names go through an alias table built from the reference names, the Hugging
Face ids and a few hand-written spellings. A name that is not in the table is not
guessed at: it resolves to id None, with a category only when the words say it
plainly ("proprietary", "non-commercial", "research only").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from license_expression import get_license_index

from opengauge.licenses import categories, refcorpus
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
    "databricks open model": "LicenseRef-opengauge-databricks-open-model-2024",
}

_WORDS_CATEGORY = (
    (
        re.compile(
            r"non-?commercial|\bnc\b|research[- ]only|research use|research licen[cs]e", re.I
        ),
        "noncommercial",
    ),
    (re.compile(r"proprietary|all rights reserved|closed", re.I), "proprietary"),
    # a service's or foundation's "Terms of Use": conditions on use, not a licence grant
    (re.compile(r"\bterms of (?:use|service)\b", re.I), "restricted-aup"),
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
        # ScanCode's own keys for the SPDX-listed texts are often bare words ("open",
        # "attribution", "historical"): only their ids and SPDX names become aliases.
        spelled = (ref.id, ref.name, *ref.aliases)
        for alias in spelled if ref.kind == "scancode" else (*spelled, ref.key):
            table.setdefault(key(alias), ref.id)
    for hf_id, (spdx, name, _category) in categories.hf_map().items():
        if spdx and hf_id not in FAMILIES:
            table.setdefault(key(hf_id), spdx)
            table.setdefault(key(name), spdx)
    for alias, target in _HAND.items():
        table[alias] = target
    table.pop("", None)
    return table


@functools.lru_cache(maxsize=1)
def _spdx_ids() -> dict[str, str]:
    """Lower-cased SPDX id -> the id as the SPDX list spells it (current form).

    From ``license-expression``'s bundled ScanCode LicenseDB index (every SPDX key it
    knows, and the older spellings it maps to them: "GPL-2.0+", "LGPL-2.1"), then
    the SPDX License List 3.29.0 table shipped in ``spdx/`` for ids newer than it.
    """
    table: dict[str, str] = {}
    entries = [e for e in get_license_index() if isinstance(e, dict)]
    for entry in entries:
        spdx = entry.get("spdx_license_key")
        if isinstance(spdx, str) and spdx and not spdx.startswith("LicenseRef-"):
            table.setdefault(spdx.lower(), spdx)
    for entry in entries:
        spdx = entry.get("spdx_license_key")
        if not isinstance(spdx, str) or spdx.lower() not in table:
            continue
        for alias in entry.get("other_spdx_license_keys") or ():
            usable = isinstance(alias, str) and not alias.startswith("LicenseRef-")
            if usable and alias.lower() not in FAMILIES:
                table.setdefault(alias.lower(), spdx)
    for spdx in refcorpus.spdx_list():
        table.setdefault(spdx.lower(), spdx)
    return table


def spdx_id(name: str) -> str | None:
    """The SPDX id ``name`` is, in the list's spelling ("apache-2.0" -> "Apache-2.0").

    Every licence and exception on the SPDX list is accepted, deprecated ids too;
    ScanCode's older spellings map to the current id ("GPL-2.0+" -> "GPL-2.0-or-later").
    None when ``name`` is not an SPDX id.
    """
    return _spdx_ids().get(name.strip().lower())


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
    found = spdx_id(raw) or _aliases().get(key(raw))
    if found:
        return Resolved(found, categories.category_of(found))
    for pattern, category in _WORDS_CATEGORY:
        if pattern.search(raw):
            return Resolved(None, LicenseCategory(category))
    return Resolved(None, LicenseCategory.UNKNOWN)
