"""Attack corpus detection: opengauge scan vs picklescan, modelscan and ModelAudit.

    .venv/bin/python bench/bench_attacks.py [--no-bombs] [--jobs 2] [--json out.json]

Builds tests/evidence/serialization/attacks.py's corpus in a temporary folder
(nothing in it is ever loaded), creates a venv per peer if absent
(/tmp/peer-venv-<name>), runs every tool on every sample file, one process per
(tool, file), and prints which tool flags which technique, then totals:
malicious detected, benign false positives, wall time.

What "flags" means, per tool:
  opengauge   `opengauge scan FILE --format json`: a finding at high/critical (og>=H);
              separately, at medium or above (og>=M).
  picklescan  `picklescan -p FILE`: exit code 1 (dangerous globals / infected file).
  modelscan   `modelscan -p FILE -r json -o OUT`: any issue in the report.
  ModelAudit  `modelaudit scan FILE --format json --no-cache`: an issue of severity
              "critical" (MA crit); separately, "warning" or above (MA warn).
Cells: X flagged, - not flagged, T timeout, e tool error without a flag.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.evidence.serialization.attacks import (  # noqa: E402
    CLASSES,
    Sample,
    build_attack_corpus,
)

PEERS = {
    "picklescan": "picklescan==1.0.5",
    "modelscan": "modelscan==0.8.8",
    "modelaudit": "modelaudit==0.2.54",
}
COLUMNS = ("og>=H", "og>=M", "picklescan", "modelscan", "MA crit", "MA warn")
TOOLS = ("opengauge", "picklescan", "modelscan", "modelaudit")
MEMORY_LIMIT = 12 << 30
PEER_ENV = {"PROMPTFOO_DISABLE_TELEMETRY": "1", "NO_ANALYTICS": "1", "NO_COLOR": "1"}


@dataclass
class Run:
    """One tool on one file."""

    seconds: float
    timeout: bool = False
    error: str = ""
    flags: dict[str, bool] = field(default_factory=dict)
    note: str = ""


def ensure_peer(name: str) -> Path:
    """The peer's executable, installed in /tmp/peer-venv-<name> if absent."""
    venv = Path(f"/tmp/peer-venv-{name}")
    exe = venv / "bin" / name
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", PEERS[name]], check=True)
    return exe


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(
    command: list[str], timeout: float, extra_env: dict[str, str] | None = None
) -> tuple[float, subprocess.CompletedProcess[str] | None]:
    env = {**os.environ, **PEER_ENV, **(extra_env or {})}
    started = time.monotonic()
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            preexec_fn=_limit,
            errors="replace",
        )
    except subprocess.TimeoutExpired:
        return time.monotonic() - started, None
    return time.monotonic() - started, done


def _json(text: str) -> object:
    start = text.find("{")
    return json.loads(text[start:]) if start >= 0 else None


def run_opengauge(exe: str, path: Path, timeout: float, _: Path) -> Run:
    """``exe`` is the opengauge executable, or ``python -m opengauge`` with PYTHONPATH=DIR
    written as ``DIR::python`` (see --opengauge-src)."""
    source, _sep, python = exe.rpartition("::")
    command = [python, "-m", "opengauge"] if source else [exe]
    env = {"PYTHONPATH": source} if source else {}
    seconds, done = _run([*command, "scan", str(path), "--format", "json"], timeout, env)
    if done is None:
        return Run(seconds, timeout=True)
    try:
        report = _json(done.stdout)
    except json.JSONDecodeError:
        report = None
    if not isinstance(report, dict) or "findings" not in report or done.returncode not in (0, 1):
        return Run(seconds, error=f"exit {done.returncode}: {done.stderr.strip()[-200:]}")
    findings = report["findings"]
    ranks = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
    worst = max((ranks.get(f.get("severity", "info"), 0) for f in findings), default=-1)
    top = max(findings, key=lambda f: ranks.get(f.get("severity", "info"), 0), default=None)
    note = f"{top['severity']}: {top['message'][:90]}" if top else ""
    return Run(seconds, flags={"og>=H": worst >= 3, "og>=M": worst >= 2}, note=note)


def run_picklescan(exe: str, path: Path, timeout: float, _: Path) -> Run:
    seconds, done = _run([exe, "-p", str(path)], timeout)
    if done is None:
        return Run(seconds, timeout=True)
    flagged = done.returncode == 1
    error = done.stdout.strip().splitlines()[0][:120] if done.returncode == 2 else ""
    return Run(seconds, error=error, flags={"picklescan": flagged})


