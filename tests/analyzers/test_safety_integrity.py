"""safety.serialization_integrity from in-memory evidence."""

from __future__ import annotations

import pytest

from opengauge.analyzers.context import Context
from opengauge.analyzers.safety_integrity import ANALYZER
from opengauge.model import (
    Evidence,
    SafetyEvidence,
    ScannedFile,
    SerializationAnomaly,
    Severity,
    Status,
)

SCANNED = (ScannedFile("m.pt", "zip", 1, 3),)


@pytest.mark.parametrize(
    ("kind", "severity"),
    [
        ("zip-encrypted-flag", Severity.LOW),
        ("pickle-note", Severity.LOW),
        ("pickle-limit", Severity.HIGH),
        ("pickle-error", Severity.HIGH),
        ("zip-crc-mismatch", Severity.MEDIUM),
        ("archive-unopened", Severity.HIGH),
        ("archive-member-unreadable", Severity.HIGH),
        ("archive-bomb", Severity.HIGH),
        ("archive-link-outside", Severity.HIGH),
        ("archive-link", Severity.LOW),
        ("zip-ambiguous", Severity.HIGH),
        ("zip-prepended-data", Severity.MEDIUM),
        ("chat-template-injection", Severity.HIGH),
        ("chat-template-error", Severity.LOW),
        ("archive-path-traversal", Severity.HIGH),
        ("keras-lambda", Severity.HIGH),
        ("onnx-external-data", Severity.HIGH),
        ("something-new", Severity.MEDIUM),
    ],
)
def test_anomaly_severity(kind: str, severity: Severity) -> None:
    anomaly = SerializationAnomaly("m.pt", kind, "msg", "archive/data.pkl", 7)
    evidence = Evidence(root=".", safety=SafetyEvidence(anomalies=(anomaly,), scanned=SCANNED))
    (finding,) = ANALYZER.run(Context.build(evidence))
    assert (finding.status, finding.severity) == (Status.FAIL, severity)
    assert finding.locations[0].member == "archive/data.pkl" and finding.locations[0].offset == 7


@pytest.mark.parametrize(
    ("safety", "status"),
    [
        (None, Status.NOT_AVAILABLE),
        (SafetyEvidence(), Status.NOT_APPLICABLE),
        (SafetyEvidence(scanned=SCANNED), Status.PASS),
    ],
)
def test_no_anomalies(safety: SafetyEvidence | None, status: Status) -> None:
    (finding,) = ANALYZER.run(Context.build(Evidence(root=".", safety=safety)))
    assert finding.status is status
