"""``opengauge audit``: the safety gate (--fail-on), --generated-at, Git LFS clones and
--max-files, as exit codes and what the user reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES

from opengauge.cli import main

QUIET = ["--no-progress", "-f", "json"]
LFS = (
    b"version https://git-lfs.github.com/spec/v1\n"
    b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    b"size 133456789\n"
)


def _safety(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    report = json.loads(capsys.readouterr().out)
    result: dict[str, object] = next(f for f in report["frameworks"] if f["framework"] == "safety")
    return result


def test_fail_on_moves_or_turns_off_the_safety_gate(capsys: pytest.CaptureFixture[str]) -> None:
    unsafe = str(EXAMPLES / "unsafe-pickle")  # a critical finding
    assert main(["audit", unsafe, *QUIET]) == 1  # default: high
    assert main(["audit", unsafe, *QUIET, "--fail-on", "critical"]) == 1
    assert "--fail-on critical" in capsys.readouterr().err
    assert main(["audit", unsafe, *QUIET, "--fail-on", "never"]) == 0
    assert main(["audit", unsafe, *QUIET, "--fail-on", "never", "--no-policy"]) == 0
    # with --no-policy, --fail-on is the only gate
    assert main(["audit", unsafe, *QUIET, "--no-policy", "--fail-on", "high"]) == 1
    assert main(["audit", unsafe, *QUIET, "--fail-on", "severe"]) == 2


def test_fail_on_applies_to_a_medium_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = tmp_path / "release"
    shutil.copytree(EXAMPLES / "fully-open", release)
    (release / "model.safetensors").write_bytes(b"\x07 not a header" * 10)  # medium
    assert main(["audit", str(release), *QUIET]) == 0
    assert _safety(capsys)["verdict"] == "worst: medium"
    assert main(["audit", str(release), *QUIET, "--fail-on", "medium"]) == 1


@pytest.mark.parametrize(
    "value", ["2026-13-01T00:00:00Z", "2026-01-01T00:00:00", "yesterday", "2026-01-01", ""]
)
def test_generated_at_must_be_iso_8601_with_an_offset(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(EXAMPLES / "openwashed"), *QUIET, "--generated-at", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ISO 8601" in err and "Traceback" not in err
    assert main(["badge", str(EXAMPLES / "openwashed"), "--generated-at", value]) == 2


@pytest.mark.parametrize("value", ["2026-01-01T00:00:00Z", "2026-01-01T01:30:00.5+01:30"])
def test_generated_at_is_recorded_as_given(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(EXAMPLES / "openwashed"), *QUIET, "--generated-at", value]) == 0
    assert json.loads(capsys.readouterr().out)["generated_at"] == value


def test_a_git_lfs_clone_without_its_weights_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = tmp_path / "release"
    shutil.copytree(EXAMPLES / "fully-open", release)
    (release / "model.safetensors").write_bytes(LFS)
    assert main(["audit", str(release), "--no-progress"]) == 1
    captured = capsys.readouterr()
    assert "model.safetensors: weights not fetched (Git LFS pointer)" in captured.out
    assert "Safety: not conclusive" in captured.err
    assert main(["audit", str(release), *QUIET, "--no-policy"]) == 0
    safety = _safety(capsys)
    assert safety["outcome"] == "inconclusive"
    assert str(safety["verdict"]).startswith("not determinable")


def test_max_files_makes_verdicts_inconclusive(capsys: pytest.CaptureFixture[str]) -> None:
    fully_open = str(EXAMPLES / "fully-open")
    assert main(["audit", fully_open, *QUIET, "--no-policy", "--max-files", "5"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {f["framework"]: f["outcome"] for f in report["frameworks"]} == dict.fromkeys(
        ("mof", "osaid", "osai", "openwashing", "safety"), "inconclusive"
    )
    assert any("cap" in s["reason"] for s in report["skipped"])
    assert main(["audit", fully_open, *QUIET, "--max-files", "5"]) == 1
    assert "Safety: not conclusive" in capsys.readouterr().err
    assert main(["audit", fully_open, *QUIET]) == 0  # the whole folder passes
    assert main(["audit", fully_open, *QUIET, "--max-files", "0"]) == 2
    assert "positive" in capsys.readouterr().err


def test_spdx_namespace(capsys: pytest.CaptureFixture[str]) -> None:
    fully_open = str(EXAMPLES / "fully-open")
    args = ["audit", fully_open, "--no-progress", "--no-policy", "-f", "spdx3"]
    assert main([*args, "--spdx-namespace", "https://sbom.example.org/audits"]) == 0
    graph = json.loads(capsys.readouterr().out)["@graph"]
    ids = [node["spdxId"] for node in graph if "spdxId" in node]
    assert ids and all(i.startswith("https://sbom.example.org/audits/") for i in ids)
    assert main([*args, "--spdx-namespace", "not an IRI"]) == 2
    assert main(["audit", fully_open, "-f", "json", "--spdx-namespace", "urn:x:"]) == 2


def test_phase_line_reads_then_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spinner's line: the files as they are listed, then the long analysis."""
    from opengauge.commands import audit

    clock = [100.0]
    monkeypatch.setattr(audit.time, "monotonic", lambda: clock[0])
    line = audit.PhaseLine()
    assert line.text(80) == "reading · 0 files · 0 B"
    line.tick("shards/model-00001-of-00002.safetensors", 3 << 30)
    clock[0] += 0.1
    assert line.text(80) == "reading · 1 files · 3.0 GB · shards/model-00001-of-00002.safetensors"
    assert line.text(50).endswith("safetensors")  # the end of the name is kept
    assert len(line.text(50)) <= 50 - 4  # the spinner's room
    assert line.text(40) == "reading · 1 files · 3.0 GB"  # no room for the name
    clock[0] += 1.0  # no file for a second: the listing is over
    assert line.text(80) == "analysing · 1 files · 3.0 GB"
