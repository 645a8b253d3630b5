"""Render the HTML report of an example and screenshot it with headless Chromium.

Usage: python bench/screenshot_html.py [EXAMPLE] [--plain] [--out DIR]
  EXAMPLE  fully-open (default), openwashed or unsafe-pickle
  --plain  the real audit only (default adds licences, safety findings and verdicts,
           as tests/report/samples.py does, so every section shows)
Needs the Debian `chromium` package; writes DIR/EXAMPLE.html and DIR/EXAMPLE.png.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.report.samples import enriched, example_report  # noqa: E402

from opengauge.report import render  # noqa: E402


def chromium() -> str | None:
    """The headless browser binary, if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 2000) -> None:
    """Screenshot ``html`` with no network and a throw-away profile."""
    browser = chromium()
    if browser is None:
        raise SystemExit("chromium not found: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={width},{height}",
                "--hide-scrollbars",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("example", nargs="?", default="fully-open")
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "opengauge-html"))
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args()
    report = example_report(args.example)
    if not args.plain:
        report = enriched(report)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    html = out / f"{args.example}.html"
    html.write_text(render(report, "html"), encoding="utf-8")
    png = out / f"{args.example}.png"
    screenshot(html, png, height=args.height)
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
