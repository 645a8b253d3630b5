"""Safety: the worst unsafe-content finding (serialization, shipped code, malformed headers)."""

from __future__ import annotations

from collections import Counter

from opengauge.frameworks.definitions import load
from opengauge.frameworks.licensing import finding_ref
from opengauge.model import (
    ComponentResult,
    ControlResult,
    Evidence,
    Finding,
    FrameworkResult,
    Severity,
    Status,
)


def safety_framework(evidence: Evidence, components: tuple[ComponentResult, ...],
                     findings: tuple[Finding, ...]) -> FrameworkResult:
    """Worst severity among failing safety findings; passes below ``fail_at``."""
    del evidence, components
    spec = load("safety")
    prefixes = tuple(spec["rule_prefixes"])
    fail_at = Severity(spec["fail_at"])
    relevant = [f for f in findings if f.rule.startswith(prefixes)]
    failed = [f for f in relevant if f.status in (Status.FAIL, Status.ERROR)
              and f.severity.rank >= Severity.LOW.rank]
    counts = Counter(f.severity.value for f in failed)
    worst = max((f.severity for f in failed), key=lambda s: s.rank, default=None)
    controls = tuple(
        ControlResult(id=f.rule, title=f.rule, passed=f.severity.rank < fail_at.rank,
                      rating=f.severity.value, reason=f.message, findings=(finding_ref(f),),
                      remediation=f.remediation)
        for f in sorted(failed, key=lambda f: -f.severity.rank)[:200])
    if worst is None:
        scanned = len({f.locations[0].path for f in relevant if f.locations})
        verdict, summary = "no unsafe content found", f"{scanned} file(s) checked"
    else:
        verdict = f"worst: {worst.value}"
        top = max(failed, key=lambda f: f.severity.rank)
        summary = (", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda kv:
                                                           -Severity(kv[0]).rank))
                   + f"; e.g. {top.message}")
    passed = worst is None or worst.rank < fail_at.rank
    return FrameworkResult(
        framework="safety", title=spec["title"], verdict=verdict, passed=passed,
        summary=summary, controls=controls,
        to_raise=tuple(dict.fromkeys(f.remediation for f in failed if f.remediation
                                     and f.severity.rank >= fail_at.rank)),
        details={"verdict_fields": {"worst_severity": worst.value if worst else None,
                                    "counts": dict(counts)}},
    )
