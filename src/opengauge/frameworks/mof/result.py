"""MofResult -> the report's generic FrameworkResult (one control per component). Pure."""

from __future__ import annotations

from dataclasses import replace

from opengauge.frameworks import Framework, FrameworkInput
from opengauge.frameworks.cite import finding_ref, governance, refs
from opengauge.frameworks.mof.audit import facts_from_observed
from opengauge.frameworks.mof.compare import ObservedComponent
from opengauge.frameworks.mof.definition import load_definition
from opengauge.frameworks.mof.evaluate import evaluate
from opengauge.frameworks.mof.types import ComponentStatus, MofResult
from opengauge.model import Component, ControlResult, FrameworkResult, Outcome


def evaluate_input(given: FrameworkInput) -> FrameworkResult:
    """The MOF over the inventory and the ``licenses.governance`` findings (default mode).

    A component's licences are those the governance finding names under the Model
    Openness Tool's policy (the component's own licence, else the global one). Each
    control cites the inventory finding and the licence judgement it used.
    """
    observed = []
    for component in load_definition().content_types:
        state = given.component(component)
        judged = governance(given.findings, component)
        ids = tuple(judged.facts.get("mot_licenses", ())) if judged is not None else ()
        observed.append(ObservedComponent(component, state.state, ids, tuple(state.reasons)))
    result = to_framework_result(evaluate(facts_from_observed(observed)))
    cited = []
    for control, component in zip(result.controls, _components_of(result), strict=True):
        used = refs(given.findings, "components.", component)
        judged = governance(given.findings, component)
        if judged is not None:
            cites = [f"licence {c}" for c in judged.facts.get("cited", [])]
            used = (*used, finding_ref(judged), *cites)
        cited.append(replace(control, findings=used))
    return replace(result, controls=tuple(cited))


FRAMEWORK = Framework(
    "mof",
    "Model Openness Framework",
    ("components.inventory", "licenses.governance"),
    evaluate_input,
)


def _components_of(result: FrameworkResult) -> list[Component]:
    """The MOF component each control of ``result`` is about, in control order."""
    return [Component(control.title) for control in result.controls]


def to_framework_result(result: MofResult) -> FrameworkResult:
    """The FrameworkResult carried in AuditReport.frameworks.

    ``level`` is the class (0 unclassified); ``score`` the progress towards the next class;
    ``passed`` is True for class I-III; each control is one component (optional components
    report ``passed=None`` when absent, since they never decide the class).
    """
    definition = load_definition()
    controls = []
    for v in result.components:
        passed: bool | None = v.counts
        if not v.required and v.status is ComponentStatus.MISSING:
            passed = None
        controls.append(
            ControlResult(
                id=f"mof.{v.component.name.lower()}",
                title=v.component.value,
                passed=passed,
                rating=v.status.value,
                reason="; ".join(v.reasons),
                remediation=v.fix,
            )
        )
    numbers = [c.number for c in definition.classes]
    if result.mof_class == numbers[-1]:
        score = result.progress[str(numbers[-1])]
    elif result.mof_class in numbers:
        score = result.progress[str(numbers[numbers.index(result.mof_class) + 1])]
    else:
        score = result.progress[str(numbers[0])]
    return FrameworkResult(
        framework=definition.id,
        title=definition.title,
        verdict=result.label,
        score=score,
        level=result.mof_class,
        passed=result.mof_class > 0,
        outcome=Outcome.PASS if result.mof_class > 0 else Outcome.FAIL,
        label="MOF class",
        score_unit="percent of the next class",
        goal="to reach MOF "
        + {0: "Class III", 3: "Class II", 2: "Class I"}.get(result.mof_class, "the top class"),
        summary=f"{result.label}; progress "
        + ", ".join(
            f"class {k}: {v:.0f}%" for k, v in sorted(result.progress.items(), reverse=True)
        ),
        controls=tuple(controls),
        to_raise=result.to_raise,
        details={
            **result.to_dict(),
            "verdict_fields": {
                "class": result.mof_class,
                "label": result.label,
                "progress": dict(result.progress),
                "reasons": [
                    f"{c.title}: {c.rating} — {c.reason}" for c in controls if c.passed is False
                ],
            },
        },
    )
