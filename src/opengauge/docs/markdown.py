"""Markdown structure through markdown-it-py: headings, sections and links.

markdown-it-py (:mod:`opengauge.docs.commonmark`: CommonMark plus the GFM tables the Hub
renders, its link scans bounded) gives the block structure and the inline links. Our caps
stay around it: the input is cut (line length, total size) before parsing; headings,
links and section text are capped.
markdown-it does not parse HTML, so inside HTML blocks and tags a few bounded regexes,
one line at a time, read one-line ``<h1>``..``<h6>`` headings (cards written in HTML),
``href``/``src`` attributes and bare URLs; bare URLs in text are found the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from opengauge.docs import commonmark
from opengauge.model.common import redact
from opengauge.model.evidence import Link, Section

if TYPE_CHECKING:
    from markdown_it.token import Token

MAX_SECTIONS = 1000
MAX_SECTION_CHARS = 32 * 1024
MAX_TITLE_CHARS = 300
MAX_LINKS = 5000
MAX_LINE_CHARS = 20_000  # longer lines are cut here before parsing
MAX_PARSE_CHARS = 256 * 1024  # markdown-it-py reads 0.1-0.6 MB/s: the rest is not parsed

_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,500}>")
_HREF = re.compile(r"\b(?:href|src)\s*=\s*(?:\"([^\"]{1,2000})\"|'([^']{1,2000})')", re.IGNORECASE)
# braces end a URL: "url={https://arxiv.org/abs/2506.15742}" in BibTeX
_BARE = re.compile(r"\bhttps?://[^\s<>\"'`\]\[(){}]{1,2000}(?:\([^\s()<>{}]*\))?", re.IGNORECASE)
_TRAILING = ".,;:!?*_'\""


@dataclass
class _Heading:
    index: int  # 0-based line index in the body
    level: int
    title: str
    end: int  # index of the first line after the heading (a setext underline included)


@dataclass
class Structure:
    """What :func:`parse_markdown` found; line numbers are 1-based in the original file."""

    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def clean_title(raw: str) -> str:
    """A heading's text without tags, emphasis markers and extra spaces."""
    text = _TAG.sub("", raw)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    text = " ".join(text.split())
    return text[:MAX_TITLE_CHARS]


def parse_markdown(lines: list[str], first_line: int, path: str) -> Structure:
    """Sections and links of ``lines`` (body lines; ``first_line`` is the first one's number)."""
    out = Structure()
    capped = [line[:MAX_LINE_CHARS] for line in lines]
    links = _Links(path, first_line, capped)
    headings: list[_Heading] = []
    if _html_document(capped):
        # A page written in HTML: markdown-it would take its indented lines for code.
        _html_lines(capped, 0, len(capped), links, headings)
    else:
        parsed = _within_budget(capped)
        if parsed < len(capped):
            out.notes.append(
                f"Markdown parsed up to line {first_line + parsed - 1}: the first"
                f" {MAX_PARSE_CHARS} characters only"
            )
        tokens, notes = commonmark.parse("\n".join(capped[:parsed]))
        out.notes.extend(notes)
        _walk(tokens, capped, links, headings)
    if len(headings) > MAX_SECTIONS:
        out.notes.append(f"more than {MAX_SECTIONS} headings; the rest are not sections")
        headings = headings[:MAX_SECTIONS]
    out.sections = _sections(lines, headings, first_line)
    out.links = links.found
    if links.full:
        out.notes.append(f"more than {MAX_LINKS} links; the rest are not listed")
    return out


def _within_budget(lines: list[str]) -> int:
    """How many of ``lines`` fit in :data:`MAX_PARSE_CHARS`."""
    size = 0
    for index, line in enumerate(lines):
        size += len(line) + 1
        if size > MAX_PARSE_CHARS:
            return index
    return len(lines)


def _html_document(lines: list[str]) -> bool:
    head = "\n".join(lines[:20]).lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _walk(tokens: list[Token], lines: list[str], links: _Links, headings: list[_Heading]) -> None:
    for position, token in enumerate(tokens):
        if token.map is None:
            continue
        start, end = token.map
        if token.type == "heading_open" and token.level == 0:
            # Top-level headings only: one inside a quote or a list does not open a section.
            inline = tokens[position + 1]
            title = _plain(inline.children or [])[:MAX_TITLE_CHARS]
            headings.append(_Heading(start, int(token.tag[1]), title, end))
        elif token.type == "inline":
            _inline(token, lines, links)
        elif token.type == "definition":
            meta = token.meta
            links.add(str(meta.get("url", "")), str(meta.get("label", "")), start)
        elif token.type in ("fence", "code_block"):
            # URLs in code still point somewhere (git clone, from_pretrained docs).
            body = start + 1 if token.type == "fence" else start
            for index in range(body, min(end, len(lines))):
                for url in _bare(lines[index]):
                    links.add(url, "", index, code=True)
        elif token.type == "html_block":
            _html_lines(lines, start, end, links, headings if token.level == 0 else None)
        elif token.type == "paragraph_open" and token.level == 0:
            # "<p><h1>Title</h1></p>" on one line is a paragraph with inline HTML.
            _html_headings(lines, start, end, headings)


