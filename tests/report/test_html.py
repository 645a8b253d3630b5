"""HTML: the view context and (when chromium is installed) a real headless render."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.report.samples import enriched, example_report

from opengauge.report.html import context, render


def test_ladder_and_osai_row() -> None:
    view = context(enriched(example_report("fully-open")))
    assert [r["roman"] for r in view["ladder"]] == ["III", "II", "I"]
    assert sum(len(r["items"]) for r in view["ladder"]) == 17
    assert len(view["osai"]["cells"]) == 12
    page = render(enriched(example_report("fully-open")))
    assert page.startswith("<!DOCTYPE html>") and "Class III" in page


def test_without_frameworks() -> None:
    import dataclasses

    report = dataclasses.replace(example_report("openwashed"), frameworks=())
    page = render(report)
    assert "No framework verdicts" in page and "were not evaluated" in page


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_chromium_renders(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from screenshot_html import screenshot  # type: ignore[import-not-found]

    page = tmp_path / "r.html"
    page.write_text(render(enriched(example_report("unsafe-pickle"))), encoding="utf-8")
    png = tmp_path / "r.png"
    screenshot(page, png, height=800)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
