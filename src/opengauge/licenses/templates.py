"""SPDX XML template matching, honouring ``<alt>``, ``<optional>``, bullets and titles.

A template becomes a sequence of literal token runs separated by bounded gaps
(an ``<alt>`` may hold any text its regex allows, an ``<optional>`` may be absent
or present, a bullet may be numbered differently). A text matches when every
literal run occurs in order, each within the gap its predecessor allows. The
search is a windowed ``str.find``: linear, no regex backtracking on hostile input.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from bisect import bisect_right
from dataclasses import dataclass

from opengauge.licenses.normalize import tokenize

_NS = "{http://www.spdx.org/license}"
_WILD = 60  # tokens an unbounded <alt match=".+"> may swallow (a copyright holder, a name)
_MAX_STARTS = 20


@dataclass(frozen=True)
class Template:
    """Literal runs (token tuples) and the gap allowed before each of them."""

    runs: tuple[tuple[str, ...], ...]
    gaps: tuple[int, ...]

    @property
    def size(self) -> int:
        """Number of literal tokens a match must contain."""
        return sum(len(r) for r in self.runs)


def _alt_allowance(element: ET.Element) -> int:
    pattern = element.get("match", "")
    if ".+" in pattern or ".*" in pattern:
        return _WILD
    return len(tokenize("".join(element.itertext())).words) + len(pattern.split("|")) + 4


def _walk(element: ET.Element, out: list[tuple[str, object]]) -> None:
    """Flatten one XML element into literal text and gap allowances (tails: the caller)."""
    tag = element.tag.replace(_NS, "")
    if tag in {"crossRefs", "notes"}:
        return
    if tag == "alt":
        out.append(("gap", _alt_allowance(element)))
    elif tag in {"optional", "titleText"}:
        inner = len(tokenize("".join(element.itertext())).words)
        wild = _WILD if element.find(f".//{_NS}alt") is not None else 0
        out.append(("gap", inner + wild + 5))
    elif tag == "copyrightText":
        out.append(("gap", _WILD))
    elif tag == "bullet":
        out.append(("gap", 3))
    else:
        if element.text:
            out.append(("lit", element.text))
        for child in element:
            _walk(child, out)
            if child.tail:
                out.append(("lit", child.tail))


def _compile(pieces: list[tuple[str, object]]) -> Template | None:
    runs: list[tuple[str, ...]] = []
    gaps: list[int] = []
    pending_gap = 0
    current: list[str] = []
    for kind, value in pieces:
        if kind == "lit":
            current.extend(tokenize(str(value)).words)
            continue
        if current:
            runs.append(tuple(current))
            gaps.append(pending_gap)
            current, pending_gap = [], 0
        pending_gap += int(str(value))
    if current:
        runs.append(tuple(current))
        gaps.append(pending_gap)
    if not runs:
        return None
    return Template(tuple(runs), tuple(gaps))


def parse_body(xml_text: str) -> Template | None:
    """The licence-text template of one SPDX XML file."""
    root = ET.fromstring(xml_text)  # noqa: S314 - package data, not audited content
    text = root.find(f".//{_NS}text")
    if text is None:
        return None
    pieces: list[tuple[str, object]] = []
    _walk(text, pieces)
    return _compile(pieces)


def parse_header(xml_text: str) -> Template | None:
    """The standard-header (notice) template of one SPDX XML file, if it has a real one."""
    if "standardLicenseHeader" not in xml_text:
        return None
    root = ET.fromstring(xml_text)  # noqa: S314 - package data, not audited content
    header = root.find(f".//{_NS}standardLicenseHeader")
    if header is None or len(tokenize("".join(header.itertext())).words) < 12:
        return None
    pieces: list[tuple[str, object]] = []
    _walk(header, pieces)
    return _compile(pieces)


def match(template: Template, words: tuple[str, ...]) -> tuple[int, int] | None:
    """Token span ``[start, end)`` of the first place ``words`` match ``template``, or None."""
    if not words or template.size == 0:
        return None
    haystack = " " + " ".join(words) + " "
    # offsets[i] = character offset of token i in haystack (its leading space)
    offsets: list[int] = []
    position = 0
    for word in words:
        offsets.append(position)
        position += len(word) + 1
    offsets.append(position)
    needles = [" " + " ".join(run) + " " for run in template.runs]
    start = haystack.find(needles[0])
    tries = 0
    while start != -1 and tries < _MAX_STARTS:
        tries += 1
        end = _follow(template, needles, haystack, offsets, start)
        if end is not None:
            first = bisect_right(offsets, start) - 1
            last = bisect_right(offsets, end) - 1
            return first, last
        start = haystack.find(needles[0], start + 1)
    return None


def _follow(
    template: Template, needles: list[str], haystack: str, offsets: list[int], start: int
) -> int | None:
    cursor = start + len(needles[0]) - 1
    for needle, gap in zip(needles[1:], template.gaps[1:], strict=True):
        token = bisect_right(offsets, cursor) - 1
        limit_token = min(len(offsets) - 1, token + gap + 1)
        limit = offsets[limit_token] + len(needle) + 1
        found = haystack.find(needle, cursor, limit)
        if found == -1:
            return None
        cursor = found + len(needle) - 1
    return cursor
