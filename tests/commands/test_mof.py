"""``opengauge mof ...`` through cli.main, with a fake audit for export and compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opengauge.cli import main
from opengauge.commands import mof as command
from opengauge.model import (
    AuditReport,
    Component,
    ComponentResult,
    ComponentState,
    LicenseCategory,
    LicenseMatch,
    Target,
)
from opengauge.sources.mot import parse_record

DATA = Path(__file__).resolve().parent.parent / "data" / "mot"
OLMO = str(DATA / "models" / "OLMo-7B.yml")


def test_evaluate_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mof", "evaluate", OLMO, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["class"] == 1 and out["record"] == "OLMo-7B"
    assert set(out["progress"]) == {"1", "2", "3"} and out["progress"]["1"] == 100.0
    assert len(out["components"]) == 17 and out["mode"] == "default"


def test_evaluate_text_and_compatible(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "models" / "Falcon-40B.yml")
    assert main(["mof", "evaluate", path]) == 0
    text = capsys.readouterr().out
    assert "Unclassified" in text and "Progress" in text and "class 3: 16.7%" in text
    assert main(["mof", "evaluate", path, "--mot-compatible"]) == 0
    assert "class 3: 0.0%" in capsys.readouterr().out


def test_markup_in_record_is_not_interpreted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release: {name: '[bold red]x[/]', producer: p, license: {}, components: "
        "[{name: Model card, license: '[link=http://evil]y[/link]'}]}\n",
        encoding="utf-8",
    )
    assert main(["mof", "evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[bold red]x[/]" in out and "[link=http://evil]y[/link]" in out


@pytest.mark.parametrize("content", ["not: [yaml", "- list", "a: &a [*a]"])
def test_bad_record_exit_2(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(content, encoding="utf-8")
    assert main(["mof", "evaluate", str(path)]) == 2
    captured = capsys.readouterr()
    assert "opengauge: error:" in captured.err and "Traceback" not in captured.err
    assert main(["mof", "evaluate", str(tmp_path / "missing.yml")]) == 2


def test_usage_errors() -> None:
    assert main(["mof"]) == 2
    assert main(["mof", "evaluate", OLMO, "--format", "xml"]) == 2


def fake_report(_path: str) -> AuditReport:
    return AuditReport(
        schema_version="1.0",
        tool_version="0",
        generated_at="2026-01-01T00:00:00Z",
        target=Target("/x", "fake-model", "local"),
        files=(),
        components=(
            ComponentResult(Component.MODEL_ARCHITECTURE, ComponentState.PRESENT, ("modeling.py",)),
            ComponentResult(Component.MODEL_PARAMETERS_FINAL, ComponentState.PRESENT),
            ComponentResult(Component.MODEL_CARD, ComponentState.PRESENT, ("README.md",)),
            ComponentResult(Component.TRAINING_CODE, ComponentState.CLAIMED_ABSENT),
        ),
        licenses=(
            LicenseMatch(
                "LICENSE",
                1,
                200,
                "Apache-2.0",
                "Apache License 2.0",
                LicenseCategory.OSI_OPEN,
                1.0,
                "test",
                component="all",
            ),
        ),
        weights=(),
        cards=(),
        findings=(),
        frameworks=(),
        skipped=(),
    )


def test_export(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(command, "_audit", fake_report)
    out = tmp_path / "rec.yml"
    assert main(["mof", "export", "/x", "--producer", "Acme", "-o", str(out)]) == 0
    record = parse_record(out.read_text(encoding="utf-8"))
    assert record.name == "fake-model" and record.producer == "Acme"
    assert [c.name for c in record.components] == [
        "Model architecture",
        "Model parameters (Final)",
        "Model card",
    ]
    assert all(c.license == "Apache-2.0" for c in record.components)
    assert main(["mof", "export", "/x"]) == 0
    assert "Model Openness Framework" in capsys.readouterr().out


def test_compare(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(command, "_audit", fake_report)
    assert main(["mof", "compare", "/x", OLMO, "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    kinds = {(d["component"], d["kind"]) for d in out["disagreements"]}
    assert ("Training code", "claimed_absent") in kinds
    assert ("Datasets", "not_found") in kinds
    assert main(["mof", "compare", "/x", OLMO]) == 1
    assert "disagreement(s)" in capsys.readouterr().out
