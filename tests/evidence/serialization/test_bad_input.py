"""Hostile and broken inputs: findings or skips with reasons; never a crash, hang or growth."""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from pathlib import Path

import pytest
from tests.helpers import file_reader

from opengauge.evidence.serialization import pickle_stream
from opengauge.evidence.serialization.pickle_walk import Walker, run, walk
from opengauge.evidence.serialization.scan import FileScan, scan_file
from opengauge.evidence.serialization.sources import FileRange


def _scan(tmp_path: Path, name: str, data: bytes) -> FileScan:
    path = tmp_path / name
    path.write_bytes(data)
    return scan_file(file_reader(path), name, len(data))


def _kinds(scan: FileScan) -> set[str]:
    return {a.kind for a in scan.anomalies}


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, ("echo x",)


EVIL = pickle.dumps(_Evil(), protocol=4)
# An allowed import first, so the precise walker (not the data-only fast pass) reads the rest.
IMPORT = b"\x80\x02ccollections\nOrderedDict\n0"


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (EVIL[:-3], "truncated"),
        (IMPORT + b"(K\x01K\x02.", "MARK"),  # MARK never closed: a note, not a crash
        (IMPORT + b"h\x09.", "memo index 9"),
        (IMPORT + b"j\xff\xff\xff\x7f.", "memo index"),
        (IMPORT + b"g12\n.", "memo index 12"),
        (IMPORT + b"R.", "stack"),
        (IMPORT + b"\xf0.", "unknown opcode"),
        (b"\x80\x04\x80\x09.", "protocol"),
        (b"\x80\x02c" + b"a" * 70_000 + b"\nb\n.", "64 KiB"),
    ],
)
def test_broken_streams(tmp_path: Path, data: bytes, word: str) -> None:
    scan = _scan(tmp_path, "x.pkl", data)
    messages = " ".join([a.message for a in scan.anomalies] + [s.reason for s in scan.skipped])
    assert word in messages, messages


def test_ten_million_opcodes_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """10^7 cheap opcodes after an import: the walk ends at the opcode cap with a finding."""
    path = tmp_path / "many.pkl"
    with path.open("wb") as handle:
        handle.write(b"\x80\x02cos\nsystem\n")
        chunk = b"N0" * 500_000
        for _ in range(10):
            handle.write(chunk)
        handle.write(b".")
    monkeypatch.setattr(pickle_stream, "MAX_OPCODES", 2_000_000)
    scan = scan_file(file_reader(path), "many.pkl", path.stat().st_size)
    assert "pickle-limit" in _kinds(scan)
    assert any(i.module == "os" for i in scan.imports)


def test_ten_million_data_opcodes_fast(tmp_path: Path) -> None:
    """Plain data opcodes go through the fast pass: no finding, quick."""
    path = tmp_path / "data.pkl"
    path.write_bytes(b"\x80\x02" + b"N0" * 5_000_000 + b"N.")
    scan = scan_file(file_reader(path), "data.pkl", path.stat().st_size)
    assert scan.anomalies == [] and scan.pickles == 1


def test_memo_overflow_is_a_limit_not_an_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("opengauge.evidence.serialization.pickle_ops.MAX_MEMO", 10)
    body = b"".join(b"K\x01\x94" for _ in range(25))  # 25 memoized ints
    late = b"\x8c\x0bcollections\x94"  # index 25: past both limits? no: names are kept
    stream = b"\x80\x04" + body + late + b"h\x18\x8c\x07Counter\x93)R."  # GET 24: an int
    handle = io.BytesIO(stream)
    result = walk(lambda: FileRange(handle, 0, len(stream)))
    assert not any("<unresolved>" in m for m, _, _ in result.imports)
    assert any(note.startswith("limit:") for note in result.notes)
    named = b"\x80\x04" + body + late + b"h\x19\x8c\x07Counter\x93)R."  # GET 25: the name
    handle = io.BytesIO(named)
    result = walk(lambda: FileRange(handle, 0, len(named)))
    assert ("collections", "Counter", "STACK_GLOBAL") in result.imports


def test_deeply_nested_archives(tmp_path: Path) -> None:
    data = EVIL
    for i in range(8):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"level{i}.zip" if i else "data.pkl", data)
        data = out.getvalue()
    scan = _scan(tmp_path, "deep.zip", data)
    assert "archive-too-deep" in _kinds(scan)


def test_zip_bomb_ratio(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a/data.pkl", b"\x80\x02" + b"(" * (300 << 20))  # 300 MiB of MARKs
    scan = _scan(tmp_path, "bomb.pt", out.getvalue())
    assert {"pickle-limit", "pickle-error", "archive-bomb"} & _kinds(scan)


def test_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from opengauge.evidence.serialization import zipread

    monkeypatch.setattr(zipread, "MAX_MEMBERS", 50)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(120):
            archive.writestr(f"m/{i}", b"")
    scan = _scan(tmp_path, "many.zip", out.getvalue())
    assert "archive-too-many-members" in _kinds(scan)


def test_path_traversal_member(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../etc/evil.pkl", pickle.dumps([1]))
    scan = _scan(tmp_path, "t.zip", out.getvalue())
    assert "archive-path-traversal" in _kinds(scan)


def test_zero_byte_file(tmp_path: Path) -> None:
    scan = _scan(tmp_path, "empty.pt", b"")
    assert scan.skipped == [] and scan.anomalies == []  # nothing to run in an empty file


def test_sparse_10_gb_bin(tmp_path: Path) -> None:
    """A 10 GB sparse file of zeros: read in bounded time, reported, not loaded."""
    path = tmp_path / "huge.bin"
    with path.open("wb") as handle:
        handle.truncate(10 << 30)
    scan = scan_file(file_reader(path), "huge.bin", 10 << 30)
    assert scan.anomalies or scan.skipped


def test_walker_time_budget() -> None:
    stream = b"\x80\x02cos\nsystem\n" + b"N0" * 200_000 + b"."
    handle = io.BytesIO(stream)
    walker = Walker(FileRange(handle, 0, len(stream)), budget_seconds=-1)
    result = run(walker)
    assert result.limit and "time budget" in (result.error or "")
