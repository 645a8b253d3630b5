"""evidence.complete: everything in the target could be read."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Finding, Location, Severity, Status


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    if not evidence.skipped:
        yield ANALYZER.finding(Status.PASS, f"all {len(evidence.files)} files were read")
        return
    reasons = sorted({s.reason.split(":")[0] for s in evidence.skipped})
    yield ANALYZER.finding(
        Status.FAIL,
        f"{len(evidence.skipped)} item(s) were skipped or only partly read: "
        + "; ".join(reasons[:6]),
        [Location(s.path, excerpt=s.reason) for s in evidence.skipped[:50]],
        facts={"skipped": len(evidence.skipped)},
    )


ANALYZER = Analyzer(
    id="evidence.complete",
    title="Every file of the target was read",
    rationale="A verdict is only as good as the evidence; unread files may hide components, "
    "licences or unsafe content.",
    remediation="Look at each skipped item: remove broken links, fix malformed files, or "
    "audit with higher limits.",
    severity=Severity.LOW,
    check=_check,
)
