"""SARIF 2.1.0: valid against the OASIS schema, one rule per analyzer, stable fingerprints."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.helpers import scan_findings
from tests.report.samples import EXAMPLE_NAMES, enriched, example_report

from opengauge.analyzers.registry import BUILTIN
from opengauge.model import Confidence, Finding, Location, Severity, Skipped, Status
from opengauge.report import FORMATS, render
from opengauge.report.sarif import fingerprint, render_findings

DATA = Path(__file__).parents[1] / "data"
SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text())


def _valid(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def test_registered() -> None:
    assert FORMATS["sarif"] == "sarif"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_reports_valid(name: str) -> None:
    for report in (example_report(name), enriched(example_report(name))):
        log = _valid(render(report, "sarif"))
        run = log["runs"][0]
        ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        assert len(ids) == len(set(ids)) and {a.id for a in BUILTIN} <= set(ids)
        for result in run["results"]:
            assert ids[result["ruleIndex"]] == result["ruleId"]


def test_scan_of_malicious_samples_valid() -> None:
    findings, skipped = scan_findings(DATA / "picklescan")
    log = _valid(render_findings(findings, skipped))
    results = log["runs"][0]["results"]
    assert any(r["level"] == "error" and r["properties"]["severity"] == "critical" for r in results)
    assert all("opengauge/v1" in r["partialFingerprints"] for r in results)


def test_fingerprint_ignores_lines_and_offsets() -> None:
    base = Finding(
        rule="safety.shipped_code", status=Status.FAIL, severity=Severity.HIGH,
        confidence=Confidence.HIGH, message="OG104: eval() runs dynamic code",
        locations=(Location("modeling.py", line=10, offset=5),),
    )  # fmt: skip
    moved = dataclasses.replace(base, locations=(Location("modeling.py", line=99, offset=7),))
    other = dataclasses.replace(base, locations=(Location("other.py", line=10),))
    assert fingerprint(base) == fingerprint(moved) != fingerprint(other)


def test_skips_become_notifications() -> None:
    log = _valid(render_findings([], [Skipped("big.bin", "over the size limit")]))
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "skipped big.bin: over the size limit"
    assert log["runs"][0]["results"] == []


def test_schema_rejects_a_bad_level() -> None:
    finding = Finding(
        rule="safety.pickle_imports", status=Status.FAIL, severity=Severity.LOW,
        confidence=Confidence.HIGH, message="m", locations=(Location("a.pkl"),),
    )  # fmt: skip
    log = json.loads(render_findings([finding]))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)
