"""Licence categories, OSI / FSF flags, SPDX expressions and Hugging Face ids.

Categories come from a hand-kept table (AI licences) and rules over SPDX ids; the
OSI-approved and FSF-libre flags come from the SPDX list (``spdx/INDEX.tsv``).
Expressions are parsed with ``license-expression``: for AND the most restrictive
term sets the category, for OR the least restrictive one (the licensee chooses).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from license_expression import ExpressionError, Licensing, get_spdx_licensing

from opengauge.licenses import reference
from opengauge.model.licenses import Clause, LicenseCategory

C = LicenseCategory

# LicenseRef keys (ScanCode LicenseDB and opengauge's own) -> category.
_AI: dict[str, LicenseCategory] = {
    "apple-ml-ferret-2023": C.OSI_OPEN,
    "bigcode-open-rail-m-v1": C.RESTRICTED_AUP,
    "bigscience-open-rail-m": C.RESTRICTED_AUP,
    "bigscience-open-rail-m2": C.RESTRICTED_AUP,
    "bigscience-rail-1.0": C.RESTRICTED_AUP,
    "bilibili-model-ula-2025-09-09": C.RESTRICTED_AUP,
    "chameleon-research-2024": C.NONCOMMERCIAL,
    "deepseek-la-1.0": C.RESTRICTED_AUP,
    "exaone-ai-model-1.1-nc": C.NONCOMMERCIAL,
    "fair-ai-public-1.0": C.RESTRICTED_AUP,
    "fair-ai-public-1.0-sd": C.RESTRICTED_AUP,
    "falcon-2-11b-1.0": C.RESTRICTED_AUP,
    "flux-1-nc": C.NONCOMMERCIAL,
    "gemma-pup-2024-02-21": C.RESTRICTED_AUP,
    "gemma-tou-2024-04-01": C.RESTRICTED_AUP,
    "gemma-tou-2025-03-24": C.RESTRICTED_AUP,
    "hfoil-1.0": C.PROPRIETARY,
    "hyperclova-x-seed-2025": C.RESTRICTED_AUP,
    "llama-license-2023": C.NONCOMMERCIAL,
    "llama-2-license-2023": C.RESTRICTED_AUP,
    "llama-3.1-license-2024": C.RESTRICTED_AUP,
    "llama-3.2-license-2024": C.RESTRICTED_AUP,
    "llama-3.3-license-2024": C.RESTRICTED_AUP,
    "llama-4-cla-2025": C.RESTRICTED_AUP,
    "llama-4-license-2025": C.RESTRICTED_AUP,
    "ltxv-owl-2025-04-17": C.RESTRICTED_AUP,
    "ltxv-owl-2025-05-05": C.RESTRICTED_AUP,
    "mdl-2021": C.RESTRICTED_AUP,
    "moonshot-ai-modified-mit-2025": C.RESTRICTED_AUP,
    "ms-research-license-terms": C.NONCOMMERCIAL,
    "nvidia-model-training-2025": C.PROPRIETARY,
    "nvidia-open-model-2025-04-28": C.RESTRICTED_AUP,
    "open-weights-permissive-1.0.0": C.OSI_OPEN,
    "openai-tou-20230314": C.PROPRIETARY,
    "openai-tou-20241211": C.PROPRIETARY,
    "openatom-model-1.0": C.RESTRICTED_AUP,
    "openmdw-1.0": C.OSI_OPEN,
    "playground-v2-community": C.RESTRICTED_AUP,
    "qwen-2024": C.RESTRICTED_AUP,
    "responsible-ai-source-1.0": C.RESTRICTED_AUP,
    "responsible-ai-source-1.1": C.RESTRICTED_AUP,
    "salesforce-ai-aup-2025": C.RESTRICTED_AUP,
    "soml-1.0": C.OSI_OPEN,
    "stability-ai-community-2024": C.RESTRICTED_AUP,
    "stability-ai-nc-2023-12-06": C.NONCOMMERCIAL,
    "stable-diffusion-2022-08-22": C.RESTRICTED_AUP,
    "tencent-hunyuan-3d-2.0-cla": C.RESTRICTED_AUP,
    "tongyi-qianwen-2023": C.RESTRICTED_AUP,
    # opengauge's own additions (data/licenses/extra)
    "llama-3-license-2024": C.RESTRICTED_AUP,
    "llama-2-aup-2023": C.RESTRICTED_AUP,
    "llama-3-aup-2024": C.RESTRICTED_AUP,
    "llama-3.1-aup-2024": C.RESTRICTED_AUP,
    "llama-3.2-aup-2024": C.RESTRICTED_AUP,
    "llama-3.3-aup-2024": C.RESTRICTED_AUP,
    "stability-ai-nc-2023-11-28": C.NONCOMMERCIAL,
    "svd-nc-community-2023-11-21": C.NONCOMMERCIAL,
    "sdxl-0.9-research": C.NONCOMMERCIAL,
    "flux-1-dev-nc-1.1.1": C.NONCOMMERCIAL,
}

_DATA = {"CDLA", "ODC-By", "ODbL", "PDDL", "C-UDA", "O-UDA", "DL-DE", "NLOD", "etalab", "LGPLLR"}


@dataclass(frozen=True)
class Flags:
    """SPDX list flags for one id (None when the id is not on the list)."""

    osi_approved: bool | None
    fsf_libre: bool | None


@functools.lru_cache(maxsize=1)
def _spdx_flags() -> dict[str, Flags]:
    rows = reference.data_root().joinpath("spdx", "INDEX.tsv").read_text("utf-8").splitlines()
    table: dict[str, Flags] = {}
    for row in rows[1:]:
        cells = row.split("\t")
        table[cells[0]] = Flags(cells[2] == "True", cells[3] == "True")
    return table


@functools.lru_cache(maxsize=1)
def hf_map() -> dict[str, tuple[str, str, LicenseCategory]]:
    """Hugging Face ``license:`` id -> (SPDX id or LicenseRef or "", full name, category)."""
    text = reference.data_root().joinpath("hf", "hf_license_map.tsv").read_text("utf-8")
    table: dict[str, tuple[str, str, LicenseCategory]] = {}
    for row in text.splitlines()[1:]:
        cells = (row.split("\t") + [""] * 8)[:8]
        hf_id, name, spdx, key, _osi, category = cells[:6]
        spdx = spdx.split(" ")[0] if spdx and "(" not in spdx[:1] and "?" not in spdx else ""
        if not spdx and key and not key.startswith("(") and " " not in key and key != "unknown":
            spdx = f"LicenseRef-scancode-{key}"
        table[hf_id] = (spdx, name, LicenseCategory(category) if category else C.UNKNOWN)
    return table


def flags(license_id: str | None) -> Flags:
    """OSI-approved / FSF-libre flags of an SPDX id, None for ids off the SPDX list."""
    if not license_id:
        return Flags(None, None)
    return _spdx_flags().get(license_id, Flags(None, None))


def _single(license_id: str) -> LicenseCategory:
    key = license_id.removeprefix("LicenseRef-scancode-").removeprefix("LicenseRef-opengauge-")
    if key in _AI:
        return _AI[key]
    if license_id.startswith("LicenseRef-opengauge-"):
        return _opengauge_category(key)
    upper = license_id.upper()
    if upper.startswith("CC-BY-NC") or upper.startswith("CC-NC"):
        return C.NONCOMMERCIAL
    if upper.startswith("CC-BY-ND"):
        return C.PROPRIETARY
    if upper.startswith(("CC-BY", "CC0", "GFDL")):
        return C.OPEN_CONTENT
    if any(license_id.startswith(prefix) for prefix in _DATA):
        return C.OPEN_DATA
    if license_id in {"OpenMDW-1.0"}:
        return C.OSI_OPEN
    spdx = _spdx_flags().get(license_id)
    if spdx is not None and (spdx.osi_approved or spdx.fsf_libre):
        return C.OSI_OPEN
    return C.UNKNOWN


def _opengauge_category(key: str) -> LicenseCategory:
    """Keys of the texts opengauge adds: the category is part of the key's meaning."""
    if "-nc" in key or "research" in key or "non-commercial" in key:
        return C.NONCOMMERCIAL
    return C.RESTRICTED_AUP


