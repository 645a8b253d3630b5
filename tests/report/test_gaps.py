"""Documentation gaps: each once, with the rules that restate it."""

from __future__ import annotations

import dataclasses

from tests.report.samples import example_report

from opengauge.model import Confidence, Finding, Location, Severity, Status
from opengauge.report._gaps import card_scores, documentation_gaps


def _gap(rule: str, message: str, **facts: object) -> Finding:
    return Finding(
        rule,
        Status.FAIL,
        Severity.MEDIUM,
        Confidence.HIGH,
        message,
        (Location("README.md"),),
        facts=dict(facts),
    )


def test_each_gap_once_on_a_real_example() -> None:
    report = example_report("openwashed")
    gaps = documentation_gaps(report)
    shown = [g.finding for g in gaps]
    assert not any(f.rule == "docs.card_score" for f in shown)
    assert len({(f.rule, f.message) for f in shown}) == len(shown)
    restated = [f for g in gaps for f in g.restated_by]
    assert {f.rule for f in restated} == {"docs.disclosure"}
    topics = {f.facts["topic"] for f in restated}
    assert topics == {
        "contact_maintenance",
        "environmental_impact",
        "known_biases",
        "limitations",
        "out_of_scope_use",
        "disaggregated_results",
    }
    assert len(shown) + len(restated) + 1 == len(
        [f for f in report.findings if f.rule.startswith("docs.") and f.status is Status.FAIL]
    )


def test_disclosure_topic_without_a_missing_section_stays() -> None:
    base = example_report("fully-open")
    topic = _gap("docs.disclosure", "Limitations: not discussed", topic="limitations")
    section = _gap("docs.model_card_sections", "Contact is missing", item="contact")
    report = dataclasses.replace(base, findings=(topic, section))
    assert [g.finding for g in documentation_gaps(report)] == [topic, section]
    both = _gap("docs.model_card_sections", "Bias is missing", item="bias_risks_limitations")
    report = dataclasses.replace(base, findings=(topic, section, both))
    gaps = documentation_gaps(report)
    assert [g.finding for g in gaps] == [section, both]
    assert next(g for g in gaps if g.finding is both).restated_by == (topic,)


def test_exact_repeats_are_dropped_and_scores_become_lines() -> None:
    base = example_report("fully-open")
    twice = _gap("docs.hardware", "no hardware")
    score = _gap("docs.card_score", "README.md scores 40/100; not documented: A, B")
    scored = dataclasses.replace(score, facts={"card": "README.md", "score": 40.0, "kind": "model"})
    report = dataclasses.replace(base, findings=(twice, twice, scored))
    assert [g.finding for g in documentation_gaps(report)] == [twice]
    assert card_scores(report) == ["README.md: 40/100 as a model card"]
    assert card_scores(dataclasses.replace(base, findings=(score,))) == ["README.md scores 40/100"]


def test_unanswered_questions_join_the_missing_section_of_their_card() -> None:
    base = example_report("fully-open")
    section = _gap(
        "docs.data_card_sections",
        "Uses is missing in data/README.md",
        card="data/README.md",
        item="uses",
    )
    unanswered = _gap(
        "docs.datasheet_questions",
        "data/README.md Uses: answers 0 of 2",
        card="data/README.md",
        section="uses",
        answered={},
    )
    partly = _gap(
        "docs.datasheet_questions",
        "data/README.md Uses: answers 1 of 2",
        card="data/README.md",
        section="uses",
        answered={"used_for": "line 4"},
    )
    elsewhere = _gap(
        "docs.datasheet_questions",
        "DATA.md Uses: answers 0 of 2",
        card="DATA.md",
        section="uses",
        answered={},
    )
    report = dataclasses.replace(base, findings=(section, unanswered, partly, elsewhere))
    gaps = documentation_gaps(report)
    assert [g.finding for g in gaps] == [section, partly, elsewhere]
    assert gaps[0].restated_by == (unanswered,)
