"""Licence statements: README prose, "License:" fields, badges, SPDX headers, package metadata.

Each finder returns ``Statement`` records (line, the name as written, kind, link).
Everything is bounded: lines longer than 2,000 characters are cut, at most
``MAX_STATEMENTS`` statements are kept, so a README repeating "license" ten
thousand times costs one linear pass.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from opengauge.licenses import bound, names
from opengauge.licenses.bound import HEADING_LINE, sentence_at

MAX_STATEMENTS = 50
_MAX_LINE = 2000
_MAX_LINES = 20_000

_SPDX = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+\-() ]{1,200}?)\s*(?:\*/|-->|$)")
_FIELD = re.compile(
    r"^\s*(?:[-*+]\s*)?(?:\*\*|__)?licen[cs]es?(?:\s*\((?P<scope>[^)]{1,60})\)|\s+for\s+"
    r"(?P<scope2>[\w ]{1,40}?))?(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<value>.+?)\s*$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?licen[cs]es?(?:\*\*|__)?\s*:?\s*$", re.I)
_PROSE = re.compile(
    r"\b(?:licen[cs]ed|released|distributed|available|published|provided|made available)\s+"
    r"(?:\w+ly\s+)?under\s+(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?"
    r"(?P<name>(?:\[[^\]]{1,80}\]\([^)]{1,300}\))|[A-Za-z0-9][\w .+\-/]{0,60}?)"
    r"(?=\s+licen[cs]e\b|\s+(?:and|for|with|which|unless|except)\b|[,;:)\n]|\.(?:\s|$)|$)",
    re.IGNORECASE,
)
# "released under Apache 2.0": a licence named without the word "licence"
_FAMILY_UNDER = re.compile(
    r"\bunder\s+(?:the\s+)?(?:apache|mit\b|bsd|[al]?gpl|mpl|cc[- ]by|cc0|creative commons|"
    r"openrail|odc-by|cdla)",
    re.I,
)
_BADGE = re.compile(r"img\.shields\.io/badge/licen[cs]e-(?P<name>[^)\s\"']+?)-[0-9a-zA-Z]+", re.I)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_LINK = re.compile(r"^\[(?P<text>[^\]]{1,120})\]\((?P<target>[^)\s]{1,300})\)")
_TOML = re.compile(r"""^\s*license\s*=\s*(?:\{\s*(?:text|file)\s*=\s*)?["'](?P<v>[^"']{1,200})""")
_CFG = re.compile(r"^\s*license\s*=\s*(?P<v>\S.{0,200})$")


@dataclass(frozen=True)
class Statement:
    """A licence named in prose or metadata, as written, with where it stands."""

    line: int
    name: str
    kind: str  # spdx-header | field | prose | badge | package-metadata
    link: str | None = None
    sentence: str = ""
    # the paragraph or section the statement opens (bounded): where the conditions of a
    # licence the engine does not know are usually spelled out
    context: str = ""


def _split_link(value: str) -> tuple[str, str | None]:
    match = _LINK.match(value.strip())
    if match:
        return match.group("text"), match.group("target")
    return value, None


# "(`LICENSE-DATA`)", "(see LICENSE)": a pointer to the file, not part of the name
_FILE_POINTER = re.compile(r"\s*\((?:see\s+)?`?[\w./-]*licen[cs]e[\w./-]*`?\)\s*$", re.I)


def _clean(name: str) -> str:
    name = _FILE_POINTER.sub("", name.strip())
    return name.strip().strip("`*_\"' ").rstrip(".")


def find(text: str) -> list[Statement]:
    """Every licence statement in ``text`` (Markdown, code or plain text), bounded."""
    found: list[Statement] = []
    lines = text.splitlines()[:_MAX_LINES]
    fence = ""
    for number, full in enumerate(lines, start=1):
        if len(found) >= MAX_STATEMENTS:
            break
        line = full[:_MAX_LINE]
        # fenced blocks in Markdown hold code, commands and quoted model outputs ("...is
        # licensed under the Llama 2 Community license" as an evaluated answer), not
        # statements; an SPDX header is read wherever it stands
        marker = _FENCE.match(line)
        if marker and (not fence or marker.group(1).startswith(fence)):
            fence = "" if fence else marker.group(1)[:3]
            continue
        if fence and "SPDX-License-Identifier" not in line:
            continue
        lowered = line.lower()
        if (
            "licen" not in lowered
            and "spdx" not in lowered
            and not _FAMILY_UNDER.search(line)
            and not bound.HINT.search(line)
        ):
            continue
        spdx = _SPDX.search(line)
        if spdx:
            found.append(
                Statement(number, spdx.group(1).strip(), "spdx-header", None, line.strip())
            )
            continue
        field = _FIELD.match(line)
        if field:
            name, link = _split_link(field.group("value"))
            found.append(Statement(number, _clean(name), "field", link, line.strip()))
            continue
        if _HEADING.match(line):
            follow = _next_value(lines, number)
            if follow:
                name, link = _split_link(follow[1])
                found.append(Statement(follow[0], _clean(name), "field", link, follow[1].strip()))
            continue
        for badge in _BADGE.finditer(line):
            name = urllib.parse.unquote(badge.group("name")).replace("_", " ").replace("--", "-")
            found.append(Statement(number, _clean(name), "badge", None, line.strip()[:300]))
        context = ""
        for prose in _PROSE.finditer(line):
            name, link = _complete(*_split_link(prose.group("name")), line, prose.end("name"))
            if _clean(name):
                # the sentence of this statement only: "code under X. Weights under Y."
                # must not give both licences the same scope
                sentence = sentence_at(line, prose.start())
                context = context or _context(lines, number)
                found.append(
                    Statement(number, _clean(name), "prose", link, sentence[:400], context)
                )
        wrapped = bound.soft_wrapped(lines, number, line)
        for name, link, position in bound.bound_names(wrapped):
            sentence = sentence_at(wrapped, position)
            if position and not bound.scoped(sentence):
                # "Our weights and code are licensed for ... . The X License can be found
                # at ...": the sentence before says what the licence is for
                previous = sentence_at(wrapped, max(0, wrapped.find(sentence) - 2))
                if previous != sentence and "licen" in previous.lower():
                    sentence = f"{previous} {sentence}"
            context = context or _context(lines, number)
            found.append(Statement(number, name, "prose", link, sentence[:400], context))
    return found[:MAX_STATEMENTS]


_CONTEXT_LINES = 15
_CONTEXT_CHARS = 3000


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


_PAREN_AFTER = re.compile(
    r"\s*(?:licen[cs]e\s*)?\((?P<inner>\[[^\]]{1,80}\]\([^)\s]{1,300}\)|[^()\[\]]{1,60})\)"
)
_WORDS_AFTER = re.compile(r"[ \t]+([\w.+-]+(?:,?[ \t]+[\w.+-]+){0,4})")


def _complete(name: str, link: str | None, line: str, end: int) -> tuple[str, str | None]:
    """The licence a prose statement names when its captured name stops short: "the
    Creative Commons license ([CC BY-SA-4.0](..))", "the Apache License 2.0 license"."""
    if names.resolve(_clean(name)).id:
        return name, link
    after = line[end : end + 400]
    paren = _PAREN_AFTER.match(after)
    if paren:
        inner, inner_link = _split_link(paren.group("inner"))
        if names.resolve(_clean(inner)).id:
            return inner, inner_link or link
    words = _WORDS_AFTER.match(after)
    if words:
        parts = words.group(1).split()
        for count in range(len(parts), 0, -1):
            candidate = f"{name} {' '.join(parts[:count])}".rstrip(".,")
            if names.resolve(_clean(candidate)).id:
                return candidate, link
    return name, link


def _context(lines: list[str], number: int) -> str:
    """Where the conditions of the statement's licence are spelled out (bounded).

    A list item speaks for itself: its own lines only, not the next item's licence. A
    paragraph counts with the list it introduces ("... meets the following conditions:"),
    never past the next heading.
    """
    window = [line[:_MAX_LINE] for line in lines[number - 1 : number - 1 + _CONTEXT_LINES]]
    taken = window[:1]
    item = bool(_LIST_ITEM.match(taken[0]))
    index = 1
    while index < len(window):  # the item or paragraph itself
        line = window[index]
        if not line.strip() or HEADING_LINE.match(line) or (item and _LIST_ITEM.match(line)):
            break
        taken.append(line)
        index += 1
    if not item and taken[-1].rstrip().endswith(":"):  # the list it introduces
        for line in window[index:]:
            if HEADING_LINE.match(line) or (
                line.strip() and not line[:1].isspace() and not _LIST_ITEM.match(line)
            ):
                break
            taken.append(line)
    return "\n".join(taken)[:_CONTEXT_CHARS]


def _next_value(lines: list[str], number: int) -> tuple[int, str] | None:
    """The first non-empty line after a "License" heading, if it is short enough to be a name."""
    for offset in range(number, min(number + 3, len(lines))):
        candidate = lines[offset].strip()
        if candidate.startswith("#"):
            return None
        if candidate:
            return (offset + 1, candidate) if len(candidate) <= 120 else None
    return None


def package_metadata(text: str, path: str) -> list[Statement]:
    """``license`` in pyproject.toml ([project] or Poetry) or setup.cfg ([metadata])."""
    pattern = _TOML if path.endswith(".toml") else _CFG
    found = []
    for number, line in enumerate(text.splitlines()[:_MAX_LINES], start=1):
        match = pattern.match(line[:_MAX_LINE])
        if match and not match.group("v").strip().startswith(("file:", "{")):
            found.append(Statement(number, _clean(match.group("v")), "package-metadata"))
        if len(found) >= 5:
            break
    return found
