"""safety.shipped_code from in-memory evidence."""

from __future__ import annotations

import pytest

from opengauge.analyzers.context import Context
from opengauge.analyzers.safety_code import ANALYZER
from opengauge.model import CodeIssue, Evidence, SafetyEvidence, Severity, Status

ISSUE = CodeIssue("modeling.py", 12, "OG101", "torch.load without weights_only", "high", "high",
                  502, "ast", "torch.load(p)")  # fmt: skip


@pytest.mark.parametrize(
    ("safety", "expected"),
    [
        (None, [(Status.NOT_AVAILABLE, Severity.INFO)]),
        (SafetyEvidence(), [(Status.NOT_APPLICABLE, Severity.INFO)]),
        (SafetyEvidence(code_files=3), [(Status.PASS, Severity.INFO)]),
        (SafetyEvidence(code_issues=(ISSUE,), code_files=1), [(Status.FAIL, Severity.HIGH)]),
    ],
)
def test_shipped_code(
    safety: SafetyEvidence | None, expected: list[tuple[Status, Severity]]
) -> None:
    findings = list(ANALYZER.run(Context.build(Evidence(root=".", safety=safety))))
    assert [(f.status, f.severity) for f in findings] == expected


def test_location_and_cwe() -> None:
    evidence = Evidence(root=".", safety=SafetyEvidence(code_issues=(ISSUE,), code_files=1))
    (finding,) = ANALYZER.run(Context.build(evidence))
    assert finding.locations[0].line == 12 and finding.cwe == 502
    assert finding.message.startswith("OG101:")
