"""safety.pickle_imports from in-memory evidence."""

from __future__ import annotations

import pytest

from opengauge.analyzers.context import Context
from opengauge.analyzers.safety_pickle import ANALYZER
from opengauge.model import Evidence, PickleImport, SafetyEvidence, ScannedFile, Severity, Status


def _run(safety: SafetyEvidence | None) -> list[tuple[Status, Severity]]:
    evidence = Evidence(root=".", safety=safety)
    return [(f.status, f.severity) for f in ANALYZER.run(Context.build(evidence))]


SAFE = PickleImport("m.bin", "torch._utils", "_rebuild_tensor_v2", 10, "GLOBAL", "archive/data.pkl")
EVIL = PickleImport("m.bin", "os", "system", 3, "GLOBAL", call="os.system('id')")
UNKNOWN = PickleImport("m.pkl", "mylib", "Thing", 3, "STACK_GLOBAL")


@pytest.mark.parametrize(
    ("safety", "expected"),
    [
        (None, [(Status.NOT_AVAILABLE, Severity.INFO)]),
        (SafetyEvidence(), [(Status.NOT_APPLICABLE, Severity.INFO)]),
        (SafetyEvidence(imports=(SAFE,), scanned=(ScannedFile("m.bin", "zip", 1),)),
         [(Status.PASS, Severity.INFO)]),
        (SafetyEvidence(imports=(SAFE, EVIL), scanned=(ScannedFile("m.bin", "zip", 1),)),
         [(Status.FAIL, Severity.CRITICAL)]),
        (SafetyEvidence(imports=(UNKNOWN,), scanned=(ScannedFile("m.pkl", "pickle", 1),)),
         [(Status.FAIL, Severity.HIGH)]),  # unknown blocks at the default threshold
    ],
)  # fmt: skip
def test_pickle_imports(
    safety: SafetyEvidence | None, expected: list[tuple[Status, Severity]]
) -> None:
    assert _run(safety) == expected


def test_finding_says_what_would_run() -> None:
    evidence = Evidence(root=".", safety=SafetyEvidence(imports=(EVIL,)))
    (finding,) = ANALYZER.run(Context.build(evidence))
    assert "would call os.system('id')" in finding.message
    assert finding.locations[0].offset == 3 and finding.cwe == 502
