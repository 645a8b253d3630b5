"""All framework score arithmetic lives here, so every number has one definition.

Conventions: "inconclusive" is ``None`` (never -1); a not-applicable item leaves the
denominator; percentages are floats in [0, 100], not rounded (formatters round).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def fraction(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``, or None when there is nothing to divide by."""
    if denominator <= 0:
        return None
    return numerator / denominator


def percentage(numerator: float, denominator: float, *, cap: float | None = 100.0) -> float | None:
    """``100 * numerator / denominator``, capped at ``cap`` (None: no cap); None if empty."""
    share = fraction(numerator, denominator)
    if share is None:
        return None
    value = share * 100.0
    return min(value, cap) if cap is not None else value


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the known values; None values (inconclusive / not applicable) are left out."""
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


@dataclass(frozen=True)
class Tier:
    """One level of a cumulative framework: how many items it needs and how many are met.

    Both counts are cumulative (they include every lower tier's items).
    """

    required: int
    satisfied: int

    @property
    def complete(self) -> bool:
        """Every required item is met."""
        return self.satisfied >= self.required


def gated_progress(tiers: Sequence[Tier], *, cap: float = 100.0) -> list[float]:
    """Progress of each tier (entry tier first); a tier scores 0 until all below it are complete.

    This is the MOF rule: class II shows 0 % unless class III is at 100 %, and so on.
    A tier with nothing required counts as 100 %.
    """
    result: list[float] = []
    below_complete = True
    for tier in tiers:
        if not below_complete:
            result.append(0.0)
            continue
        value = percentage(tier.satisfied, tier.required, cap=cap)
        result.append(cap if value is None else value)
        below_complete = tier.complete
    return result


def highest_complete(
    levels: Sequence[int], progress: Sequence[float], *, full: float = 100.0
) -> int:
    """The last level (in the order given, entry level first) whose progress is full, else 0."""
    best = 0
    for level, value in zip(levels, progress, strict=True):
        if value >= full:
            best = level
    return best


def all_pass(outcomes: Iterable[bool | None]) -> bool | None:
    """True if every outcome passed, False if any failed, None if some are undecided."""
    values = list(outcomes)
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


INDEX_POINTS = {"open": 1.0, "partial": 0.5, "closed": 0.0}


def index_score(ratings: Iterable[str | None]) -> float | None:
    """Open Source AI Index score: open 1, partial 0.5, closed 0, mean over rated dimensions.

    Dimensions that cannot be determined (None) leave the denominator.
    """
    return mean(INDEX_POINTS[r] if r is not None else None for r in ratings)
