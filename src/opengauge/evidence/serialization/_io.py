"""Small bounded binary reading helpers shared by the header parsers."""

from __future__ import annotations

import io
import struct
from typing import Any, BinaryIO


class FormatError(Exception):
    """The bytes do not follow the format (truncated, out of bounds, over a limit)."""


class BoundedReader:
    """Reads a file sequentially, refusing to go past ``end`` (the file size).

    A buffered file object is wrapped; ``skip`` seeks instead of reading, so
    payloads that are not needed are never copied.
    """

    def __init__(self, handle: BinaryIO, end: int, start: int = 0) -> None:
        self.handle = handle
        self.end = end
        self.pos = start
        handle.seek(start)

    def remaining(self) -> int:
        """Bytes left before the end bound."""
        return self.end - self.pos

    def read(self, count: int) -> bytes:
        """Exactly ``count`` bytes, or FormatError."""
        if count < 0 or count > self.end - self.pos:
            raise FormatError(f"truncated: needs {count} bytes at offset {self.pos}")
        data = self.handle.read(count)
        if len(data) != count:
            raise FormatError(f"truncated: short read at offset {self.pos}")
        self.pos += count
        return data

    def skip(self, count: int) -> None:
        """Move forward ``count`` bytes without reading them."""
        if count < 0 or count > self.end - self.pos:
            raise FormatError(f"truncated: cannot skip {count} bytes at offset {self.pos}")
        self.pos += count
        self.handle.seek(self.pos)

    def u8(self) -> int:
        """One unsigned byte."""
        return self.read(1)[0]

    def u32(self) -> int:
        """Little-endian unsigned 32-bit integer."""
        return int(struct.unpack("<I", self.read(4))[0])

    def u64(self) -> int:
        """Little-endian unsigned 64-bit integer."""
        return int(struct.unpack("<Q", self.read(8))[0])


class SubFile(io.RawIOBase):
    """A read-only window [start, start+size) of a seekable file."""

    def __init__(self, handle: BinaryIO, start: int, size: int) -> None:
        self.handle, self.start, self.size, self.pos = handle, start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readinto(self, buffer: Any) -> int:
        count = max(0, min(len(buffer), self.size - self.pos))
        self.handle.seek(self.start + self.pos)
        data = self.handle.read(count)
        buffer[: len(data)] = data
        self.pos += len(data)
        return len(data)


def window(handle: BinaryIO, start: int, size: int) -> BinaryIO:
    """A buffered, seekable view of ``size`` bytes at ``start``."""
    return io.BufferedReader(SubFile(handle, start, size))
