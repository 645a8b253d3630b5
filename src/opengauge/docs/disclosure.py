"""Disclosure of risk and quality: is each topic discussed, and where?"""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.docs.blocks import State, blocks, content, state_of
from opengauge.docs.tables import TopicSpec, disclosure_topics, title_matches
from opengauge.model.common import Location, excerpt
from opengauge.model.evidence import Card

MAX_SCAN_LINES = 20_000


@dataclass(frozen=True)
class Disclosure:
    """The answer to one topic: the passage that discusses it, or None."""

    topic: TopicSpec
    location: Location | None
    how: str = ""


def disclosures(cards: tuple[Card, ...]) -> list[Disclosure]:
    """For each topic, the first passage in ``cards`` that discusses it."""
    return [_find(topic, cards) for topic in disclosure_topics()]


def _find(topic: TopicSpec, cards: tuple[Card, ...]) -> Disclosure:
    for card in cards:
        for block in blocks(card):
            if title_matches(block.key, (), topic.phrases) and state_of(block.text) is State.FILLED:
                passage = content(block.text)
                return Disclosure(
                    topic,
                    Location(card.path, block.line, excerpt=excerpt(f"{block.title}: {passage}")),
                    f"section '{block.title}'",
                )
        for key in topic.metadata:
            if card.metadata.get(key) not in (None, "", [], {}):
                return Disclosure(
                    topic,
                    Location(card.path, 1, excerpt=excerpt(f"{key}: {card.metadata[key]}")),
                    f"front matter '{key}'",
                )
    for card in cards:
        lines = content_lines(card)
        for number, line in lines:
            if any(p.search(line) for p in topic.exclude_patterns):
                continue
            if any(p.search(line) for p in topic.patterns):
                return Disclosure(
                    topic, Location(card.path, number, excerpt=excerpt(line)), "text mention"
                )
    return Disclosure(topic, None)


def content_lines(card: Card) -> list[tuple[int, str]]:
    """Body lines with their file line numbers, template text and comments removed."""
    out: list[tuple[int, str]] = []
    in_comment = False
    for index, line in enumerate(card.body.split("\n")[:MAX_SCAN_LINES]):
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
            line = line.split("<!--", 1)[0]
        kept = content(line)
        if kept:
            out.append((card.body_start_line + index, kept[:2000]))
    return out
