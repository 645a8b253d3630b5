"""Render the HTML report of an example, screenshot it at 1280 and 390 px, and measure it.

Usage: python bench/screenshot_html.py [EXAMPLE ...] [--plain] [--out DIR]
  EXAMPLE  fully-open (default), openwashed, unsafe-pickle, or a report folder to audit
  --plain  the real audit only (default adds licences, safety findings and verdicts,
           as tests/report/samples.py does, so every section shows)
Needs the Debian `chromium` package and Python playwright (the test extra). Writes
DIR/NAME.html and DIR/NAME-{1280,390}.png; prints, per width, the page's scroll width
(over the viewport width = horizontal overflow), whether the summary fits above the fold,
the title, and what the summary says.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest_browser import DESKTOP, PHONE, launch_chromium, open_page  # noqa: E402
from tests.report.samples import EXAMPLE_NAMES, FIXED_TIME, enriched, example_report  # noqa: E402

import opengauge  # noqa: E402
from opengauge.report import render  # noqa: E402

MEASURE = """() => {
  const box = document.querySelector('#summary').getBoundingClientRect();
  return {
    scrollWidth: document.documentElement.scrollWidth,
    summaryBottom: Math.round(box.bottom),
    title: document.title,
    summary: document.querySelector('#summary').innerText.replace(/\\s+/g, ' ').slice(0, 240),
  };
}"""


def measure(html: Path, out: Path) -> list[dict[str, object]]:
    """Screenshot ``html`` at both widths; what the browser saw at each."""
    rows: list[dict[str, object]] = []
    with launch_chromium() as browser:
        for viewport in (DESKTOP, PHONE):
            with open_page(browser, viewport=viewport) as page:
                page.goto(html.resolve().as_uri())
                seen = page.evaluate(MEASURE)
                page.screenshot(path=str(out / f"{html.stem}-{viewport['width']}.png"))
                seen["width"] = viewport["width"]
                seen["overflow"] = seen["scrollWidth"] > viewport["width"]
                seen["summaryVisible"] = seen["summaryBottom"] <= viewport["height"]
                rows.append(seen)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", default=["fully-open"])
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "opengauge-html"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for example in args.examples:
        if example in EXAMPLE_NAMES:
            report = example_report(example)
            name = example
        else:
            report = opengauge.audit(example, generated_at=FIXED_TIME)
            name = Path(example).resolve().name
        if not args.plain:
            report = enriched(report)
        html = out / f"{name}.html"
        html.write_text(render(report, "html"), encoding="utf-8")
        for row in measure(html, out):
            print(json.dumps({"page": name, **row}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
