"""Badge rendering: openness, and safety first when the release is unsafe."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from tests.report.samples import enriched, example_report

from opengauge.model import FrameworkResult, Outcome
from opengauge.report.badge import colour, endpoint, message, render_svg


def test_unsafe_release_says_unsafe_in_red() -> None:
    report = example_report("unsafe-pickle")
    assert message(report).startswith("unsafe: critical · MOF ")
    assert colour(report) == "red"
    svg = render_svg(report)
    assert ET.fromstring(svg).tag.endswith("svg")
    assert "unsafe: critical" in svg and "#e05d44" in svg
    # a critical finding outranks an open release
    assert message(enriched(example_report("fully-open"))).startswith("unsafe: critical")


def test_safe_release_shows_openness() -> None:
    report = example_report("fully-open")
    assert endpoint(report) == {
        "schemaVersion": 1,
        "label": "opengauge",
        "message": "MOF Class I · OSAID passes",
        "color": "brightgreen",
    }
    assert not message(example_report("openwashed")).startswith("unsafe")


def test_unfinished_safety_scan_is_never_green() -> None:
    report = example_report("fully-open")
    others = tuple(f for f in report.frameworks if f.framework != "safety")
    unsure = FrameworkResult("safety", "Safety", "not checked", outcome=Outcome.INCONCLUSIVE)
    report = dataclasses.replace(report, frameworks=(*others, unsure))
    assert message(report) == "safety unchecked · MOF Class I · OSAID passes"
    assert colour(report) == "yellow"
