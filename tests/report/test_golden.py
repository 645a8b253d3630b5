"""Golden files: every format of every bundled example, byte for byte.

Regenerate after an intended change:  UPDATE_GOLDEN=1 python -m pytest tests/report
(then review the diff of tests/report/golden/ like any other code change).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from tests.report.samples import EXAMPLE_NAMES, ROOT, example_report

from opengauge.model import AuditReport
from opengauge.report import render
from opengauge.report.badge import render_endpoint, render_svg

GOLDEN = ROOT / "tests/report/golden"


def _format(name: str) -> Callable[[AuditReport], str]:
    return lambda report: render(report, name)


OUTPUTS: dict[str, Callable[[AuditReport], str]] = {
    "md": _format("markdown"),
    "html": _format("html"),
    "cdx.json": _format("cyclonedx"),
    "spdx3.json": _format("spdx3"),
    "badge.svg": render_svg,
    "badge.json": render_endpoint,
}


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def report(request: pytest.FixtureRequest) -> AuditReport:
    return example_report(request.param)


@pytest.mark.parametrize("suffix", sorted(OUTPUTS))
def test_golden(report: AuditReport, suffix: str) -> None:
    text = OUTPUTS[suffix](report)
    path = GOLDEN / f"{report.target.path.rsplit('/', 1)[-1]}.{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"missing {path.name}: run UPDATE_GOLDEN=1 pytest tests/report"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} changed: review, then UPDATE_GOLDEN=1 pytest tests/report"
    )
