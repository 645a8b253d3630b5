"""A bounded, streaming pickle opcode walker: what would a load import and call?

Never unpickles. Reads the stream in chunks, seeks over big BINBYTES /
BINUNICODE / BYTEARRAY8 payloads, simulates the stack and memo symbolically
(strings, imported names, calls) with bounded sizes, and records every import
(GLOBAL, STACK_GLOBAL, INST, EXT1/2/4), what it would call, and where.

This is the driver: it walks every pickle of a stream in sequence, as a loader that
calls ``pickle.load`` again and again would (legacy ``torch.load`` reads five).
"""

from __future__ import annotations

from collections.abc import Callable

from opengauge.evidence.serialization.pickle_fast import data_only
from opengauge.evidence.serialization.pickle_ops import walk_one
from opengauge.evidence.serialization.pickle_stream import (
    DTYPE_GLOBALS,
    IDENTIFIER,
    JOBLIB_WRAPPERS,
    LEGACY_TORCH_MAGIC,
    MAX_LINE,
    MAX_MEMO,
    MAX_OPCODES,
    MAX_PICKLES,
    MAX_SECONDS,
    MAX_STACK,
    PRECISE_BELOW,
    ImportHit,
    LimitReached,
    PickleError,
    Walker,
    WalkResult,
    extension,
    resolve_global,
)
from opengauge.evidence.serialization.pickle_values import MAX_CONTAINER, UNKNOWN
from opengauge.evidence.serialization.sources import BudgetExceeded, ByteSource

LEGACY_PICKLES = 5  # magic, protocol, sys_info, the object, the storage keys
# Bytes per element of the storage classes a legacy checkpoint names in its persistent ids.
STORAGE_BYTES = {
    "DoubleStorage": 8, "FloatStorage": 4, "HalfStorage": 2, "BFloat16Storage": 2,
    "LongStorage": 8, "IntStorage": 4, "ShortStorage": 2, "CharStorage": 1, "ByteStorage": 1,
    "BoolStorage": 1, "ComplexDoubleStorage": 16, "ComplexFloatStorage": 8,
    "QInt8Storage": 1, "QUInt8Storage": 1, "QInt32Storage": 4, "QUInt4x2Storage": 1,
    "QUInt2x4Storage": 1, "UntypedStorage": 1,
}  # fmt: skip
# First bytes of a pickle without a PROTO opcode: opcodes that push onto an empty stack.
OPENERS = frozenset(b"(cILFSVNJKMGUTXBC])}P\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x95\x96")
TRIAL_BYTES = 4096


def run(w: Walker) -> WalkResult:
    """Walk every pickle in the stream; errors end the walk and are recorded.

    After each STOP, what follows is walked as another pickle (a loader that calls
    ``pickle.load`` again runs it). A legacy PyTorch checkpoint's five pickles are
    followed by raw storage bytes: they are skipped (their sizes come from the
    persistent ids) and whatever follows them is walked too. Data after the last
    pickle that does not parse is only noted, with any import it held recorded.
    """
    result = w.result
    keys: object = None
    try:
        while result.pickles < MAX_PICKLES:
            start = w.offset
            try:
                value = walk_one(w, nested=0)
            except PickleError as exc:
                required = result.legacy_torch and result.pickles < LEGACY_PICKLES
                if result.pickles and not required and not isinstance(exc, LimitReached):
                    where = "is not a pickle" if exc.offset == start else f"stops parsing: {exc}"
                    result.notes.append(f"data after the last pickle at offset {start} {where}")
                    break
                raise
            result.pickles += 1
            if result.pickles == 1 and value == LEGACY_TORCH_MAGIC:
                result.legacy_torch = True
            if result.legacy_torch and result.pickles == LEGACY_PICKLES:
                keys = value
                if not _skip_storages(w, keys):
                    break
            if not w.fill(1):
                break
        else:
            if w.fill(1):
                raise LimitReached(f"over {MAX_PICKLES} pickles in one stream", w.offset)
    except PickleError as exc:
        result.error, result.error_offset = str(exc), exc.offset
        result.limit = isinstance(exc, LimitReached)
    except BudgetExceeded as exc:
        result.error, result.error_offset = str(exc), w.offset
        result.limit = True
    result.end = w.offset
    return result


