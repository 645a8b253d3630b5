"""What both SBOM formats read: identity, datasets, limitations, security findings, ids."""

from __future__ import annotations

import dataclasses

import pytest
from tests.report.samples import enriched, example_report

from opengauge.model import (
    AuditReport,
    CardSummary,
    Component,
    ComponentResult,
    ComponentState,
    Confidence,
    Finding,
    Location,
    Severity,
    Status,
    Target,
)
from opengauge.model.components import Reference
from opengauge.report import _sbom

SHA = "0123456789abcdef0123456789abcdef01234567"


def _with_target(report: AuditReport, path: str, name: str, source: str) -> AuditReport:
    return dataclasses.replace(report, target=Target(path, name, source, SHA))


def test_content_id_is_a_uuid5_of_the_canonical_document() -> None:
    first = _sbom.content_id({"a": 1, "b": ["x", "é"]})
    assert first == _sbom.content_id({"b": ["x", "é"], "a": 1}) and first.version == 5
    assert _sbom.content_id({"a": 2, "b": ["x", "é"]}) != first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://arxiv.org/abs/2204.06745}", "https://arxiv.org/abs/2204.06745"),
        ("https://example.org/a).", "https://example.org/a"),
        ("javascript:alert(1)", None),
        ("https://x.org/a b", None),
        ("citation: A Paper", None),
        ("https://", None),
    ],
)
def test_clean_url(text: str, expected: str | None) -> None:
    assert _sbom.clean_url(text) == expected


def test_identity_of_hub_targets() -> None:
    report = example_report("unsafe-pickle")
    who = _sbom.identity(_with_target(report, f"hf://acme/bert@{SHA}", "acme/bert", "hf-hub"))
    assert (who.name, who.version, who.supplier) == ("acme/bert", SHA, "acme")
    assert who.purl == f"pkg:huggingface/acme/bert@{SHA}"
    assert who.download == f"https://huggingface.co/acme/bert/tree/{SHA}"
    assert who.links[0] == _sbom.Link(
        "repository", "https://huggingface.co/acme/bert", "the Hugging Face repository audited"
    )
    cached = "/c/hub/datasets--acme--corpus/snapshots/" + SHA
    data = _sbom.identity(_with_target(report, cached, "acme/corpus", "hf-cache"))
    assert data.hub_url == "https://huggingface.co/datasets/acme/corpus" and data.purl is None


def test_identity_of_local_targets() -> None:
    assert _sbom.identity(example_report("fully-open")).name == "tinygpt-open"  # model-index
    who = _sbom.identity(example_report("unsafe-pickle"))  # the card's title
    assert (who.name, who.version, who.purl, who.download) == ("innocent-bert", None, None, None)
    report = example_report("unsafe-pickle")
    generic = Finding(
        "release.identity",
        Status.PASS,
        Severity.INFO,
        Confidence.HIGH,
        "names",
        facts={"names": ["unsafe-pickle", "Introduction"]},
    )
    plain = dataclasses.replace(
        report,
        findings=(*(f for f in report.findings if f.rule != "release.identity"), generic),
    )
    assert _sbom.identity(plain).name == "unsafe-pickle"  # a generic heading names nothing
    news = dataclasses.replace(
        generic, facts={"names": ["unsafe-pickle", "Latest updates -- SAM 2: Segment"]}
    )
    plain = dataclasses.replace(plain, findings=(*plain.findings[:-1], news))
    assert _sbom.identity(plain).name == "unsafe-pickle"


def _card(metadata: dict[str, object]) -> CardSummary:
    return CardSummary("README.md", "model", metadata, None, (), 0)


def test_datasets_from_card_links_and_results() -> None:
    report = example_report("unsafe-pickle")
    where = Location("README.md", line=3)
    refs = (
        Reference(
            Component.DATASETS,
            "https://huggingface.co/datasets/Org/Set/blob/main/x",
            "dataset repository",
            where,
        ),
        Reference(
            Component.DATASETS,
            "https://arxiv.org/abs/2101.00027",
            "paper of a training dataset",
            where,
        ),
        Reference(
            Component.DATASETS,
            "hf://datasets/org/other",
            "a training configuration names this Hub dataset",
            where,
        ),
        Reference(
            Component.EVALUATION_DATA,
            "https://example.org/dev.json",
            "evaluation data download",
            where,
        ),
    )
    components = (
        ComponentResult(Component.DATASETS, ComponentState.REFERENCED, references=refs[:3]),
        ComponentResult(Component.EVALUATION_DATA, ComponentState.REFERENCED, references=refs[3:]),
    )
    meta = {
        "datasets": ["org/set"],
        "model-index": [{"results": [{"dataset": {"type": "org/other"}, "metrics": []}]}],
    }
    found = _sbom.datasets(dataclasses.replace(report, cards=(_card(meta),), components=components))
    assert [(d.name, d.url, d.trained, d.tested) for d in found] == [
        ("org/set", "https://huggingface.co/datasets/org/set", True, False),
        ("org/other", "https://huggingface.co/datasets/org/other", True, True),
        ("example.org/dev.json", "https://example.org/dev.json", False, True),
    ]
    assert not _sbom.datasets_shipped(dataclasses.replace(report, components=components))


def test_limitations_only_from_a_section_of_the_card() -> None:
    assert _sbom.card_limitations(example_report("openwashed")) == []
    (limit,) = _sbom.card_limitations(example_report("fully-open"))
    assert limit.startswith("Limitations and bias:") and limit.endswith("(README.md:75)")


def test_security_findings_are_failed_safety_findings() -> None:
    report = enriched(example_report("fully-open"))
    rules = {f.rule for f in _sbom.security_findings(report)}
    assert rules == {"safety.pickle_dangerous_import", "safety.remote_code"}
    assert _sbom.security_findings(example_report("openwashed")) == []
    (pickle,) = _sbom.security_findings(example_report("unsafe-pickle"))
    assert pickle.cwe == 502 and _sbom.rule_id(pickle).startswith("safety.pickle")


def test_training_information() -> None:
    text = _sbom.training_information(example_report("fully-open")) or ""
    assert "Training code: in the release: train.py" in text
    assert "Datasets: in the release: " in text
    assert _sbom.training_information(example_report("unsafe-pickle")) is None
