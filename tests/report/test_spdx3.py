"""SPDX 3.0.1 (AI, Dataset, Security profiles): accepted by spdx3-validate (JSON Schema and
SHACL, offline), a JSON-LD round trip, and the fields the evidence supports."""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any

import pytest
from tests import validators
from tests.report.samples import EXAMPLE_NAMES, enriched, example_report

from opengauge.errors import UsageError
from opengauge.model import AuditReport, FollowedLink, LicenseCategory, LicenseMatch, Target
from opengauge.report import render
from opengauge.report.spdx3 import DEFAULT_NAMESPACE, check_namespace
from opengauge.report.spdx3 import render as render_spdx

SHA = "0123456789abcdef0123456789abcdef01234567"


def _types(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for node in data["@graph"]:
        out.setdefault(node["type"], []).append(node)
    return out


@functools.cache
def _errors(text: str) -> tuple[str, ...]:
    return tuple(validators.spdx3_errors(text))  # SHACL takes seconds: once per text


def _spdx(report: AuditReport) -> dict[str, Any]:
    text = render(report, "spdx3")
    assert _errors(text) == ()
    data: dict[str, Any] = json.loads(text)
    return data


def _relations(nodes: dict[str, list[dict[str, Any]]], kind: str, source: str) -> list[str]:
    return [
        target
        for r in nodes["Relationship"]
        if r["relationshipType"] == kind and r["from"] == source
        for target in r["to"]
    ]


def _expressions(nodes: dict[str, list[dict[str, Any]]], kind: str, source: str) -> list[str]:
    by_id = {e["spdxId"]: e for e in nodes.get("simplelicensing_LicenseExpression", [])}
    return [by_id[t]["simplelicensing_licenseExpression"] for t in _relations(nodes, kind, source)]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("enrich", [False, True])
def test_examples_valid(name: str, enrich: bool) -> None:
    report = example_report(name)
    data = _spdx(enriched(report) if enrich else report)
    assert data["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"


def test_real_releases_valid(release_reports: dict[str, AuditReport]) -> None:
    for report in release_reports.values():
        _spdx(report)


def test_validator_can_fail() -> None:
    data = json.loads(render(example_report("fully-open"), "spdx3"))
    for node in data["@graph"]:
        if node["type"] == "dataset_DatasetPackage":
            del node["dataset_datasetType"]
    assert any(e.startswith("shacl ") for e in validators.spdx3_errors(json.dumps(data)))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_round_trip(name: str) -> None:
    from spdx_python_model import v3_0_1 as spdx

    text = render(enriched(example_report(name)), "spdx3")
    objects = spdx.SHACLObjectSet()
    spdx.JSONLDDeserializer().deserialize_data(json.loads(text), objects)
    again = spdx.JSONLDSerializer().serialize_data(objects)
    assert json.dumps(again, sort_keys=True) == json.dumps(json.loads(text), sort_keys=True)


def test_ai_package_and_datasets() -> None:
    nodes = _types(_spdx(example_report("fully-open")))
    (model,) = nodes["ai_AIPackage"]
    assert model["name"] == "tinygpt-open"
    assert model["ai_domain"] == ["text-generation"]
    assert model["ai_typeOfModel"] == ["TinyGPTForCausalLM", "tinygpt"]
    assert model["ai_autonomyType"] == "noAssertion"
    assert model["ai_limitation"].startswith("Limitations and bias: The model is tiny")
    assert "Training code: in the release: train.py" in model["ai_informationAboutTraining"]
    metric = {"key": "accuracy (tiny held-out set / heldout)", "value": "0.31"}
    assert any(metric.items() <= entry.items() for entry in model["ai_metric"])
    (dataset,) = nodes["dataset_DatasetPackage"]
    assert dataset["name"] == "opengauge/tiny-corpus"
    url = "https://huggingface.co/datasets/opengauge/tiny-corpus"
    assert dataset["software_downloadLocation"] == url
    assert _relations(nodes, "trainedOn", model["spdxId"]) == [dataset["spdxId"]]
    assert _relations(nodes, "testedOn", model["spdxId"]) == [dataset["spdxId"]]
    assert _expressions(nodes, "hasConcludedLicense", dataset["spdxId"]) == ["CDLA-Permissive-2.0"]
    assert _expressions(nodes, "hasDeclaredLicense", model["spdxId"]) == ["CDLA-Permissive-2.0"]
    document = nodes["SpdxDocument"][0]
    assert set(document["profileConformance"]) >= {"ai", "dataset", "security"}
    statements = {a["statement"] for a in nodes["Annotation"]}
    assert any(s.startswith("opengauge:mof.class = ") for s in statements)


def test_hub_identity() -> None:
    report = example_report("unsafe-pickle")
    hub = dataclasses.replace(
        report,
        target=Target(f"hf://acme/innocent-bert@{SHA}", "acme/innocent-bert", "hf-hub", SHA),
    )
    nodes = _types(_spdx(hub))
    (model,) = nodes["ai_AIPackage"]
    assert model["name"] == "acme/innocent-bert"
    assert model["software_packageVersion"] == SHA
    assert model["software_packageUrl"] == f"pkg:huggingface/acme/innocent-bert@{SHA}"
    assert model["software_downloadLocation"] == (
        f"https://huggingface.co/acme/innocent-bert/tree/{SHA}"
    )
    assert nodes["Organization"][0]["name"] == "acme"
    assert model["suppliedBy"] == nodes["Organization"][0]["spdxId"]


def test_pickle_is_a_vulnerability_not_a_risk_class() -> None:
    nodes = _types(_spdx(enriched(example_report("unsafe-pickle"))))
    (model,) = nodes["ai_AIPackage"]
    assert "ai_safetyRiskAssessment" not in model and "ai_limitation" not in model
    vulns = {v["spdxId"]: v for v in nodes["security_Vulnerability"]}
    pickle = [v for v in vulns.values() if v["name"].startswith("safety.pickle")]
    assert pickle and all(v["summary"].startswith("critical: ") for v in pickle)
    cwe = [r for v in pickle for r in v.get("externalRef", [])]
    assert {"externalRefType": "cwe", "comment": "CWE-502"}.items() <= cwe[0].items()
    assert set(_relations(nodes, "hasAssociatedVulnerability", model["spdxId"])) == set(vulns)
    weights = next(f for f in nodes["software_File"] if f["name"] == "pytorch_model.bin")
    assert _relations(nodes, "hasAssociatedVulnerability", weights["spdxId"])


def test_one_and_expression_with_custom_ids_mapped() -> None:
    nodes = _types(_spdx(example_report("openwashed")))
    (model,) = nodes["ai_AIPackage"]
    expected = (
        "LicenseRef-opengauge-llama-3.1-aup-2024 AND LicenseRef-scancode-llama-3.1-license-2024"
    )
    for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        assert _expressions(nodes, kind, model["spdxId"]) == [expected]
    (element,) = [
        e
        for e in nodes["simplelicensing_LicenseExpression"]
        if e["simplelicensing_licenseExpression"] == expected
    ]
    uris = {d["key"]: d["value"] for d in element["simplelicensing_customIdToUri"]}
    assert uris["LicenseRef-scancode-llama-3.1-license-2024"] == (
        "https://scancode-licensedb.aboutcode.org/llama-3.1-license-2024.html"
    )
    assert uris["LicenseRef-opengauge-llama-3.1-aup-2024"].startswith(
        "https://github.com/meta-llama/llama-models/"
    )


def test_same_licence_identifiers_as_cyclonedx() -> None:
    report = enriched(example_report("fully-open"))
    nodes = _types(_spdx(report))
    (model,) = nodes["ai_AIPackage"]
    (spdx_text,) = _expressions(nodes, "hasConcludedLicense", model["spdxId"])
    cdx = json.loads(render(report, "cyclonedx"))["metadata"]["component"]["licenses"][0]
    assert spdx_text == cdx.get("expression", cdx.get("license", {}).get("name"))
    # no public text: the id maps to the File element that holds the licence text
    files = {f["spdxId"] for f in nodes["software_File"] if f["name"] == "LICENSE"}
    mapped = {
        d["value"]
        for e in nodes["simplelicensing_LicenseExpression"]
        for d in e.get("simplelicensing_customIdToUri", [])
        if d["key"] == "LicenseRef-llama-3.1"
    }
    assert mapped == files


def test_claims_are_not_licences() -> None:
    report = example_report("unsafe-pickle")
    claim = LicenseMatch(
        path="README.md",
        start_line=3,
        end_line=3,
        id=None,
        name="open source",
        category=LicenseCategory.UNKNOWN,
        confidence=0.8,
        method="statement",
        source="readme-statement",
        component="weights",
    )
    nodes = _types(_spdx(dataclasses.replace(report, licenses=(*report.licenses, claim))))
    texts = {
        e["simplelicensing_licenseExpression"] for e in nodes["simplelicensing_LicenseExpression"]
    }
    assert texts == {"MIT"}


def test_namespace_is_a_parameter() -> None:
    report = example_report("unsafe-pickle")
    text = render_spdx(report, namespace="https://sbom.example.org/audits")
    ids = [n["spdxId"] for n in json.loads(text)["@graph"] if "spdxId" in n]
    assert ids and all(i.startswith("https://sbom.example.org/audits/") for i in ids)
    assert _errors(text) == ()
    assert render(report, "spdx3") == render_spdx(report, namespace=DEFAULT_NAMESPACE)
    assert check_namespace("urn:example:") == "urn:example:"
    for bad in ("no-scheme", "https://x.org/a#b", "https://x.org/a b", ""):
        with pytest.raises(UsageError):
            check_namespace(bad)


def test_ids_come_from_content_not_path() -> None:
    report = example_report("unsafe-pickle")
    moved = dataclasses.replace(report, target=dataclasses.replace(report.target, path="/x/y"))
    assert render(report, "spdx3") == render(moved, "spdx3")
    later = dataclasses.replace(report, generated_at="2026-02-01T00:00:00+00:00")
    first = json.loads(render(report, "spdx3"))["@graph"][-1]["spdxId"]
    assert json.loads(render(later, "spdx3"))["@graph"][-1]["spdxId"] != first


def test_dataset_licences_declared_by_its_card_concluded_from_the_release() -> None:
    report = example_report("fully-open")
    nodes = _types(_spdx(report))
    (dataset,) = nodes["dataset_DatasetPackage"]
    assert _relations(nodes, "hasDeclaredLicense", dataset["spdxId"]) == []  # release's word
    row = FollowedLink(
        "hf://datasets/opengauge/tiny-corpus",
        "datasets",
        "referenced, verified",
        None,
        SHA,
        ("cc-by-4.0",),
    )
    target = dataclasses.replace(report.target, followed=(row,))
    nodes = _types(_spdx(dataclasses.replace(report, target=target)))
    (dataset,) = nodes["dataset_DatasetPackage"]
    for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        assert _expressions(nodes, kind, dataset["spdxId"]) == ["CC-BY-4.0"]
