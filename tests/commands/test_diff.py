"""``opengauge diff``: text and JSON output, exit 1 on a regression; malformed input is
one line and exit 2."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from tests.report.samples import enriched, example_report

from opengauge.cli import main
from opengauge.model import AuditReport, Confidence, Finding, Location, Severity, Status
from opengauge.report import render


def _write(path: Path, report: AuditReport) -> Path:
    path.write_text(render(report, "json"))
    return path


@pytest.fixture()
def reports(tmp_path: Path) -> tuple[Path, Path]:
    old = _write(tmp_path / "old.json", example_report("openwashed"))
    new = _write(tmp_path / "new.json", enriched(example_report("fully-open")))
    return old, new


def test_text_and_json(reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = reports
    assert main(["diff", str(old), str(new), "--no-fail-on-regression"]) == 0
    assert "opengauge diff: openwashed → fully-open" in capsys.readouterr().out
    assert main(["diff", str(old), str(new), "-f", "json", "--no-fail-on-regression"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] is True and data["components"]


def test_the_old_format_name_is_an_alias(
    reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = reports
    assert main(["diff", str(old), str(old), "--format", "text"]) == 0
    assert main(["diff", str(old), str(old), "--format", "terminal"]) == 0
    first, second = capsys.readouterr().out.split("no change\n")[:2]
    assert first == second


def _safety_finding(severity: Severity, path: str) -> Finding:
    return Finding(
        "safety.pickle_imports",
        Status.FAIL,
        severity,
        Confidence.HIGH,
        f"GLOBAL os.system in {path}",
        (Location(path, offset=2),),
    )


def test_regressions_exit_1_with_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = example_report("fully-open")
    old = _write(tmp_path / "old.json", base)
    assert main(["diff", str(old), str(old)]) == 0  # nothing changed
    # a worse verdict (the example's safety goes from pass to fail)
    unsafe = _write(tmp_path / "unsafe.json", example_report("unsafe-pickle"))
    assert main(["diff", str(old), str(unsafe)]) == 1
    err = capsys.readouterr().err
    assert "regression" in err and "Safety: no unsafe content found -> worst: critical" in err
    assert main(["diff", str(unsafe), str(old)]) == 0  # the other way is an improvement
    # a new critical finding while every verdict stays the same
    worse = dataclasses.replace(
        base, findings=(*base.findings, _safety_finding(Severity.MEDIUM, "a.pkl"))
    )
    medium = _write(tmp_path / "medium.json", worse)
    assert main(["diff", str(old), str(medium)]) == 1
    assert "safety: worst finding none -> medium" in capsys.readouterr().err
    # a verdict that disappears is not an improvement
    gone = _write(tmp_path / "gone.json", dataclasses.replace(base, frameworks=()))
    assert main(["diff", str(old), str(gone), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "regression" in err


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
