"""CycloneDX 1.6 ML-BOM: valid against the schema bundled with cyclonedx-python-lib."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from tests.report.samples import EXAMPLE_NAMES, EXAMPLES, FIXED_TIME, enriched, example_report

import opengauge
from opengauge.report import render


def _validate(text: str) -> dict[str, Any]:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    assert error is None, str(error)
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("enrich", [False, True])
def test_valid_cyclonedx_1_6(name: str, enrich: bool) -> None:
    report = example_report(name)
    data = _validate(render(enriched(report) if enrich else report, "cyclonedx"))
    assert data["specVersion"] == "1.6"
    model = data["metadata"]["component"]
    assert model["type"] == "machine-learning-model" and "modelCard" in model
    names = {p["name"] for p in model["properties"]}
    assert {"opengauge:mof.class", "opengauge:osaid.result"} <= names


def test_model_card_datasets_metrics_and_hashes() -> None:
    report = opengauge.audit(EXAMPLES / "fully-open", hash_files=True, generated_at=FIXED_TIME)
    data = _validate(render(report, "cyclonedx"))
    card = data["metadata"]["component"]["modelCard"]
    refs = [d["ref"] for d in card["modelParameters"]["datasets"]]
    assert refs == ["dataset:opengauge/tiny-corpus"]
    datasets = [c for c in data["components"] if c["type"] == "data"]
    assert [c["bom-ref"] for c in datasets] == refs and datasets[0]["data"][0]["type"] == "dataset"
    metrics = card["quantitativeAnalysis"]["performanceMetrics"]
    assert {"type": "accuracy", "value": "0.31", "slice": "tiny held-out set / heldout"} in metrics
    files = [c for c in data["components"] if c["type"] == "file"]
    assert files and all(c["hashes"][0]["alg"] == "SHA-256" for c in files)


def test_serial_number_is_deterministic() -> None:
    report = example_report("openwashed")
    first, second = render(report, "cyclonedx"), render(report, "cyclonedx")
    assert first == second
    later = dataclasses.replace(report, generated_at="2026-02-01T00:00:00+00:00")
    assert (
        json.loads(render(later, "cyclonedx"))["serialNumber"] != json.loads(first)["serialNumber"]
    )


def test_licences_spdx_ids_or_names() -> None:
    data = _validate(render(enriched(example_report("fully-open")), "cyclonedx"))
    licences = [entry["license"] for entry in data["metadata"]["component"]["licenses"]]
    assert {"acknowledgement": "declared", "name": "Llama 3.1 Community License"} in licences
    dataset = next(c for c in data["components"] if c["type"] == "data")
    assert dataset["licenses"][0]["license"]["id"] == "CDLA-Permissive-2.0"
