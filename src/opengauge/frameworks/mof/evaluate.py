"""The MOF evaluator: per-component facts -> class, progress, per-component verdicts.

Pure. The arithmetic (cumulative gating, capped progress) is in ``frameworks.scoring``; the
class requirements are in ``definitions/mof.toml``; the licence test in ``mof.licenses``.
"""

from __future__ import annotations

from dataclasses import replace

from opengauge.frameworks.mof.definition import MofDefinition, load_definition
from opengauge.frameworks.mof.licenses import LicensePolicy, LicenseStatus, load_policy
from opengauge.frameworks.mof.types import (
    ComponentFacts,
    ComponentStatus,
    ComponentVerdict,
    MofFacts,
    MofResult,
)
from opengauge.frameworks.scoring import Tier, gated_progress, highest_complete
from opengauge.model import Component

_STATUS = {
    LicenseStatus.OPEN: ComponentStatus.INCLUDED,
    LicenseStatus.CONDITIONAL: ComponentStatus.CONDITIONAL,
    LicenseStatus.UNLICENSED: ComponentStatus.UNLICENSED,
    LicenseStatus.INVALID: ComponentStatus.INVALID,
    LicenseStatus.NOT_INCLUDED: ComponentStatus.MISSING,
}


def apply_conventions(facts: MofFacts) -> MofFacts:
    """Record the MOT conventions as included components, as MOT's README asks submitters to.

    A component held inside another (data card in the model card, evaluation results in the
    report) counts as included under the host's licence.
    """
    moves: list[tuple[Component, Component, str]] = []
    if facts.data_card_in_model_card:
        moves.append(
            (Component.DATA_CARD, Component.MODEL_CARD, "the model card holds the data information")
        )
    if facts.evaluation_results_in is not None:
        host = facts.evaluation_results_in
        moves.append(
            (Component.EVALUATION_RESULTS, host, f"the evaluation results are in the {host.value}")
        )
    if facts.report_covers_paper:
        moves.append(
            (
                Component.RESEARCH_PAPER,
                Component.TECHNICAL_REPORT,
                "a detailed technical report stands in for the paper",
            )
        )
    added: list[ComponentFacts] = []
    for target, host, why in moves:
        host_facts = facts.get(host)
        if facts.get(target).included or not host_facts.included:
            continue
        added.append(
            ComponentFacts(
                target,
                True,
                host_facts.licenses,
                f"{host.value}: {host_facts.source}".rstrip(": "),
                (why,),
            )
        )
    return replace(facts, components=facts.components + tuple(added))


def evaluate(
    facts: MofFacts, *, strict_mot: bool = False, definition: MofDefinition | None = None
) -> MofResult:
    """Classify a release. ``strict_mot=True`` reproduces the Model Openness Tool exactly."""
    definition = definition or load_definition()
    policy = load_policy(strict_mot)
    facts = apply_conventions(facts)
    verdicts: dict[Component, ComponentVerdict] = {}
    for mof_class in definition.classes:
        for component in (*mof_class.required, *mof_class.optional):
            verdicts[component] = _judge(
                facts.get(component),
                mof_class.number,
                component in mof_class.required,
                definition,
                policy,
            )

    counts = {
        c: v.status in (ComponentStatus.INCLUDED, ComponentStatus.CONDITIONAL)
        for c, v in verdicts.items()
    }
    tiers: list[Tier] = []
    for mof_class in definition.classes:
        required = definition.cumulative_required(mof_class.number)
        total, met = len(required), sum(counts[c] for c in required)
        for sub in definition.substitutions:
            if sub.component not in required or counts[sub.component] or not counts[sub.stand_in]:
                continue
            if sub.stand_in in required:
                total -= 1  # the stand-in is required here anyway: the report's slot is dropped
            else:
                met += 1  # the stand-in fills the report's slot
        tiers.append(Tier(required=total, satisfied=met))
    levels = [c.number for c in definition.classes]
    values = gated_progress(tiers)
    progress = {str(level): value for level, value in zip(levels, values, strict=True)}
    result_class = highest_complete(levels, values)

    for sub in definition.substitutions:
        if not counts[sub.component] and counts[sub.stand_in]:
            v = verdicts[sub.component]
            verdicts[sub.component] = replace(
                v,
                counts=True,
                stand_in=sub.stand_in,
                fix=None,
                reasons=(
                    *v.reasons,
                    f"the {sub.stand_in.value} stands in for the {sub.component.value}",
                ),
            )
    ordered = tuple(verdicts.values())
    return MofResult(
        mof_class=result_class,
        label=definition.label(result_class),
        progress=progress,
        components=ordered,
        to_raise=_to_raise(result_class, ordered, definition),
        advisories=tuple(
            f"{v.component.value}: {v.fix}"
            for v in ordered
            if v.status is ComponentStatus.CONDITIONAL and v.fix
        ),
        strict_mot=strict_mot,
    )


