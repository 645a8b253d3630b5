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


def run(w: Walker) -> WalkResult:
    """Walk every pickle in the stream; errors end the walk and are recorded.

    After each STOP, what follows is walked as another pickle (a loader that calls
    ``pickle.load`` again runs it), except after a legacy PyTorch checkpoint's five
    pickles, where raw storage bytes follow. Data after the last pickle that does not
    even start like one (its first byte is no opcode) is only noted.
    """
    result = w.result
    try:
        while result.pickles < MAX_PICKLES:
            start = w.offset
            try:
                first = walk_one(w, nested=0)
            except PickleError as exc:
                if result.pickles and exc.offset == start and not isinstance(exc, LimitReached):
                    result.notes.append(
                        f"data after the last pickle at offset {start} is not a pickle"
                    )
                    break
                raise
            result.pickles += 1
            if result.pickles == 1 and first == LEGACY_TORCH_MAGIC:
                result.legacy_torch = True
            if result.legacy_torch and result.pickles >= LEGACY_PICKLES:
                break
            if not w.fill(1):
                break
    except PickleError as exc:
        result.error, result.error_offset = str(exc), exc.offset
        result.limit = isinstance(exc, LimitReached)
    except BudgetExceeded as exc:
        result.error, result.error_offset = str(exc), w.offset
        result.limit = True
    result.end = w.offset
    return result


def walk(open_source: Callable[[], ByteSource], budget_seconds: float = MAX_SECONDS) -> WalkResult:
    """Walk all pickles from ``open_source()`` and return what they import and call.

    A fast pass first checks whether the stream is data plus allow-listed, plainly
    written imports; only when it is not is the stream reopened and walked precisely.
    The fast pass does not check the stack structure (unclosed MARKs, memo indices),
    which cannot make an allowed stream dangerous; streams under ``PRECISE_BELOW``
    bytes are walked precisely anyway, so ordinary files get every structural check.
    """
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
    "resolve_global",
    "run",
    "walk",
]
