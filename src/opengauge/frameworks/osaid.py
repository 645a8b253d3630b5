"""OSI Open Source AI Definition 1.0: pass or fail, requirement by requirement, with evidence."""

from __future__ import annotations

from typing import Any

from opengauge.components.followed import shown_reference, state_text
from opengauge.frameworks import Framework, FrameworkInput
from opengauge.frameworks.cite import finding_ref, governance, refs
from opengauge.frameworks.definitions import load
from opengauge.frameworks.scoring import all_pass
from opengauge.model import (
    Component,
    ComponentResult,
    ComponentState,
    ControlResult,
    FrameworkResult,
    Outcome,
)

SPEC = load("osaid")
AVAILABLE = (ComponentState.PRESENT, ComponentState.REFERENCED)


def _control(spec: dict[str, Any], given: FrameworkInput) -> ControlResult:
    components = [Component(name) for name in spec["components"]]
    states = {c: given.component(c) for c in components}
    used = tuple(r for c in components for r in refs(given.findings, "components.", c))
    lacking = [c for c in components if states[c].state not in AVAILABLE]
    where = "; ".join(_where(states[c]) for c in components if states[c].state in AVAILABLE)
    if lacking:
        detail = ", ".join(f"{c.value} {states[c].state.value.replace('_', ' ')}" for c in lacking)
        if not spec["required"] and all(states[c].state is ComponentState.MISSING for c in lacking):
            return ControlResult(
                spec["id"],
                spec["title"],
                None,
                "not_applicable",
                f"not found ({detail}); required only if used",
                used,
            )
        elsewhere = _described_elsewhere(spec, lacking, given)
        if elsewhere is not None:
            return ControlResult(
                spec["id"],
                spec["title"],
                None,
                "not_determinable",
                f"{detail}; {elsewhere}",
                used,
                spec["remediation"],
            )
        return ControlResult(
            spec["id"], spec["title"], False, "fail", detail, used, spec["remediation"]
        )
    if not spec["licensed"]:
        return ControlResult(spec["id"], spec["title"], True, "pass", where, used)
    judged = governance(given.findings, components[0])
    if judged is None:
        return ControlResult(
            spec["id"],
            spec["title"],
            None,
            "not_determinable",
            f"{where}; its licence was not judged",
            used,
            _state_the_licence(components[0], states[components[0]]),
        )
    cites = [f"licence {c}" for c in judged.facts.get("cited", [])]
    used = (*used, finding_ref(judged), *cites)
    is_open = judged.facts.get("open")
    reason = f"{where}; {judged.facts.get('reason', '')}"
    if is_open is None:
        # the terms are unknown, not restrictive: ask for them rather than for a relicence
        fix = _state_the_licence(components[0], states[components[0]])
        return ControlResult(spec["id"], spec["title"], None, "not_determinable", reason, used, fix)
    return ControlResult(
        spec["id"],
        spec["title"],
        bool(is_open),
        "pass" if is_open else "fail",
        reason,
        used,
        None if is_open else spec["remediation"],
    )


def _described_elsewhere(
    spec: dict[str, Any], lacking: list[Component], given: FrameworkInput
) -> str | None:
    """Why a missing description may be in a linked paper that was not read, or None."""
    described = spec.get("describes")
    if described is None or [c.value for c in lacking] != [described]:
        return None
    for name in spec.get("may_be_described_in", []):
        result = given.component(Component(name))
        if result.state is ComponentState.REFERENCED:
            ref = shown_reference(result)
            where = f" ({ref.target})" if ref is not None else ""
            return (
                f"it may be described in the release's {name.lower()}{where}, linked but "
                "not inspected"
            )
    return None


def _state_the_licence(component: Component, result: ComponentResult) -> str:
    """What settles an unknown licence: state it, or read it where the artefact is."""
    name = _NOUNS.get(component, component.value.lower())
    if result.state is ComponentState.REFERENCED:
        return (
            f"State the licence of the {name} in the release (a licence file or the model "
            "card's `license:`); `--follow` reads the terms published beside the linked "
            "artefact."
        )
    return f"State the licence of the {name} in the release (a licence file or a SPDX header)."


_NOUNS = {
    Component.MODEL_PARAMETERS_FINAL: "weights",
    Component.SUPPORTING_LIBRARIES: "supporting libraries",
}


def _where(result: ComponentResult) -> str:
    if result.state is ComponentState.PRESENT:
        return f"{result.component.value}: {', '.join(result.files[:3])}"
    ref = shown_reference(result)
    if ref is None:
        return f"{result.component.value}: referenced"
    return f"{result.component.value}: referenced ({ref.target}, {state_text(ref)})"


def evaluate(given: FrameworkInput) -> FrameworkResult:
    """Evaluate OSAID 1.0 over the component inventory and the licence judgements."""
    controls = tuple(_control(c, given) for c in SPEC["controls"])
    required = [c for c, s in zip(controls, SPEC["controls"], strict=True) if s["required"]]
    passes = all_pass([c.passed for c in required])
    failed = [c for c in required if c.passed is False]
    open_questions = [c for c in required if c.passed is None]
    if passes:
        verdict, summary = "passes", "data information, code and parameters are all open"
        outcome = Outcome.PASS
    elif failed:
        verdict = "fails"
        summary = "; ".join(f"{c.title}: {c.reason}" for c in failed[:3])
        outcome = Outcome.FAIL
    else:
        verdict = "not determinable"
        summary = "; ".join(f"{c.title}: {c.reason}" for c in open_questions[:3])
        outcome = Outcome.INCONCLUSIVE
    to_raise = tuple(c.remediation for c in [*failed, *open_questions] if c.remediation)
    return FrameworkResult(
        framework="osaid",
        title=SPEC["title"],
        verdict=verdict,
        passed=passes is True,
        summary=summary,
        controls=controls,
        to_raise=tuple(dict.fromkeys(to_raise)),
        outcome=outcome,
        label=SPEC["label"],
        goal="to pass the OSI Open Source AI Definition",
        details={
            "verdict_fields": {
                "passes": passes is True,
                "determinable": passes is not None,
                "reasons": [f"{c.title}: {c.reason}" for c in required],
            },
            "reference": SPEC["reference"],
        },
    )


FRAMEWORK = Framework(SPEC["id"], SPEC["title"], tuple(SPEC["consumes"]), evaluate)
