"""Well-known base models and what a fine-tune of one inherits (pure data + parsing).

A fine-tune's weights are a derivative of its base model's weights: the base licence's
terms bind them (a Llama-based model is under the Llama licence whatever its own README
says), and the base model's data openness is the openness of the fine-tune's pre-training
data. Families are matched on the names releases use ("based on Llama 2", "fine-tuned from
mistralai/Mistral-7B-v0.1", a "Base Model" table row, card ``base_model`` metadata).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from opengauge.licenses.governs import WEIGHTS
from opengauge.model import LicenseCategory, LicenseMatch

L = LicenseCategory


@dataclass(frozen=True)
class BaseFamily:
    """A base model family: its licence, and how open its data and weights are.

    ``data`` and ``weights`` use the Open Source AI Index's words (open, partial, closed):
    data sources shared and documented; weights freely downloadable (partial: gated or
    on request).
    """

    name: str
    licence_id: str | None
    licence_name: str
    category: LicenseCategory
    data: str
    weights: str


def inherited_row(
    family: BaseFamily, path: str, line: int, excerpt: str, reason: str
) -> LicenseMatch:
    """The licence row a fine-tune inherits from ``family`` (weights; the table's word)."""
    return LicenseMatch(
        path=path,
        start_line=line,
        end_line=line,
        id=family.licence_id,
        name=family.licence_name,
        category=family.category,
        confidence=0.7,
        method="base-model",
        source="base-model",
        component=WEIGHTS,
        excerpt=excerpt,
        reason=reason,
    )


_FAMILIES: tuple[tuple[re.Pattern[str], BaseFamily], ...] = tuple(
    (re.compile(pattern, re.I), family)
    for pattern, family in (
        (
            r"\bllama[- ]?3(\.\d)?\b|\bmeta-llama/(meta-)?llama-3",
            BaseFamily(
                "Llama 3",
                "LicenseRef-scancode-llama-3.1-license-2024",
                "Llama 3 Community License",
                L.RESTRICTED_AUP,
                "closed",
                "partial",
            ),
        ),
        (
            r"\bllama[- ]?2\b|\bmeta-llama/llama-2",
            BaseFamily(
                "Llama 2",
                "LicenseRef-scancode-llama-2-license-2023",
                "Llama 2 Community License",
                L.RESTRICTED_AUP,
                "closed",
                "partial",
            ),
        ),
        (
            r"\bllama[- ]?4\b",
            BaseFamily(
                "Llama 4",
                "LicenseRef-scancode-llama-4-license-2025",
                "Llama 4 Community License",
                L.RESTRICTED_AUP,
                "closed",
                "partial",
            ),
        ),
        (
            # "LLaMA 7B" is the original; "Llama 2", "Llama 3.1" are later families
            r"\bllama\b(?![- ]?\d(\.\d)?(?!\d*\s*[bm]\b))|\bhuggyllama/|decapoda-research/llama",
            BaseFamily(
                "LLaMA",
                "LicenseRef-scancode-llama-license-2023",
                "LLaMA licence (non-commercial research)",
                L.NONCOMMERCIAL,
                "closed",
                "partial",
            ),
        ),
        (
            r"\bmistral\b|\bmistralai/|\bmixtral\b",
            BaseFamily("Mistral", "Apache-2.0", "Apache License 2.0", L.OSI_OPEN, "closed", "open"),
        ),
        (
            r"\bpythia\b|eleutherai/pythia",
            BaseFamily("Pythia", "Apache-2.0", "Apache License 2.0", L.OSI_OPEN, "open", "open"),
        ),
        (
            r"\bgemma\b|google/gemma",
            BaseFamily(
                "Gemma",
                "LicenseRef-opengauge-gemma-tou-2024-04-01",
                "Gemma Terms of Use",
                L.RESTRICTED_AUP,
                "closed",
                "partial",
            ),
        ),
        (
            r"\bbloomz?\b|bigscience/bloom",
            BaseFamily(
                "BLOOM",
                "LicenseRef-scancode-bigscience-rail-1.0",
                "BigScience RAIL License 1.0",
                L.RESTRICTED_AUP,
                "partial",
                "open",
            ),
        ),
    )
)

# Where a release says what it was fine-tuned from.
DERIVED = re.compile(
    r"\b(fine-?tun\w*\s+(?:version\s+of|from|on\s+top\s+of|upon)|based\s+on|built\s+(?:on|upon)|"
    r"derived\s+from|initiali[sz]ed\s+(?:from|with)|continue[ds]?\s+(?:pre-?)?training\s+"
    r"(?:from|of)|instruction[- ]tun\w*\s+(?:version\s+of|from)|fine-?tune[ds]?)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:\d+(?:\.\d+)?\s*[bm]\s+)?[\[`]*"
    r"(?P<name>(?:meta'?s?\s+)?[\w./-]{2,60}(?:\s+\d+(?:\.\d+)?[bm]?)?)",
    re.I,
)
# A training configuration naming the model it starts from.
CONFIG_BASE = re.compile(
    r"""^\s*["']?(model_name_or_path|base_model|pretrained_model_name_or_path|"""
    r"""init_from|base_model_name)["']?\s*[:=]\s*["']?([\w./-]{3,120})""",
    re.M,
)
# ... and what says it was not ("trained from scratch", "a reproduction of LLaMA").
NOT_DERIVED = re.compile(
    r"\b(from scratch|reproduction of|re-?implementation of|"
    r"replication of|alternative to)\b",
    re.I,
)


def family_of(name: str) -> BaseFamily | None:
    """The base family a model name or Hub id belongs to, if it is a known one."""
    for pattern, family in _FAMILIES:
        if pattern.search(name):
            return family
    return None


def derived_from(sentence: str) -> tuple[str, BaseFamily] | None:
    """The base model a sentence says the release derives from, with its family."""
    if NOT_DERIVED.search(sentence):
        return None
    for match in DERIVED.finditer(sentence):
        rest = sentence[match.end("name") : match.end("name") + 20].lower()
        if re.match(r"\W*(architecture|tokeni[sz]er|codebase|code\b|paper)", rest):
            continue  # "based on the Llama architecture" is not a fine-tune
        family = family_of(match.group("name"))
        if family is not None:
            return match.group("name"), family
    return None


def config_base(text: str) -> tuple[str, BaseFamily, int] | None:
    """The known base model a training configuration starts from, with its line."""
    for match in CONFIG_BASE.finditer(text):
        family = family_of(match.group(2))
        if family is not None:
            return match.group(2), family, text.count("\n", 0, match.start()) + 1
    return None


@dataclass(frozen=True)
class BaseEvidence:
    """Where a release says what it was fine-tuned from."""

    name: str
    family: BaseFamily
    path: str
    line: int
    sentence: str


_VENDORED = re.compile(r"(^|/)(third[-_]?party|vendor(ed)?|external|deps|tests?)/", re.I)
_TRAINING_CONFIG = re.compile(r"(train|finetune|fine-tune|sft|dpo|recipe|config)", re.I)


def find_bases(
    documents: list[tuple[str, str, int]], configs: list[tuple[str, str]]
) -> list[BaseEvidence]:
    """Every statement of a known base model in ``documents`` ((path, text, first line))
    and training ``configs`` ((path, text)), first ones first."""
    found: list[BaseEvidence] = []
    for path, text, first in documents:
        # only documents that speak for the release: a recipe's README in a sub-folder
        # describes one of many models the code can train
        if _VENDORED.search(path) or "/" in path:
            continue
        for index, line in enumerate(text.splitlines()[:20_000]):
            if len(line) > 4000 or not DERIVED.search(line):
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                hit = derived_from(sentence)
                if hit is not None:
                    found.append(
                        BaseEvidence(hit[0], hit[1], path, first + index, sentence.strip()[:240])
                    )
    found.extend(_config_bases(configs))
    return found


# Configurations that train a model from nothing, and toy ones used to test the code.
_PRETRAIN_CONFIG = re.compile(r"(^|/)pre-?train(ing)?[^/]*/", re.I)
_TOY_CONFIG = re.compile(r"(test|debug|mini|tiny|toy|smoke|dummy)", re.I)


def _config_bases(configs: list[tuple[str, str]]) -> list[BaseEvidence]:
    """Bases named by training configurations, the family most configurations use first.

    A release that ships pre-training configurations trains its own base models: its
    fine-tuning recipes for other models do not make it a fine-tune. Toy configurations
    (tests, debug runs) say nothing about the release.
    """
    own = [p for p, _ in configs if not _VENDORED.search(p) and _TRAINING_CONFIG.search(p)]
    if any(_PRETRAIN_CONFIG.search(p) for p in own):
        return []
    hits: list[BaseEvidence] = []
    for path, text in configs:
        if path not in own or _TOY_CONFIG.search(path.rsplit("/", 1)[-1]):
            continue
        hit = config_base(text)
        if hit is not None:
            hits.append(
                BaseEvidence(hit[0], hit[1], path, hit[2], f"{hit[0]} (training configuration)")
            )
    votes: dict[str, int] = {}
    for found in hits:
        votes[found.family.name] = votes.get(found.family.name, 0) + 1
    return sorted(hits, key=lambda h: -votes[h.family.name])
