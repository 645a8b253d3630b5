"""Every MOT record we hold: MOT-compatible mode must give MOT's published class and progress.

Data: tests/data/mot (copied from lfai/model_openness_tool @ 8b5d30e, see README there).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from opengauge.frameworks.mof import evaluate, facts_from_record
from opengauge.sources.mot import read_record

DATA = Path(__file__).resolve().parent.parent / "data" / "mot"
CLASSES = {
    row["file"]: row for row in csv.DictReader((DATA / "classes.csv").open(encoding="utf-8"))
}
TEST_RECORDS = sorted((DATA / "test-data").glob("*.yml"))
EXPECTED = json.loads((DATA / "test-data" / "expected_results.json").read_text(encoding="utf-8"))

# Records whose progress differs in the default (fixed) mode, and why. No class changes.
# Each comes from reading a licence name MOT rejects because it is not an exact SPDX id.
DEFAULT_MODE_CHANGES = {
    "Bilingual-gpt-neox-4b.yml": "'MIT license' read as MIT",
    "CodeT5+-2B.yml": "'BSD-3' read as BSD-3-Clause",
    "CodeT5+-770M.yml": "'BSD-3' read as BSD-3-Clause",
    "DeepSeek-MoE-16B.yml": "'MIT license' read as MIT",
    "Falcon-40B.yml": "'Apache 2.0' read as Apache-2.0",
    "Palmyra.yml": "'Apache license 2.0' read as Apache-2.0",
    "japanese-large-lm-3.6b.yml": "'Apache 2.0' read as Apache-2.0",
}


def _published(name: str) -> tuple[int, float, float, float]:
    row = CLASSES[name]
    return (
        int(row["mot_class"]),
        float(row["progress_class1"]),
        float(row["progress_class2"]),
        float(row["progress_class3"]),
    )


def _ours(path: Path, strict: bool) -> tuple[int, float, float, float]:
    result = evaluate(facts_from_record(read_record(path)), strict_mot=strict)
    return (result.mof_class, *(round(result.progress[k], 1) for k in ("1", "2", "3")))  # type: ignore[return-value]


def test_data_is_complete() -> None:
    assert len(CLASSES) == 134
    assert len(TEST_RECORDS) == 27


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_published_records_match_mot_exactly(name: str) -> None:
    assert _ours(DATA / "models" / name, strict=True) == _published(name)


@pytest.mark.parametrize("path", TEST_RECORDS, ids=lambda p: p.stem)
def test_mot_test_records_match_mot_exactly(path: Path) -> None:
    record = read_record(path)
    expected = EXPECTED[record.name]
    result = evaluate(facts_from_record(record), strict_mot=True)
    assert result.mof_class == expected["class"]
    for key in ("1", "2", "3"):
        assert result.progress[key] == pytest.approx(float(expected["progress"][key]), abs=1e-9)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_default_mode_differs_only_where_we_fix_mot(name: str) -> None:
    ours = _ours(DATA / "models" / name, strict=False)
    published = _published(name)
    assert ours[0] == published[0], "no record changes class in the default mode"
    if name in DEFAULT_MODE_CHANGES:
        assert ours != published, DEFAULT_MODE_CHANGES[name]
        assert ours[3] > published[3]
    else:
        assert ours == published


@pytest.mark.parametrize("path", TEST_RECORDS, ids=lambda p: p.stem)
def test_default_mode_on_mot_test_records(path: Path) -> None:
    record = read_record(path)
    expected = EXPECTED[record.name]
    result = evaluate(facts_from_record(record), strict_mot=False)
    assert result.mof_class == expected["class"]
    for key in ("1", "2", "3"):
        assert result.progress[key] == pytest.approx(float(expected["progress"][key]), abs=1e-9)