def category_of(expression_or_id: str) -> LicenseCategory:
    """Category of an SPDX id, LicenseRef or SPDX expression; UNKNOWN when unparseable."""
    text = expression_or_id.strip()
    if not text:
        return C.UNKNOWN
    try:
        parsed = _licensing().parse(text, validate=False)
    except (ExpressionError, ValueError, TypeError, RecursionError):
        return C.UNKNOWN
    if parsed is None:
        return C.UNKNOWN
    return _combine(parsed)


def _combine(node: object) -> LicenseCategory:
    licensing = _licensing()
    args = getattr(node, "args", ())
    if isinstance(node, licensing.AND):
        return max((_combine(a) for a in args), key=_rank, default=C.UNKNOWN)
    if isinstance(node, licensing.OR):
        return min((_combine(a) for a in args), key=_rank, default=C.UNKNOWN)
    symbol = getattr(node, "license_symbol", node)  # "X WITH exception" -> X
    return _single(str(getattr(symbol, "key", symbol)))


def normalize_expression(expression: str) -> str | None:
    """Canonical SPDX rendering of ``expression``, or None if it does not parse."""
    try:
        parsed = _licensing().parse(expression, validate=False)
    except (ExpressionError, ValueError, TypeError, RecursionError):
        return None
    return None if parsed is None else str(parsed.render())


@functools.lru_cache(maxsize=1)
def _licensing() -> Licensing:
    return get_spdx_licensing()


def from_clauses(clauses: tuple[Clause, ...]) -> LicenseCategory:
    """Best category for a text whose licence is unknown, from the clauses it contains."""
    found = {c.kind for c in clauses}
    if found & {"non-commercial", "research-only"}:
        return C.NONCOMMERCIAL
    restricted = {
        "mau-cap",
        "revenue-cap",
        "aup-by-reference",
        "acceptable-use-policy",
        "use-restrictions",
        "no-improve-other-models",
        "geographic-exclusion",
        "field-of-use",
    }
    if found & restricted:
        return C.RESTRICTED_AUP
    return C.UNKNOWN


def most_restrictive(categories: list[LicenseCategory]) -> LicenseCategory:
    """The most restrictive of ``categories`` (UNKNOWN for none)."""
    return max(categories, key=_rank, default=C.UNKNOWN)


def _rank(category: LicenseCategory) -> int:
    return category.rank
