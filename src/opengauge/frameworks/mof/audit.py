"""Turn an audit's component states and licence matches into MOF facts. Pure.

``LicenseMatch.component`` says what a licence governs: code, weights, data, documentation,
all, unknown. A component takes the licences that name its kind; when none does, the ones
that govern everything (``all``), like MOT's global distribution licence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from opengauge.frameworks.mof.compare import ObservedComponent
from opengauge.frameworks.mof.definition import load_definition
from opengauge.frameworks.mof.types import ComponentFacts, MofFacts
from opengauge.model import Component, ComponentResult, ComponentState, ContentType, LicenseMatch

_WEIGHTS = (Component.MODEL_PARAMETERS_FINAL, Component.MODEL_PARAMETERS_INTERMEDIATE)
_SCOPE_OF_TYPE = {
    ContentType.CODE: "code",
    ContentType.DATA: "data",
    ContentType.DOCUMENT: "documentation",
}


def scope_of(component: Component) -> str:
    """The ``LicenseMatch.component`` value that names this component's kind."""
    if component in _WEIGHTS:
        return "weights"
    return _SCOPE_OF_TYPE[load_definition().content_types[component]]


def _ids(matches: Iterable[LicenseMatch], scope: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.id for m in matches if m.component == scope and m.id))


def observed_from_audit(
    components: Sequence[ComponentResult],
    licenses: Sequence[LicenseMatch],
    *,
    referenced_inherit: bool = False,
) -> tuple[ObservedComponent, ...]:
    """One observation per MOF component, from ``AuditReport.components`` and ``.licenses``.

    A component published elsewhere (``referenced``) does not take the target's licences
    unless ``referenced_inherit``: the repository's LICENSE does not govern an arXiv paper.
    """
    states = {r.component: r for r in components}
    out: list[ObservedComponent] = []
    for component in load_definition().content_types:
        result = states.get(component)
        state = result.state if result else ComponentState.MISSING
        ids: tuple[str, ...] = ()
        if state is ComponentState.PRESENT or (
            state is ComponentState.REFERENCED and referenced_inherit
        ):
            ids = _ids(licenses, scope_of(component)) or _ids(licenses, "all")
        evidence = tuple(result.reasons) if result else ()
        out.append(ObservedComponent(component, state, ids, evidence))
    return tuple(out)


def facts_from_observed(observed: Iterable[ObservedComponent]) -> MofFacts:
    """MOF facts: present or referenced components are included, with the licences found."""
    facts = []
    for obs in observed:
        included = obs.state in (ComponentState.PRESENT, ComponentState.REFERENCED)
        source = f"audit:{scope_of(obs.component)}" if obs.licenses else "audit:none"
        facts.append(ComponentFacts(obs.component, included, obs.licenses, source, obs.evidence))
    return MofFacts(components=tuple(facts))


def facts_from_audit(
    components: Sequence[ComponentResult],
    licenses: Sequence[LicenseMatch],
    *,
    referenced_inherit: bool = False,
) -> MofFacts:
    """Shortcut: ``facts_from_observed(observed_from_audit(...))``."""
    return facts_from_observed(
        observed_from_audit(components, licenses, referenced_inherit=referenced_inherit)
    )
