"""Text normalisation shared by the reference index and the matcher.

Licence texts differ in ways that do not change their meaning: case, quotes,
Markdown emphasis, bullets, line wrapping, http vs https, British spellings,
copyright lines. Everything is reduced to a list of word tokens, each with the
1-based line it came from, so a match can point back at lines.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from itertools import accumulate

# Words that mean the same thing in licence texts (SPDX matching guidelines, "varietal words").
_EQUIVALENT = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "https": "http",
    "www": "",
    "organisation": "organization",
    "organisations": "organizations",
    "authorised": "authorized",
    "authorise": "authorize",
    "recognise": "recognize",
    "sublicence": "sublicense",
    "noncommercial": "non commercial",
    "acknowledgement": "acknowledgment",
    "behaviour": "behavior",
    "favour": "favor",
}

# Name of the shingle hash, recorded in the shipped index: a change makes it stale.
SHINGLE_HASH = "crc32 of space-joined tokens"
# "++" is kept as a token on purpose: it is all that tells OpenRAIL-M from OpenRAIL++-M.
_TOKEN = re.compile(r"[a-z0-9]+|\+\+")
# List markers at the start of a line ("1.", "a)", "iv.", "-", "*") are numbering, not text.
_BULLET = re.compile(r"^\s*(?:[-*•>]+|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)](?=\s))\s*")
_COPYRIGHT_LINE = re.compile(r"^\W*(copyright\b|\(c\)|©)", re.IGNORECASE)
# ... and is a notice, not a wrapped sentence ("copyright notice, this list of ..."):
# it has a year, a (c) or a placeholder for one.
_COPYRIGHT_MARK = re.compile(r"\(c\)|©|\b(?:1[89]|20)\d\d\b|yyyy|year|<|\[", re.IGNORECASE)
# Typographic quotes and no-break spaces; str.replace per pair is far faster than
# str.translate with a table on non-ASCII text.
_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "))


@dataclass(frozen=True)
class Tokens:
    """Normalised word tokens of a text and the 1-based line of each token."""

    words: tuple[str, ...]
    lines: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)

    def line_span(self, start: int, end: int) -> tuple[int, int]:
        """Lines covered by tokens ``start`` (inclusive) to ``end`` (exclusive)."""
        if not self.words:
            return (1, 1)
        start = max(0, min(start, len(self.words) - 1))
        end = max(start + 1, min(end, len(self.words)))
        return (self.lines[start], self.lines[end - 1])


def tokenize(text: str, *, skip_copyright: bool = False) -> Tokens:
    """Split ``text`` into normalised tokens, keeping each token's line number.

    ``skip_copyright`` drops copyright notice lines, which SPDX matching ignores.
    """
    words: list[str] = []
    lines: list[int] = []
    if not text.isascii():
        for old, new in _QUOTES:
            if old in text:
                text = text.replace(old, new)
    for number, raw in enumerate(text.lower().splitlines(), start=1):
        if skip_copyright and _COPYRIGHT_LINE.match(raw) and _COPYRIGHT_MARK.search(raw):
            continue
        found = _TOKEN.findall(_BULLET.sub("", raw, count=1))
        if not found:
            continue
        if not _EQUIVALENT.keys().isdisjoint(found):
            found = [part for token in found for part in _EQUIVALENT.get(token, token).split()]
        words.extend(found)
        lines.extend([number] * len(found))
    return Tokens(tuple(words), tuple(lines))


def text_hash(tokens: Tokens) -> str:
    """Stable hash of a normalised token stream: tier 1, exact match."""
    return hashlib.sha256(" ".join(tokens.words).encode()).hexdigest()


def shingles(words: tuple[str, ...] | list[str], size: int = 5) -> list[int]:
    """CRC-32 of each window of ``size`` consecutive tokens (one per start position).

    The window is hashed as its words joined by single spaces. CRC-32 (zlib) is the
    same in every process, Python version and platform, which the shipped index
    (``reference-index.bin``) relies on; Python's ``hash()`` of a string is salted
    per process. 32 bits are enough: the corpus has about 200,000 distinct shingles,
    so a handful of collisions, each moving a Dice score by less than 1e-4.
    """
    if not words:
        return []
    data = " ".join(words).encode()
    crc = zlib.crc32
    if len(words) < size:
        return [crc(data)]
    if not data.isascii():  # tokenize() only yields ASCII; other callers may not
        return [
            crc(" ".join(w).encode()) for w in zip(*(words[k:] for k in range(size)), strict=False)
        ]
    # starts[i]: offset of word i in data; a window ends one space before word i + size
    starts = list(accumulate([len(word) + 1 for word in words], initial=0))
    return [crc(data[a : b - 1]) for a, b in zip(starts, starts[size:], strict=False)]


def title_line(text: str) -> str:
    """The first non-empty line, without Markdown decoration."""
    for raw in text.splitlines()[:20]:
        line = raw.strip().strip("#*_ =").strip()
        if line:
            return line
    return ""
