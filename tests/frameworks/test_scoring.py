"""Score arithmetic helpers."""

from __future__ import annotations

import pytest

from opengauge.frameworks.scoring import (
    Tier,
    fraction,
    gated_progress,
    highest_complete,
    mean,
    percentage,
)


def test_fraction_and_percentage() -> None:
    assert fraction(1, 0) is None and fraction(1, 4) == 0.25
    assert percentage(3, 2) == 100.0 and percentage(3, 2, cap=None) == 150.0
    assert percentage(1, 3) == pytest.approx(33.333333)
    assert mean([None, 1.0, 0.0]) == 0.5 and mean([None]) is None


def test_gated_progress() -> None:
    assert gated_progress([Tier(6, 6), Tier(10, 7), Tier(14, 14)]) == [100.0, 70.0, 0.0]
    assert gated_progress([Tier(6, 5), Tier(10, 10)]) == [pytest.approx(500 / 6), 0.0]
    assert gated_progress([Tier(6, 7)]) == [100.0]  # capped
    assert gated_progress([Tier(0, 0)]) == [100.0]


def test_highest_complete() -> None:
    assert highest_complete([3, 2, 1], [100.0, 100.0, 50.0]) == 2
    assert highest_complete([3, 2, 1], [99.9, 0.0, 0.0]) == 0
