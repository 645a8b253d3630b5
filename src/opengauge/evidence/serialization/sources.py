"""Byte sources the scanners read from: a file range, or a decompressing stream.

``skip`` moves forward without handing bytes to the caller: a seek for files,
decompress-and-discard for compressed layers. Every decompressing source of one
top-level file draws on one shared :class:`Budget`, so nested layers (a zip in a
tar.gz in a zip) cannot each restart the count: reaching it raises
:class:`BudgetExceeded`, which the scanner reports as a finding.
"""

from __future__ import annotations

import bz2
import lzma
import time
import zlib
from collections.abc import Callable
from typing import Any, BinaryIO, Protocol

CHUNK = 1 << 20
MIN_BUDGET = 256 << 20
MAX_RATIO = 100
MAX_BUDGET = 8 << 30
FILE_SECONDS = 120.0


class ByteSource(Protocol):
    """What the pickle walker needs: sequential reads and forward skips."""

    def read(self, count: int) -> bytes:
        """Up to ``count`` bytes; fewer only at the end."""
        ...

    def skip(self, count: int) -> int:
        """Skip up to ``count`` bytes; returns how many were skipped."""
        ...


class BudgetExceeded(Exception):
    """One top-level file needed more decompression or time than its budget."""


class Budget:
    """The work allowed for one top-level file: decompressed bytes and wall time.

    ``limit`` is ``MAX_RATIO`` times the file's size, at least ``MIN_BUDGET`` and at
    most ``MAX_BUDGET``: every decompressed byte of every nested layer counts once.
    """

    def __init__(self, file_size: int, seconds: float = FILE_SECONDS) -> None:
        self.limit = min(MAX_BUDGET, max(MIN_BUDGET, MAX_RATIO * file_size))
        self.used = 0
        self.deadline = time.monotonic() + seconds
        self.exceeded: str | None = None

    def spend(self, count: int) -> None:
        """Account for ``count`` decompressed bytes; BudgetExceeded past the limit."""
        self.used += count
        if self.used > self.limit:
            self.exceeded = f"decompressed output over {self.limit} bytes for this file"
            raise BudgetExceeded(self.exceeded)
        if time.monotonic() > self.deadline:
            self.exceeded = "time budget for this file exhausted"
            raise BudgetExceeded(self.exceeded)


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


def _lzma_alone() -> Any:
    return lzma.LZMADecompressor(lzma.FORMAT_ALONE)


def _zip_lzma(header: bytes) -> Any:
    """Zip method 14: 2-byte version, 2-byte properties size, LZMA1 properties, raw stream."""
    if len(header) < 9 or header[2:4] != b"\x05\x00":
        raise ValueError("zip LZMA header truncated or not 5 bytes of properties")
    props = header[4:9]
    lc_lp_pb, dict_size = props[0], int.from_bytes(props[1:5], "little")
    if lc_lp_pb >= 9 * 5 * 5:
        raise ValueError("bad zip LZMA properties")
    lc, rest = lc_lp_pb % 9, lc_lp_pb // 9
    lp, pb = rest % 5, rest // 5
    filters = [{"id": lzma.FILTER_LZMA1, "dict_size": dict_size, "lc": lc, "lp": lp, "pb": pb}]
    return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=filters)


# name -> (decompressor factory, whether concatenated streams go on)
CODECS: dict[str, tuple[Callable[[], Any], bool]] = {
    "deflate": (lambda: zlib.decompressobj(-15), False),
    "zlib": (lambda: zlib.decompressobj(15), True),
    "gzip": (lambda: zlib.decompressobj(31), True),
    "bzip2": (bz2.BZ2Decompressor, True),
    "xz": (lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ), True),
    "lzma": (_lzma_alone, True),
}


