"""components.inventory: which MOF components are present, referenced, claimed or missing."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import (
    MOF_COMPONENTS,
    ComponentState,
    Finding,
    Location,
    Severity,
    Status,
)


def _check(context: Context) -> Iterator[Finding]:
    for result in context.components:
        if result.component not in MOF_COMPONENTS:
            continue
        name = result.component.value
        facts = {"component": name, "state": result.state.value}
        if result.state is ComponentState.PRESENT:
            locations = [Location(path) for path in result.files[:20]]
            yield ANALYZER.finding(
                Status.PASS,
                f"{name}: present ({len(result.files)} file(s)); {result.reasons[0]}",
                locations,
                facts=facts,
            )
        elif result.state is ComponentState.REFERENCED:
            ref = result.references[0]
            yield ANALYZER.finding(
                Status.PASS,
                f"{name}: published elsewhere ({len(result.references)} link(s)), e.g. "
                f"{ref.target} ({ref.reason})",
                [r.location for r in result.references[:20]],
                facts=facts,
            )
        elif result.state is ComponentState.CLAIMED_ABSENT:
            claim = result.claims[0]
            yield ANALYZER.finding(
                Status.FAIL,
                f"{name}: the documentation says {claim.target} is here, but the folder "
                "does not contain it",
                [c.location for c in result.claims[:20]],
                severity=Severity.MEDIUM,
                facts=facts,
                remediation=f"Add {claim.target} to the release or correct the documentation.",
            )
        else:
            yield ANALYZER.finding(
                Status.NOT_AVAILABLE,
                f"{name}: not found in the folder and not referenced by its documentation",
                facts=facts,
                remediation=f"Publish the {name.lower()} or link to it from the model card.",
            )


ANALYZER = Analyzer(
    id="components.inventory",
    title="MOF components are present or published",
    rationale="Openness needs every component (code, data, documentation, parameters) to be "
    "available; the inventory is the base of every framework verdict.",
    remediation="Publish the missing component in the repository or link to where it lives.",
    severity=Severity.LOW,
    check=_check,
    references=("https://isitopen.ai/", "https://arxiv.org/abs/2403.13784"),
)