def _judge(
    facts: ComponentFacts,
    number: int,
    required: bool,
    definition: MofDefinition,
    policy: LicensePolicy,
) -> ComponentVerdict:
    component = facts.component
    kind = definition.content_types[component]
    suggestion = " or ".join(policy.suggestions(kind)) or "an open licence"
    if not facts.included:
        return ComponentVerdict(
            component,
            kind,
            number,
            required,
            ComponentStatus.MISSING,
            None,
            None,
            facts.source,
            False,
            reasons=("not included", *facts.evidence),
            fix=f"publish the {component.value} under an open {kind.value} licence ({suggestion})",
        )
    verdict = policy.judge_all(facts.licenses, kind)
    status = _STATUS[verdict.status]
    fix: str | None = None
    if status is ComponentStatus.MISSING:
        fix = f"publish the {component.value} under an open {kind.value} licence ({suggestion})"
    elif status is ComponentStatus.UNLICENSED and facts.source == "audit:referenced":
        # published elsewhere: its terms may already be open, they were not read
        fix = (
            f"state the licence of the {component.value} in the release (an open "
            f"{kind.value} licence: {suggestion}); `--follow` reads the terms published "
            "beside the linked artefact"
        )
    elif status is ComponentStatus.UNLICENSED:
        fix = f"put the {component.value} under an open {kind.value} licence ({suggestion})"
    elif status is ComponentStatus.INVALID:
        fix = (
            f"relicense the {component.value} from {verdict.license!r} "
            f"to an open {kind.value} licence ({suggestion})"
        )
    elif status is ComponentStatus.CONDITIONAL:
        fix = (
            f"prefer a type-appropriate {kind.value} licence ({suggestion}) "
            f"over {verdict.normalized}"
        )
    return ComponentVerdict(
        component,
        kind,
        number,
        required,
        status,
        verdict.license,
        verdict.normalized,
        facts.source,
        counts=status in (ComponentStatus.INCLUDED, ComponentStatus.CONDITIONAL),
        reasons=(*verdict.reasons, *facts.evidence),
        fix=fix,
    )


def _to_raise(
    current: int, verdicts: tuple[ComponentVerdict, ...], definition: MofDefinition
) -> tuple[str, ...]:
    """The concrete steps from ``current`` to the next class (none once at class I)."""
    numbers = [c.number for c in definition.classes]
    if current == numbers[-1]:
        return ()
    target = numbers[0] if current not in numbers else numbers[numbers.index(current) + 1]
    needed = set(definition.cumulative_required(target))
    steps: list[str] = []
    for v in verdicts:
        if v.component not in needed or v.counts:
            continue
        stand_ins = [s.stand_in for s in definition.substitutions if s.component is v.component]
        if stand_ins and stand_ins[0] not in needed:
            steps.append(f"{v.component.value} (or a {stand_ins[0].value}): {v.fix}")
        elif stand_ins:
            continue  # the stand-in is required at this class anyway; its own step covers it
        else:
            steps.append(f"{v.component.value}: {v.fix}")
    return tuple(steps)
