"""Check one card against the item tables: which items are filled, template or missing.

Pure: a :class:`~opengauge.model.evidence.Card` in, :class:`CardCheck` out. The
analyzers and ``opengauge card check`` both call :func:`check_card`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from opengauge.docs.blocks import Block, State, blocks, intro_text, state_of, words
from opengauge.docs.tables import ItemSpec, card_items, card_subitems, title_matches
from opengauge.model.common import Location, excerpt
from opengauge.model.evidence import Card

INTRO_MIN_WORDS = 15
_RANK = {State.FILLED: 0, State.TEMPLATE: 1, State.MISSING: 2, State.NOT_APPLICABLE: 3}


@dataclass(frozen=True)
class ItemResult:
    """The verdict on one item, with where it was found (None when missing)."""

    spec: ItemSpec
    state: State
    location: Location | None = None
    reason: str = ""
    subitems: tuple[ItemResult, ...] = ()
    text: str = ""  # the matched heading's or label's text, for `card init`


@dataclass(frozen=True)
class ScoreLine:
    """Points one item earned out of what it could earn."""

    item: str
    title: str
    state: State
    earned: float
    possible: float


@dataclass(frozen=True)
class CardCheck:
    """Every item verdict of one card and its 0-100 documentation score."""

    path: str
    kind: str
    items: tuple[ItemResult, ...]
    score: float
    breakdown: tuple[ScoreLine, ...] = field(default=())

    def item(self, item_id: str) -> ItemResult:
        """The result for ``item_id``."""
        return next(result for result in self.items if result.spec.id == item_id)


def table_kind(card: Card) -> str:
    """Which item table applies: ``dataset`` for dataset cards, else ``model``."""
    return "dataset" if card.kind == "dataset" else "model"


def check_card(card: Card, not_applicable: frozenset[str] = frozenset()) -> CardCheck:
    """Judge every item of the card's table; ``not_applicable`` item ids are left out."""
    kind = table_kind(card)
    found = blocks(card)
    subitems = card_subitems(kind)
    results: list[ItemResult] = []
    for spec in card_items(kind):
        if spec.id in not_applicable:
            results.append(ItemResult(spec, State.NOT_APPLICABLE, reason="not applicable"))
            continue
        result = _judge(card, spec, found)
        subs = tuple(_judge(card, sub, found) for sub in subitems if sub.parent == spec.id)
        results.append(
            ItemResult(spec, result.state, result.location, result.reason, subs, result.text)
        )
    breakdown = tuple(
        ScoreLine(
            r.spec.id,
            r.spec.title,
            r.state,
            r.spec.weight if r.state is State.FILLED else 0.0,
            0.0 if r.state is State.NOT_APPLICABLE else r.spec.weight,
        )
        for r in results
        if r.spec.weight > 0
    )
    possible = sum(line.possible for line in breakdown)
    earned = sum(line.earned for line in breakdown)
    score = round(100.0 * earned / possible, 1) if possible else 0.0
    return CardCheck(card.path, kind, tuple(results), score, breakdown)


def _judge(card: Card, spec: ItemSpec, found: list[Block]) -> ItemResult:
    candidates: list[ItemResult] = []
    for block in found:
        if not title_matches(block.key, spec.names, spec.phrases, spec.exclude):
            continue
        minimum = 1 if spec.parent or not block.heading else 3
        state = state_of(block.text, minimum)
        kind = "heading" if block.heading else "label"
        reason = f"{kind} '{block.title}'"
        if state is not State.FILLED:
            reason += " left empty or as template"
        location = Location(card.path, block.line, excerpt=excerpt(f"{block.title}: {block.text}"))
        candidates.append(ItemResult(spec, state, location, reason, text=block.text))
    for key in spec.metadata:
        value = card.metadata.get(key)
        if value not in (None, "", [], {}):
            candidates.append(
                ItemResult(
                    spec,
                    State.FILLED,
                    Location(card.path, 1, excerpt=excerpt(f"{key}: {value}")),
                    f"front matter '{key}'",
                )
            )
    if spec.intro and not any(c.state is State.FILLED for c in candidates):
        text, line = intro_text(card)
        if words(text) >= INTRO_MIN_WORDS and state_of(text, INTRO_MIN_WORDS) is State.FILLED:
            candidates.append(
                ItemResult(
                    spec,
                    State.FILLED,
                    Location(card.path, line, excerpt=excerpt(text)),
                    "the card's opening text",
                )
            )
    if not candidates:
        return ItemResult(spec, State.MISSING, reason="no matching heading, label or metadata")
    # Prefer written over template, headings over labels, then the first in the file.
    return min(
        candidates,
        key=lambda c: (
            _RANK[c.state],
            c.reason.startswith("label"),
            c.location.line if c.location else 0,
        ),
    )