def run_modelscan(exe: str, path: Path, timeout: float, scratch: Path) -> Run:
    out = scratch / f"modelscan-{os.getpid()}-{time.monotonic_ns()}.json"
    seconds, done = _run([exe, "-p", str(path), "-r", "json", "-o", str(out)], timeout)
    if done is None:
        return Run(seconds, timeout=True)
    try:
        report = json.loads(out.read_text())
    except (OSError, json.JSONDecodeError):
        return Run(seconds, error=f"exit {done.returncode}", flags={"modelscan": False})
    finally:
        out.unlink(missing_ok=True)
    issues = report.get("issues", [])
    errors = report.get("errors", [])
    note = issues[0].get("description", "")[:90] if issues else ""
    error = errors[0].get("description", "")[:120] if errors and not issues else ""
    return Run(seconds, error=error, flags={"modelscan": bool(issues)}, note=note)


def run_modelaudit(exe: str, path: Path, timeout: float, _: Path) -> Run:
    command = [exe, "scan", str(path), "--format", "json", "--no-cache", "--quiet"]
    seconds, done = _run(command, timeout)
    if done is None:
        return Run(seconds, timeout=True)
    try:
        report = _json(done.stdout)
    except json.JSONDecodeError:
        report = None
    if not isinstance(report, dict):
        return Run(
            seconds,
            error=f"exit {done.returncode}: {done.stderr.strip()[-120:]}",
            flags={"MA crit": False, "MA warn": False},
        )
    severities = [i.get("severity") for i in report.get("issues", [])]
    crit = [i for i in report.get("issues", []) if i.get("severity") == "critical"]
    note = crit[0].get("message", "")[:90] if crit else ""
    flags = {
        "MA crit": "critical" in severities,
        "MA warn": bool({"critical", "warning"} & set(severities)),
    }
    return Run(seconds, flags=flags, note=note)


def _cell(run: Run, column: str) -> str:
    if run.flags.get(column):
        return "X"
    if run.timeout:
        return "T"
    return "e" if run.error else "-"


def run_all(
    samples: list[Sample],
    tools: list[str],
    jobs: int,
    timeout: float,
    scratch: Path,
    opengauge_src: Path | None = None,
) -> dict[tuple[str, str], Run]:
    opengauge = str(ROOT / ".venv" / "bin" / "opengauge")
    if not Path(opengauge).exists():
        opengauge = shutil.which("opengauge") or "opengauge"
    if opengauge_src is not None:
        opengauge = f"{opengauge_src.resolve()}::{Path(opengauge).parent / 'python'}"
    runners: dict[str, tuple[Callable[[str, Path, float, Path], Run], str]] = {
        "opengauge": (run_opengauge, opengauge),
    }
    for peer, runner in (
        ("picklescan", run_picklescan),
        ("modelscan", run_modelscan),
        ("modelaudit", run_modelaudit),
    ):
        if peer in tools:
            runners[peer] = (runner, str(ensure_peer(peer)))
    tasks = [(tool, s) for s in samples for tool in tools if tool in runners]
    results: dict[tuple[str, str], Run] = {}

    def one(task: tuple[str, Sample]) -> None:
        tool, sample = task
        runner, exe = runners[tool]
        results[(tool, sample.technique)] = runner(exe, sample.path, timeout, scratch)

    done = 0
    with ThreadPoolExecutor(jobs) as pool:
        for _ in pool.map(one, tasks):
            done += 1
            if done % 100 == 0:
                print(f"  {done}/{len(tasks)} runs", file=sys.stderr, flush=True)
    return results


def _merged(results: dict[tuple[str, str], Run], technique: str) -> dict[str, Run]:
    """Column -> the run that decides it."""
    out = {}
    for tool, columns in (
        ("opengauge", ("og>=H", "og>=M")),
        ("picklescan", ("picklescan",)),
        ("modelscan", ("modelscan",)),
        ("modelaudit", ("MA crit", "MA warn")),
    ):
        run = results.get((tool, technique))
        if run is not None:
            for column in columns:
                out[column] = run
    return out


