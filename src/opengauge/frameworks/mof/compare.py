"""Hold a MOT record against what an audit observed, component by component. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from opengauge.frameworks.mof.definition import load_definition
from opengauge.frameworks.mof.licenses import load_policy
from opengauge.frameworks.mof.record import MotRecord, facts_from_record
from opengauge.frameworks.mof.types import MofFacts
from opengauge.model import Component, ComponentState, ContentType


@dataclass(frozen=True)
class ObservedComponent:
    """What an audit found for one component: its state and the licence ids that govern it."""

    component: Component
    state: ComponentState
    licenses: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Disagreement:
    """One point where the record and the audit differ, with both sides stated.

    ``kind``: not_found (record lists it, no trace), claimed_absent (documentation claims it,
    it is not there), unrecorded (found, record omits it), license_mismatch, license_not_found.
    """

    component: Component
    kind: str
    record: str
    observed: str
    message: str


def _licence_set(licenses: Iterable[str], strict_mot: bool) -> frozenset[str]:
    policy = load_policy(strict_mot)
    out = set()
    for lic in licenses:
        verdict = policy.judge(lic, ContentType.DOCUMENT)  # the type only affects status
        out.add(verdict.normalized or lic.strip())
    return frozenset(out)


def compare(
    record: MotRecord | MofFacts,
    observed: Iterable[ObservedComponent] | Mapping[Component, ObservedComponent],
    *,
    strict_mot: bool = False,
) -> list[Disagreement]:
    """Every disagreement between a record (or facts read from one) and audit observations.

    Licences compare after normalisation (case, aliases, expressions) unless ``strict_mot``.
    Components absent from ``observed`` count as missing.
    """
    facts = facts_from_record(record) if isinstance(record, MotRecord) else record
    seen = dict(observed) if isinstance(observed, Mapping) else {o.component: o for o in observed}
    out: list[Disagreement] = []
    for component in load_definition().content_types:
        claim = facts.get(component)
        obs = seen.get(component, ObservedComponent(component, ComponentState.MISSING))
        declared = " AND ".join(claim.licenses) or "no licence"
        name = component.value
        if claim.included and obs.state in (ComponentState.MISSING, ComponentState.CLAIMED_ABSENT):
            kind = "not_found" if obs.state is ComponentState.MISSING else "claimed_absent"
            what = (
                "no trace of it"
                if kind == "not_found"
                else "the documentation claims it but it is absent"
            )
            out.append(
                Disagreement(
                    component,
                    kind,
                    f"included under {declared}",
                    obs.state.value,
                    f"record says {name} is included under {declared}; the audit found {what}",
                )
            )
            continue
        if not claim.included and obs.state in (ComponentState.PRESENT, ComponentState.REFERENCED):
            out.append(
                Disagreement(
                    component,
                    "unrecorded",
                    "not included",
                    obs.state.value,
                    f"record omits {name}; the audit found it {obs.state.value}",
                )
            )
            continue
        if not claim.included:
            continue
        if not obs.licenses:
            if claim.licenses:
                out.append(
                    Disagreement(
                        component,
                        "license_not_found",
                        declared,
                        "no licence found",
                        f"record says {name} is under {declared}; "
                        "the audit found no licence for it",
                    )
                )
            continue
        found = " AND ".join(obs.licenses)
        if _licence_set(claim.licenses, strict_mot) != _licence_set(obs.licenses, strict_mot):
            out.append(
                Disagreement(
                    component,
                    "license_mismatch",
                    declared,
                    found,
                    f"record says {name} is under {declared}; the audit found {found}",
                )
            )
    return out
