"""AuditReport's typed verdict accessors."""

from __future__ import annotations

import dataclasses

from tests.report.samples import example_report

from opengauge.model import AuditReport, FrameworkResult


def test_each_accessor_returns_its_framework_result() -> None:
    report = example_report("fully-open")
    by_id = {result.framework: result for result in report.frameworks}
    assert report.safety is by_id["safety"]
    assert report.mof is by_id["mof"]
    assert report.osaid is by_id["osaid"]
    assert report.index is by_id["osai"]
    assert report.openwashing is by_id["openwashing"]
    assert report.framework("mof") is by_id["mof"]
    assert isinstance(report.mof, FrameworkResult) and report.mof.level is not None


def test_accessors_are_none_when_the_framework_did_not_run() -> None:
    report = example_report("fully-open")
    only_safety = tuple(r for r in report.frameworks if r.framework == "safety")
    narrowed = dataclasses.replace(report, frameworks=only_safety)
    assert narrowed.safety is not None
    assert (narrowed.mof, narrowed.osaid, narrowed.index, narrowed.openwashing) == (None,) * 4
    assert narrowed.framework("no-such-framework") is None


def test_accessors_are_not_serialized() -> None:
    names = {f.name for f in dataclasses.fields(AuditReport)}
    assert not names & {"safety", "mof", "osaid", "index", "openwashing", "framework"}
