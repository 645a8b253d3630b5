"""OSI Open Source AI Definition 1.0: pass or fail, requirement by requirement, with evidence."""

from __future__ import annotations

from typing import Any

from opengauge.frameworks.definitions import load
from opengauge.frameworks.licensing import licensing, refs
from opengauge.frameworks.scoring import all_pass
from opengauge.model import (
    Component,
    ComponentResult,
    ComponentState,
    ControlResult,
    Evidence,
    Finding,
    FrameworkResult,
)

AVAILABLE = (ComponentState.PRESENT, ComponentState.REFERENCED)


def _control(spec: dict[str, Any], states: dict[Component, ComponentResult],
             evidence: Evidence, findings: tuple[Finding, ...]) -> ControlResult:
    components = [Component(name) for name in spec["components"]]
    used = tuple(r for c in components for r in refs(findings, "components.", c))
    lacking = [c for c in components if states[c].state not in AVAILABLE]
    where = "; ".join(_where(states[c]) for c in components if states[c].state in AVAILABLE)
    required = bool(spec["required"])
    if lacking:
        detail = ", ".join(f"{c.value} {states[c].state.value.replace('_', ' ')}" for c in lacking)
        if not required and all(states[c].state is ComponentState.MISSING for c in lacking):
            return ControlResult(spec["id"], spec["title"], None, "not_applicable",
                                 f"not found ({detail}); required only if used", used)
        return ControlResult(spec["id"], spec["title"], False, "fail", detail, used,
                             spec["remediation"])
    if not spec["licensed"]:
        return ControlResult(spec["id"], spec["title"], True, "pass", where, used)
    component = components[0]
    if states[component].state is ComponentState.REFERENCED and not evidence.licenses:
        return ControlResult(spec["id"], spec["title"], None, "not_determinable",
                             f"{where}; its licence is not visible from this release", used,
                             spec["remediation"])
    verdict = licensing(component, evidence.licenses)
    used = used + tuple(f"licence {m.path}:{m.start_line}" for m in verdict.matches)
    if verdict.open is None:
        return ControlResult(spec["id"], spec["title"], None, "not_determinable",
                             f"{where}; {verdict.reason}", used, spec["remediation"])
    rating = "pass" if verdict.open else "fail"
    return ControlResult(spec["id"], spec["title"], verdict.open, rating,
                         f"{where}; {verdict.reason}", used,
                         None if verdict.open else spec["remediation"])


def _where(result: ComponentResult) -> str:
    if result.state is ComponentState.PRESENT:
        return f"{result.component.value}: {', '.join(result.files[:3])}"
    ref = result.references[0]
    return f"{result.component.value}: referenced ({ref.target})"


def osaid_framework(evidence: Evidence, components: tuple[ComponentResult, ...],
                    findings: tuple[Finding, ...]) -> FrameworkResult:
    """Evaluate OSAID 1.0 over the component inventory and the licences found."""
    spec = load("osaid")
    states = {r.component: r for r in components}
    controls = tuple(_control(c, states, evidence, findings) for c in spec["controls"])
    required = [c for c, s in zip(controls, spec["controls"], strict=True) if s["required"]]
    passes = all_pass([c.passed for c in required])
    failed = [c for c in required if c.passed is False]
    open_questions = [c for c in required if c.passed is None]
    if passes:
        verdict, summary = "passes", "data information, code and parameters are all open"
    elif failed:
        verdict = "fails"
        summary = "; ".join(f"{c.title}: {c.reason}" for c in failed[:3])
    else:
        verdict = "not determinable"
        summary = "; ".join(f"{c.title}: {c.reason}" for c in open_questions[:3])
    to_raise = tuple(c.remediation for c in [*failed, *open_questions] if c.remediation)
    return FrameworkResult(
        framework="osaid", title=spec["title"], verdict=verdict, passed=passes is True,
        summary=summary, controls=controls, to_raise=tuple(dict.fromkeys(to_raise)),
        details={"verdict_fields": {"passes": passes is True, "determinable": passes is not None,
                                    "reasons": [f"{c.title}: {c.reason}" for c in required]},
                 "reference": spec["reference"]},
    )
