"""evaluate(evidence, ...) -> AuditReport: pure, no I/O, time passed in."""

from __future__ import annotations

from collections.abc import Iterable

from opengauge import __version__
from opengauge.analyzers.base import Analyzer
from opengauge.components import assess
from opengauge.frameworks import FrameworkFn
from opengauge.model import (
    SCHEMA_VERSION,
    AuditReport,
    CardSummary,
    Evidence,
    Finding,
    Target,
)


def _finding_key(finding: Finding) -> tuple[str, str, str, int, str]:
    loc = finding.locations[0] if finding.locations else None
    return (
        finding.rule,
        loc.path if loc else "",
        loc.member or "" if loc else "",
        (loc.line or loc.offset or 0) if loc else 0,
        finding.message,
    )


def evaluate(
    evidence: Evidence,
    analyzers: Iterable[Analyzer],
    frameworks: Iterable[FrameworkFn],
    generated_at: str,
    target: Target,
) -> AuditReport:
    """Run every analyzer and framework over ``evidence`` and assemble the report."""
    components = assess(evidence)
    findings: list[Finding] = []
    for analyzer in analyzers:
        findings.extend(analyzer.run(evidence))
    ordered = tuple(sorted(findings, key=_finding_key))
    results = tuple(framework(evidence, components, ordered) for framework in frameworks)
    cards = tuple(
        CardSummary(
            path=card.path,
            kind=card.kind,
            metadata=card.metadata,
            metadata_error=card.metadata_error,
            sections=tuple(s.title for s in card.sections[:500]),
            link_count=len(card.links),
        )
        for card in evidence.cards
    )
    return AuditReport(
        schema_version=SCHEMA_VERSION,
        tool_version=__version__,
        generated_at=generated_at,
        target=target,
        files=evidence.files,
        components=components,
        licenses=evidence.licenses,
        weights=evidence.weights,
        cards=cards,
        findings=ordered,
        frameworks=results,
        skipped=evidence.skipped,
        hashed=evidence.hashed,
    )
