"""BibTeX citation entries in documentation, and what kind of publication each one is. Pure.

A release asks to be cited with BibTeX in its README. Whether that publication was peer
reviewed is in the entry itself: a ``booktitle`` or ``journal`` naming a conference or
journal is; an arXiv ``eprint``, ``journal = {arXiv preprint ...}`` or a Zenodo/GitHub
software record is not; a workshop is peer reviewed but lighter (the Index rates it partial).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ENTRIES = 50
_ENTRY = re.compile(r"^\s*@(?P<kind>[A-Za-z]+)\s*[{(]", re.M)
_FIELD = r"(?im)^\s*{name}\s*=\s*[{{\"]+(?P<v>[^\n]{{1,{limit}}}?)[}}\"]*\s*,?\s*$"
_PREPRINT = re.compile(
    r"arxiv|preprint|\bcorr\b|biorxiv|medrxiv|ssrn|chemrxiv|techrxiv|research square", re.I
)
_NOT_A_PAPER = re.compile(
    r"zenodo|github|software|repository|blog|website|hugging ?face|technical report|"
    r"tech\.? report|white ?paper|model card",
    re.I,
)
_WORKSHOP = re.compile(r"\bworkshops?\b", re.I)
LEVELS = ("none", "other", "preprint", "workshop", "peer-reviewed")


@dataclass(frozen=True)
class Citation:
    """One BibTeX entry: its kind (@article...), title, venue and publication level."""

    kind: str
    title: str
    venue: str
    level: str  # peer-reviewed | workshop | preprint | other
    line: int  # 1-based, in the text given
    authors: frozenset[str] = frozenset()  # lower-cased surnames (or a corporate name)


_CORPORATE = re.compile(r"(?im)^\s*author\s*=\s*\{\{[^{}\n]{1,200}\}\}\s*,?\s*$")


def _surnames(field: str, corporate: bool = False) -> frozenset[str]:
    """Surnames of a BibTeX ``author`` field: "Black, Sid and Biderman, Stella" or "Sid
    Black and Stella Biderman"; "others" dropped; a braced corporate name kept whole."""
    if corporate and field:
        return frozenset({field.strip(" {}").lower()})
    names = set()
    for person in re.split(r"\s+and\s+", field)[:200]:
        person = person.strip(" {}")
        if not person or person.lower() == "others":
            continue
        surname = person.split(",", 1)[0] if "," in person else person.split()[-1]
        names.add(re.sub(r"[{}\\'\"`~^]", "", surname).strip().lower())
    names.discard("")
    return frozenset(names)


def same_authors(entry: Citation, first: Citation) -> bool:
    """``entry`` shares authors with ``first`` (two surnames, or all of a short list): the
    same group's work, not related work the README also asks to cite."""
    shared = len(entry.authors & first.authors)
    return bool(first.authors) and shared >= min(2, len(first.authors))


def _field(block: str, name: str, limit: int = 400) -> str:
    match = re.search(_FIELD.format(name=name, limit=limit), block)
    return match.group("v").strip(' {}"') if match else ""


def level_of(kind: str, venue: str, eprint: str) -> str:
    """The publication level of an entry from its type, venue and eprint."""
    if venue and _NOT_A_PAPER.search(venue) and not _WORKSHOP.search(venue):
        return "other"
    if venue and _PREPRINT.search(venue):
        return "preprint"
    if venue:
        return "workshop" if _WORKSHOP.search(venue) else "peer-reviewed"
    if eprint or kind in ("article", "misc", "unpublished", "online"):
        return "preprint" if eprint else "other"
    return "other"


def citations(text: str) -> list[Citation]:
    """Every BibTeX entry in ``text``, in order, bounded to ``MAX_ENTRIES``."""
    found: list[Citation] = []
    for match in _ENTRY.finditer(text[:500_000]):
        if len(found) >= MAX_ENTRIES:
            break
        kind = match.group("kind").lower()
        if kind in ("string", "preamble", "comment"):
            continue
        block = text[match.end() : match.end() + 4000].split("\n}", 1)[0]
        venue = _field(block, "booktitle") or _field(block, "journal")
        if not venue:
            venue = _field(block, "publisher") if kind in ("misc", "software", "online") else ""
        eprint = _field(block, "eprint") or (
            "arXiv" if _field(block, "archiveprefix").lower() == "arxiv" else ""
        )
        found.append(
            Citation(
                kind=kind,
                title=_field(block, "title")[:200],
                venue=venue[:200],
                level=level_of(kind, venue, eprint),
                line=text.count("\n", 0, match.start()) + 1,
                authors=_surnames(_field(block, "author", 3000), bool(_CORPORATE.search(block))),
            )
        )
    return found


def best(entries: list[Citation]) -> Citation | None:
    """The entry with the highest publication level (the first among equals)."""
    ranked = [e for e in entries if e.level != "other"]
    if not ranked:
        return None
    return max(ranked, key=lambda e: (LEVELS.index(e.level), -entries.index(e)))
