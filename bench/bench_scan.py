"""Safety scanner: opengauge scan vs picklescan, modelscan and ModelAudit, one run.

    .venv/bin/python bench/bench_scan.py [--small] [--no-write] [--no-detection] [--jobs 2]

Speed: generates inputs in a temporary folder (1 GB zip checkpoint, 1 GB legacy
torch pickle, 1 GB plain pickle, a 12.5 MB opcode-heavy pickle, a joblib file,
2000 small files), creates venvs for the peers if absent (/tmp/peer-venv-<name>:
picklescan 1.0.5, modelscan 0.8.8, modelaudit 0.2.54), runs every tool on every
input under /usr/bin/time -v (wall time, peak RSS) and deletes the inputs.

Detection: builds the attacker corpus (tests/evidence/serialization/attacks.py,
bombs included) and runs the same four tools on every sample, one process per
(tool, file), through bench/bench_attacks.py's runners: malicious samples flagged,
benign ones flagged (false positives), time.

Both tables go to the section "## Safety scanner speed" of docs/benchmarks.md.
Nothing generated is ever loaded.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import bench_attacks  # noqa: E402
from tests.evidence.serialization.attacks import build_attack_corpus  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
PEERS = bench_attacks.PEERS
TOOLS = ("opengauge", "picklescan", "modelscan", "modelaudit")
GB = 1 << 30
CHUNK = b"\x00" * (64 << 20)
TIMEOUT = 900


def _zeros(handle: object, size: int) -> None:
    while size > 0:
        part = CHUNK[: min(size, len(CHUNK))]
        handle.write(part)  # type: ignore[attr-defined]
        size -= len(part)


def _torch_state_pickle(count: int, numel: int) -> bytes:
    """data.pkl of a torch state dict: OrderedDict of _rebuild_tensor_v2 over storages."""
    out = [b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01("]
    for i in range(count):
        key = f"layer{i}.weight".encode()
        out.append(b"X" + len(key).to_bytes(4, "little") + key)
        out.append(b"ctorch._utils\n_rebuild_tensor_v2\n(")
        out.append(b"(X\x07\x00\x00\x00storagectorch\nFloatStorage\n")
        sid = str(i).encode()
        out.append(b"X" + len(sid).to_bytes(4, "little") + sid + b"X\x03\x00\x00\x00cpu")
        out.append(b"J" + numel.to_bytes(4, "little") + b"tQ")  # BINPERSID
        out.append(b"K\x00J" + numel.to_bytes(4, "little") + b"\x85K\x01\x85\x89")
        out.append(b"ccollections\nOrderedDict\n)RtR")
    out.append(b"u.")
    return b"".join(out)


def make_inputs(folder: Path, size: int) -> dict[str, Path]:
    """Write the benchmark inputs; returns name -> path."""
    paths: dict[str, Path] = {}
    count = 16
    numel = size // count // 4
    zip_path = folder / "checkpoint_zip.pt"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        archive.writestr("checkpoint/data.pkl", _torch_state_pickle(count, numel))
        archive.writestr("checkpoint/byteorder", "little")
        for i in range(count):
            with archive.open(f"checkpoint/data/{i}", "w", force_zip64=True) as member:
                _zeros(member, numel * 4)
        archive.writestr("checkpoint/version", "3\n")
    paths[f"zip checkpoint ({size >> 20} MB)"] = zip_path
    legacy = folder / "checkpoint_legacy.bin"
    with legacy.open("wb") as handle:
        handle.write(pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2))
        handle.write(pickle.dumps(1001, protocol=2))
        handle.write(pickle.dumps({"protocol_version": 1001, "little_endian": True}, protocol=2))
        handle.write(_torch_state_pickle(count, numel))
        handle.write(pickle.dumps([str(i) for i in range(count)], protocol=2))
        for _ in range(count):
            handle.write((numel).to_bytes(8, "little"))
            _zeros(handle, numel * 4)
    paths[f"legacy torch pickle ({size >> 20} MB)"] = legacy
    plain = folder / "plain.pkl"
    with plain.open("wb") as handle:
        handle.write(b"\x80\x04](")
        for _ in range(count):
            handle.write(b"\x8e" + (size // count).to_bytes(8, "little"))
            _zeros(handle, size // count)
        handle.write(b"e.")
    paths[f"plain pickle of bytes ({size >> 20} MB)"] = plain
    heavy = folder / "opcode_heavy.pkl"
    items = [
        (collections.OrderedDict(a=i, b=str(i)), datetime.timedelta(days=i % 100), i * 1.5, f"s{i}")
        for i in range(215_000)
    ]
    heavy.write_bytes(pickle.dumps(items, protocol=4))
    paths[f"opcode-heavy pickle ({heavy.stat().st_size / 1e6:.1f} MB)"] = heavy
    try:
        import joblib
        import numpy as np

        job = folder / "model.joblib"
        joblib.dump({f"w{i}": np.zeros(1 << 22, np.float32) for i in range(16)}, job)
        paths[f"joblib ({job.stat().st_size >> 20} MB)"] = job
    except ImportError:
        pass
    small = folder / "small"
    small.mkdir()
    for i in range(2000):
        (small / f"f{i}.pkl").write_bytes(pickle.dumps({"i": i, "w": [0.5] * 50}, protocol=4))
    paths["2000 small pickles"] = small
    return paths


ensure_peer = bench_attacks.ensure_peer


def measure(command: list[str]) -> tuple[float | None, int | None, int | None]:
    """(wall seconds, peak RSS in MB, exit code) under /usr/bin/time -v."""
    try:
        done = subprocess.run(
            ["/usr/bin/time", "-v", *command], capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return None, None, None
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    seconds = None
    if wall:
        hours, minutes, secs = wall.groups()
        seconds = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
    return seconds, int(rss.group(1)) // 1024 if rss else None, done.returncode


def write_section(text: str) -> None:
    """Create or replace the '## Safety scanner speed' section of docs/benchmarks.md."""
    doc = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    pattern = re.compile(r"^## Safety scanner speed\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(doc):
        doc = pattern.sub(lambda _: text, doc)
    else:
        doc = doc.rstrip("\n") + "\n\n" + text
    DOC.write_text(doc)


def speed(small: bool) -> list[tuple[str, dict[str, tuple[float | None, int | None, int | None]]]]:
    """Every tool on every speed input under /usr/bin/time -v."""
    size = (64 << 20) if small else GB
    opengauge = shutil.which("opengauge") or str(Path(sys.executable).parent / "opengauge")
    tools = {
        "opengauge": lambda p: [opengauge, "scan", str(p), "--format", "json", "-o", os.devnull],
        "picklescan": lambda p: [str(ensure_peer("picklescan")), "-p", str(p)],
        "modelscan": lambda p: [str(ensure_peer("modelscan")), "-p", str(p)],
        "modelaudit": lambda p: [str(ensure_peer("modelaudit")), "scan", str(p), "--format",
                                 "json", "--no-cache", "--quiet"],
    }  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory(prefix="og-bench-") as tmp:
        started = time.monotonic()
        inputs = make_inputs(Path(tmp), size)
        print(f"inputs written in {time.monotonic() - started:.0f} s", flush=True)
        for label, path in inputs.items():
            results = {}
            for tool, command in tools.items():
                if path.is_file():  # warm the page cache: every tool reads from memory
                    subprocess.run(["cat", str(path)], stdout=subprocess.DEVNULL, check=False)
                results[tool] = measure(command(path))
                print(label, tool, results[tool], flush=True)
            rows.append((label, results))
            if path.is_file() and path.stat().st_size > 100 << 20:
                path.unlink()  # free the disk as soon as the big input is done
    return rows


def detection(jobs: int, timeout: float) -> str:
    """The four tools on the attacker corpus: detections, false positives, time."""
    with tempfile.TemporaryDirectory(prefix="og-bench-attacks-") as tmp:
        samples = build_attack_corpus(Path(tmp) / "corpus", include_bombs=True)
        scratch = Path(tmp) / "scratch"
        scratch.mkdir()
        results = bench_attacks.run_all(samples, list(TOOLS), jobs, timeout, scratch)
    evil = [s for s in samples if s.malicious]
    good = [s for s in samples if not s.malicious]
    lines = [
        f"Detection on the attacker corpus ({len(evil)} malicious, {len(good)} benign samples "
        "incl. bombs; one process per tool and file; `bench/bench_attacks.py` prints the "
        "per-technique table):",
        "",
        "| column | malicious flagged | benign flagged (FP) | timeouts | total s | median s |",
        "|---|---|---|---|---|---|",
    ]
    columns = {"opengauge": ("og>=H", "og>=M"), "picklescan": ("picklescan",),
               "modelscan": ("modelscan",), "modelaudit": ("MA crit", "MA warn")}  # fmt: skip
    for tool, names in columns.items():
        runs = {t: r for (name, t), r in results.items() if name == tool}
        times = sorted(r.seconds for r in runs.values())
        total = sum(times)
        median = times[len(times) // 2] if times else 0.0
        timeouts = sum(r.timeout for r in runs.values())
        for column in names:
            hit = sum(
                bool(runs[s.technique].flags.get(column)) for s in evil if s.technique in runs
            )
            fp = sum(bool(runs[s.technique].flags.get(column)) for s in good if s.technique in runs)
            lines.append(
                f"| {column} | {hit}/{len(evil)} ({100 * hit / max(1, len(evil)):.0f}%) | "
                f"{fp}/{len(good)} | {timeouts} | {total:.0f} | {median:.2f} |"
            )
    return "\n".join(lines) + "\n\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="64 MB instead of 1 GB inputs")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the doc")
    parser.add_argument("--no-detection", action="store_true", help="speed inputs only")
    parser.add_argument("--jobs", type=int, default=2, help="parallel runs for detection")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    args = parser.parse_args()
    table = _table(speed(args.small), args.small)
    if not args.no_detection:
        table += "\n" + detection(args.jobs, args.timeout)
    print(table)
    if not args.no_write:
        write_section(table)
    return 0


def _fmt(value: tuple[float | None, int | None, int | None]) -> str:
    wall, rss, code = value
    if wall is None:
        return f"timeout (>{TIMEOUT} s)"
    return f"{wall:.2f} s / {rss} MB" + (f" (exit {code})" if code not in (0, 1) else "")


def _table(rows: list[tuple[str, dict[str, tuple[float | None, int | None, int | None]]]],
           small: bool) -> str:  # fmt: skip
    lines = [
        "## Safety scanner speed",
        "",
        "`.venv/bin/python bench/bench_scan.py" + (" --small" if small else "") + "`"
        f" ({datetime.date.today().isoformat()}, 2-core shared machine, warm page cache; "
        "wall time / peak RSS from /usr/bin/time -v; picklescan 1.0.5, modelscan 0.8.8, "
        "ModelAudit 0.2.54).",
        "",
        "| input | opengauge scan | picklescan | modelscan | ModelAudit | x picklescan | "
        "x modelscan | x ModelAudit |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, results in rows:
        og = results["opengauge"][0]
        ratios = []
        for peer in ("picklescan", "modelscan", "modelaudit"):
            other = results[peer][0]
            ratios.append(f"{other / og:.1f}x" if og and other else "n/a")
        lines.append(
            f"| {label} | {_fmt(results['opengauge'])} | {_fmt(results['picklescan'])} | "
            f"{_fmt(results['modelscan'])} | {_fmt(results['modelaudit'])} | "
            + " | ".join(ratios)
            + " |"
        )
    lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
