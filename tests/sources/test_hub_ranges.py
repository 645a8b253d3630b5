"""Range cache and range file: exact bytes, each byte fetched at most once, bounded fetches."""

from __future__ import annotations

import io
import itertools
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opengauge.sources.ranges import Intervals, RangeCache, RangeFile
from opengauge.sources.reader import ReaderError


class Remote:
    """A fake remote file: records what was fetched."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.calls: list[tuple[int, int]] = []

    def fetch(self, start: int, end: int) -> bytes:
        assert 0 <= start < end <= len(self.data)
        self.calls.append((start, end))
        return self.data[start:end]

    @property
    def fetched(self) -> int:
        return sum(end - start for start, end in self.calls)


def test_intervals_merge_and_report_gaps() -> None:
    held = Intervals()
    held.add(10, b"abcde")
    held.add(20, b"XY")
    held.add(15, b"12345")  # bridges the two
    assert held.starts == [10] and bytes(held.chunks[0]) == b"abcde12345XY"
    assert held.gaps(0, 30) == [(0, 10), (22, 30)]
    assert held.get(12, 17) == b"cde12"
    held.add(8, b"zzzzzz")  # overlaps: held bytes are kept
    assert held.get(8, 12) == b"zzab"
    with pytest.raises(KeyError):
        held.get(0, 9)


def test_small_files_are_fetched_whole_once() -> None:
    remote = Remote(os.urandom(10_000))
    with RangeFile(RangeCache(10_000, remote.fetch)) as handle:
        assert handle.read(4) == remote.data[:4]
        handle.seek(-10, io.SEEK_END)
        assert handle.read() == remote.data[-10:]
    assert remote.calls == [(0, 10_000)]


def test_sequential_reads_double_the_fetch_and_random_reads_stay_small() -> None:
    size = 64 << 20
    remote = Remote(b"\x01" * size)
    cache = RangeCache(size, remote.fetch, min_fetch=16 << 10, max_fetch=1 << 20)
    pos = 0
    while pos < 3 << 20:  # a parser reading 4 KiB at a time
        assert cache.read(pos, pos + 4096) == b"\x01" * 4096
        pos += 4096
    sizes = [end - start for start, end in remote.calls]
    assert sizes[:4] == [16 << 10, 32 << 10, 64 << 10, 128 << 10]
    assert max(sizes) == 1 << 20 and len(remote.calls) < 12
    remote.calls.clear()
    cache.read(40 << 20, (40 << 20) + 30)  # a zip local header far away
    assert remote.calls == [(40 << 20, (40 << 20) + (16 << 10))]


def test_a_fetch_error_reaches_the_reader_and_nothing_is_kept() -> None:
    def broken(start: int, end: int) -> bytes:
        raise ReaderError("budget reached")

    handle = RangeFile(RangeCache(1 << 30, broken))
    with pytest.raises(ReaderError, match="budget"):
        handle.read(10)
    assert handle.tell() == 0


def test_held_parts_are_not_fetched_again_and_new_ones_are_stored() -> None:
    size = 1 << 20
    remote = Remote(os.urandom(size))
    stored: list[tuple[int, bytes]] = []
    first = RangeCache(size, remote.fetch, store=lambda s, d: stored.append((s, d)))
    first.read(0, 100)
    first.read(size - 100, size)
    calls = list(remote.calls)
    assert [(s, s + len(d)) for s, d in stored] == calls

    again = RangeCache(size, remote.fetch, held=stored)
    assert again.read(0, 100) == remote.data[:100]
    assert again.read(size - 50, size) == remote.data[-50:]
    assert remote.calls == calls  # nothing new


@settings(max_examples=200, deadline=None)
@given(
    size=st.integers(1, 3_000_000),
    reads=st.lists(st.tuples(st.integers(0, 3_100_000), st.integers(0, 70_000)), max_size=30),
)
def test_reads_return_exact_bytes_and_fetch_each_byte_at_most_once(
    size: int, reads: list[tuple[int, int]]
) -> None:
    data = bytes(range(256)) * (size // 256 + 1)
    remote = Remote(data[:size])
    handle = RangeFile(RangeCache(size, remote.fetch))
    for start, count in reads:
        handle.seek(start)
        assert handle.read(count) == remote.data[start : start + count]
    spans = sorted(remote.calls)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # disjoint
    assert remote.fetched <= size


def test_read_ahead_stays_within_the_room_left() -> None:
    remote = Remote(os.urandom(1 << 20))
    room = [100]
    cache = RangeCache(1 << 20, remote.fetch, room=lambda: room[0])
    assert cache.read(0, 10) == remote.data[:10]
    room[0] = 0
    assert cache.read(5000, 5004) == remote.data[5000:5004]
    assert remote.calls == [(0, 100), (5000, 5004)]  # only what was needed once room ran out
    small = Remote(b"x" * 1000)
    assert RangeCache(1000, small.fetch, room=lambda: 50).read(0, 10) == b"x" * 10
    assert small.calls == [(0, 50)]  # not fetched whole: the budget would not allow it
