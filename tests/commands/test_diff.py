"""``opengauge diff``: text and JSON output; malformed input is one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.report.samples import enriched, example_report

from opengauge.cli import main
from opengauge.report import render


@pytest.fixture()
def reports(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(render(example_report("openwashed"), "json"))
    new.write_text(render(enriched(example_report("fully-open")), "json"))
    return old, new


def test_text_and_json(reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = reports
    assert main(["diff", str(old), str(new)]) == 0
    assert "opengauge diff: openwashed → fully-open" in capsys.readouterr().out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] is True and data["components"]


@pytest.mark.parametrize("content", ["{not json", '{"a": 1}', "\xff", '{"schema_version": "1.0"}'])
def test_malformed(
    reports: tuple[Path, Path], tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content.encode("latin-1"))
    assert main(["diff", str(reports[0]), str(bad)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json")]) == 2
