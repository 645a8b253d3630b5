"""Helpers of the opcode loop: text arguments (protocol 0) and joblib's inline arrays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opengauge.evidence.serialization.pickle_stream import MAX_LINE, PickleError, Walker, _itemsize
from opengauge.evidence.serialization.pickle_values import UNKNOWN


def index_of(value: Any) -> int:
    """A memo index parsed from a text argument (-1 when it is not a number)."""
    return value if isinstance(value, int) else -1


def text_value(op: int, raw: bytes, offset: int) -> Any:
    """The value of a protocol-0 text argument (INT, LONG, FLOAT, STRING, UNICODE, GET, PUT)."""
    if op in (0x67, 0x70):
        try:
            return int(raw)
        except ValueError as exc:
            raise PickleError("bad memo index", offset) from exc
    if op == 0x49:
        if raw in (b"00", b"01"):
            return raw == b"01"
        try:
            return int(raw)
        except ValueError as exc:
            raise PickleError("bad INT argument", offset) from exc
    if op == 0x4C:
        try:
            return int(raw.rstrip(b"L"))
        except ValueError as exc:
            raise PickleError("bad LONG argument", offset) from exc
    if op == 0x46:
        return 0.0
    if op in (0x53, 0x56) and len(raw) > MAX_LINE:
        return UNKNOWN  # a long data string: only its head was kept
    if op == 0x53:
        text = raw.decode("latin-1")
        if len(text) < 2 or text[0] != text[-1] or text[0] not in "'\"":
            raise PickleError("STRING argument is not quoted", offset)
        body = text[1:-1]
        return body.encode("latin-1").decode("unicode_escape", "replace")
    if op == 0x56:
        return raw.decode("raw_unicode_escape", "replace")
    return UNKNOWN  # PERSID


def joblib_array(
    w: Walker,
    stack: list[Any],
    state: Any,
    nested: int,
    offset: int,
    walk_nested: Callable[[Walker, int], Any],
) -> None:
    """joblib writes a NumPy array's bytes (or a nested pickle) right after the BUILD.

    The array's bytes are skipped (seek); an object array is a pickle walked in place
    by ``walk_nested`` (the interpreter, passed in so this module does not import it).
    """
    _walk = walk_nested

    if not isinstance(state, dict):
        raise PickleError("joblib NumpyArrayWrapper without a state dict", offset)
    shape, dtype = state.get("shape"), state.get("dtype")
    itemsize = _itemsize(dtype)
    # joblib pads only non-object arrays, and only when an alignment is recorded.
    if itemsize != 0 and state.get("numpy_array_alignment_bytes") is not None:
        padding = w.take(1, offset)[0]
        w.skip(padding, offset)
    if itemsize == 0:
        if nested > 4:
            raise PickleError("joblib object arrays nested too deeply", offset)
        _walk(w, nested + 1)  # object arrays are a pickle inline
    else:
        if itemsize is None or not isinstance(shape, tuple):
            raise PickleError("joblib array of unknown size: cannot skip its bytes", offset)
        count = 1
        for dim in shape:
            if not isinstance(dim, int) or dim < 0:
                raise PickleError("joblib array with a bad shape", offset)
            count *= dim
        w.skip(count * itemsize, offset)
    stack[-1] = UNKNOWN


__all__ = ["index_of", "joblib_array", "text_value"]
