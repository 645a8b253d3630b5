"""The fast pass: big benign streams are spared the precise walk, and nothing slips by.

Streams of at least PRECISE_BELOW bytes that hold only data and allow-listed, plainly
written imports are accepted by one regular-expression pass; anything else must fall
back to the precise walker and be found exactly as before.
"""

from __future__ import annotations

import collections
import datetime
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import file_reader

from opengauge.analyzers.safety_judge import judge
from opengauge.evidence.serialization import pickle_fast
from opengauge.evidence.serialization.pickle_walk import PRECISE_BELOW, Walker, run
from opengauge.evidence.serialization.scan import FileScan, scan_file


class Evil:
    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, ("echo pwned",))


def _big_items(count: int = 140_000) -> list[Any]:
    return [
        (collections.OrderedDict(a=i, b=str(i)), datetime.timedelta(days=i % 90), f"s{i}")
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def big_items() -> list[Any]:
    return _big_items()


@pytest.fixture(scope="module")
def big_benign(big_items: list[Any]) -> bytes:
    data = pickle.dumps(big_items, protocol=4)
    assert len(data) >= PRECISE_BELOW
    return data


def _scan(tmp_path: Path, data: bytes) -> FileScan:
    path = tmp_path / "model.pkl"
    path.write_bytes(data)
    return scan_file(file_reader(path), "model.pkl", len(data))


def _dangerous(scan: FileScan) -> list[str]:
    return [f"{i.module}.{i.name}" for i in scan.imports if judge(i).severity is not None]


def test_big_benign_stream_takes_the_fast_pass(big_benign: bytes, tmp_path: Path) -> None:
    walker = Walker(_Source(big_benign))
    assert pickle_fast.data_only(walker) is True
    names = {(h.module, h.name, h.opcode) for h in walker.result.imports.values()}
    assert names == {
        ("collections", "OrderedDict", "STACK_GLOBAL"),
        ("datetime", "timedelta", "STACK_GLOBAL"),
    }
    scan = _scan(tmp_path, big_benign)
    assert _dangerous(scan) == [] and scan.pickles == 1


def test_fast_and_precise_agree_on_imports(big_benign: bytes) -> None:
    fast = Walker(_Source(big_benign))
    assert pickle_fast.data_only(fast)
    precise = run(Walker(_Source(big_benign)))
    key = {(h.module, h.name, h.opcode, h.offset) for h in fast.result.imports.values()}
    assert key == {(h.module, h.name, h.opcode, h.offset) for h in precise.imports.values()}


def test_late_malicious_import_falls_back_and_is_found(
    big_items: list[Any], tmp_path: Path
) -> None:
    data = pickle.dumps([*big_items, Evil()], protocol=4)
    scan = _scan(tmp_path, data)
    assert any(name.endswith("system") for name in _dangerous(scan))
    hit = next(i for i in scan.imports if i.name == "system")
    assert hit.call is not None and "echo pwned" in hit.call


def test_memo_fed_stack_global_after_a_big_benign_pickle(big_benign: bytes, tmp_path: Path) -> None:
    second = b"\x80\x04\x8c\x02os\x94\x8c\x06system\x94h\x00h\x01\x93\x94\x8c\x04id -u\x94\x85R."
    scan = _scan(tmp_path, big_benign + second)
    assert "os.system" in _dangerous(scan)


def test_build_on_imported_class_is_left_to_the_precise_walker(
    big_benign: bytes, tmp_path: Path
) -> None:
    second = b"\x80\x02ccollections\nOrderedDict\n}X\x06\x00\x00\x00updateccodecs\nencode\nsb."
    walker = Walker(_Source(big_benign + second))
    assert pickle_fast.data_only(walker) is False
    scan = _scan(tmp_path, big_benign + second)
    assert any(i.opcode == "BUILD" for i in scan.imports)


def test_small_streams_always_get_the_precise_walk(tmp_path: Path) -> None:
    # unclosed MARK: structurally broken, only the precise walker can tell
    scan = _scan(tmp_path, b"\x80\x02ccollections\nOrderedDict\n0(K\x01K\x02.")
    assert scan.anomalies


class _Source:
    """A ByteSource over bytes, as the scanner's readers provide."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def read(self, count: int) -> bytes:
        chunk = self.data[self.pos : self.pos + count]
        self.pos += len(chunk)
        return chunk

    def skip(self, count: int) -> int:
        step = min(count, len(self.data) - self.pos)
        self.pos += step
        return step
