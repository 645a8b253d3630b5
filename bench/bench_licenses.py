"""Time opengauge's licence engine against ScanCode Toolkit on the licence corpus, in one run.

    /tmp/ogvenv/bin/python bench/bench_licenses.py [--write]

Creates /tmp/scancode-venv with scancode-toolkit 32.5.0 if it is absent. Both tools
run as fresh processes over the same files (start-up and index loading included);
ScanCode with ``--license --processes 1``, opengauge with ``identify`` on each file.
Accuracy is judged with the same hand-written expectations as the tests.
``--write`` replaces the section "## Licence engine speed" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from licenses_accuracy import replace_section  # noqa: E402

from licenses import corpus_eval as ce  # noqa: E402
from opengauge.licenses import category_of  # noqa: E402

VENV = Path("/tmp/scancode-venv")
SCANCODE = VENV / "bin" / "scancode"
HEADING = "## Licence engine speed"
OPENGAUGE_RUN = (
    "import sys, pathlib, json\n"
    "from opengauge.licenses import identify\n"
    "out = {}\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
    "    ms = identify(p.read_bytes().decode('utf-8', 'replace'), p.name)\n"
    "    out[p.name] = [m.id for m in ms]\n"
    "print(json.dumps(out))\n"
)


FIRST_USE = (
    "import time\n"
    "t0 = time.perf_counter()\n"
    "from opengauge.licenses import reference\n"
    "t1 = time.perf_counter()\n"
    "reference.default_index()\n"
    "print(f'{t1 - t0:.4f} {time.perf_counter() - t1:.4f}')\n"
)


def first_use(runs: int = 5) -> tuple[float, float]:
    """Median (import, index load) seconds over ``runs`` fresh processes."""
    imports, loads = [], []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", FIRST_USE], capture_output=True, text=True, check=True
        )
        first, second = done.stdout.split()
        imports.append(float(first))
        loads.append(float(second))
    return statistics.median(imports), statistics.median(loads)


def hash_cost() -> tuple[float, float]:
    """Nanoseconds per shingle: opengauge's CRC-32 windows vs salted ``hash()`` of tuples."""
    from opengauge.licenses.normalize import shingles, tokenize

    words = [tokenize(ce.read(name)).words for name in sorted(ce.EXPECTED)]
    count = sum(max(0, len(w) - 4) for w in words)

    def salted(tokens: tuple[str, ...]) -> list[int]:
        windows = zip(*(tokens[k:] for k in range(5)), strict=False)
        return [hash(window) for window in windows]

    results = []
    for function in (shingles, salted):
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for tokens in words:
                function(tokens)
            best = min(best, time.perf_counter() - start)
        results.append(best / max(1, count) * 1e9)
    return results[0], results[1]


def ensure_scancode() -> str | None:
    """Install ScanCode in its own venv if needed; the error text when that fails."""
    if SCANCODE.exists():
        return None
    steps = (
        [sys.executable, "-m", "venv", str(VENV)],
        # pluggy 1.6+ breaks plugincode 32.0 ("did not find any 'pre_scan' hooks"): pin it.
        [str(VENV / "bin" / "pip"), "install", "-q", "scancode-toolkit==32.5.0", "pluggy<1.6"],
    )
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return (done.stderr or done.stdout).strip()[-2000:]
    return None


def corpus_copy(folder: Path) -> Path:
    """The labelled files (no LABELS/README) in a scratch folder."""
    target = folder / "corpus"
    target.mkdir()
    for name in ce.EXPECTED:
        shutil.copy(ce.CORPUS / name, target / name)
    return target


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def scancode_answers(report: Path) -> dict[str, str | None]:
    """First-detected SPDX expression per file (None: nothing detected)."""
    data = json.loads(report.read_text("utf-8"))
    answers: dict[str, str | None] = {}
    for entry in data.get("files", []):
        if entry.get("type") != "file":
            continue
        name = Path(entry["path"]).name
        expression = entry.get("detected_license_expression_spdx") or None
        answers[name] = expression
    return answers


def judge(answers: dict[str, str | None]) -> tuple[int, int, int]:
    """(category right, id right or abstained, wrong ids) for ScanCode's answers."""
    cat = ok = wrong = 0
    for name, (ids, category) in ce.EXPECTED.items():
        got = answers.get(name)
        got_category = category_of(got).value if got else "unknown"
        cat += got_category == category
        if got is None or got in ids:
            ok += 1
        else:
            wrong += 1
    return cat, ok, wrong


def main() -> int:
    """Run both tools, print (and optionally write) the comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    error = ensure_scancode()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = corpus_copy(Path(scratch))
        og_time, og = timed([sys.executable, "-c", OPENGAUGE_RUN, str(corpus)])
        if og.returncode != 0:
            print(og.stderr, file=sys.stderr)
            return 1
        outcomes = ce.evaluate()
        og_cat = sum(o.category_ok for o in outcomes)
        og_ok = sum(o.id_ok for o in outcomes)
        lines = [
            HEADING,
            "",
            "Command: `/tmp/ogvenv/bin/python bench/bench_licenses.py --write` "
            f"({len(ce.EXPECTED)} corpus files, fresh processes, start-up included, "
            "1 process each).",
            "",
        ]
        imported, loaded = first_use()
        crc, salted = hash_cost()
        lines.append(
            f"- opengauge first use (median of 5 fresh processes): import {imported:.3f} s, "
            f"reference index loaded in {loaded:.3f} s; shingle hashing {crc:.0f} ns a "
            f"window (CRC-32, stable) vs {salted:.0f} ns for the salted built-in hash."
        )
        lines.append(
            f"- opengauge: {og_time:.2f} s; category right {og_cat}/{len(outcomes)}, "
            f"identifier right or abstained {og_ok}/{len(outcomes)}, wrong identifiers "
            f"{len(outcomes) - og_ok}."
        )
        if error:
            lines.append(
                f"- ScanCode Toolkit 32.5.0: not run, installation failed: `{error[-300:]}`"
            )
        else:
            report = Path(scratch) / "scancode.json"
            sc_time, sc = timed(
                [
                    str(SCANCODE),
                    "--license",
                    "--processes",
                    "1",
                    "--quiet",
                    "--json",
                    str(report),
                    str(corpus),
                ]
            )
            if sc.returncode != 0 or not report.exists():
                lines.append(
                    f"- ScanCode Toolkit 32.5.0 failed: `{(sc.stderr or sc.stdout)[-300:]}`"
                )
            else:
                cat, ok, wrong = judge(scancode_answers(report))
                n = len(ce.EXPECTED)
                lines.append(
                    f"- ScanCode Toolkit 32.5.0: {sc_time:.2f} s; category right {cat}/{n}, "
                    f"identifier right or abstained {ok}/{n}, wrong identifiers {wrong}."
                )
                lines.append(f"- Speed-up: opengauge is {sc_time / og_time:.1f}x faster.")
        body = "\n".join(lines) + "\n"
    print(body)
    if args.write:
        doc = ROOT / "docs" / "benchmarks.md"
        current = doc.read_text("utf-8") if doc.exists() else "# Benchmarks\n"
        doc.write_text(replace_section(current, HEADING, body), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
