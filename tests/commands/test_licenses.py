"""``opengauge licenses``: text and JSON output, single files, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opengauge.cli import main
from opengauge.licenses.reference import data_root

MIT = data_root().joinpath("spdx", "MIT.txt").read_text("utf-8")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "LICENSE").write_text(
        MIT
        + "\n\nYou may use the model for non-commercial purposes only.\n"
        + "Extra terms of this licence apply to every use of the model.\n" * 5
    )
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n# Model\n")
    return tmp_path


def test_json_output(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["licenses", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {(row["path"], row["id"]) for row in data["licenses"]}
    assert ("LICENSE", "MIT") in rows and ("README.md", "MIT") in rows
    extra = [row for row in data["licenses"] if row["path"] == "LICENSE" and row["id"] is None]
    assert extra and extra[0]["clauses"][0]["kind"] == "non-commercial"
    for row in data["licenses"]:
        assert set(row) >= {
            "path",
            "lines",
            "id",
            "name",
            "category",
            "confidence",
            "clauses",
            "component",
        }


def test_single_file_text_output(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["licenses", str(folder / "LICENSE")]) == 0
    out = capsys.readouterr().out
    assert "MIT" in out and "osi-open" in out


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    assert main(["licenses", str(tmp_path / "nope")]) == 2
    assert main(["licenses"]) == 2
