"""Openwashing: detected when a claim of openness does not hold, with the evidence of each."""

from __future__ import annotations

from opengauge.frameworks.definitions import load
from opengauge.frameworks.licensing import finding_ref
from opengauge.model import (
    ComponentResult,
    ControlResult,
    Evidence,
    Finding,
    FrameworkResult,
    Status,
)


def openwashing_framework(evidence: Evidence, components: tuple[ComponentResult, ...],
                          findings: tuple[Finding, ...]) -> FrameworkResult:
    """Aggregate the claim checks into one yes / no with its severity and reasons."""
    del evidence, components
    spec = load("openwashing")
    mine = [f for f in findings if f.rule in spec["analyzers"]]
    failed = [f for f in mine if f.status is Status.FAIL]
    made = [f for f in mine if f.status in (Status.PASS, Status.FAIL)]
    controls = tuple(
        ControlResult(id=f"openwashing.{f.facts.get('claim', 'claim')}",
                      title=f"claim: {f.facts.get('claim', '?')}",
                      passed=f.status is Status.PASS, rating=f.severity.value
                      if f.status is Status.FAIL else "holds", reason=f.message,
                      findings=(finding_ref(f),), remediation=f.remediation)
        for f in made)
    if failed:
        worst = max(failed, key=lambda f: f.severity.rank)
        verdict = f"detected ({worst.severity.value})"
        summary = worst.message
    elif made:
        verdict, summary = "not detected", "the openness claims hold"
    else:
        verdict, summary = "not detected", "the release makes no openness claim"
    reasons = [f.message for f in failed] or [summary]
    return FrameworkResult(
        framework="openwashing", title=spec["title"], verdict=verdict,
        passed=not failed, summary=summary, controls=controls,
        to_raise=tuple(dict.fromkeys(f.remediation for f in failed if f.remediation)),
        details={"verdict_fields": {"detected": bool(failed),
                                    "severity": max((f.severity for f in failed),
                                                    key=lambda s: s.rank).value
                                    if failed else None,
                                    "reasons": reasons}},
    )