class Decompress:
    """A decompressing stream over another byte source, drawing on a shared Budget.

    ``codec`` is a key of CODECS or ``zip-lzma`` (zip method 14, whose header is read
    first). Codecs whose files may hold several concatenated streams (gzip, bzip2,
    xz, zlib as joblib writes it) go on after each stream end, as their readers do;
    ``truncated`` says the input ended inside a stream.
    """

    def __init__(self, raw: ByteSource, codec: str, budget: Budget) -> None:
        self.raw = raw
        self.budget = budget
        self.pending = b""
        self.offset = 0
        self.done = False
        self.truncated = False
        self.trailing = False
        self.streams = 0
        self.stream_output = 0
        self.leftover = b""
        if codec == "zip-lzma":
            self.make: Callable[[], Any] = self._zip_lzma
            self.multi = False
        else:
            self.make, self.multi = CODECS[codec]
        self.zlib_like = codec in ("deflate", "zlib", "gzip")
        self.decomp: Any = None

    def _zip_lzma(self) -> Any:
        header = self.leftover[:9]
        while len(header) < 9:
            more = self.raw.read(9 - len(header))
            if not more:
                break
            header += more
        self.leftover = self.leftover[9:]
        return _zip_lzma(header)

    def _input(self) -> bytes:
        data = self.leftover or self.raw.read(CHUNK)
        self.leftover = b""
        return data

    def _next_stream(self) -> bool:
        if self.streams and not self.multi:
            return False
        data = self._input()
        if not data.strip(b"\x00"):
            return False  # the end (gzip pads some files with zeros)
        self.leftover = data
        self.decomp = self.make()
        self.streams += 1
        self.stream_output = 0
        return True

    def _step(self) -> bytes:
        decomp = self.decomp
        if self.zlib_like:
            data = decomp.unconsumed_tail or self._input()
            if not data:
                self.truncated = not decomp.eof
                self.done = True
                return b""
            out: bytes = decomp.decompress(data, CHUNK)
        elif decomp.needs_input:
            data = self._input()
            if not data:
                self.truncated = not decomp.eof
                self.done = True
                return b""
            out = decomp.decompress(data, CHUNK)
        else:
            out = decomp.decompress(b"", CHUNK)
        if decomp.eof:
            self.leftover = decomp.unused_data + self.leftover
            self.decomp = None
        return out

    def _produce(self) -> bytes:
        """The next piece of output (empty at the end)."""
        while not self.done:
            if self.decomp is None and not self._next_stream():
                self.done = True
                break
            try:
                out = self._step()
            except (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError) as exc:
                if self.streams > 1 and not self.stream_output:
                    self.trailing = True  # bytes after the last stream: readers stop there
                    self.done = True
                    break
                raise CorruptStream(str(exc)) from exc
            if out:
                self.stream_output += len(out)
                self.budget.spend(len(out))
                return out
        return b""

    def read(self, count: int) -> bytes:
        """Up to ``count`` decompressed bytes."""
        have = len(self.pending) - self.offset
        if have >= count:
            data = self.pending[self.offset : self.offset + count]
            self.offset += count
            return data
        parts = [self.pending[self.offset :]]
        while have < count:
            out = self._produce()
            if not out:
                break
            parts.append(out)
            have += len(out)
        joined = b"".join(parts)
        self.pending, self.offset = joined, min(count, len(joined))
        return joined[:count]

    def skip(self, count: int) -> int:
        """Decompress and discard up to ``count`` bytes."""
        have = len(self.pending) - self.offset
        if have >= count:
            self.offset += count
            return count
        skipped = have
        self.pending, self.offset = b"", 0
        while skipped < count:
            out = self._produce()
            if not out:
                break
            if skipped + len(out) > count:
                self.pending, self.offset = out, count - skipped
                return count
            skipped += len(out)
        return skipped


class CorruptStream(Exception):
    """A compressed stream that does not decode."""


class SourceFile:
    """A ByteSource as a read-only binary file (for tarfile's stream mode)."""

    def __init__(self, source: ByteSource) -> None:
        self.source = source
        self.consumed = 0

    def read(self, count: int = -1) -> bytes:
        """Up to ``count`` bytes (all that is left for -1, in 1 MiB reads)."""
        if count is None or count < 0:
            parts = []
            while chunk := self.source.read(CHUNK):
                parts.append(chunk)
            data = b"".join(parts)
        else:
            data = self.source.read(count)
        self.consumed += len(data)
        return data
