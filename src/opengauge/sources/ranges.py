"""A seekable file over byte ranges fetched on demand: the parsers read remote files unchanged.

:class:`RangeCache` keeps the ranges of one file fetched so far and decides what to fetch on
a miss: a small file whole, otherwise at least ``min_fetch`` bytes, doubling while reads go
on sequentially (a pickle walk, GGUF metadata) up to ``max_fetch``; read-ahead never goes
past ``room`` (what the byte budget still allows), so the budget stops only needed reads.
:class:`RangeFile` is the ``io.RawIOBase`` the readers get; every byte it returns came
through ``fetch``.
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Callable, Iterable

Fetch = Callable[[int, int], bytes]  # (start, end) -> exactly end - start bytes, or raises
Store = Callable[[int, bytes], None]

WHOLE_FILE = 256 << 10
MIN_FETCH = 16 << 10
MAX_FETCH = 8 << 20


class Intervals:
    """Disjoint byte ranges of one file, kept sorted and merged when they touch."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.chunks: list[bytearray] = []

    def __len__(self) -> int:
        return sum(len(c) for c in self.chunks)

    def gaps(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of ``[start, end)`` not held, in order."""
        out: list[tuple[int, int]] = []
        pos = start
        index = max(0, bisect.bisect_right(self.starts, start) - 1)
        while pos < end and index < len(self.starts):
            first, last = self.starts[index], self.starts[index] + len(self.chunks[index])
            if last <= pos:
                index += 1
                continue
            if first > pos:
                out.append((pos, min(first, end)))
            pos = max(pos, last)
            index += 1
        if pos < end:
            out.append((pos, end))
        return out

    def next_start(self, pos: int) -> int | None:
        """Where the next held range after ``pos`` begins."""
        index = bisect.bisect_right(self.starts, pos)
        return self.starts[index] if index < len(self.starts) else None

    def add(self, start: int, data: bytes) -> None:
        """Hold ``data`` at ``start``; bytes already held are kept as they are."""
        for first, last in self.gaps(start, start + len(data)):
            self._insert(first, data[first - start : last - start])

    def _insert(self, start: int, data: bytes) -> None:
        index = bisect.bisect_left(self.starts, start)
        if index > 0 and self.starts[index - 1] + len(self.chunks[index - 1]) == start:
            index -= 1
            self.chunks[index] += data
        else:
            self.starts.insert(index, start)
            self.chunks.insert(index, bytearray(data))
        end = self.starts[index] + len(self.chunks[index])
        if index + 1 < len(self.starts) and self.starts[index + 1] == end:
            self.chunks[index] += self.chunks.pop(index + 1)
            self.starts.pop(index + 1)

    def get(self, start: int, end: int) -> bytes:
        """``[start, end)``, which must be held."""
        index = bisect.bisect_right(self.starts, start) - 1
        if index < 0 or self.starts[index] + len(self.chunks[index]) < end:
            raise KeyError((start, end))
        first = self.starts[index]
        return bytes(self.chunks[index][start - first : end - first])


class RangeCache:
    """The fetched ranges of one file of ``size`` bytes and the policy for fetching more."""

    def __init__(
        self,
        size: int,
        fetch: Fetch,
        *,
        held: Iterable[tuple[int, bytes]] = (),
        store: Store | None = None,
        room: Callable[[], int] | None = None,
        whole_file: int = WHOLE_FILE,
        min_fetch: int = MIN_FETCH,
        max_fetch: int = MAX_FETCH,
    ) -> None:
        self.size = size
        self.fetch = fetch
        self.store = store
        self.room = room
        self.whole_file = whole_file
        self.min_fetch = min_fetch
        self.max_fetch = max_fetch
        self.held = Intervals()
        for start, data in held:
            if start >= 0 and start + len(data) <= size:
                self.held.add(start, data)
        self._last_end = -1
        self._ahead = min_fetch

    def read(self, start: int, end: int) -> bytes:
        """Bytes ``[start, end)`` of the file (clipped to its size), fetching what is missing."""
        end = min(end, self.size)
        if start >= end:
            return b""
        for first, last in self.held.gaps(start, end):
            self._fill(first, last)
        return self.held.get(start, end)

    def _fill(self, start: int, end: int) -> None:
        room = self.room() if self.room is not None else self.size
        if self.size <= min(self.whole_file, room):
            begin, stop = 0, self.size
        else:
            sequential = start == self._last_end
            self._ahead = min(self.max_fetch, self._ahead * 2) if sequential else self.min_fetch
            begin, stop = start, min(self.size, max(end, start + self._ahead))
            following = self.held.next_start(start)
            if following is not None and following >= end:
                stop = min(stop, following)  # do not fetch again what is held
            stop = max(end, min(stop, start + room))  # read ahead only within the budget
        for first, last in self.held.gaps(begin, stop):
            data = self.fetch(first, last)
            self.held.add(first, data)
            if self.store is not None:
                self.store(first, data)
        self._last_end = stop


class RangeFile(io.RawIOBase):
    """A read-only, seekable file whose bytes come from a :class:`RangeCache`.

    ``readinto`` fills the whole buffer (up to the end of the file), so ``read(n)``
    returns ``n`` bytes unless the file ends, as a local file does.
    """

    def __init__(self, cache: RangeCache) -> None:
        super().__init__()
        self.cache = cache
        self.pos = 0

    def readable(self) -> bool:
        """Always."""
        return True

    def seekable(self) -> bool:
        """Always."""
        return True

    def tell(self) -> int:
        """The current position."""
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move like a local file (past the end is allowed, reads there return nothing)."""
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.cache.size}[whence]
        if base + offset < 0:
            raise OSError("negative seek position")
        self.pos = base + offset
        return self.pos

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` from the current position."""
        data = self.cache.read(self.pos, self.pos + len(buffer))
        memoryview(buffer).cast("B")[: len(data)] = data
        self.pos += len(data)
        return len(data)
