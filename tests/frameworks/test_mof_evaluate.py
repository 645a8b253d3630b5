"""MOF rules from in-memory facts: inclusion, gating, substitution, caps, conventions."""

from __future__ import annotations

import pytest

from opengauge.frameworks.mof import (
    ComponentFacts,
    ComponentStatus,
    MofFacts,
    evaluate,
    load_definition,
    to_framework_result,
)
from opengauge.model import Component as C

CLASS3 = load_definition().cumulative_required(3)
CLASS2 = load_definition().cumulative_required(2)
CLASS1 = load_definition().cumulative_required(1)
GOOD = {"code": "MIT", "data": "CDLA-Permissive-2.0", "document": "CC-BY-4.0"}


def facts(*components: C, override: dict[C, str] | None = None, **flags: object) -> MofFacts:
    kinds = load_definition().content_types
    override = override or {}
    rows = tuple(
        ComponentFacts(c, True, (override.get(c, GOOD[kinds[c].value]),)) for c in components
    )
    return MofFacts(components=rows, **flags)  # type: ignore[arg-type]


def status(result: object, component: C) -> ComponentStatus:
    return next(v.status for v in result.components if v.component is component)  # type: ignore[attr-defined]


def test_nothing_is_unclassified() -> None:
    result = evaluate(MofFacts())
    assert (result.mof_class, result.label) == (0, "Unclassified")
    assert result.progress == {"1": 0.0, "2": 0.0, "3": 0.0}
    assert len(result.components) == 17
    assert all(v.status is ComponentStatus.MISSING for v in result.components)
    assert any("Model architecture" in step for step in result.to_raise)


@pytest.mark.parametrize(("components", "expected"), [(CLASS3, 3), (CLASS2, 2), (CLASS1, 1)])
def test_each_class(components: tuple[C, ...], expected: int) -> None:
    assert evaluate(facts(*components)).mof_class == expected


def test_higher_classes_are_gated_at_zero() -> None:
    # all of class II and I present, one class III component missing
    result = evaluate(facts(*(c for c in CLASS1 if c is not C.DATA_CARD)))
    assert result.mof_class == 0
    assert result.progress["3"] == pytest.approx(500 / 6)
    assert result.progress["2"] == 0 and result.progress["1"] == 0


def test_paper_stands_in_for_report_and_class1_total_drops() -> None:
    without_report = [c for c in CLASS1 if c is not C.TECHNICAL_REPORT]
    result = evaluate(facts(*without_report))
    assert result.mof_class == 1
    report = next(v for v in result.components if v.component is C.TECHNICAL_REPORT)
    assert report.stand_in is C.RESEARCH_PAPER and report.counts
    # 10 of the 13 required at class I (MOT: 77 %, not 11/14)
    partial = [
        c
        for c in without_report
        if c not in (C.DATASETS, C.MODEL_PARAMETERS_INTERMEDIATE, C.DATA_PREPROCESSING_CODE)
    ]
    assert evaluate(facts(*partial)).progress["1"] == pytest.approx(1000 / 13)


def test_invalid_paper_does_not_stand_in() -> None:
    comps = [c for c in CLASS3 if c is not C.TECHNICAL_REPORT] + [C.RESEARCH_PAPER]
    result = evaluate(facts(*comps, override={C.RESEARCH_PAPER: "arXiv.org perpetual license"}))
    assert result.mof_class == 0 and result.progress["3"] == pytest.approx(500 / 6)
    assert any("Technical report (or a Research paper)" in s for s in result.to_raise)


def test_optional_components_never_count() -> None:
    optional = (C.SAMPLE_MODEL_OUTPUTS, C.SUPPORTING_LIBRARIES, C.MODEL_METADATA)
    base = evaluate(facts(*CLASS3))
    more = evaluate(facts(*CLASS3, *optional, override={c: "Proprietary" for c in optional}))
    assert base.mof_class == more.mof_class == 3 and base.progress == more.progress
    assert status(more, C.MODEL_METADATA) is ComponentStatus.INVALID


def test_conditional_counts_with_advice() -> None:
    result = evaluate(facts(*CLASS3, override={C.MODEL_PARAMETERS_FINAL: "Apache-2.0"}))
    assert result.mof_class == 3
    assert status(result, C.MODEL_PARAMETERS_FINAL) is ComponentStatus.CONDITIONAL
    assert result.advisories and "Model parameters (Final)" in result.advisories[0]


def test_unlicensed_and_invalid() -> None:
    rows = (
        ComponentFacts(C.MODEL_ARCHITECTURE, True, ()),
        ComponentFacts(C.MODEL_CARD, True, ("llama3",)),
    )
    result = evaluate(MofFacts(components=rows))
    assert status(result, C.MODEL_ARCHITECTURE) is ComponentStatus.UNLICENSED
    assert status(result, C.MODEL_CARD) is ComponentStatus.INVALID
    assert result.progress["3"] == 0
    assert any("relicense the Model card from 'llama3'" in s for s in result.to_raise)


def test_most_restrictive_of_several_licences() -> None:
    rows = (ComponentFacts(C.DATASETS, True, ("CC-BY-4.0", "CC-BY-NC-4.0")),)
    assert status(evaluate(MofFacts(components=rows)), C.DATASETS) is ComponentStatus.INVALID
    rows = (ComponentFacts(C.DATASETS, True, ("CDLA-Permissive-2.0", "CC-BY-4.0")),)
    assert status(evaluate(MofFacts(components=rows)), C.DATASETS) is ComponentStatus.CONDITIONAL


def test_conventions_data_card_and_results_and_paper() -> None:
    comps = [c for c in CLASS1 if c not in (C.DATA_CARD, C.EVALUATION_RESULTS, C.RESEARCH_PAPER)]
    assert evaluate(facts(*comps)).mof_class == 0
    result = evaluate(
        facts(
            *comps,
            data_card_in_model_card=True,
            evaluation_results_in=C.MODEL_CARD,
            report_covers_paper=True,
        )
    )
    assert result.mof_class == 1
    data_card = next(v for v in result.components if v.component is C.DATA_CARD)
    assert "model card holds the data information" in " ".join(data_card.reasons)


def test_to_raise_names_next_class_only() -> None:
    result = evaluate(facts(*CLASS3))
    assert result.mof_class == 3
    assert {s.split(":")[0] for s in result.to_raise} == {
        "Training code",
        "Inference code",
        "Evaluation code",
        "Evaluation data",
    }
    assert evaluate(facts(*CLASS1)).to_raise == ()


def test_framework_result() -> None:
    fr = to_framework_result(evaluate(facts(*CLASS2)))
    assert (fr.framework, fr.level, fr.passed) == ("mof", 2, True)
    assert fr.score == pytest.approx(1000 / 14) and len(fr.controls) == 17
    assert fr.details["class"] == 2 and fr.to_raise


def test_strict_and_default_differ_on_aliases() -> None:
    comps = facts(*CLASS3, override={C.MODEL_ARCHITECTURE: "Apache 2.0"})
    assert evaluate(comps, strict_mot=True).mof_class == 0
    assert evaluate(comps).mof_class == 3


def test_mof_framework_adapter() -> None:
    from opengauge.frameworks import FrameworkInput
    from opengauge.frameworks.mof import FRAMEWORK
    from opengauge.model import ComponentResult, ComponentState

    comps = tuple(ComponentResult(c, ComponentState.PRESENT) for c in CLASS3)
    assert FRAMEWORK.evaluate(FrameworkInput(comps, ())).level == 0  # no licence found
