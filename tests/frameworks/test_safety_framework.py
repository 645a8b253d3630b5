from __future__ import annotations

from tests.conftest import EXAMPLES

import opengauge
from opengauge.frameworks.safety import safety_framework
from opengauge.model import Confidence, Evidence, Finding, Location, Severity, Status


def _finding(severity: Severity, rule: str = "safety.pickle-imports") -> Finding:
    return Finding(rule, Status.FAIL, severity, Confidence.HIGH, f"{severity.value} thing",
                   (Location("m.bin", offset=3),), remediation="convert to safetensors")


def test_worst_severity_decides() -> None:
    result = safety_framework(Evidence(root="/x"), (), (_finding(Severity.MEDIUM),
                                                        _finding(Severity.CRITICAL)))
    assert result.verdict == "worst: critical" and result.passed is False
    assert result.details["verdict_fields"]["counts"] == {"medium": 1, "critical": 1}
    assert result.controls[0].findings == ("safety.pickle-imports m.bin@3",)
    assert result.to_raise == ("convert to safetensors",)


def test_below_threshold_passes_and_other_rules_ignored() -> None:
    result = safety_framework(Evidence(root="/x"), (), (_finding(Severity.MEDIUM),
                                                        _finding(Severity.HIGH, "docs.x")))
    assert result.passed is True and result.verdict == "worst: medium"


def test_unsafe_example_fails_safety() -> None:
    report = opengauge.audit(EXAMPLES / "unsafe-pickle")
    result = next(f for f in report.frameworks if f.framework == "safety")
    assert result.passed is False
    assert result.details["verdict_fields"]["worst_severity"] in ("high", "critical")
    assert "os.system" in result.summary
