"""The pickle walker's stream layer: bounded buffering over a byte source, and results.

The base of the pickle modules, which form a chain without cycles:
``pickle_stream`` (buffer, limits, results) <- ``pickle_args`` / ``pickle_ops`` (the
opcode interpreter) <- ``pickle_fast`` (the fast pass) <- ``pickle_walk`` (the driver).
"""

from __future__ import annotations

import _compat_pickle
import copyreg
import re
import time
from dataclasses import dataclass, field
from typing import Any

from opengauge.evidence.serialization.pickle_values import (
    Call,
    Global,
    constants,
    render,
)
from opengauge.evidence.serialization.sources import ByteSource

CHUNK = 1 << 18
PAD = b"\xff" * 16
KEEP_PAYLOAD = 256
MAX_LINE = 1 << 16
MAX_STACK = 1_000_000
MAX_MEMO = 200_000
MAX_OPCODES = 500_000_000
MAX_IMPORTS = 2000
MAX_PICKLES = 100_000
MAX_STORAGES = 100_000
PRECISE_BELOW = 4 << 20  # streams shorter than this always get the precise walk
MAX_SECONDS = 300.0
LEGACY_TORCH_MAGIC = 0x1950A86A20F9469CFC6C
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
JOBLIB_WRAPPERS = {("joblib.numpy_pickle", "NumpyArrayWrapper")}
DTYPE_GLOBALS = {("numpy", "dtype"), ("numpy.core.multiarray", "dtype")}


