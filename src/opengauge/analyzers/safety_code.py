"""safety.shipped_code: does Python shipped with the model make dangerous calls?"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Confidence, Finding, Severity, Status


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    safety = evidence.safety
    if safety is None:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "safety scan was not run")
        return
    for issue in safety.code_issues:
        yield ANALYZER.finding(
            Status.FAIL,
            f"{issue.rule}: {issue.message}",
            [issue.location],
            severity=Severity(issue.severity),
            confidence=Confidence(issue.confidence),
            facts={"rule": issue.rule, "source": issue.source},
            cwe=issue.cwe,
            subrule=issue.rule,
        )
    if not safety.code_issues:
        yield ANALYZER.finding(
            Status.PASS if safety.code_files else Status.NOT_APPLICABLE,
            f"{safety.code_files} Python file(s) without dangerous calls",
        )


ANALYZER = Analyzer(
    id="safety.shipped_code",
    title="Shipped Python code makes no dangerous calls",
    rationale="modeling_*.py files run with trust_remote_code; scripts run on users' machines.",
    remediation=(
        "Load weights with weights_only=True, avoid pickle/exec/shell=True, pin hub "
        "downloads to a revision."
    ),
    severity=Severity.MEDIUM,
    check=_check,
)
