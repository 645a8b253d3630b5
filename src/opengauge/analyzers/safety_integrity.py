"""safety.serialization-integrity: are the serialized files and archives well formed?"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.model import Confidence, Evidence, Finding, Location, Severity, Status

# anomaly kind -> (severity, CWE); kinds not listed are medium.
SEVERITY: dict[str, tuple[Severity, int | None]] = {
    "pickle-error": (Severity.MEDIUM, 502),
    "pickle-note": (Severity.LOW, None),
    "pickle-limit": (Severity.MEDIUM, None),
    "zip-encrypted-flag": (Severity.LOW, None),
    "zip-crc-mismatch": (Severity.MEDIUM, 354),
    "zip-header-mismatch": (Severity.MEDIUM, 436),
    "zip-duplicate-name": (Severity.MEDIUM, 436),
    "zip-hidden-member": (Severity.MEDIUM, 436),
    "archive-path-traversal": (Severity.HIGH, 22),
    "archive-bomb": (Severity.MEDIUM, 409),
    "archive-unopened": (Severity.MEDIUM, None),
    "archive-error": (Severity.LOW, None),
    "npy-error": (Severity.LOW, None),
    "keras-lambda": (Severity.HIGH, 94),
    "keras-custom-object": (Severity.MEDIUM, 94),
    "onnx-external-data": (Severity.HIGH, 22),
    "onnx-custom-domain": (Severity.MEDIUM, 829),
}


def _check(evidence: Evidence) -> Iterator[Finding]:
    safety = evidence.safety
    if safety is None:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "safety scan was not run")
        return
    for anomaly in safety.anomalies:
        severity, cwe = SEVERITY.get(anomaly.kind, (Severity.MEDIUM, None))
        yield ANALYZER.finding(
            Status.FAIL,
            f"{anomaly.kind}: {anomaly.message}",
            [Location(anomaly.path, offset=anomaly.offset, member=anomaly.member)],
            severity=severity,
            confidence=Confidence.MEDIUM,
            facts={"kind": anomaly.kind},
            cwe=cwe,
        )
    if not safety.anomalies:
        yield ANALYZER.finding(
            Status.PASS if safety.scanned else Status.NOT_APPLICABLE,
            f"{len(safety.scanned)} serialized file(s) read without anomalies",
        )


ANALYZER = Analyzer(
    id="safety.serialization-integrity",
    title="Serialized files and archives are well formed",
    rationale=(
        "Malformed pickles, zip tricks (fake encryption flags, bad CRCs, headers that "
        "disagree, hidden members) and unopened archives are how payloads evade scanners."
    ),
    remediation="Re-export the model with a current library, as safetensors, in a plain folder.",
    severity=Severity.MEDIUM,
    check=_check,
)
