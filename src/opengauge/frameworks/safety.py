"""Safety: the worst unsafe-content finding (serialization, shipped code, malformed headers)."""

from __future__ import annotations

from collections import Counter

from opengauge.frameworks import Framework, FrameworkInput
from opengauge.frameworks.cite import finding_ref
from opengauge.frameworks.definitions import load
from opengauge.model import ControlResult, FrameworkResult, Outcome, Severity, Status

SPEC = load("safety")
UNREAD_REMEDIATION = (
    "Make every weight file readable (in a Git LFS clone: `git lfs pull`) and audit again."
)


def evaluate(given: FrameworkInput) -> FrameworkResult:
    """Worst severity among failing safety findings; passes below ``fail_at``.

    When a scan did not run (its analyzers say not available) nothing was checked, and
    when a weight file could not be read (a Git LFS pointer, an unknown ``.bin``) its
    safety is unknown: the outcome is inconclusive, never a pass.
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
    unavailable = [f for f in relevant if f.status is Status.NOT_AVAILABLE]
    unread = [f for f in unavailable if f.facts.get("unread")]
    not_run = sorted({f.rule for f in unavailable if not f.facts.get("unread")})
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
    elif not_run or unread:
        outcome = Outcome.INCONCLUSIVE
    else:
        outcome = Outcome.PASS
    if worst is None and unread and not not_run:
        verdict = f"not determinable: {len(unread)} weight file(s) not read"
        summary = "; ".join(f.message for f in unread[:5])
    elif worst is None:
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
                [f.remediation for f in failed if f.remediation and f.severity.rank >= fail_at.rank]
                + ([UNREAD_REMEDIATION] if unread else [])
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
