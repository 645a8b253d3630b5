"""The thin CLI: exit codes, one-line errors, formats, python -m."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, FIXED_TIME, validate_report_json

from opengauge import __version__
from opengauge.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"opengauge {__version__}"


@pytest.mark.parametrize("make", ["missing", "file"])
def test_bad_target_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: str
) -> None:
    target = tmp_path / "t"
    if make == "file":
        target.write_text("x")
    assert main(["audit", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("opengauge: error:")
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["audit", "scan", "badge", "licenses"])
def test_no_permission_is_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    assert main([command, str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "permission denied" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["audit"]) == 2
    assert main(["audit", ".", "--format", "nope"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_json_to_output_file(tmp_path: Path, report_schema: dict[str, Any]) -> None:
    out = tmp_path / "r.json"
    code = main(
        [
            "audit",
            str(EXAMPLES / "openwashed"),
            "--format",
            "json",
            "--output",
            str(out),
            "--generated-at",
            FIXED_TIME,
        ]
    )
    assert code == 0
    data = validate_report_json(out.read_text(), report_schema)
    assert data["target"]["name"] == "openwashed"


def test_terminal_summary_reads_right(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(EXAMPLES / "fully-open"), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Components (Model Openness Framework)" in out
    assert "Model parameters (Intermediate)" in out
    assert "\x1b[" not in out  # no colour codes when not a terminal


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "opengauge", "audit", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("opengauge: error:")


def test_hash_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("a")
    assert main(["audit", str(tmp_path), "--hash", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["files"][0]["sha256"].startswith("ca978112")
    assert data["hashed"] is True


def test_internal_error_is_one_line_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import opengauge.api

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(opengauge.api, "audit", boom)
    assert main(["audit", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: unexpected" in err


UNSAFE = str(EXAMPLES / "unsafe-pickle")


@pytest.mark.parametrize(
    "argv",
    [
        ["-v", "audit", UNSAFE],
        ["audit", "-v", UNSAFE],
        ["audit", UNSAFE, "--verbose"],
        ["--verbose", "scan", UNSAFE],
        ["scan", UNSAFE, "-v"],
    ],
)
def test_verbose_anywhere_logs_the_phases(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "-f", "json", "-o", os.devnull]) == 1
    err = capsys.readouterr().err
    phases = [line.split("] ", 1)[1].split(":")[0] for line in err.splitlines() if "s] " in line]
    assert {"collect", "analyze", "evaluate", "render"} <= set(phases)
    assert phases.index("collect") < phases.index("analyze") < phases.index("render")


@pytest.mark.parametrize(
    "argv", [["-q", "audit", UNSAFE], ["audit", UNSAFE, "--quiet"], ["scan", "-q", UNSAFE]]
)
def test_quiet_anywhere_is_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "-f", "json", "-o", os.devnull]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "failed" in err


def test_without_verbose_no_phases_and_verbose_with_quiet_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["audit", UNSAFE, "-f", "json", "-o", os.devnull]) == 1
    assert "collect" not in capsys.readouterr().err
    assert main(["-v", "audit", UNSAFE, "-q"]) == 2
    assert "cannot be combined" in capsys.readouterr().err


def _format_choices(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main([*argv, "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    "argv",
    [
        ["audit"],
        ["scan"],
        ["licenses"],
        ["diff"],
        ["card", "check"],
        ["mof", "evaluate"],
        ["mof", "compare"],
    ],
)
def test_one_name_for_the_human_format(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    text = _format_choices(argv, capsys)
    choices = text.split("--format {", 1)[1].split("}", 1)[0].split(",")
    assert "terminal" in choices and not {"text", "rich"} & set(choices)
    assert "(default: terminal)" in text
