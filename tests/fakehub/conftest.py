"""Fixtures: ``fake_hub`` (a started FakeHub inside a huggingface_hub sandbox)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.fakehub import FakeHub, hub_sandbox, record_backoff_sleeps


@pytest.fixture
def fake_hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    """A running fake Hub; huggingface_hub isolated (cache in ``tmp_path/hf/hub``)."""
    with hub_sandbox(monkeypatch, tmp_path / "hf"), FakeHub() as hub:
        yield hub


@pytest.fixture
def backoff_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The retry waits huggingface_hub asked for (it does not actually sleep)."""
    return record_backoff_sleeps(monkeypatch)
