"""licenses.governance: is each available component under licences open enough for its kind?

One finding per MOF component that is present or referenced, naming the licences that
govern it (``licenses.governance``'s two policies) and whether they are open for its
content type. Frameworks read these findings instead of the raw licence matches.
"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.licenses import governs
from opengauge.licenses.governance import OPEN_FOR_SCOPE, Policy, governing, licensing, scope_of
from opengauge.licenses.hub_card import hub_licences
from opengauge.model import (
    MOF_COMPONENTS,
    ComponentResult,
    ComponentState,
    Confidence,
    Finding,
    LicenseMatch,
    Severity,
    Status,
)

AVAILABLE = (ComponentState.PRESENT, ComponentState.REFERENCED)


def _followed(result: ComponentResult) -> tuple[LicenseMatch, ...]:
    """The open licences the Hub cards of a referenced component's verified places declare
    (``--follow``): they govern weights or data published there when the release says
    nothing. Only open ones: a Hub tag may open an unknown, it does not close one."""
    scope = scope_of(result.component)
    if scope not in (governs.WEIGHTS, governs.DATA):
        return ()  # a repository's card licence does not say what its code is under
    rows = {r.verification for r in result.references if r.verification is not None}
    return tuple(
        match
        for row in sorted(rows, key=lambda r: r.target)
        for match in hub_licences(row, scope)
        if match.category in OPEN_FOR_SCOPE[scope]
    )


def _check(context: Context) -> Iterator[Finding]:
    licenses = context.evidence.licenses
    judged = 0
    for result in context.components:
        if result.component not in MOF_COMPONENTS or result.state not in AVAILABLE:
            continue
        judged += 1
        component, state = result.component, result.state
        stated = licenses
        if state is ComponentState.REFERENCED and not governing(component, licenses, state=state):
            stated = (*licenses, *_followed(result))  # the release states none for it
        verdict = licensing(component, stated, state)
        mot = governing(component, stated, Policy.SCOPE_ELSE_ALL, state)
        facts = {
            "component": component.value,
            "state": state.value,
            "scope": scope_of(component),
            "open": verdict.open,
            "reason": verdict.reason,
            "licenses": sorted({m.id for m in verdict.matches if m.id}),
            "categories": sorted({m.category.value for m in verdict.matches}),
            "mot_licenses": list(dict.fromkeys(m.id for m in mot if m.id)),
            "cited": [m.location.pointer for m in verdict.matches[:20]],
        }
        locations = [m.location for m in verdict.matches[:20]]
        if verdict.open is True:
            yield ANALYZER.finding(
                Status.PASS, f"{component.value}: {verdict.reason}", locations, facts=facts
            )
        elif verdict.open is False:
            yield ANALYZER.finding(
                Status.FAIL,
                f"{component.value}: {verdict.reason}",
                locations,
                facts=facts,
                confidence=Confidence.HIGH,
            )
        else:
            yield ANALYZER.finding(
                Status.NOT_AVAILABLE, f"{component.value}: {verdict.reason}", locations, facts=facts
            )
    if not judged:
        yield ANALYZER.finding(Status.NOT_APPLICABLE, "no component is present or referenced")


ANALYZER = Analyzer(
    id="licenses.governance",
    title="Every available component is under terms open enough for its kind",
    rationale=(
        "Open source AI needs every component under open terms: code under an "
        "OSI-approved licence, parameters, data and documentation under OSD-conformant "
        "terms. A restriction on any one component closes the system."
    ),
    remediation="Release the component under an OSI-approved licence (code) or open data / "
    "content terms (weights, data, documentation).",
    severity=Severity.MEDIUM,
    check=_check,
    references=("https://opensource.org/ai/open-source-ai-definition",),
)
