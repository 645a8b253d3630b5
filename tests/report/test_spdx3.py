"""SPDX 3.0.1 (AI and Dataset profiles): library checks and a JSON-LD round trip.

spdx-python-model checks types, patterns and cardinalities while building and encoding;
SHACL validation needs the SPDX model's shapes file, which is not available offline.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.report.samples import EXAMPLE_NAMES, enriched, example_report

from opengauge.report import render


def _types(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for node in data["@graph"]:
        out.setdefault(node["type"], []).append(node)
    return out


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_round_trip(name: str) -> None:
    from spdx_python_model import v3_0_1 as spdx

    text = render(enriched(example_report(name)), "spdx3")
    objects = spdx.SHACLObjectSet()
    spdx.JSONLDDeserializer().deserialize_data(json.loads(text), objects)
    again = spdx.JSONLDSerializer().serialize_data(objects)
    assert json.dumps(again, sort_keys=True) == json.dumps(json.loads(text), sort_keys=True)


def test_ai_and_dataset_profiles() -> None:
    data = json.loads(render(enriched(example_report("fully-open")), "spdx3"))
    nodes = _types(data)
    assert data["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    model = nodes["ai_AIPackage"][0]
    dataset = nodes["dataset_DatasetPackage"][0]
    assert dataset["name"] == "opengauge/tiny-corpus"
    assert model["ai_safetyRiskAssessment"] == "serious"
    kinds = {(r["relationshipType"], r["from"] == model["spdxId"]) for r in nodes["Relationship"]}
    assert {("trainedOn", True), ("testedOn", True), ("hasConcludedLicense", True)} <= kinds
    expressions = {
        e["simplelicensing_licenseExpression"] for e in nodes["simplelicensing_LicenseExpression"]
    }
    assert {"LicenseRef-llama-3.1", "CDLA-Permissive-2.0"} <= expressions
    document = nodes["SpdxDocument"][0]
    assert set(document["profileConformance"]) >= {"ai", "dataset"}
    statements = {a["statement"] for a in nodes["Annotation"]}
    assert any(s.startswith("opengauge:mof.class = ") for s in statements)


def test_deterministic() -> None:
    report = example_report("unsafe-pickle")
    assert render(report, "spdx3") == render(report, "spdx3")
