from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES

import opengauge
from opengauge.frameworks import FrameworkInput
from opengauge.frameworks.safety import FRAMEWORK
from opengauge.model import Confidence, Finding, Location, Outcome, Severity, Status


def _finding(
    severity: Severity, rule: str = "safety.pickle_imports", status: Status = Status.FAIL
) -> Finding:
    return Finding(
        rule,
        status,
        severity,
        Confidence.HIGH,
        f"{severity.value} thing",
        (Location("m.bin", offset=3),),
        remediation="convert to safetensors",
    )


def _run(*findings: Finding) -> object:
    return FRAMEWORK.evaluate(FrameworkInput((), findings))


def test_worst_severity_decides() -> None:
    result = FRAMEWORK.evaluate(
        FrameworkInput((), (_finding(Severity.MEDIUM), _finding(Severity.CRITICAL)))
    )
    assert result.verdict == "worst: critical" and result.passed is False
    assert result.outcome is Outcome.FAIL
    assert result.details["verdict_fields"]["counts"] == {"medium": 1, "critical": 1}
    assert result.controls[0].findings == ("safety.pickle_imports m.bin@3",)
    assert result.to_raise == ("convert to safetensors",)


def test_below_threshold_passes_and_other_rules_ignored() -> None:
    result = FRAMEWORK.evaluate(
        FrameworkInput((), (_finding(Severity.MEDIUM), _finding(Severity.HIGH, "docs.x")))
    )
    assert result.passed is True and result.verdict == "worst: medium"
    assert result.outcome is Outcome.PASS


def test_a_scan_that_did_not_run_is_never_a_pass() -> None:
    not_run = _finding(Severity.INFO, status=Status.NOT_AVAILABLE)
    result = FRAMEWORK.evaluate(FrameworkInput((), (not_run,)))
    assert result.outcome is Outcome.INCONCLUSIVE and result.passed is None


def test_unsafe_example_fails_safety() -> None:
    report = opengauge.audit(EXAMPLES / "unsafe-pickle")
    result = next(f for f in report.frameworks if f.framework == "safety")
    assert result.passed is False and result.outcome is Outcome.FAIL
    assert result.details["verdict_fields"]["worst_severity"] in ("high", "critical")
    assert "os.system" in result.summary


def test_weights_not_read_make_safety_not_determinable() -> None:
    unread = Finding(
        "weights.header_valid",
        Status.NOT_AVAILABLE,
        Severity.MEDIUM,
        Confidence.HIGH,
        "model.safetensors: weights not fetched (Git LFS pointer)",
        (Location("model.safetensors"),),
        facts={"unread": True},
    )
    result = FRAMEWORK.evaluate(FrameworkInput((), (unread,)))
    assert result.outcome is Outcome.INCONCLUSIVE and result.passed is None
    assert result.verdict == "not determinable: 1 weight file(s) not read"
    assert "Git LFS pointer" in result.summary
    assert any("git lfs pull" in step for step in result.to_raise)
    # a critical finding elsewhere still fails: what was read is unsafe
    worse = FRAMEWORK.evaluate(FrameworkInput((), (unread, _finding(Severity.CRITICAL))))
    assert worse.outcome is Outcome.FAIL


def test_an_lfs_clone_is_not_determinable(tmp_path: Path) -> None:
    import shutil

    release = tmp_path / "release"
    shutil.copytree(EXAMPLES / "fully-open", release)
    (release / "model.safetensors").write_bytes(
        b"version https://git-lfs.github.com/spec/v1\n"
        b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        b"size 133456789\n"
    )
    report = opengauge.audit(release)
    result = next(f for f in report.frameworks if f.framework == "safety")
    assert result.outcome is Outcome.INCONCLUSIVE
    assert "weights not fetched (Git LFS pointer)" in result.summary