class PickleError(Exception):
    """The stream stops being a valid pickle at ``offset``."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class LimitReached(PickleError):
    """A walker limit (time, opcodes, stack) stopped the walk: the rest was not analysed."""


@dataclass
class ImportHit:
    """First sighting of one import, with a count and what it would call."""

    module: str
    name: str
    offset: int
    opcode: str
    count: int = 1
    call: str | None = None
    args: tuple[str, ...] = ()


@dataclass
class WalkResult:
    """What the walker saw in one stream."""

    imports: dict[tuple[str, str, str], ImportHit] = field(default_factory=dict)
    pickles: int = 0
    opcodes: int = 0
    error: str | None = None
    error_offset: int | None = None
    limit: bool = False
    notes: list[str] = field(default_factory=list)
    legacy_torch: bool = False
    end: int = 0
    # Legacy PyTorch persistent ids: storage key -> (storage type name, element count).
    storages: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add(self, module: str, name: str, offset: int, opcode: str) -> ImportHit:
        """Record an import (deduplicated by module, name and opcode)."""
        key = (module, name, opcode)
        hit = self.imports.get(key)
        if hit is not None:
            hit.count += 1
            return hit
        hit = ImportHit(module, name, offset, opcode)
        if len(self.imports) < MAX_IMPORTS:
            self.imports[key] = hit
        return hit


def _note_call(result: WalkResult, func: Any, args: Any, call: Call) -> None:
    """Render what a load would call, once per import (the first call seen)."""
    root = func if isinstance(func, Global) else call.root()
    if root is None:
        return
    hit = root.hit
    if hit is None:
        hit = result.imports.get((root.module, root.name, "GLOBAL")) or next(
            (h for (m, n, _), h in result.imports.items() if m == root.module and n == root.name),
            None,
        )
    if hit is None or hit.call is not None:
        return
    hit.call = render(call)
    found: list[str] = []
    constants(args, found)
    hit.args = tuple(found)


def _itemsize(dtype: Any) -> int | None:
    """Bytes per element of a symbolic numpy dtype Call (joblib inline arrays)."""
    if not isinstance(dtype, Call) or not isinstance(dtype.args, tuple) or not dtype.args:
        return None
    state = dtype.state
    if isinstance(state, tuple) and len(state) > 5 and isinstance(state[5], int) and state[5] > 0:
        return state[5]
    code = dtype.args[0]
    if not isinstance(code, str):
        return None
    match = re.fullmatch(r"[<>|=]?([a-zA-Z])(\d*)", code)
    if match is None:
        return None
    kind, digits = match.group(1), match.group(2)
    if kind == "O":
        return 0
    if kind in "bB?" and not digits:
        return 1
    if not digits:
        return None
    return int(digits) * (4 if kind == "U" else 1)


class Walker:
    """Buffered, bounded reading of one byte stream that may hold several pickles.

    The opcode interpreter (``pickle_ops``) and the fast pass read through it; the
    driver (``pickle_walk.run``) decides how many pickles to walk.
    """

    def __init__(self, source: ByteSource, budget_seconds: float = MAX_SECONDS) -> None:
        self.source = source
        self.buf = b""
        self.pos = 0
        self.real = 0
        self.base = 0
        self.eof = False
        self.deadline = time.monotonic() + budget_seconds
        self.max_opcodes = MAX_OPCODES
        self.result = WalkResult()

    # --- buffer ---------------------------------------------------------------------
    def fill(self, need: int) -> bool:
        """Make ``need`` bytes available at ``pos``; False at end of stream.

        At the end of the stream the buffer is padded with 0xFF (not an opcode) so
        the opcode loop can read fixed-size arguments without bounds checks; ``real``
        marks where the real bytes end.
        """
        while self.real - self.pos < need and not self.eof:
            if time.monotonic() > self.deadline:
                raise LimitReached("time budget exhausted", self.offset)
            data = self.source.read(max(CHUNK, need - (self.real - self.pos)))
            if not data:
                self.eof = True
                break
            self.base += self.pos
            self.buf = self.buf[self.pos : self.real] + data
            self.pos = 0
            self.real = len(self.buf)
        if self.eof and len(self.buf) == self.real:
            self.buf += PAD
        return self.real - self.pos >= need

    def take(self, count: int, offset: int) -> bytes:
        """``count`` bytes, or PickleError if the stream ends first."""
        if not self.fill(count):
            raise PickleError(f"truncated: needs {count} bytes", offset)
        data = self.buf[self.pos : self.pos + count]
        self.pos += count
        return data

    def payload(self, length: int, offset: int) -> bytes:
        """A length-prefixed payload: small ones read, big ones skipped after a head."""
        if length <= KEEP_PAYLOAD or length <= self.real - self.pos:
            return self.take(length, offset)
        self.fill(KEEP_PAYLOAD)
        head = self.buf[self.pos : min(self.pos + KEEP_PAYLOAD, self.real)]
        self.skip(length, offset)
        return head + b"\x00"  # marks "longer than kept"

    def skip(self, length: int, offset: int) -> None:
        """Move ``length`` bytes forward without keeping them."""
        available = self.real - self.pos
        if length <= available:
            self.pos += length
            return
        rest = length - available
        self.base += self.real
        self.buf, self.pos, self.real = b"", 0, 0
        skipped = self.source.skip(rest)
        self.base += skipped
        if skipped < rest:
            self.eof = True
            raise PickleError(f"truncated: payload of {length} bytes", offset)

    def line(self, offset: int, long: bool = False) -> bytes:
        """A newline-terminated argument (protocol 0 opcodes).

        Names (``long`` False) over 64 KiB are an error. Data lines (``long``
        True: protocol-0 strings can be megabytes) keep only their first 64 KiB,
        followed by a NUL marker, and the rest is read and dropped.
        """
        head = b""
        while True:
            end = self.buf.find(b"\n", self.pos, self.real)
            if end >= 0 and (end - self.pos <= MAX_LINE or long):
                data = self.buf[self.pos : end]
                self.pos = end + 1
                return head + b"\x00" if head else data
            if self.real - self.pos >= MAX_LINE:
                if not long:
                    raise PickleError("text argument longer than 64 KiB", offset)
                head = head or self.buf[self.pos : self.pos + MAX_LINE]
                self.pos = self.real
            if not self.fill(self.real - self.pos + 1):
                raise PickleError("truncated: text argument without newline", offset)

    @property
    def offset(self) -> int:
        """Stream offset of the next byte."""
        return self.base + self.pos


def resolve_global(module: str, name: str, proto: int) -> tuple[str, str]:
    """Apply the Python 2 name mapping a loader uses for protocols below 3."""
    if proto < 3:
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
    return module, name


def extension(code: int) -> tuple[str, str]:
    """What an EXT opcode resolves to in this interpreter's copyreg registry."""
    key = copyreg._inverted_registry.get(code)  # type: ignore[attr-defined]
    if isinstance(key, tuple) and len(key) == 2:
        return str(key[0]), str(key[1])
    return "copyreg._extension_registry", f"code {code} (unregistered here)"
