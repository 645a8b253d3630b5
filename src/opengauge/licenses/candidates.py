"""Candidate references for a text: where each one's text is, and how they compare.

``find`` lists the references that share enough sampled shingles with the text
(support), ``region`` locates each one's stretch of the text and scores it (Dice over
full shingle sets), ``explained_better`` and ``beats_rivals`` are the tests that
keep a near-duplicate or a fragment of a larger licence from being claimed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from opengauge.licenses.reference import SAMPLE, SHINGLE, Index, Reference

THRESHOLD = 0.90  # Dice over 5-token shingles: below this, no identification
MARGIN = 0.03  # required lead over the runner-up when the differential test is silent
CLOSE = 0.08  # competitors this close are checked on the text they do not share
CLUSTER_GAP = 60  # tokens between hits of one reference that still form one region
SLACK = 15  # tokens a region may fall short of a span and still cover it
MIN_EXTRA = 8  # tokens a covering reference must add to count as the larger explanation
MAX_CANDIDATES = 12


@dataclass
class Candidate:
    """A reference found in the text: its sampled hit positions, region and score."""

    ref: Reference
    number: int
    positions: list[int]
    start: int = 0
    end: int = 0
    dice: float = 0.0
    region: set[int] = field(default_factory=set)


def find(index: Index, grams: list[int], covered: list[bool]) -> list[Candidate]:
    positions: dict[int, list[int]] = {}
    lookup = index.postings.get
    for i, gram in enumerate(grams):
        if gram % SAMPLE or covered[i]:
            continue
        numbers = lookup(gram)
        if numbers is None:
            continue
        for number in numbers:
            positions.setdefault(number, []).append(i)
    found = []
    for number, where in positions.items():
        ref = index.references[number]
        support = len({grams[i] for i in where}) / max(1, ref.sampled)
        if support >= 0.3 and len(where) >= 4:
            found.append((support, Candidate(ref, number, where)))
    found.sort(key=lambda pair: (-pair[0], pair[1].number))
    return [c for _, c in found[:MAX_CANDIDATES]]


def region(cand: Candidate, grams: list[int], covered: list[bool]) -> None:
    best: tuple[int, int, int] = (0, 0, 0)
    run_start = cand.positions[0]
    count = 0
    previous = cand.positions[0]
    for pos in cand.positions:
        if pos - previous > CLUSTER_GAP:
            if count > best[0]:
                best = (count, run_start, previous)
            run_start, count = pos, 0
        count += 1
        previous = pos
    if count > best[0]:
        best = (count, run_start, previous)
    # Sampled hits stop short of the region's true edges (a quarter of the shingles are
    # sampled): extend it over the reference's own shingles on either side.
    first, last, members = best[1], best[2], cand.ref.shingle_set
    while first > 0 and not covered[first - 1] and grams[first - 1] in members:
        first -= 1
    while last + 1 < len(grams) and not covered[last + 1] and grams[last + 1] in members:
        last += 1
    cand.start, cand.end = first, last + SHINGLE
    cand.region = {grams[i] for i in range(first, last + 1) if not covered[i]}
    inter = len(cand.region & cand.ref.shingle_set)
    cand.dice = 2 * inter / (len(cand.region) + len(cand.ref.shingle_set))


def same(a: Reference, b: Reference) -> bool:
    """Same licence: same id, or one is an identical-text alias of the other."""
    return a.id == b.id or a.id in b.aliases or b.id in a.aliases


def explained_better(
    cand: Candidate,
    span: tuple[int, int],
    candidates: list[Candidate],
    grams: list[int],
    covered: list[bool],
) -> bool:
    """True when a larger reference covers ``span`` and its own text is there too.

    A template matches wherever its literal runs occur, and a short reference scores
    high on its own small region: BSD-2-Clause inside BSD-2-Clause-Views, MIT inside
    X11 or FSL-1.1-MIT, a GPL notice inside the GPL's appendix. The larger reference
    is then the better explanation, or the text is neither: defer (to similarity, or
    to the next candidate; if the larger one fails its own tests, nothing is claimed).
    """
    width = span[1] - span[0]
    for other in candidates:
        if other is cand or other.ref.kind == "notice" or same(other.ref, cand.ref):
            continue
        if other.start > span[0] + SLACK or other.end < span[1] - SLACK:
            continue
        if other.end - other.start < width + MIN_EXTRA:
            continue
        own = other.ref.shingle_set - cand.ref.shingle_set
        if len(own) < 3:
            continue
        # the region stops at the last sampled hit: look a little past both ends
        lower, upper = max(0, other.start - SLACK), min(len(grams), other.end + SLACK)
        near = {grams[i] for i in range(lower, upper) if not covered[i]}
        if len(near & own) / len(own) >= 0.5:
            return True
    return False


def beats_rivals(
    cand: Candidate, ranked: list[Candidate], grams: list[int], covered: list[bool]
) -> str | None:
    """None if ``cand`` is clearly better than every close rival, else why not.

    A rival that ``cand`` itself explains better (a fragment of ``cand``'s text, with
    ``cand``'s own surrounding text present) does not block it: otherwise a licence and
    a shorter licence cut from it reject each other and nothing is claimed.
    """
    for rival in ranked:
        if rival is cand or same(rival.ref, cand.ref):
            continue
        if explained_better(rival, (rival.start, rival.end), [cand], grams, covered):
            continue
        rival_dice = (
            2
            * len(cand.region & rival.ref.shingle_set)
            / (len(cand.region) + len(rival.ref.shingle_set))
        )
        if rival_dice < cand.dice - CLOSE:
            continue
        own = cand.ref.shingle_set - rival.ref.shingle_set
        other = rival.ref.shingle_set - cand.ref.shingle_set
        if len(own) < 3 or len(other) < 3:
            if rival_dice > cand.dice - MARGIN:
                return f"indistinguishable from {rival.ref.id} ({rival_dice:.3f})"
            continue
        own_share = len(cand.region & own) / len(own)
        other_share = len(cand.region & other) / len(other)
        if own_share < 0.5 or own_share < other_share + 0.25:
            return (
                f"near-duplicate {rival.ref.id} ({rival_dice:.3f}): distinctive text "
                f"{own_share:.2f} vs {other_share:.2f}"
            )
    return None
