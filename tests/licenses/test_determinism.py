"""Identification gives the same bytes in every process, whatever the hash seed.

Python salts ``hash()`` of strings per process (PYTHONHASHSEED); nothing the engine
outputs may depend on it: not the shingle hashes, not set or dict order.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("0", "1", "2", "random")

CORPUS_RUN = """
import dataclasses, json, sys
sys.path.insert(0, "tests")
from licenses import corpus_eval as ce
from opengauge.licenses import identify
out = {}
for name in sorted(ce.EXPECTED):
    out[name] = [dataclasses.asdict(m) for m in identify(ce.read(name), name)]
print(json.dumps(out, sort_keys=True, default=str))
"""


def _run(command: list[str], seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout


def test_corpus_identification_is_the_same_under_every_hash_seed() -> None:
    outputs = {seed: _run([sys.executable, "-c", CORPUS_RUN], seed) for seed in SEEDS}
    assert len(outputs["0"]) > 1000
    assert len(set(outputs.values())) == 1, {s: len(o) for s, o in outputs.items()}


def test_licenses_command_json_is_the_same_under_every_hash_seed() -> None:
    command = [
        sys.executable,
        "-m",
        "opengauge",
        "licenses",
        "--format",
        "json",
        str(ROOT / "examples" / "fully-open"),
    ]
    outputs = {seed: _run(command, seed) for seed in SEEDS}
    assert b'"licenses"' in outputs["0"]
    assert len(set(outputs.values())) == 1
