"""Helpers of the opcode loop: text arguments (protocol 0) and joblib's inline arrays."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from opengauge.evidence.serialization.pickle_stream import MAX_LINE, PickleError, Walker, _itemsize
from opengauge.evidence.serialization.pickle_values import UNKNOWN

# C's strtol(s, &end, 0), which _pickle's load_int tries first: octal when a 0 leads.
_STRTOL = re.compile(rb"[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)")


def loader_int(raw: bytes, base0: bool = True) -> int:
    """An INT / LONG / GET / PUT argument parsed as CPython's unpickler does.

    INT tries C's strtol with base 0 (``0x1``, ``017`` octal), then Python's
    ``int(s, 0)`` (``0o17``, ``1_000``, spaces); LONG uses ``int(s, 0)``; memo
    indices use ``int(s, 10)``. ValueError when the loader would fail too.
    """
    if not base0:
        return int(raw)
    match = _STRTOL.fullmatch(raw)
    if match is not None:
        sign, digits = match.groups()
        if digits[:2] in (b"0x", b"0X"):
            value = int(digits, 16)
        elif len(digits) > 1:
            value = int(digits, 8)
        else:
            value = int(digits)
        return -value if sign == b"-" else value
    return int(raw, 0)


def index_of(value: Any) -> int:
    """A memo index parsed from a text argument (-1 when it is not a number)."""
    return value if isinstance(value, int) else -1


def text_value(op: int, raw: bytes, offset: int) -> Any:
    """The value of a protocol-0 text argument (INT, LONG, FLOAT, STRING, UNICODE, GET, PUT)."""
    if op in (0x67, 0x70):
        try:
            return loader_int(raw, base0=False)
        except ValueError as exc:
            raise PickleError("bad memo index", offset) from exc
    if op == 0x49:
        if raw in (b"00", b"01"):
            return raw == b"01"
        try:
            return loader_int(raw)
        except ValueError as exc:
            raise PickleError("bad INT argument", offset) from exc
    if op == 0x4C:
        try:
            return int(raw[:-1] if raw.endswith(b"L") else raw, 0)
        except ValueError as exc:
            raise PickleError("bad LONG argument", offset) from exc
    if op == 0x46:
        try:
            return float(raw)
        except ValueError as exc:
            raise PickleError("bad FLOAT argument", offset) from exc
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


__all__ = ["index_of", "joblib_array", "loader_int", "text_value"]
