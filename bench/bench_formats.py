"""Generation time of every report format for a typical report.

Usage: python bench/bench_formats.py [--repeat N]
The report is the fully-open example (23 files, 17 components, all frameworks), audited
once; each format is then rendered N times (after one warm-up that pays imports) and the
median is printed in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.report.samples import example_report  # noqa: E402

from opengauge.report import FORMATS, renderer  # noqa: E402
from opengauge.report.badge import render_endpoint, render_svg  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--example", default="fully-open")
    args = parser.parse_args()
    report = example_report(args.example)
    jobs = {name: renderer(name) for name in sorted(FORMATS)}
    jobs["badge-svg"], jobs["badge-endpoint"] = render_svg, render_endpoint
    print(f"{'format':16} {'first ms':>9} {'median ms':>10} {'bytes':>9}")
    for name, render in jobs.items():
        start = time.perf_counter()
        text = render(report)
        first = (time.perf_counter() - start) * 1000
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            render(report)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:16} {first:9.1f} {statistics.median(times):10.2f} {len(text):9,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
