"""Openwashing: detected when a claim of openness does not hold, with the evidence of each."""

from __future__ import annotations

from opengauge.frameworks import Framework, FrameworkInput
from opengauge.frameworks.cite import finding_ref
from opengauge.frameworks.definitions import load
from opengauge.model import ControlResult, FrameworkResult, Outcome, Status

SPEC = load("openwashing")


def evaluate(given: FrameworkInput) -> FrameworkResult:
    """Aggregate the claim checks into one yes / no with its severity and reasons.

    Outcome pass means "no openwashing": every claim holds or none is made.
    """
    mine = [f for f in given.findings if f.rule in SPEC["consumes"]]
    failed = [f for f in mine if f.status is Status.FAIL]
    made = [f for f in mine if f.status in (Status.PASS, Status.FAIL)]
    controls = tuple(
        ControlResult(
            id=f"openwashing.{f.facts.get('claim', 'claim')}",
            title=f"claim: {f.facts.get('claim', '?')}",
            passed=f.status is Status.PASS,
            rating=f.severity.value if f.status is Status.FAIL else "holds",
            reason=f.message,
            findings=(finding_ref(f),),
            remediation=f.remediation,
        )
        for f in made
    )
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
        framework="openwashing",
        title=SPEC["title"],
        verdict=verdict,
        passed=not failed,
        summary=summary,
        controls=controls,
        outcome=Outcome.FAIL if failed else Outcome.PASS,
        label=SPEC["label"],
        to_raise=tuple(dict.fromkeys(f.remediation for f in failed if f.remediation)),
        goal="to make the claims hold",
        details={
            "verdict_fields": {
                "detected": bool(failed),
                "severity": max((f.severity for f in failed), key=lambda s: s.rank).value
                if failed
                else None,
                "reasons": reasons,
            }
        },
    )


FRAMEWORK = Framework(SPEC["id"], SPEC["title"], tuple(SPEC["consumes"]), evaluate)
