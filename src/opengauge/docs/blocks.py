"""A card as blocks: headings and bold labels, each with its own text, for matching.

Real cards mark sections with headings of any level, with bold lines ("**Model date**")
or with bold bullet labels ("- **License:** MIT"). All three become blocks. A heading
block's text includes its sub-sections, so "## Evaluation" with only "### Results"
under it still counts as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from opengauge.docs.tables import normalise
from opengauge.docs.template import all_boilerplate
from opengauge.model.evidence import Card

MAX_BLOCK_CHARS = 16 * 1024
MIN_WORDS = 3
_LABEL = re.compile(r"\s{0,3}(?:[-*+]\s+)?\*\*([^*\n]{1,100}?)\*\*\s*:?\s*(.*)")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_HEADING_LINE = re.compile(r"\s{0,3}#{1,6}(?:\s.*)?|\s*<h[1-6]\b.*</h[1-6]\s*>\s*", re.IGNORECASE)
_SETEXT = re.compile(r"\s{0,3}(=+|-+)\s*")
_WORD = re.compile(r"[^\W_]{2,}|\d+")
_MARKUP = re.compile(r"<[^>]{0,300}>|\]\([^)]*\)|[*_`#>|\[\]~-]")


class State(StrEnum):
    """How far one documentation item is written."""

    FILLED = "filled"
    TEMPLATE = "template"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Block:
    """A heading or bold label with its text; ``line`` is 1-based in the card file."""

    title: str
    key: str  # normalised title
    line: int
    text: str
    heading: bool
    level: int


def blocks(card: Card) -> list[Block]:
    """Headings (with sub-section text) and bold labels of ``card``, in file order."""
    lines = card.body.split("\n")
    first = card.body_start_line
    out: list[Block] = []
    sections = card.sections
    for position, section in enumerate(sections):
        end = len(lines) + first
        for later in sections[position + 1 :]:
            if later.level <= section.level:
                end = later.line
                break
        own_end = sections[position + 1].line if position + 1 < len(sections) else end
        subtree = _join(lines, section.line + 1 - first, end - first)
        out.append(
            Block(
                section.title, normalise(section.title), section.line, subtree, True, section.level
            )
        )
        out.extend(
            _labels(lines, section.line + 1 - first, own_end - first, first, section.level + 1)
        )
    if not sections:
        out.extend(_labels(lines, 0, len(lines), first, 1))
    return out


def intro_text(card: Card) -> tuple[str, int]:
    """The opening text: before the first heading, plus the text under a lone top title."""
    lines = card.body.split("\n")
    first = card.body_start_line
    sections = card.sections
    if not sections:
        return _join(lines, 0, len(lines)), first
    text = _join(lines, 0, sections[0].line - first)
    if sections[0].level == 1:
        stop = sections[1].line if len(sections) > 1 else len(lines) + first
        text = (text + "\n" + _join(lines, sections[0].line + 1 - first, stop - first)).strip()
    return text, first


def _join(lines: list[str], start: int, end: int) -> str:
    out: list[str] = []
    size = 0
    for line in lines[max(0, start) : max(0, end)]:
        if _SETEXT.fullmatch(line):
            continue
        size += len(line) + 1
        if size > MAX_BLOCK_CHARS:
            break
        out.append(line)
    return "\n".join(out).strip()


def _labels(lines: list[str], start: int, end: int, first: int, level: int) -> list[Block]:
    found: list[tuple[int, str, str]] = []  # (index, title, value on the same line)
    for index in range(max(0, start), min(end, len(lines))):
        match = _LABEL.fullmatch(lines[index][:500])
        if match and match.group(1).strip().rstrip(":"):
            found.append((index, match.group(1).strip().rstrip(":"), match.group(2)))
    out: list[Block] = []
    for position, (index, title, value) in enumerate(found):
        stop = found[position + 1][0] if position + 1 < len(found) else end
        # A label alone on its line owns the lines below it up to the next label.
        text = value if value.strip() else _join(lines, index + 1, stop)
        out.append(Block(title, normalise(title), index + first, text, False, level))
    return out


def content(text: str) -> str:
    """``text`` without HTML comments, template boilerplate, placeholders or empty labels."""
    text = _COMMENT.sub(" ", text)
    boilerplate = all_boilerplate()
    kept: list[str] = []
    for line in text.split("\n"):
        key = normalise(line)
        if not key or key in boilerplate or _HEADING_LINE.fullmatch(line):
            continue
        label = _LABEL.fullmatch(line)
        if label and (not label.group(2).strip() or normalise(label.group(2)) in boilerplate):
            continue
        for placeholder in ("[More Information Needed]", "More Information Needed", "[optional]"):
            line = line.replace(placeholder, " ")
        kept.append(line)
    return "\n".join(kept).strip()


def words(text: str) -> int:
    """Words of real content in ``text`` (markup and link targets removed)."""
    return len(_WORD.findall(_MARKUP.sub(" ", text)))


def state_of(text: str, minimum: int = MIN_WORDS) -> State:
    """FILLED when the text says something beyond the template, else TEMPLATE."""
    real = content(text)
    if words(real) >= minimum or "<img" in real or "![" in real or "<table" in real.lower():
        return State.FILLED
    return State.TEMPLATE
