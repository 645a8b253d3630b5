"""Turn an audit's component states and licence matches into MOF facts. Pure.

``LicenseMatch.component`` says what a licence governs: code, weights, data, documentation,
all, unknown. A component takes the licences that name its kind; when none does, the ones
that govern everything (``all``), like MOT's global distribution licence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from opengauge.components.followed import state_text
from opengauge.frameworks.mof.compare import ObservedComponent
from opengauge.frameworks.mof.definition import load_definition
from opengauge.frameworks.mof.types import ComponentFacts, MofFacts
from opengauge.licenses.governance import Policy, governing, scope_of
from opengauge.model import ComponentResult, ComponentState, LicenseMatch


def observed_from_audit(
    components: Sequence[ComponentResult],
    licenses: Sequence[LicenseMatch],
) -> tuple[ObservedComponent, ...]:
    """One observation per MOF component, from ``AuditReport.components`` and ``.licenses``.

    Licences are chosen by ``licenses.governance`` under the Model Openness Tool's policy
    (scope, else all); a component published elsewhere (``referenced``) takes only the
    licences the release states for its scope: the repository's LICENSE does not govern
    an arXiv paper or weights on the Hub.
    """
    states = {r.component: r for r in components}
    out: list[ObservedComponent] = []
    for component in load_definition().content_types:
        result = states.get(component)
        state = result.state if result else ComponentState.MISSING
        ids: tuple[str, ...] = ()
        if state in (ComponentState.PRESENT, ComponentState.REFERENCED):
            chosen = governing(component, licenses, Policy.SCOPE_ELSE_ALL, state)
            ids = tuple(dict.fromkeys(m.id for m in chosen if m.id))
        evidence = tuple(result.reasons) if result else ()
        if result and state is ComponentState.REFERENCED:  # what following a link found
            evidence += tuple(
                f"{r.target}: {state_text(r)}" for r in result.references if r.verification
            )
        out.append(ObservedComponent(component, state, ids, evidence))
    return tuple(out)


def facts_from_observed(observed: Iterable[ObservedComponent]) -> MofFacts:
    """MOF facts: present or referenced components are included, with the licences found."""
    facts = []
    for obs in observed:
        included = obs.state in (ComponentState.PRESENT, ComponentState.REFERENCED)
        if obs.licenses:
            source = f"audit:{scope_of(obs.component)}"
        elif obs.state is ComponentState.REFERENCED:
            source = "audit:referenced"  # published elsewhere, its terms not read
        else:
            source = "audit:none"
        facts.append(ComponentFacts(obs.component, included, obs.licenses, source, obs.evidence))
    return MofFacts(components=tuple(facts))


def facts_from_audit(
    components: Sequence[ComponentResult],
    licenses: Sequence[LicenseMatch],
) -> MofFacts:
    """Shortcut: ``facts_from_observed(observed_from_audit(...))``."""
    return facts_from_observed(observed_from_audit(components, licenses))
