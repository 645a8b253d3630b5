"""Markdown structure without a Markdown library: headings, sections and links.

Line based and bounded: every regex runs on one line at a time, headings, links and
section text are capped. Close enough to CommonMark for documentation checks: ATX and
setext headings, fenced code blocks (no headings inside), multi-line HTML comments (no
headings inside), one-line HTML ``<h1>``..``<h6>`` headings (cards written in HTML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from opengauge.model.evidence import Link, Section

MAX_SECTIONS = 1000
MAX_SECTION_CHARS = 32 * 1024
MAX_TITLE_CHARS = 300
MAX_LINKS = 5000
MAX_LINE_CHARS = 20_000  # longer lines are scanned for links only up to here

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,500}>")
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:[-*+](?:[ \t]|$)|[>|`~#<]|\d{1,9}[.)](?:[ \t]|$)|$)")
_REF_DEF = re.compile(r" {0,3}\[([^\]]{1,200})\]:[ \t]*<?([^\s>]{1,2000})>?")
_INLINE = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){0,500})\]"
    r"\(\s*<?((?:[^()\s<>]|\([^()\s]*\)){1,2000})>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REF_USE = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){1,500})\]\[([^\[\]\n]{0,200})\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]{1,2000})>", re.IGNORECASE)
_HREF = re.compile(r"\b(?:href|src)\s*=\s*(?:\"([^\"]{1,2000})\"|'([^']{1,2000})')", re.IGNORECASE)
_BARE = re.compile(r"\bhttps?://[^\s<>\"'`\]\[()]{1,2000}(?:\([^\s()<>]*\))?", re.IGNORECASE)
_TRAILING = ".,;:!?*_'\""


@dataclass
class _Heading:
    index: int  # 0-based line index in the body
    level: int
    title: str
    setext: bool = False


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
    headings = _headings(lines, out)
    out.sections = _sections(lines, headings, first_line)
    out.links = _links(lines, first_line, path, out)
    return out


def _headings(lines: list[str], out: Structure) -> list[_Heading]:
    headings: list[_Heading] = []
    fence: str | None = None
    in_comment = False
    for index, line in enumerate(lines):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        opened = _FENCE.match(line)
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence = opened.group(1)
            continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
        heading = _heading_at(lines, index)
        if heading is None:
            continue
        if len(headings) >= MAX_SECTIONS:
            out.notes.append(f"more than {MAX_SECTIONS} headings; the rest are not sections")
            break
        headings.append(heading)
    return headings


def _heading_at(lines: list[str], index: int) -> _Heading | None:
    line = lines[index][:MAX_LINE_CHARS]
    atx = _ATX.fullmatch(line)
    if atx:
        return _Heading(index, len(atx.group(1)), clean_title(atx.group(2) or ""))
    html = _HTML_HEADING.search(line)
    if html and line.lstrip().startswith("<"):
        return _Heading(index, int(html.group(1)), clean_title(html.group(2)))
    if index > 0 and _SETEXT.fullmatch(line):
        previous = lines[index - 1]
        indent = len(previous) - len(previous.lstrip())
        if (
            previous.strip()
            and indent < 4
            and not _NOT_PARAGRAPH.match(previous)
            and not _SETEXT.fullmatch(previous)
        ):
            level = 1 if line.strip()[0] == "=" else 2
            return _Heading(index - 1, level, clean_title(previous), setext=True)
    return None


def _sections(lines: list[str], headings: list[_Heading], first_line: int) -> list[Section]:
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    for position, heading in enumerate(headings):
        start = heading.index + 1
        # A setext underline belongs to its heading, not to the text under it.
        if heading.setext:
            start += 1
        end = headings[position + 1].index if position + 1 < len(headings) else len(lines)
        text = _bounded_join(lines, start, end)
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


def _links(lines: list[str], first_line: int, path: str, out: Structure) -> list[Link]:
    links: list[Link] = []
    seen: set[tuple[str, int]] = set()
    definitions: dict[str, str] = {}
    fence: str | None = None
    uses: list[tuple[str, str, int]] = []

    def add(url: str, text: str, number: int, image: bool = False, code: bool = False) -> None:
        url = url.strip()
        if url and (url, number) not in seen and len(links) < MAX_LINKS:
            seen.add((url, number))
            links.append(
                Link(
                    url=url,
                    text=" ".join(text.split())[:MAX_TITLE_CHARS],
                    path=path,
                    line=number,
                    image=image,
                    code=code,
                )
            )

    for index, full in enumerate(lines):
        line = full[:MAX_LINE_CHARS]
        number = first_line + index
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            else:
                # URLs in code still point somewhere (git clone, from_pretrained docs).
                for bare in _BARE.finditer(line):
                    add(bare.group(0).rstrip(_TRAILING), "", number, code=True)
            continue
        opened = _FENCE.match(line)
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence = opened.group(1)
            continue
        definition = _REF_DEF.match(line)
        if definition:
            definitions.setdefault(definition.group(1).strip().lower(), definition.group(2))
            add(definition.group(2), definition.group(1), number)
            continue
        for inline in _INLINE.finditer(line):
            add(inline.group(3), clean_title(inline.group(2)), number, image=bool(inline.group(1)))
        for use in _REF_USE.finditer(line):
            uses.append((use.group(2) or use.group(1), clean_title(use.group(1)), number))
        for auto in _AUTOLINK.finditer(line):
            add(auto.group(1), "", number)
        for href in _HREF.finditer(line):
            image = "src" in href.group(0)[:4].lower()
            add(href.group(1) or href.group(2), "", number, image=image)
        for bare in _BARE.finditer(line):
            url = bare.group(0).rstrip(_TRAILING)
            if not any(link.line == number and url in link.url for link in links[-50:]):
                add(url, "", number)
        if len(links) >= MAX_LINKS:
            out.notes.append(f"more than {MAX_LINKS} links; the rest are not listed")
            break
    for label, text, number in uses:
        target = definitions.get(label.strip().lower())
        if target:
            add(target, text, number)
    return links
