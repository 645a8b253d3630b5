"""Canonical JSON loads back into an equal report: render(load(render(r))) == render(r)."""

from __future__ import annotations

import dataclasses

import pytest
from tests.report.samples import EXAMPLE_NAMES, enriched, example_report, hostile

from opengauge.model import Suppression
from opengauge.report.json_format import load_report, render
from opengauge.report.json_load import ReportFormatError


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_round_trip(name: str) -> None:
    for report in (example_report(name), enriched(example_report(name))):
        text = render(report)
        loaded = load_report(text)
        assert render(loaded) == text
        assert loaded.components == report.components


def test_round_trip_hostile_and_suppressed() -> None:
    report = dataclasses.replace(
        hostile(example_report("openwashed")),
        suppressed=(Suppression(rule="docs.*", reason="tracked", path="README.md", matched=3),),
    )
    assert render(load_report(render(report))) == render(report)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "[]",
        '{"schema_version": "9.0"}',
        '{"schema_version": "1.0"}',
        '{"schema_version": "1.0", "files": 3}',
        "[" * 100_000,
    ],
)
def test_malformed_is_a_format_error(text: str) -> None:
    with pytest.raises(ReportFormatError):
        load_report(text)
