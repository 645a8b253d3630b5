"""Byte sources the pickle walker reads from: a file range, or a decompressing stream.

``skip`` moves forward without handing bytes to the caller: a seek for files,
decompress-and-discard for compressed members (bounded by the member's budget).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import BinaryIO, Protocol


class ByteSource(Protocol):
    """What the pickle walker needs: sequential reads and forward skips."""

    def read(self, count: int) -> bytes:
        """Up to ``count`` bytes; fewer only at the end."""
        ...

    def skip(self, count: int) -> int:
        """Skip up to ``count`` bytes; returns how many were skipped."""
        ...


class FileRange:
    """Bytes ``start`` .. ``end`` of an open file; skip is a seek."""

    def __init__(self, handle: BinaryIO, start: int, end: int) -> None:
        self.handle = handle
        self.pos = start
        self.end = end

    def read(self, count: int) -> bytes:
        """Up to ``count`` bytes of the range."""
        count = max(0, min(count, self.end - self.pos))
        if not count:
            return b""
        self.handle.seek(self.pos)
        data = self.handle.read(count)
        self.pos += len(data)
        return data

    def skip(self, count: int) -> int:
        """Seek forward within the range."""
        count = max(0, min(count, self.end - self.pos))
        self.pos += count
        return count


class BudgetExceeded(Exception):
    """A decompressing source produced more than its budget (zip bomb guard)."""


class Inflate:
    """Raw-deflate (or other ``decompressor``) stream over a file range, with an output budget."""

    CHUNK = 1 << 20

    def __init__(
        self,
        raw: FileRange,
        budget: int,
        make: Callable[[], object] | None = None,
    ) -> None:
        self.raw = raw
        self.budget = budget
        self.produced = 0
        self.pending = b""
        self.done = False
        self.decomp = make() if make is not None else zlib.decompressobj(-15)

    def _more(self, want: int) -> None:
        while len(self.pending) < want and not self.done:
            decomp = self.decomp
            tail: bytes = getattr(decomp, "unconsumed_tail", b"")
            data = tail or self.raw.read(self.CHUNK)
            if not data:
                self.done = True
                break
            out: bytes = decomp.decompress(data, self.CHUNK)  # type: ignore[attr-defined]
            self.produced += len(out)
            if self.produced > self.budget:
                raise BudgetExceeded(f"decompressed output over {self.budget} bytes")
            self.pending += out
            if getattr(decomp, "eof", False):
                self.done = True

    def read(self, count: int) -> bytes:
        """Up to ``count`` decompressed bytes."""
        self._more(count)
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def skip(self, count: int) -> int:
        """Decompress and discard up to ``count`` bytes."""
        skipped = 0
        while skipped < count:
            chunk = self.read(min(count - skipped, self.CHUNK))
            if not chunk:
                break
            skipped += len(chunk)
        return skipped


class StreamSource:
    """A file-like object (tar member, gzip stream) as a ByteSource with a read budget."""

    def __init__(self, stream: BinaryIO, budget: int) -> None:
        self.stream = stream
        self.budget = budget
        self.used = 0

    def read(self, count: int) -> bytes:
        """Up to ``count`` bytes of the stream."""
        count = min(count, self.budget - self.used)
        if count <= 0:
            if self.used >= self.budget:
                raise BudgetExceeded(f"stream longer than {self.budget} bytes")
            return b""
        data = self.stream.read(count)
        self.used += len(data)
        return data

    def skip(self, count: int) -> int:
        """Read and discard up to ``count`` bytes."""
        skipped = 0
        while skipped < count:
            chunk = self.read(min(count - skipped, 1 << 20))
            if not chunk:
                break
            skipped += len(chunk)
        return skipped
