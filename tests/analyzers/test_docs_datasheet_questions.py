"""Which Datasheets for Datasets questions a dataset card answers, with the line."""

from __future__ import annotations

from tests.conftest import EXAMPLES

import opengauge
from opengauge.analyzers.context import Context
from opengauge.analyzers.docs_datasheet_questions import ANALYZER
from opengauge.docs.check import check_card
from opengauge.docs.questions import answers, questions
from opengauge.evidence.cards import parse_card
from opengauge.model import Evidence, Status

SHEET = """# Datasheet

## Motivation
The dataset was created to benchmark code models. It was curated by the ACME lab.

## Composition
Each instance is a Python function with its docstring; there are 12,000 examples.
There are no labels. Train and test splits are provided. No personal data is included.

## Collection process
We crawled public GitHub repositories in 2023.
"""


def _card(text: str = SHEET):  # type: ignore[no-untyped-def]
    return parse_card(text, "DATASHEET.md", "dataset")


def test_questions_table_covers_the_seven_sections() -> None:
    sections = {q.section for q in questions()}
    assert sections == {
        "motivation",
        "composition",
        "collection",
        "preprocessing",
        "uses",
        "distribution",
        "maintenance",
    }
    assert len(questions()) >= 20


def test_answers_quote_the_line_in_the_right_section() -> None:
    card = _card()
    found = {a.question.id: a for a in answers(card, check_card(card))}
    assert found["purpose"].location is not None and found["purpose"].location.line == 4
    assert found["purpose"].in_section
    assert found["count"].location is not None and found["count"].location.line == 7
    assert found["splits"].location is not None and found["splits"].location.line == 8
    assert found["timeframe"].location is not None and found["timeframe"].location.line == 11
    assert found["funding"].location is None
    # "No personal data" (under Composition) settles consent: found outside its section
    consent = found["consent"]
    assert consent.location is not None and consent.location.line == 8
    assert not consent.in_section
    assert found["licence"].location is None


def test_one_finding_per_section_with_open_questions() -> None:
    findings = list(ANALYZER.run(Context.build(Evidence(root="/x", cards=(_card(),)))))
    assert len(findings) == 7
    by = {f.facts["section"]: f for f in findings}
    assert by["motivation"].status is Status.FAIL
    assert "Who funded" in by["motivation"].message
    assert by["motivation"].facts["answered"]["purpose"] == "line 4"
    assert by["distribution"].facts["unanswered"] == ["how_distributed", "licence"]


def test_no_dataset_card_is_not_applicable() -> None:
    (finding,) = ANALYZER.run(Context.build(Evidence(root="/x")))
    assert finding.status is Status.NOT_APPLICABLE


def test_fully_open_example_answers_every_question() -> None:
    report = opengauge.audit(EXAMPLES / "fully-open")
    mine = [f for f in report.findings if f.rule == "docs.datasheet_questions"]
    assert len(mine) == 7 and all(f.status is Status.PASS for f in mine), [
        f.message for f in mine if f.status is not Status.PASS
    ]
