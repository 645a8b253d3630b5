"""safety.serialization_integrity: are the serialized files and archives well formed?"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Confidence, Finding, Severity, Status
from opengauge.rules.anomalies import ANOMALIES


def severity_of(kind: str) -> tuple[Severity, int | None]:
    """Default severity and CWE of an anomaly kind (medium when not catalogued)."""
    entry = ANOMALIES.get(kind)
    return (Severity(entry.severity), entry.cwe) if entry else (Severity.MEDIUM, None)


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    safety = evidence.safety
    if safety is None:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "safety scan was not run")
        return
    for anomaly in safety.anomalies:
        severity, cwe = severity_of(anomaly.kind)
        yield ANALYZER.finding(
            Status.FAIL,
            f"{anomaly.kind}: {anomaly.message}",
            [anomaly.location],
            severity=severity,
            confidence=Confidence.MEDIUM,
            facts={"kind": anomaly.kind},
            cwe=cwe,
            subrule=anomaly.kind,
        )
    if not safety.anomalies:
        yield ANALYZER.finding(
            Status.PASS if safety.scanned else Status.NOT_APPLICABLE,
            f"{len(safety.scanned)} serialized file(s) read without anomalies",
        )


ANALYZER = Analyzer(
    id="safety.serialization_integrity",
    title="Serialized files and archives are well formed",
    rationale=(
        "Malformed pickles, zip tricks (fake encryption flags, bad CRCs, headers that "
        "disagree, hidden members) and unopened archives are how payloads evade scanners."
    ),
    remediation="Re-export the model with a current library, as safetensors, in a plain folder.",
    severity=Severity.MEDIUM,
    check=_check,
)
