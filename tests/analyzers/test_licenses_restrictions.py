from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.licenses_restrictions import ANALYZER
from opengauge.model import Clause, Evidence, Severity, Status

from .licenses_helpers import match


def test_restrictions_by_severity() -> None:
    clauses = (
        Clause("mau-cap", 30, "700 million monthly active users"),
        Clause("non-commercial", 5, "non-commercial purposes only"),
        Clause("copyleft", 9, "share alike"),
    )
    findings = list(
        ANALYZER.run(Context.build(Evidence(root="/x", licenses=(match(clauses=clauses),))))
    )
    assert [(f.facts["kind"], f.severity) for f in findings] == [
        ("non-commercial", Severity.HIGH),
        ("mau-cap", Severity.MEDIUM),
    ]
    assert findings[1].locations[0].line == 30


def test_pass_and_not_available() -> None:
    (finding,) = ANALYZER.run(Context.build(Evidence(root="/x", licenses=(match(),))))
    assert finding.status is Status.PASS
    (finding,) = ANALYZER.run(Context.build(Evidence(root="/x")))
    assert finding.status is Status.NOT_AVAILABLE
