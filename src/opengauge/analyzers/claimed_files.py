"""docs.claimed_files_exist: files the documentation says are here are really here."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Finding, Severity, Status


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    claims = [claim for result in context.components for claim in result.claims]
    if not claims and evidence.cards:
        yield ANALYZER.finding(Status.PASS, "every file the documentation points to is present")
    for claim in claims:
        yield ANALYZER.finding(
            Status.FAIL,
            f"{claim.component.value}: {claim.location.pointer} "
            f"says {claim.target} is in this release; it is not",
            [claim.location],
            facts={"component": claim.component.value, "file": claim.target},
            remediation=f"Add {claim.target} or correct the sentence.",
        )


ANALYZER = Analyzer(
    id="docs.claimed_files_exist",
    title="Files the documentation points to are present",
    rationale="A card that points to a training script or data file that is not shipped "
    "claims an openness the release does not have.",
    remediation="Ship the files the documentation names, or correct the documentation.",
    severity=Severity.MEDIUM,
    check=_check,
)
