"""CycloneDX 1.6 ML-BOM: accepted by cyclonedx-python-lib's strict validator and the npm
@cyclonedx/cyclonedx-library one; identity, licences, datasets and vulnerabilities right."""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any

import pytest
from tests import validators
from tests.report.samples import EXAMPLE_NAMES, EXAMPLES, FIXED_TIME, enriched, example_report

import opengauge
from opengauge.model import (
    AuditReport,
    Confidence,
    Finding,
    FollowedLink,
    LicenseCategory,
    LicenseMatch,
    RemoteRead,
    Severity,
    Status,
    Target,
)
from opengauge.report import render
from opengauge.report.cyclonedx import serial_number

SHA = "0123456789abcdef0123456789abcdef01234567"


@functools.cache
def _errors(text: str) -> tuple[str, ...]:
    return (*validators.cyclonedx_py_errors(text), *validators.cyclonedx_npm_errors(text))


def _valid(text: str) -> dict[str, Any]:
    assert _errors(text) == ()
    data: dict[str, Any] = json.loads(text)
    return data


def _cdx(report: AuditReport) -> dict[str, Any]:
    return _valid(render(report, "cyclonedx"))


def _statement(name: str | None, category: LicenseCategory, lid: str | None = None) -> LicenseMatch:
    return LicenseMatch(
        path="README.md",
        start_line=3,
        end_line=3,
        id=lid,
        name=name,
        category=category,
        confidence=0.8,
        method="statement",
        source="readme-statement",
        component="weights",
    )


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("enrich", [False, True])
def test_examples_valid(name: str, enrich: bool) -> None:
    report = example_report(name)
    data = _cdx(enriched(report) if enrich else report)
    assert data["specVersion"] == "1.6"
    model = data["metadata"]["component"]
    assert model["type"] == "machine-learning-model" and "modelCard" in model
    names = {p["name"] for p in model["properties"]}
    assert {"opengauge:mof.class", "opengauge:osaid.result"} <= names


def test_real_releases_valid(release_reports: dict[str, AuditReport]) -> None:
    for name, report in release_reports.items():
        data = _cdx(report)
        assert data["metadata"]["component"]["name"], name


def test_model_named_from_the_card_not_the_folder() -> None:
    assert _cdx(example_report("fully-open"))["metadata"]["component"]["name"] == "tinygpt-open"
    assert _cdx(example_report("openwashed"))["metadata"]["component"]["name"] == "Acme-8B-Open"


def test_hub_identity() -> None:
    report = example_report("unsafe-pickle")
    hub = dataclasses.replace(
        report,
        target=Target(f"hf://acme/innocent-bert@{SHA}", "acme/innocent-bert", "hf-hub", SHA),
    )
    model = _cdx(hub)["metadata"]["component"]
    assert model["name"] == "acme/innocent-bert" and model["version"] == SHA
    assert model["purl"] == f"pkg:huggingface/acme/innocent-bert@{SHA}"
    assert model["supplier"] == {"name": "acme", "url": ["https://huggingface.co/acme"]}
    refs = {(r["type"], r["url"]) for r in model["externalReferences"]}
    assert ("vcs", "https://huggingface.co/acme/innocent-bert") in refs


def test_model_card_datasets_metrics_and_hashes() -> None:
    report = opengauge.audit(EXAMPLES / "fully-open", hash_files=True, generated_at=FIXED_TIME)
    data = _cdx(report)
    card = data["metadata"]["component"]["modelCard"]
    refs = [d["ref"] for d in card["modelParameters"]["datasets"]]
    assert refs == ["dataset:opengauge/tiny-corpus"]
    dataset = next(c for c in data["components"] if c["type"] == "data")
    assert dataset["bom-ref"] == refs[0] and dataset["data"][0]["type"] == "dataset"
    url = "https://huggingface.co/datasets/opengauge/tiny-corpus"
    assert dataset["data"][0]["contents"]["url"] == url
    assert dataset["externalReferences"][0]["url"] == url
    model_refs = data["metadata"]["component"]["externalReferences"]
    assert {"type": "other", "url": url, "comment": "data: trained on opengauge/tiny-corpus"} in (
        model_refs
    )
    assert dataset["licenses"][0]["license"]["id"] == "CDLA-Permissive-2.0"
    metrics = card["quantitativeAnalysis"]["performanceMetrics"]
    assert {"type": "accuracy", "value": "0.31", "slice": "tiny held-out set / heldout"} in metrics
    files = [c for c in data["components"] if c["type"] == "file"]
    assert files and all(c["hashes"][0]["alg"] == "SHA-256" for c in files)


def test_limitations_come_from_the_card_not_from_findings() -> None:
    card = _cdx(example_report("fully-open"))["metadata"]["component"]["modelCard"]
    (limit,) = card["considerations"]["technicalLimitations"]
    assert limit.startswith("Limitations and bias: The model is tiny") and "README.md:" in limit
    for name in ("openwashed", "unsafe-pickle"):  # documentation gaps and pickles are not
        assert (
            "considerations" not in _cdx(example_report(name))["metadata"]["component"]["modelCard"]
        )


