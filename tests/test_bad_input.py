"""Hostile folders: the audit completes and says what it could not read, and why."""

from __future__ import annotations

import os
import struct
import tracemalloc
from pathlib import Path

import opengauge
from opengauge.model import AuditReport, Status

YAML_BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
# bomb
"""


def _hostile(root: Path) -> None:
    with open(root / "huge.safetensors", "wb") as handle:  # 10 GB sparse
        handle.truncate(10 * 1024**3)
    (root / "loop").symlink_to(root / "loop")
    (root / "up").symlink_to(root)
    (root / "etc").symlink_to("/etc")
    with open(os.fsencode(root) + b"/na\xefve.txt", "wb") as handle:
        handle.write(b"bytes")
    (root / "truncated.safetensors").write_bytes(struct.pack("<Q", 500) + b'{"a":')
    (root / "liar.safetensors").write_bytes(struct.pack("<Q", 2**63) + b"{}")
    (root / "README.md").write_text(YAML_BOMB)
    sub = root / "docs"
    sub.mkdir()
    (sub / "README.md").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 100)
    (root / "empty.bin").write_bytes(b"")
    (root / "config.json").write_text("[" * 100_000)


def _reasons(report: AuditReport) -> dict[str, str]:
    return {s.path: s.reason for s in report.skipped}


def test_hostile_folder_completes_with_reasons(tmp_path: Path) -> None:
    _hostile(tmp_path)
    tracemalloc.start()
    report = opengauge.audit(tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 64 * 1024**2, f"peak traced memory {peak / 1e6:.1f} MB"

    reasons = _reasons(report)
    assert "symlink loop" in reasons["loop"] or "broken" in reasons["loop"]
    assert "already visited" in reasons["up"]
    assert "outside the target" in reasons["etc"]
    assert "UTF-8" in reasons["na\\xefve.txt"]
    assert "nested too deeply" in reasons["config.json"] or "malformed" in reasons["config.json"]
    assert "docs/README.md" in reasons

    paths = {f.path for f in report.files}
    assert {"huge.safetensors", "empty.bin", "na\\xefve.txt"} <= paths

    weights = {w.path: w for w in report.weights}
    bad = {
        f.locations[0].path
        for f in report.findings
        if f.rule == "weights.header_valid" and f.status is Status.FAIL
    }
    flagged = bad | set(reasons)
    for name in ("truncated.safetensors", "liar.safetensors", "huge.safetensors"):
        assert name in flagged, name
    huge = weights.get("huge.safetensors")
    assert huge is None or not huge.parameter_count

    (card,) = [c for c in report.cards if c.path == "README.md"]
    assert card.metadata == {}
    assert card.metadata_error and "bomb" in card.metadata_error.lower()

    skipped_finding = [f for f in report.findings if f.rule == "evidence.complete"]
    assert skipped_finding and skipped_finding[0].status is Status.FAIL


def test_sparse_weights_not_hashed_by_default(tmp_path: Path) -> None:
    with open(tmp_path / "model.safetensors", "wb") as handle:
        handle.truncate(10 * 1024**3)
    report = opengauge.audit(tmp_path)
    assert report.files[0].size == 10 * 1024**3
    assert report.files[0].sha256 is None
