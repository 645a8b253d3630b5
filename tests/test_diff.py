"""diff(old, new): verdict direction, findings matched without line numbers, licences."""

from __future__ import annotations

import dataclasses

from tests.report.samples import enriched, example_report

from opengauge.diff import diff, finding_key, render_text
from opengauge.model import FrameworkResult, Location


def test_same_report_has_no_change() -> None:
    report = enriched(example_report("fully-open"))
    result = diff(report, report)
    assert not result.changed and "no change" in render_text(result)


def test_changes() -> None:
    old = example_report("openwashed")
    new = enriched(example_report("fully-open"))
    result = diff(old, new)
    assert result.changed
    assert result.components and all(c.old != c.new for c in result.components)
    assert result.new_findings or result.resolved_findings
    assert "LicenseRef-llama-3.1 (weights)" in result.licences_added or result.licences_added
    text = render_text(result)
    assert "components:" in text
    assert result.to_dict()["changed"] is True


def test_mof_direction() -> None:
    base = example_report("fully-open")

    def with_level(level: int) -> object:
        fw = FrameworkResult(framework="mof", title="MOF", verdict=f"c{level}", level=level)
        return dataclasses.replace(base, frameworks=(fw,))

    up = diff(with_level(3), with_level(1))  # type: ignore[arg-type]
    assert up.verdicts[0].direction == "up"
    down = diff(with_level(2), with_level(0))  # type: ignore[arg-type]
    assert down.verdicts[0].direction == "down"


def test_line_numbers_do_not_matter() -> None:
    finding = enriched(example_report("fully-open")).findings[-1]
    moved = dataclasses.replace(
        finding,
        message=finding.message + " at README.md:12",
        locations=(Location(path=finding.path or "", line=99),),
    )
    again = dataclasses.replace(moved, message=finding.message + " at README.md:40")
    assert finding_key(moved) == finding_key(again)