def report(samples: list[Sample], results: dict[tuple[str, str], Run]) -> str:
    columns = [c for c in COLUMNS if any(c in _merged(results, s.technique) for s in samples)]
    lines = [
        "| technique | class | label | expect | " + " | ".join(columns) + " |",
        "|---|---|---|---|" + "---|" * len(columns),
    ]
    for s in samples:
        merged = _merged(results, s.technique)
        label = "mal" if s.malicious else "benign"
        cells = [_cell(merged[c], c) if c in merged else "n/a" for c in columns]
        lines.append(
            f"| {s.technique} | {s.klass} | {label} | {s.expect} | " + " | ".join(cells) + " |"
        )
    lines += ["", "Detected per class (malicious flagged / malicious):", ""]
    lines.append("| class | n | " + " | ".join(columns) + " |")
    lines.append("|---|---|" + "---|" * len(columns))
    for klass in CLASSES:
        group = [s for s in samples if s.klass == klass and s.malicious]
        if not group:
            continue
        counts = [
            sum(bool(_merged(results, s.technique).get(c, Run(0)).flags.get(c)) for s in group)
            for c in columns
        ]
        lines.append(f"| {klass} | {len(group)} | " + " | ".join(map(str, counts)) + " |")
    lines += ["", "Totals:", ""]
    lines.append("| column | malicious detected | benign flagged (FP) | timeouts | errors |")
    lines.append("|---|---|---|---|---|")
    evil = [s for s in samples if s.malicious]
    good = [s for s in samples if not s.malicious]
    for c in columns:
        runs = [(s, _merged(results, s.technique).get(c)) for s in samples]
        hit = sum(bool(r and r.flags.get(c)) for s, r in runs if s.malicious)
        fp = sum(bool(r and r.flags.get(c)) for s, r in runs if not s.malicious)
        touts = sum(bool(r and r.timeout) for _, r in runs)
        errors = sum(bool(r and r.error and not r.flags.get(c)) for _, r in runs)
        lines.append(
            f"| {c} | {hit}/{len(evil)} ({100 * hit / max(1, len(evil)):.0f}%) | "
            f"{fp}/{len(good)} | {touts} | {errors} |"
        )
    lines += ["", "Wall time per tool (sum over files, one process per file):", ""]
    lines.append("| tool | total s | median s | slowest file |")
    lines.append("|---|---|---|---|")
    for tool in TOOLS:
        times = [(r.seconds, t) for (name, t), r in results.items() if name == tool]
        if not times:
            continue
        times.sort()
        total, median, (worst, name) = (
            sum(t for t, _ in times),
            times[len(times) // 2][0],
            times[-1],
        )
        lines.append(f"| {tool} | {total:.1f} | {median:.2f} | {name} ({worst:.1f} s) |")
    lines += [
        "",
        "opengauge (>= medium) misses that a peer flags (picklescan, modelscan, "
        "ModelAudit critical):",
        "",
    ]
    for s in evil:
        merged = _merged(results, s.technique)
        if merged.get("og>=M") and merged["og>=M"].flags.get("og>=M"):
            continue
        peers = [
            c
            for c in ("picklescan", "modelscan", "MA crit")
            if merged.get(c) and merged[c].flags.get(c)
        ]
        if peers:
            lines.append(f"- {s.technique} (class {s.klass}): {', '.join(peers)}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-bombs", action="store_true", help="skip the robustness bombs")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--only", default="", help="techniques starting with this prefix")
    parser.add_argument("--json", type=Path, help="also write raw results here")
    parser.add_argument(
        "--opengauge-src",
        type=Path,
        help="run opengauge from this src/ folder (e.g. a `git archive HEAD src` "
        "snapshot) instead of the installed one",
    )
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    with tempfile.TemporaryDirectory(prefix="og-attacks-") as tmp:
        started = time.monotonic()
        samples = build_attack_corpus(Path(tmp) / "corpus", include_bombs=not args.no_bombs)
        samples = [s for s in samples if s.technique.startswith(args.only)]
        built = time.monotonic() - started
        print(f"{len(samples)} samples built in {built:.1f} s", file=sys.stderr, flush=True)
        scratch = Path(tmp) / "scratch"
        scratch.mkdir()
        started = time.monotonic()
        results = run_all(samples, tools, args.jobs, args.timeout, scratch, args.opengauge_src)
        elapsed = time.monotonic() - started
    print(report(samples, results))
    counts = collections.Counter(s.malicious for s in samples)
    print(
        f"{counts[True]} malicious, {counts[False]} benign samples; corpus built in "
        f"{built:.1f} s; all runs {elapsed:.0f} s wall with {args.jobs} jobs"
    )
    if args.json:
        rows = [
            {
                "technique": s.technique,
                "class": s.klass,
                "malicious": s.malicious,
                "expect": s.expect,
                "description": s.description,
                "runs": {
                    tool: vars(results[(tool, s.technique)])
                    for tool in tools
                    if (tool, s.technique) in results
                },
            }
            for s in samples
        ]
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