def _inline(token: Token, lines: list[str], links: _Links) -> None:
    """Links of one inline run; its lines are counted by its line breaks."""
    assert token.map is not None
    start, end = token.map
    row = start
    found: list[tuple[str, str, int, bool]] = []  # url, text, row, image
    bare: list[tuple[str, int]] = []
    label: list[Token] | None = None
    href, opened, autolink = "", row, False
    for child in token.children or []:
        kind = child.type
        if label is not None and kind != "link_close":
            label.append(child)
        if kind in ("softbreak", "hardbreak"):
            row += 1
        elif kind == "link_open":
            label, href, opened = [], str(child.attrs.get("href", "")), row
            autolink = child.markup == "autolink"
        elif kind == "link_close" and label is not None:
            found.append((href, "" if autolink else _plain(label), opened, False))
            label, autolink = None, False
        elif kind == "image":
            found.append((str(child.attrs.get("src", "")), _plain(child.children or []), row, True))
        elif kind in ("text", "code_inline") and not autolink:
            bare.extend((url, row) for url in _bare(child.content))
        elif kind == "html_inline":
            for index, part in enumerate(child.content.split("\n")):
                for url, image in _attributes(part):
                    found.append((url, "", row + index, image))
                bare.extend((url, row + index) for url in _bare(part))
            row += child.content.count("\n")
    for url, text, estimate, image in found:
        links.add(url, text, _anchor(url, estimate, start, end, lines, False), image=image)
    for url, estimate in bare:
        at = _anchor(url, estimate, start, end, lines, True)
        if not any(link.line == links.first + at and url in link.url for link in links.found[-50:]):
            links.add(url, "", at)


def _anchor(url: str, estimate: int, start: int, end: int, lines: list[str], bare: bool) -> int:
    """The line of the block where ``url`` is written; line breaks that markdown-it folds
    (in code spans) can put the count off. A link's URL must follow ``(``, ``<`` or a
    quote there, so a reference use is not moved to its definition's line."""
    end = min(end, len(lines))
    if not url or (start <= estimate < end and url in lines[estimate]):
        return estimate
    marks = ("",) if bare else ("(", "<", '"', "'")
    for index in range(start, end):
        if url in lines[index] and any(mark + url in lines[index] for mark in marks):
            return index
    return estimate


def _html_lines(
    lines: list[str], start: int, end: int, links: _Links, headings: list[_Heading] | None
) -> None:
    """Links (and, when ``headings`` is given, one-line headings) of raw HTML lines."""
    if headings is not None:
        _html_headings(lines, start, end, headings)
    for index in range(start, min(end, len(lines))):
        line = lines[index]
        for url, image in _attributes(line):
            links.add(url, "" if image else _anchor_text(line, url), index, image=image)
        for url in _bare(line):
            if not any(
                link.line == links.first + index and url in link.url for link in links.found[-50:]
            ):
                links.add(url, "", index)


def _html_headings(lines: list[str], start: int, end: int, headings: list[_Heading]) -> None:
    in_comment = False
    for index in range(start, min(end, len(lines))):
        line = lines[index]
        if in_comment:
            in_comment = "-->" not in line
            continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
        html = _HTML_HEADING.search(line)
        if html and line.lstrip().startswith("<"):
            level, title = int(html.group(1)), clean_title(html.group(2))
            headings.append(_Heading(index, level, title, index + 1))


_TAG = re.compile(r"<[^>]{0,500}>")


def _anchor_text(line: str, url: str) -> str:
    """The visible text of ``<a href="url">text</a>`` on one line ("Yi Tech Report")."""
    at = line.find(url)
    close = line.find(">", at) if at >= 0 else -1
    end = line.lower().find("</a>", close) if close >= 0 else -1
    if end < 0:
        return ""
    return " ".join(_TAG.sub(" ", line[close + 1 : end]).split())[:200]


def _attributes(text: str) -> list[tuple[str, bool]]:
    """``href``/``src`` values of HTML tags, with whether each is an image."""
    return [
        (match.group(1) or match.group(2), match.group(0)[:3].lower() == "src")
        for match in _HREF.finditer(text)
    ]


def _bare(text: str) -> list[str]:
    return [match.group(0).rstrip(_TRAILING) for match in _BARE.finditer(text)]


def _plain(tokens: list[Token]) -> str:
    """The visible text of inline tokens (emphasis markers and HTML tags dropped)."""
    parts: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(_plain(token.children or []))
    return " ".join("".join(parts).split())


class _Links:
    """Links found so far: one per (URL, line), at most :data:`MAX_LINKS`."""

    def __init__(self, path: str, first: int, lines: list[str]) -> None:
        self.path, self.first = path, first
        self.found: list[Link] = []
        self.full = False
        self._seen: set[tuple[str, int]] = set()
        self._count = len(lines)

    def add(self, url: str, text: str, index: int, image: bool = False, code: bool = False) -> None:
        """Record ``url`` at 0-based body line ``index`` (credentials in it hidden)."""
        url = redact(url.strip())
        number = self.first + min(max(index, 0), max(self._count - 1, 0))
        if not url or (url, number) in self._seen:
            return
        if len(self.found) >= MAX_LINKS:
            self.full = True
            return
        self._seen.add((url, number))
        text = " ".join(text.split())[:MAX_TITLE_CHARS]
        self.found.append(Link(url, text, self.path, number, image=image, code=code))


def _sections(lines: list[str], headings: list[_Heading], first_line: int) -> list[Section]:
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else len(lines)
        text = _bounded_join(lines, heading.end, end)
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        sections.append(
            Section(
                title=heading.title,
                level=heading.level,
                line=first_line + heading.index,
                text=text,
                parents=tuple(title for _, title in stack),
            )
        )
        stack.append((heading.level, heading.title))
    return sections


def _bounded_join(lines: list[str], start: int, end: int) -> str:
    parts: list[str] = []
    size = 0
    for line in lines[start:end]:
        size += len(line) + 1
        if size > MAX_SECTION_CHARS:
            parts.append(line[: max(0, MAX_SECTION_CHARS - (size - len(line) - 1))])
            break
        parts.append(line)
    return "\n".join(parts).strip("\n")
