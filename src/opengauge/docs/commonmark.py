"""A CommonMark parser (markdown-it-py) with its costly scans bounded, for untrusted cards.

markdown-it-py reads CommonMark as the Hub renders it (plus GFM tables and
strikethrough), but looks for the ``]`` of every ``[`` to the end of the paragraph: 2 MB
of brackets took minutes. Link text, destinations and titles are scanned at most
:data:`MAX_LABEL_CHARS` / :data:`MAX_URL_CHARS` characters, a document gets
:data:`MAX_LABEL_SCANS` bracket scans, blocks nest :data:`MAX_NESTING` deep; reaching a
bound leaves a note. Links are reported as written: no percent-encoding, no scheme filter
(we catalogue links, we never render them).
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import Any

from markdown_it import MarkdownIt, helpers
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

MAX_NESTING = 50  # nested blocks (quotes, lists) deeper than this are not parsed
MAX_LABEL_CHARS = 1000  # CommonMark's bound for reference labels, used for link text too
MAX_LABEL_SCANS = 20_000  # link and image brackets read per document
MAX_URL_CHARS = 2000
_SCANS = "opengauge_label_scans"


def _bounded_label(state: StateInline, start: int, disable_nested: bool = False) -> int:
    # markdown-it looks for the "]" of every "[" to the end of the paragraph: quadratic.
    # Each scan is cut at MAX_LABEL_CHARS, and a document gets MAX_LABEL_SCANS of them.
    scans = state.env.get(_SCANS, 0) + 1
    state.env[_SCANS] = scans
    if scans > MAX_LABEL_SCANS:
        return -1
    limit = state.posMax
    state.posMax = min(limit, start + MAX_LABEL_CHARS)
    try:
        return helpers.parseLinkLabel(state, start, disable_nested)
    finally:
        state.posMax = limit


def _bounded_destination(text: str, start: int, maximum: int) -> Any:
    return helpers.parseLinkDestination(text, start, min(maximum, start + MAX_URL_CHARS))


def _bounded_title(text: str, start: int, maximum: int, previous: Any = None) -> Any:
    return helpers.parseLinkTitle(text, start, min(maximum, start + MAX_URL_CHARS), previous)


_HELPERS = ModuleType("opengauge.docs.commonmark.helpers", "markdown-it's link helpers, bounded")
_HELPERS.parseLinkLabel = _bounded_label  # type: ignore[attr-defined]
_HELPERS.parseLinkDestination = _bounded_destination  # type: ignore[attr-defined]
_HELPERS.parseLinkTitle = _bounded_title  # type: ignore[attr-defined]


class _Parser(MarkdownIt):
    """CommonMark with bounded link helpers that reports links as written."""

    def __init__(self) -> None:
        options = {"inline_definitions": True, "maxNesting": MAX_NESTING}
        super().__init__("commonmark", options)
        self.enable(["table", "strikethrough"])
        self.helpers = _HELPERS

    def normalizeLink(self, url: str) -> str:
        return url

    def validateLink(self, url: str) -> bool:
        return True


@cache
def _parser() -> MarkdownIt:
    return _Parser()  # one instance: building the rule chains costs milliseconds


def parse(text: str) -> tuple[list[Token], list[str]]:
    """markdown-it's block tokens of ``text`` (inline runs carry ``children``), and a note
    for each bound reached."""
    env: dict[str, Any] = {}
    tokens = _parser().parse(text, env)
    notes: list[str] = []
    if env.get(_SCANS, 0) > MAX_LABEL_SCANS:
        notes.append(f"more than {MAX_LABEL_SCANS} brackets; links after them are not read")
    if tokens and max(token.level for token in tokens) >= MAX_NESTING - 1:
        notes.append(f"blocks nested over {MAX_NESTING} deep: the text after them is not read")
    return tokens, notes
