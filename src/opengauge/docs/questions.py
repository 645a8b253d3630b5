"""Which "Datasheets for Datasets" questions a dataset card answers, with the answer quoted.

Pure: a card and its item check in, one :class:`Answer` per question out. The section
Gebru files a question under is searched first, then the rest of the card (answers are
often written under other headings); the first matching line is the evidence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from opengauge.docs.check import CardCheck
from opengauge.model.common import Location, excerpt
from opengauge.model.evidence import Card


@dataclass(frozen=True)
class Question:
    """One datasheet question and the patterns that recognise an answer."""

    id: str
    section: str
    question: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Answer:
    """Whether ``question`` is answered, and where (None when it is not)."""

    question: Question
    location: Location | None
    in_section: bool


@cache
def questions() -> tuple[Question, ...]:
    """The datasheet questions, in table order."""
    text = (
        resources.files("opengauge.data")
        .joinpath("docs/datasheet_questions.toml")
        .read_text(encoding="utf-8")
    )
    return tuple(
        Question(
            raw["id"],
            raw["section"],
            raw["question"],
            tuple(re.compile(p, re.IGNORECASE) for p in raw["patterns"]),
        )
        for raw in tomllib.loads(text)["question"]
    )


def _first_line(question: Question, lines: list[str], first_line: int) -> int | None:
    for index, line in enumerate(lines[:20_000]):
        if len(line) > 4000:
            line = line[:4000]
        if any(p.search(line) for p in question.patterns):
            return first_line + index
    return None


def answers(card: Card, check: CardCheck) -> tuple[Answer, ...]:
    """Every datasheet question of ``card``, answered (with its line) or not."""
    body = card.body.splitlines()
    found: list[Answer] = []
    for question in questions():
        item = next((r for r in check.items if r.spec.id == question.section), None)
        line = None
        in_section = False
        if (
            item is not None
            and item.location is not None
            and item.location.line is not None
            and item.text
        ):
            hit = _first_line(question, item.text.splitlines(), 0)
            if hit is not None:
                # the block text starts on the line after its heading or on the label line
                start = item.location.line + (1 if item.reason.startswith("heading") else 0)
                line, in_section = _locate(body, card.body_start_line, start, item.text, hit)
        if line is None:
            line = _first_line(question, body, card.body_start_line)
        if line is None:
            found.append(Answer(question, None, False))
            continue
        text = (
            body[line - card.body_start_line]
            if 0 <= line - card.body_start_line < len(body)
            else ""
        )
        found.append(Answer(question, Location(card.path, line, excerpt=excerpt(text)), in_section))
    return tuple(found)


def _locate(
    body: list[str], body_start: int, start: int, text: str, hit: int
) -> tuple[int | None, bool]:
    """The file line of line ``hit`` of a block's text, found by content near ``start``."""
    wanted = text.splitlines()[hit].strip()
    for index in range(max(start - body_start, 0), min(len(body), start - body_start + 400)):
        if body[index].strip() == wanted or (wanted and wanted in body[index]):
            return body_start + index, True
    return None, False
