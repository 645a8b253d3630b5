"""Shared view helpers: the model's name, whether the release is unsafe, serious findings."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from tests.report.samples import enriched, example_report

from opengauge.model import (
    AuditReport,
    CardSummary,
    Confidence,
    Finding,
    FrameworkResult,
    Outcome,
    Severity,
    Status,
    Suppression,
)
from opengauge.report import _view


def _card(path: str, sections: tuple[str, ...], **metadata: Any) -> CardSummary:
    return CardSummary(path, "model", metadata, None, sections, 0)


def _named(*cards: CardSummary, source: str = "local", name: str = "folder") -> AuditReport:
    """fully-open renamed, with ``cards`` and without its release.identity finding."""
    base = example_report("fully-open")
    target = dataclasses.replace(base.target, source=source, name=name)
    findings = tuple(f for f in base.findings if f.rule != "release.identity")
    return dataclasses.replace(base, cards=cards, target=target, findings=findings)


def test_model_name_from_release_identity() -> None:
    report = example_report("openwashed")
    identity = next(f for f in report.findings if f.rule == "release.identity")
    assert identity.facts["names"] == ["openwashed", "Acme-8B-Open"]
    assert _view.model_name(report) == "Acme-8B-Open"
    tagline = dataclasses.replace(
        identity, facts={"names": ["openwashed", "Building the next generation of bilingual LLMs"]}
    )
    others = tuple(f for f in report.findings if f is not identity)
    assert _view.model_name(dataclasses.replace(report, findings=(*others, tagline))) == (
        "openwashed"
    )


@pytest.mark.parametrize(
    ("cards", "expected"),
    [
        ((_card("README.md", ("Acme-7B", "Usage")),), "Acme-7B"),
        ((_card("README.md", ("Model Card for Acme-7B-Instruct",)),), "Acme-7B-Instruct"),
        ((_card("README.md", ("Acme",), **{"model-index": [{"name": "acme-7b"}]}),), "acme-7b"),
        ((_card("README.md", ("Model details", "Usage")),), "folder"),
        ((_card("README.md", ("Model Card: Bark",)),), "Bark"),
        ((_card("README.md", ("\N{DOG FACE} Bark",)),), "Bark"),
        ((_card("README.md", ("Alpaca Model Card",)),), "Alpaca"),
        ((_card("README.md", ("OpenLLaMA: An Open Reproduction of LLaMA",)),), "OpenLLaMA"),
        ((_card("README.md", ("Introduction to Granite Code Models",)),), "Granite Code Models"),
        ((_card("README.md", ("\u76ee\u5f55", "Update")),), "folder"),  # "contents"
        ((_card("README.md", ("Table of Contents",)),), "folder"),
        ((_card("README.md", ("Building the next generation of open bilingual LLMs",)),), "folder"),
        ((_card("docs/README.md", ("Not the release",)),), "folder"),
        ((), "folder"),
    ],
)
def test_model_name_from_the_card(cards: tuple[CardSummary, ...], expected: str) -> None:
    """Without release.identity (an audit that did not run it), from the cards."""
    assert _view.model_name(_named(*cards)) == expected


def test_model_name_of_a_hub_release_is_its_id() -> None:
    report = _named(_card("README.md", ("Acme-7B",)), source="hf-hub", name="acme/Acme-7B-v2")
    assert _view.model_name(report) == "acme/Acme-7B-v2"


def _safety(outcome: Outcome, worst: str | None) -> FrameworkResult:
    fields = {"worst_severity": worst, "counts": {}}
    return FrameworkResult(
        framework="safety",
        title="Safety",
        verdict="x",
        outcome=outcome,
        details={"verdict_fields": fields},
    )


def test_unsafe_follows_the_safety_framework() -> None:
    report = example_report("unsafe-pickle")
    assert _view.unsafe(report) is Severity.CRITICAL
    assert _view.unsafe(example_report("fully-open")) is None
    others = tuple(f for f in report.frameworks if f.framework != "safety")
    passed = dataclasses.replace(report, frameworks=(*others, _safety(Outcome.PASS, "medium")))
    assert _view.unsafe(passed) is None  # below the framework's threshold
    unsure = dataclasses.replace(report, frameworks=(*others, _safety(Outcome.FAIL, None)))
    assert _view.unsafe(unsure) is Severity.CRITICAL  # from the findings when not said


def test_unsafe_without_a_safety_framework_reads_the_findings() -> None:
    report = enriched(example_report("fully-open"))  # no safety framework, a critical finding
    assert _view.framework(report, "safety") is None
    assert _view.unsafe(report) is Severity.CRITICAL
    reviewed = dataclasses.replace(
        report, suppressed=(Suppression("safety.*", "reviewed", matched=2),)
    )
    assert _view.unsafe(reviewed) is None
    assert _view.safety_problems(reviewed)[0].rule == "safety.pickle_dangerous_import"


def test_serious_lists_high_and_worse_of_every_rule() -> None:
    report = example_report("openwashed")
    low = Finding("docs.x", Status.FAIL, Severity.LOW, Confidence.HIGH, "minor")
    report = dataclasses.replace(report, findings=(*report.findings, low))
    assert [f.rule for f in _view.serious(report)] == ["openwashing.claims_hold"]
    assert low in _view.serious(report, Severity.LOW)
