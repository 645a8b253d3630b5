"""Hostile input is normal input: any folder of arbitrary bytes audits without raising.

Files get names that route them to every reader (licences, cards, weights, pickles,
configs, code); their bytes are arbitrary or mutated from real headers. The JSON report
must validate against the shipped schema every time.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import FIXED_TIME, validate_report_json

import opengauge
from opengauge.report import render

NAMES = [
    "LICENSE",
    "README.md",
    "model.safetensors",
    "pytorch_model.bin",
    "weights.pkl",
    "config.json",
    "train.py",
    "model.gguf",
    "model.onnx",
    "data/README.md",
    "USE_POLICY.md",
    "x.npy",
    "bundle.zip",
    "model.keras",
    "DATASHEET.md",
]
SEEDS = [
    b"",
    b"---\nlicense: mit\n---\n# m\n",
    struct.pack("<Q", 20) + b'{"a":{"dtype":"F32"',
    b"\x80\x04\x95",
    b"PK\x03\x04",
    b"GGUF\x03\x00\x00\x00",
    b"\x93NUMPY\x01\x00",
    b"cos\nsystem\n(S'x'\ntR.",
    b"Apache License\nVersion 2.0",
    b'{"architectures": [',
]

files = st.dictionaries(
    st.sampled_from(NAMES),
    st.tuples(st.sampled_from(SEEDS), st.binary(max_size=300)).map(lambda t: t[0] + t[1]),
    max_size=6,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(contents=files)
def test_any_folder_audits_and_validates(
    contents: dict[str, bytes], report_schema: dict[str, Any]
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="og-prop-"))
    try:
        for name, data in contents.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        report = opengauge.audit(folder, generated_at=FIXED_TIME)
        validate_report_json(render(report, "json"), report_schema)
        assert {r.framework for r in report.frameworks} == {
            "mof",
            "osaid",
            "osai",
            "openwashing",
            "safety",
        }
        assert all(r.verdict != "error" for r in report.frameworks)
    finally:
        shutil.rmtree(folder)