def _skip_storages(w: Walker, keys: object) -> bool:
    """Skip a legacy checkpoint's storage records (int64 element count, then the bytes).

    False (with a note) when their sizes cannot be known: what follows is not walked.
    """
    result = w.result
    storages = result.storages
    order = keys if isinstance(keys, list) and len(keys) == len(storages) else sorted(storages)
    for key in order:
        info = storages.get(key) if isinstance(key, str) else None
        size = STORAGE_BYTES.get(info[0]) if info else None
        if info is None or size is None:
            result.notes.append("legacy storages of unknown size: data after them not walked")
            return False
        start = w.offset
        count = int.from_bytes(w.take(8, start), "little", signed=True)
        if count != info[1]:
            result.notes.append(
                f"legacy storage {key[:40]!r} holds {count} elements, its id says {info[1]}: "
                "data after it not walked"
            )
            return False
        w.skip(count * size, start)
    return True


def looks_like_pickle(head: bytes, whole: bool = False) -> bool:
    """Whether the first bytes of a file are a pickle without a PROTO opcode (protocol 0/1).

    A bounded trial walk of ``head``: it is a pickle when it parses up to STOP, or to the
    end of ``head``, and either imports something or parsed at least TRIAL_BYTES bytes.
    Text and other data fail within a few bytes. When ``head`` is the whole file and the
    stream ends before STOP having only named a module ("crewai\nlangchain_groq\n", a
    requirements file read as GLOBAL), it is text: a loader would call nothing.
    """
    if not head or head[0] not in OPENERS or head.startswith(b"\x80"):
        return False
    walker = Walker(_Bytes(head), budget_seconds=5.0)
    walker.max_opcodes = len(head) + 16
    try:
        walk_one(walker, nested=0)
    except LimitReached:
        return False
    except PickleError as exc:  # "truncated": the head ends inside a longer stream
        if not str(exc).startswith("truncated"):
            return False
        if whole and not any(hit.call for hit in walker.result.imports.values()):
            return False
        return bool(walker.result.imports) or exc.offset >= TRIAL_BYTES
    except (RecursionError, MemoryError):
        return False
    return bool(walker.result.imports) or walker.offset >= TRIAL_BYTES


class _Bytes:
    """An in-memory ByteSource."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def read(self, count: int) -> bytes:
        chunk = self.data[self.pos : self.pos + count]
        self.pos += len(chunk)
        return chunk

    def skip(self, count: int) -> int:
        count = max(0, min(count, len(self.data) - self.pos))
        self.pos += count
        return count


def walk(
    open_source: Callable[[], ByteSource], budget_seconds: float = MAX_SECONDS, once: bool = False
) -> WalkResult:
    """Walk all pickles from ``open_source()`` and return what they import and call.

    A fast pass first checks whether the stream is data plus allow-listed, plainly
    written imports; only when it is not is the stream reopened and walked precisely.
    The fast pass does not check the stack structure (unclosed MARKs, memo indices),
    which cannot make an allowed stream dangerous; streams under ``PRECISE_BELOW``
    bytes are walked precisely anyway, so ordinary files get every structural check.
    ``once``: the source cannot be reopened, so only the precise walk runs.
    """
    if once:
        return run(Walker(open_source(), budget_seconds))
    fast = Walker(open_source(), budget_seconds)
    try:
        if data_only(fast) and fast.result.end >= PRECISE_BELOW:
            return fast.result
    except BudgetExceeded as exc:
        fast.result.error, fast.result.error_offset = str(exc), fast.offset
        return fast.result
    return run(Walker(open_source(), budget_seconds))


__all__ = [
    "DTYPE_GLOBALS",
    "IDENTIFIER",
    "JOBLIB_WRAPPERS",
    "MAX_CONTAINER",
    "MAX_LINE",
    "MAX_MEMO",
    "MAX_OPCODES",
    "MAX_STACK",
    "PRECISE_BELOW",
    "UNKNOWN",
    "ImportHit",
    "LimitReached",
    "PickleError",
    "WalkResult",
    "Walker",
    "extension",
    "looks_like_pickle",
    "resolve_global",
    "run",
    "walk",
]
