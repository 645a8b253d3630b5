"""The terminal summary: every section, colours only when asked, hostile text inert."""

from __future__ import annotations

import dataclasses

from tests.report.samples import enriched, example_report, hostile

from opengauge.model import Finding, Skipped, Status, Suppression
from opengauge.report.terminal import raise_steps, render, verdict_table


def test_every_section_of_the_openwashed_example() -> None:
    report = example_report("openwashed")
    text = render(report)
    for heading in (
        "Verdicts",
        "What would raise it",
        "to reach MOF Class III",
        "to pass the OSI Open Source AI Definition",
        "Components (Model Openness Framework)",
        "Weights (headers only",
        "Licences",
        "Documentation",
        "Findings:",
    ):
        assert heading in text, heading
    assert "Llama 3.1 Community License" in text or "llama-3.1" in text
    assert "\x1b[" not in text
    assert "\x1b[" in render(report, color=True)


def test_model_line_and_card_title() -> None:
    text = render(example_report("fully-open"))
    assert "opengauge audit of fully-open — tinygpt-open" in text
    assert "TinyGPTForCausalLM (tinygpt)" in text and "1,152 parameters" in text


def test_suppressions_skips_and_long_lists() -> None:
    report = enriched(example_report("unsafe-pickle"))
    many = tuple(
        dataclasses.replace(
            report.findings[0],
            message=f"problem {i}",
            status=Status.FAIL,
            rule="safety.pickle_imports",
        )
        for i in range(45)
    )
    skipped = tuple(Skipped(f"f{i}", "symlink loop") for i in range(25))
    report = dataclasses.replace(
        report,
        findings=report.findings + many,
        skipped=skipped,
        suppressed=(
            Suppression("safety.*", "reviewed on 2026-11-01", source="opengauge.toml", matched=3),
        ),
    )
    text = render(report, width=200)
    assert "(suppressed: reviewed on 2026-11-01)" in text
    assert "Suppressions: 1 (policy)" in text and "[3 finding(s), opengauge.toml]" in text
    assert "more (use --format json for all)" in text
    assert "Skipped: 25 item(s) not read" in text and "... 5 more" in text


def test_hostile_text_cannot_inject_markup() -> None:
    report = hostile(example_report("openwashed"))
    marked = "[bold red]pwned[/bold red]"
    report = dataclasses.replace(report, skipped=(*report.skipped, Skipped(marked, marked)))
    text = render(report, width=400)
    assert marked in text  # rich markup in a file name is printed, not interpreted
    assert "<script>" in text  # shown as text: a terminal has no HTML to inject into


def test_raise_steps_are_capped_and_verdicts_listed() -> None:
    report = example_report("openwashed")
    steps = dict(raise_steps(report, limit=2))
    mof = steps["to reach MOF Class III"]
    assert len(mof) == 3 and mof[-1].startswith("... and ")
    assert verdict_table(report).row_count == len(report.frameworks)


def test_error_findings_are_listed() -> None:
    report = example_report("fully-open")
    broken = Finding(
        "docs.x",
        Status.ERROR,
        report.findings[0].severity,
        report.findings[0].confidence,
        "analyzer failed: ValueError: x",
    )
    text = render(dataclasses.replace(report, findings=(*report.findings, broken)))
    assert "analyzer failed: ValueError: x" in text
