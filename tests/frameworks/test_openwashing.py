"""Openwashing: claims held against evidence; honest claims produce no finding."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES
from tests.frameworks.releases import PASS, write

import opengauge
from opengauge.analyzers.context import Context
from opengauge.analyzers.openwashing_claims import ANALYZER, claims
from opengauge.model import (
    AuditReport,
    Card,
    Evidence,
    FileEntry,
    FrameworkResult,
    LicenseCategory,
    LicenseMatch,
    Severity,
    Status,
)


def _framework(report: AuditReport) -> FrameworkResult:
    return next(f for f in report.frameworks if f.framework == "openwashing")


def test_openwashed_example_is_detected_with_each_piece_of_evidence() -> None:
    report = opengauge.audit(EXAMPLES / "openwashed")
    result = _framework(report)
    assert result.details["verdict_fields"]["detected"] is True
    assert result.details["verdict_fields"]["severity"] == "high"
    finding = next(
        f
        for f in report.findings
        if f.rule == "openwashing.claims_hold" and f.facts["claim"] == "open-source"
    )
    assert finding.severity is Severity.HIGH
    gaps = " ".join(finding.facts["gaps"])
    assert "restricted-aup" in gaps and "Llama 3.1" in gaps
    assert "no training data information" in gaps and "no training code" in gaps
    assert {loc.path for loc in finding.locations} >= {"README.md"}
    weights = next(
        f
        for f in report.findings
        if f.rule == "openwashing.claims_hold" and f.facts["claim"] == "open-weights"
    )
    assert weights.severity is Severity.MEDIUM  # open weights with restricted terms: lower


def test_honest_release_produces_no_openwashing(tmp_path: Path) -> None:
    files = PASS["OLMo"]()
    files["README.md"] = str(files["README.md"]).replace(
        "is a language model released", "is a fully open-source language model released"
    )
    report = opengauge.audit(write(tmp_path / "olmo", files))
    assert _framework(report).details["verdict_fields"]["detected"] is False
    finding = next(f for f in report.findings if f.rule == "openwashing.claims_hold")
    assert finding.status is Status.PASS


def test_no_claim_no_finding() -> None:
    result = _framework(opengauge.audit(EXAMPLES / "fully-open"))
    assert result.details["verdict_fields"]["detected"] is False
    assert result.summary == "the release makes no openness claim"


def _card(body: str, **meta: object) -> Card:
    return Card(path="README.md", kind="model", metadata=dict(meta), body=body)


def test_claim_extraction_rules() -> None:
    evidence = Evidence(
        root="/x",
        cards=(
            _card(
                "We release an open-source model.\n"
                "It is not open source.\n"
                "Built with open-source libraries.\n"
                "[![x](https://img.shields.io/badge/license-Open_Source-green)](x)\n"
                "Open weights for all.\n",
                tags=["open-source", "llm"],
            ),
        ),
    )
    found = [(c.kind, c.location.line) for c in claims(evidence)]
    assert ("open-source", 1) in found  # tag
    assert ("open-source", 1) in found and ("open-weights", 5) in found
    assert ("open-source", 4) in found  # badge
    assert all(line not in (2, 3) for _, line in found)


def test_open_weights_claim_with_restricted_licence_is_medium() -> None:
    lic = LicenseMatch(
        path="LICENSE",
        start_line=1,
        end_line=9,
        id="LicenseRef-x",
        name="X",
        category=LicenseCategory.RESTRICTED_AUP,
        confidence=0.9,
        method="exact",
        component="weights",
    )
    evidence = Evidence(
        root="/x",
        files=(
            FileEntry("model.safetensors", 8, kind="weights"),
            FileEntry("README.md", 8, kind="doc"),
        ),
        cards=(_card("Open weights, free for all.\n", license="other"),),
        licenses=(lic,),
    )
    (finding,) = ANALYZER.run(Context.build(evidence))
    assert finding.status is Status.FAIL and finding.severity is Severity.MEDIUM
