"""licenses.component_coverage: weights and code each have a governing licence."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.analyzers.licenses_identified import location
from opengauge.model import Evidence, Finding, LicenseCategory, Severity, Status

_NEEDS = {"weights": {"weights"}, "code": {"code"}, "data": {"data"}}


def _present(evidence: Evidence) -> list[str]:
    kinds = {f.kind for f in evidence.files}
    present = []
    if "weights" in kinds or evidence.weights:
        present.append("weights")
    if "code" in kinds:
        present.append("code")
    if "data" in kinds:
        present.append("data")
    return present


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    present = _present(evidence)
    if not present:
        yield ANALYZER.finding(
            Status.NOT_APPLICABLE, "no weights, code or data files in the target"
        )
        return
    governed: dict[str, list[str]] = {c: [] for c in present}
    for match in evidence.licenses:
        if match.id is None and match.category is LicenseCategory.UNKNOWN:
            continue
        for component in present:
            if match.component in {component, "all"}:
                governed[component].append(match.id or match.name or match.category.value)
    missing = [c for c, names in governed.items() if not names]
    facts = {c: sorted(set(v)) for c, v in governed.items()}
    if not missing:
        yield ANALYZER.finding(
            Status.PASS,
            "; ".join(f"{c}: {', '.join(sorted(set(v)))}" for c, v in governed.items()),
            [location(m) for m in evidence.licenses[:20]],
            facts=facts,
        )
        return
    yield ANALYZER.finding(
        Status.FAIL,
        f"no licence found that governs the {', '.join(missing)}",
        facts=facts,
    )


ANALYZER = Analyzer(
    id="licenses.component_coverage",
    title="Weights, code and data each have a governing licence",
    rationale="A component without a licence cannot be used, shared or modified lawfully; "
    "a code licence says nothing about the weights beside it.",
    remediation="Add a licence for each component (e.g. LICENSE for code, LICENSE-MODEL for "
    "weights) and name them in the model card's `license` field.",
    severity=Severity.HIGH,
    check=_check,
)