def test_unsafe_pickle_is_a_vulnerability() -> None:
    data = _cdx(example_report("unsafe-pickle"))
    (vuln,) = [v for v in data["vulnerabilities"] if 502 in v.get("cwes", [])]
    assert vuln["id"].startswith("safety.pickle")
    assert vuln["ratings"] == [
        {"method": "other", "severity": "critical", "source": {"name": "opengauge"}}
    ]
    assert {a["ref"] for a in vuln["affects"]} == {"model", "file:pytorch_model.bin"}
    refs = {c["bom-ref"] for c in data["components"]} | {"model"}
    assert all(a["ref"] in refs for v in data["vulnerabilities"] for a in v["affects"])


def test_several_licences_make_one_expression_with_defined_refs() -> None:
    data = _cdx(example_report("openwashed"))
    (choice,) = data["metadata"]["component"]["licenses"]
    assert choice == {
        "acknowledgement": "concluded",
        "expression": "LicenseRef-opengauge-llama-3.1-aup-2024 AND "
        "LicenseRef-scancode-llama-3.1-license-2024",
    }
    props = {p["name"]: p["value"] for p in data["metadata"]["component"]["properties"]}
    assert props["opengauge:license:LicenseRef-scancode-llama-3.1-license-2024"] == (
        "https://scancode-licensedb.aboutcode.org/llama-3.1-license-2024.html"
    )
    assert props["opengauge:license:LicenseRef-opengauge-llama-3.1-aup-2024"].startswith(
        "https://github.com/meta-llama/llama-models/"
    )
    licence_file = next(c for c in data["components"] if c["bom-ref"] == "file:LICENSE")
    assert licence_file["licenses"][0]["license"]["name"] == (
        "LicenseRef-scancode-llama-3.1-license-2024"
    )


def test_licence_ref_points_at_the_file_holding_its_text() -> None:
    data = _cdx(enriched(example_report("fully-open")))
    (choice,) = data["metadata"]["component"]["licenses"]
    serial = data["serialNumber"].removeprefix("urn:uuid:")
    assert choice["license"] == {
        "acknowledgement": "concluded",
        "name": "LicenseRef-llama-3.1",
        "url": f"urn:cdx:{serial}/1#file%3ALICENSE",
    }
    assert any(c["bom-ref"] == "file:LICENSE" for c in data["components"])


def test_claims_and_unknown_names_are_not_licences() -> None:
    report = example_report("unsafe-pickle")
    rows = (
        _statement("open source", LicenseCategory.OSI_OPEN),
        _statement("low-risk AI2 ImpACT license", LicenseCategory.UNKNOWN),
        _statement(None, LicenseCategory.UNKNOWN),
    )
    model = _cdx(dataclasses.replace(report, licenses=report.licenses + rows))["metadata"]
    assert model["component"]["licenses"] == [
        {"license": {"acknowledgement": "concluded", "id": "MIT"}}
    ]
    named = _statement("CC-BY-SA, version unstated", LicenseCategory.OPEN_CONTENT)
    choice = _cdx(dataclasses.replace(report, licenses=(*report.licenses, named)))
    assert choice["metadata"]["component"]["licenses"][0]["expression"] == (
        "LicenseRef-opengauge-named-CC-BY-SA-version-unstated AND MIT"
    )


def test_serial_number_comes_from_content_not_path() -> None:
    report = example_report("openwashed")
    first, second = render(report, "cyclonedx"), render(report, "cyclonedx")
    assert first == second
    elsewhere = dataclasses.replace(
        report,
        target=dataclasses.replace(
            report.target, path="/x/y", checkout_subdir="a/b", remote=RemoteRead(1, 2, 3, 1, 9)
        ),
    )
    assert serial_number(elsewhere) == serial_number(report)
    unseen = Finding("docs.x", Status.NOT_APPLICABLE, Severity.INFO, Confidence.HIGH, "n/a")
    more = dataclasses.replace(report, findings=(*report.findings, unseen))
    assert serial_number(more) == serial_number(report)  # nothing the BOM shows changed
    later = dataclasses.replace(report, generated_at="2026-02-01T00:00:00+00:00")
    assert serial_number(later) != serial_number(report)
    fewer = dataclasses.replace(report, files=report.files[1:])
    assert serial_number(fewer) != serial_number(report)
    assert json.loads(first)["serialNumber"] == f"urn:uuid:{serial_number(report)}"


def test_dataset_carries_the_licence_its_hub_card_declares() -> None:
    report = example_report("fully-open")
    row = FollowedLink(
        "hf://datasets/opengauge/tiny-corpus",
        "datasets",
        "referenced, verified",
        None,
        SHA,
        ("cc-by-4.0",),
    )
    target = dataclasses.replace(report.target, followed=(row,))
    data = _cdx(dataclasses.replace(report, target=target))
    dataset = next(c for c in data["components"] if c["type"] == "data")
    assert dataset["licenses"] == [{"license": {"acknowledgement": "declared", "id": "CC-BY-4.0"}}]
