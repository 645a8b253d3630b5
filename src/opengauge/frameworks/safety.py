"""Safety: the worst unsafe-content finding (serialization, shipped code, malformed headers)."""

from __future__ import annotations

from collections import Counter

from opengauge.frameworks import Framework, FrameworkInput
from opengauge.frameworks.cite import finding_ref
from opengauge.frameworks.definitions import load
from opengauge.model import ControlResult, FrameworkResult, Outcome, Severity, Status

SPEC = load("safety")


def evaluate(given: FrameworkInput) -> FrameworkResult:
    """Worst severity among failing safety findings; passes below ``fail_at``.

    When a scan did not run (its analyzers say not available) nothing was checked:
    the outcome is inconclusive, never a pass.
    """
    fail_at = Severity(SPEC["fail_at"])
    relevant = [f for f in given.findings if f.rule in SPEC["consumes"]]
    failed = [
        f
        for f in relevant
        if f.status in (Status.FAIL, Status.ERROR) and f.severity.rank >= Severity.LOW.rank
    ]
    counts = Counter(f.severity.value for f in failed)
    worst = max((f.severity for f in failed), key=lambda s: s.rank, default=None)
    not_run = sorted({f.rule for f in relevant if f.status is Status.NOT_AVAILABLE})
    controls = tuple(
        ControlResult(
            id=f.rule,
            title=f.rule,
            passed=f.severity.rank < fail_at.rank,
            rating=f.severity.value,
            reason=f.message,
            findings=(finding_ref(f),),
            remediation=f.remediation,
        )
        for f in sorted(failed, key=lambda f: -f.severity.rank)[:200]
    )
    if worst is not None and worst.rank >= fail_at.rank:
        outcome = Outcome.FAIL
    elif not_run:
        outcome = Outcome.INCONCLUSIVE
    else:
        outcome = Outcome.PASS
    if worst is None:
        scanned = len({f.locations[0].path for f in relevant if f.locations})
        verdict = "not checked" if not_run else "no unsafe content found"
        summary = f"not run: {', '.join(not_run)}" if not_run else f"{scanned} file(s) checked"
    else:
        verdict = f"worst: {worst.value}"
        top = max(failed, key=lambda f: f.severity.rank)
        summary = (
            ", ".join(
                f"{n} {s}" for s, n in sorted(counts.items(), key=lambda kv: -Severity(kv[0]).rank)
            )
            + f"; e.g. {top.message}"
        )
    return FrameworkResult(
        framework="safety",
        title=SPEC["title"],
        verdict=verdict,
        passed={Outcome.PASS: True, Outcome.FAIL: False}.get(outcome),
        summary=summary,
        controls=controls,
        outcome=outcome,
        label=SPEC["label"],
        to_raise=tuple(
            dict.fromkeys(
                f.remediation for f in failed if f.remediation and f.severity.rank >= fail_at.rank
            )
        ),
        goal="to make loading the release safe",
        details={
            "verdict_fields": {
                "worst_severity": worst.value if worst else None,
                "counts": dict(counts),
            }
        },
    )


FRAMEWORK = Framework(SPEC["id"], SPEC["title"], tuple(SPEC["consumes"]), evaluate)
