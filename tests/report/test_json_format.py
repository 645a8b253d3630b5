from __future__ import annotations

import json
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, FIXED_TIME, ROOT, validate_report_json

import opengauge
from opengauge.report import FORMATS, render
from opengauge.report.json_format import to_jsonable


@pytest.mark.parametrize("example", ["fully-open", "openwashed", "unsafe-pickle"])
def test_examples_validate_against_schema(example: str, report_schema: dict[str, Any]) -> None:
    report = opengauge.audit(EXAMPLES / example, generated_at=FIXED_TIME)
    text = render(report, "json")
    data = validate_report_json(text, report_schema)
    assert list(data) == sorted(data)
    assert "verdicts" in data


def test_shipped_schema_matches_model() -> None:
    pytest.importorskip("pydantic")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/gen_schema.py"), "--check"], check=False, timeout=120
    )
    assert result.returncode == 0, "run: python scripts/gen_schema.py"


def test_schema_rejects_unknown_keys(report_schema: dict[str, Any]) -> None:
    import jsonschema

    report = opengauge.audit(EXAMPLES / "openwashed", generated_at=FIXED_TIME)
    data = json.loads(render(report, "json"))
    data["files"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, report_schema)


def test_to_jsonable_handles_odd_values() -> None:
    class Colour(Enum):
        RED = "red"

    assert to_jsonable({1: (Colour.RED, float("nan"), {3, 1}, Path("x"))}) == {
        "1": ["red", None, [1, 3], "x"]
    }
    assert "json" in FORMATS and "terminal" in FORMATS
