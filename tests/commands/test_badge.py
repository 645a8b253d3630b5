"""``opengauge badge``: SVG and shields.io endpoint JSON."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.report.samples import EXAMPLES

from opengauge.cli import main


def test_badge_files(tmp_path: Path) -> None:
    svg, endpoint = tmp_path / "b.svg", tmp_path / "e.json"
    assert (
        main(
            [
                "badge",
                str(EXAMPLES / "openwashed"),
                "--output",
                str(svg),
                "--endpoint",
                str(endpoint),
            ]
        )
        == 0
    )
    root = ET.fromstring(svg.read_text())  # well-formed XML
    assert root.tag.endswith("svg")
    data = json.loads(endpoint.read_text())
    assert data["schemaVersion"] == 1 and data["label"] == "opengauge"
    assert data["message"].startswith("MOF ") and "OSAID" in data["message"]
    assert data["color"]


def test_badge_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["badge", str(EXAMPLES / "fully-open")]) == 0
    assert capsys.readouterr().out.startswith("<svg")


def test_not_rated() -> None:
    import dataclasses

    from tests.report.samples import example_report

    from opengauge.report.badge import endpoint

    report = dataclasses.replace(example_report("openwashed"), frameworks=())
    data = endpoint(report)
    assert data["message"] == "MOF not rated · OSAID not rated" and data["color"] == "lightgrey"
