"""Version anchors: what tells near-duplicate licence texts apart.

Llama 2 / 3 / 3.1 / 3.2 / 3.3 / 4, CreativeML OpenRAIL-M vs OpenRAIL++-M and the
Gemma terms of 2024 and 2025 score 0.98-0.996 against each other on bag-of-words
similarity. What differs is the title line (version numbers, "++"), the date near
the top ("Last modified: March 24, 2025") and version-bearing URLs. A reference is
only accepted if none of its anchors contradicts the text's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_DATE_WORDS = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_VERSION = re.compile(r"(?<![\w.])(\d{1,2}(?:\.\d{1,2}){0,2})(?!\w|\.\d)")
_HEAD_LINES = 12


@dataclass(frozen=True)
class Anchors:
    """Distinguishing marks of one licence text.

    ``versions``: numbers in the title line ("3.1", "2", "0.9").
    ``dates``: ISO dates found in the first lines (release, effective or modified dates).
    ``plusplus``: the title says "++" (OpenRAIL++).
    """

    title: str
    versions: frozenset[str]
    dates: frozenset[str]
    plusplus: bool


def _dates(text: str) -> set[str]:
    found: set[str] = set()
    for month, day, year in _DATE_WORDS.findall(text):
        found.add(f"{int(year):04d}-{_MONTHS[month.lower()]:02d}-{int(day):02d}")
    for year, month, day in _DATE_ISO.findall(text):
        found.add(f"{year}-{month}-{day}")
    return found


def _title(lines: list[str]) -> str:
    for raw in lines:
        line = raw.strip().strip("#*_ =").replace("*", "").strip()
        if line and not line.lower().startswith("copyright"):
            return line
    return ""


def extract(text: str) -> Anchors:
    """Anchors of ``text`` (a reference or the matched region of a target file)."""
    head = [line for line in text.splitlines()[:40] if line.strip()][:_HEAD_LINES]
    title = _title(head)
    # Version numbers count only in a short title-like line, not in body prose.
    versions = frozenset(_VERSION.findall(title)) if len(title) <= 120 else frozenset()
    return Anchors(
        title=title,
        versions=versions,
        dates=frozenset(_dates("\n".join(head))),
        plusplus="++" in title,
    )


_GENERIC = frozenset(
    [
        "license",
        "licence",
        "licenses",
        "agreement",
        "agreements",
        "terms",
        "of",
        "use",
        "the",
        "and",
        "a",
        "an",
        "for",
        "version",
        "community",
        "research",
        "non",
        "commercial",
        "noncommercial",
        "public",
        "open",
        "source",
        "model",
        "models",
        "policy",
        "acceptable",
        "prohibited",
        "software",
        "la",
        "v",
        "ai",
        "dated",
        "dev",
    ]
)
_TITLE_WORDS = ("license", "licence", "agreement", "terms", "policy")


def _name_words(title: str) -> frozenset[str] | None:
    """Words that name the licensor or product in a title-like line, None if not a title."""
    words = re.findall(r"[a-z]+", title.lower())
    if not words or len(words) > 12 or not any(w.startswith(_TITLE_WORDS) for w in words):
        return None
    return frozenset(w for w in words if w not in _GENERIC and len(w) > 1)


def conflict(reference: Anchors, region: Anchors) -> str | None:
    """Why ``region`` cannot be ``reference`` by its anchors, or None when they agree."""
    ref_names, region_names = _name_words(reference.title), _name_words(region.title)
    if ref_names and region_names and not ref_names & region_names:
        return f"title {region.title!r} vs {reference.title!r}"
    if reference.plusplus != region.plusplus and _same_family_title(reference, region):
        return f"title {region.title!r} vs {reference.title!r} (++)"
    if reference.versions and region.versions and not reference.versions & region.versions:
        return f"version {sorted(region.versions)} vs {sorted(reference.versions)}"
    if reference.dates and region.dates and not reference.dates & region.dates:
        return f"date {sorted(region.dates)} vs {sorted(reference.dates)}"
    return None


def _same_family_title(a: Anchors, b: Anchors) -> bool:
    words_a = set(re.findall(r"[a-z]+", a.title.lower()))
    words_b = set(re.findall(r"[a-z]+", b.title.lower()))
    return bool(words_a and words_b and len(words_a & words_b) >= 2)
