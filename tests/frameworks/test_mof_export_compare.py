"""Writer (to_mot_record), compare(record, observed) and facts from an audit, in memory."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml

from opengauge.frameworks.mof import (
    ComponentFacts,
    MofFacts,
    ObservedComponent,
    compare,
    evaluate,
    facts_from_audit,
    facts_from_record,
    load_definition,
    observed_from_audit,
    record_from_dict,
    to_mot_record,
)
from opengauge.model import Component as C
from opengauge.model import ComponentResult, ComponentState, LicenseCategory, LicenseMatch
from opengauge.sources.mot import dump_record, parse_record, validate_record

P, R, A, M = (
    ComponentState.PRESENT,
    ComponentState.REFERENCED,
    ComponentState.CLAIMED_ABSENT,
    ComponentState.MISSING,
)


def match(lid: str, scope: str) -> LicenseMatch:
    return LicenseMatch(
        "LICENSE", 1, 10, lid, lid, LicenseCategory.OSI_OPEN, 0.99, "test", component=scope
    )


def test_export_is_schema_valid_and_round_trips() -> None:
    facts = MofFacts(
        components=(
            ComponentFacts(C.MODEL_ARCHITECTURE, True, ("Apache-2.0",)),
            ComponentFacts(C.MODEL_PARAMETERS_FINAL, True, ("CDLA-Permissive-2.0", "CC-BY-4.0")),
            ComponentFacts(C.MODEL_CARD, True, ()),
            ComponentFacts(C.TRAINING_CODE, False),
        ),
        data_card_in_model_card=True,
    )
    record = to_mot_record(facts, name="demo", producer="me", extra={"type": "language"})
    validate_record(record)
    text = dump_record(record)
    back = parse_record(text)
    assert back.name == "demo"
    names = [c.name for c in back.components]
    assert names == ["Model architecture", "Model parameters (Final)", "Model card", "Data card"]
    assert back.components[1].license == "CDLA-Permissive-2.0 AND CC-BY-4.0"
    assert back.components[2].license == "unlicensed"
    # same verdict before and after the round trip
    assert evaluate(facts_from_record(back)).progress == evaluate(facts).progress


def test_export_empty_is_valid() -> None:
    validate_record(to_mot_record(MofFacts(), name="x"))


def test_export_is_yaml_safe() -> None:
    record = to_mot_record(
        MofFacts(components=(ComponentFacts(C.MODEL_CARD, True, ("!!python/object: x",)),)),
        name="a: &b",
    )
    assert yaml.safe_load(dump_record(record))["release"]["name"] == "a: &b"


def _record(*components: dict[str, str], distribution: str | None = None) -> object:
    doc = {
        "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
        "release": {"name": "r", "producer": "p", "license": {}, "components": list(components)},
    }
    if distribution:
        doc["release"]["license"] = {"distribution": {"name": distribution}}  # type: ignore[index]
    validate_record(doc)
    return record_from_dict(doc)  # type: ignore[arg-type]


def test_compare_disagreements() -> None:
    record = _record(
        {"name": "Training code"},
        {"name": "Model architecture", "license": "MIT"},
        {"name": "Model card"},
        {"name": "Research paper", "license": "CC-BY-4.0"},
        {"name": "Inference code", "license": "Apache 2.0"},
        distribution="Apache-2.0",
    )
    observed = [
        ObservedComponent(C.TRAINING_CODE, M),
        ObservedComponent(C.MODEL_ARCHITECTURE, P, ("Apache-2.0",)),
        ObservedComponent(C.MODEL_CARD, A),
        ObservedComponent(C.RESEARCH_PAPER, R),
        ObservedComponent(C.INFERENCE_CODE, P, ("Apache-2.0",)),
        ObservedComponent(C.MODEL_PARAMETERS_FINAL, P, ("Apache-2.0",)),
    ]
    found = {d.component: d for d in compare(record, observed)}  # type: ignore[arg-type]
    assert found[C.TRAINING_CODE].kind == "not_found"
    assert "Training code is included under Apache-2.0" in found[C.TRAINING_CODE].message
    assert found[C.MODEL_ARCHITECTURE].kind == "license_mismatch"
    assert (found[C.MODEL_ARCHITECTURE].record, found[C.MODEL_ARCHITECTURE].observed) == (
        "MIT",
        "Apache-2.0",
    )
    assert found[C.MODEL_CARD].kind == "claimed_absent"
    assert found[C.RESEARCH_PAPER].kind == "license_not_found"
    assert found[C.MODEL_PARAMETERS_FINAL].kind == "unrecorded"
    assert C.INFERENCE_CODE not in found  # "Apache 2.0" is Apache-2.0 in the default mode
    strict = {d.component for d in compare(record, observed, strict_mot=True)}  # type: ignore[arg-type]
    assert C.INFERENCE_CODE in strict


def test_compare_agreement_is_empty() -> None:
    record = _record({"name": "Model architecture"}, distribution="MIT")
    assert compare(record, [ObservedComponent(C.MODEL_ARCHITECTURE, P, ("MIT",))]) == []  # type: ignore[arg-type]


def test_observed_and_facts_from_audit() -> None:
    components = (
        ComponentResult(C.MODEL_ARCHITECTURE, P, ("modeling.py",)),
        ComponentResult(C.MODEL_PARAMETERS_FINAL, P, ("model.safetensors",)),
        ComponentResult(C.MODEL_CARD, P, ("README.md",)),
        ComponentResult(C.RESEARCH_PAPER, R),
        ComponentResult(C.TRAINING_CODE, A),
    )
    licenses = (match("Apache-2.0", "all"), match("CC-BY-4.0", "weights"), match("MIT", "code"))
    observed = {o.component: o for o in observed_from_audit(components, licenses)}
    assert len(observed) == 17
    assert observed[C.MODEL_ARCHITECTURE].licenses == ("MIT",)
    assert observed[C.MODEL_PARAMETERS_FINAL].licenses == ("CC-BY-4.0",)
    assert observed[C.MODEL_CARD].licenses == ("Apache-2.0",)
    assert (
        observed[C.RESEARCH_PAPER].licenses == ()
    )  # referenced: the repo licence does not govern it
    assert observed[C.DATASETS].state is M
    # a README statement about the documents (not the repository's own LICENSE file,
    # which covers the files here and not a paper published elsewhere)
    stated = replace(
        match("CC-BY-4.0", "documentation"), path="README.md", source="readme-statement"
    )
    scoped = (*licenses, stated)
    paper = {o.component: o for o in observed_from_audit(components, scoped)}[C.RESEARCH_PAPER]
    assert paper.licenses == ("CC-BY-4.0",)  # what the release says of its documents
    facts = facts_from_audit(components, licenses)
    assert facts.get(C.RESEARCH_PAPER).included and not facts.get(C.TRAINING_CODE).included
    result = evaluate(facts)
    assert result.mof_class == 0 and result.progress["3"] == pytest.approx(300 / 6)


def test_definition_matches_model_types() -> None:
    from opengauge.model import CONTENT_TYPE, MOF_COMPONENTS

    definition = load_definition()
    assert definition.content_types == CONTENT_TYPE
    listed = [c for k in definition.classes for c in (*k.required, *k.optional)]
    assert sorted(listed) == sorted(MOF_COMPONENTS)
    assert set(definition.descriptions) == set(MOF_COMPONENTS)


def test_a_referenced_component_without_terms_is_asked_for_them() -> None:
    components = (ComponentResult(C.MODEL_PARAMETERS_FINAL, R),)
    result = evaluate(facts_from_audit(components, ()))
    verdict = next(v for v in result.components if v.component is C.MODEL_PARAMETERS_FINAL)
    assert verdict.fix is not None and verdict.fix.startswith("state the licence of the")
    present = evaluate(facts_from_audit((ComponentResult(C.MODEL_PARAMETERS_FINAL, P),), ()))
    verdict = next(v for v in present.components if v.component is C.MODEL_PARAMETERS_FINAL)
    assert verdict.fix is not None and verdict.fix.startswith("put the")
