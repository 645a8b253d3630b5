"""MofResult -> the report's generic FrameworkResult (one control per component). Pure."""

from __future__ import annotations

from dataclasses import replace

from opengauge.frameworks.mof.audit import facts_from_audit
from opengauge.frameworks.mof.definition import load_definition
from opengauge.frameworks.mof.evaluate import evaluate
from opengauge.frameworks.mof.types import ComponentStatus, MofResult
from opengauge.model import (
    Component,
    ComponentResult,
    ControlResult,
    Evidence,
    Finding,
    FrameworkResult,
)


def mof_framework(
    evidence: Evidence, components: tuple[ComponentResult, ...], findings: tuple[Finding, ...]
) -> FrameworkResult:
    """The MOF as a ``frameworks.FrameworkFn`` (default mode), for ``BUILTIN_FRAMEWORKS``.

    Each component's control cites the inventory finding for it and the licences that
    govern it, so every class verdict can be traced to files and licence texts.
    """
    from opengauge.frameworks.licensing import governing, refs

    result = to_framework_result(evaluate(facts_from_audit(components, evidence.licenses)))
    cited = []
    for control, verdict in zip(result.controls, _components_of(result), strict=True):
        used = refs(findings, "components.", verdict)
        used += tuple(f"licence {m.path}:{m.start_line}"
                      for m in governing(verdict, evidence.licenses))
        cited.append(replace(control, findings=used))
    return replace(result, controls=tuple(cited))


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
                "reasons": [f"{c.title}: {c.rating} — {c.reason}" for c in controls
                            if c.passed is False],
            },
        },
    )
