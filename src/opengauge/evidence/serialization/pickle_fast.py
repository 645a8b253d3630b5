"""Fast first pass: skip runs of plain-data opcodes with one regular-expression match.

Most of a big benign pickle is data (numbers, short strings, containers, memo
bookkeeping) and calls of a handful of known-safe reconstructors
(``collections.OrderedDict``, ``datetime.timedelta``, torch rebuild functions).
This pass proves that a stream holds only such opcodes (plus long payloads it
seeks over) and imports that the allow-list (``rules.pickle_globals``) accepts,
written plainly: GLOBAL with its names inline, or STACK_GLOBAL right after the
two strings that name it. As soon as it meets anything else — an import not on
the allow-list, a STACK_GLOBAL fed from the memo, INST / OBJ / EXT, BUILD,
persistent ids, an invalid opcode — it gives up and the precise walker, which
tracks the stack and memo, runs instead. It never decides that something is
dangerous; it only spares benign streams the precise walk.

Calls (REDUCE, NEWOBJ) are safe to pass over here because a pickle can only call
what it imported, and every import in a stream this pass accepts is allowed.
BUILD is not passed over: applied to an imported class or module it would
overwrite attributes, which only the precise walker can tell apart.
"""

from __future__ import annotations

import re

from opengauge.evidence.serialization.pickle_stream import (
    IDENTIFIER,
    MAX_PICKLES,
    PickleError,
    Walker,
    resolve_global,
)
from opengauge.rules.pickle_globals import is_allowed

_SINGLE = b"\x94()]}N\x88\x89\x85\x86\x87eutlda\x73012\x8f\x90\x91\x97\x98"
_CALLS = b"R\x81\x92"  # REDUCE, NEWOBJ, NEWOBJ_EX
_STRINGS = b"|".join(re.escape(bytes([n])) + b".{%d}" % n for n in range(256))
_SHORT_UNICODE = b"\x8c(?:" + _STRINGS + b")"
# STACK_GLOBAL named by the two SHORT_BINUNICODE strings just before it.
_IMPORT_TAIL = _SHORT_UNICODE + b"\x94?" + _SHORT_UNICODE + b"\x94?\x93"
# The import-tail lookahead sits on the SHORT_BINUNICODE branch only (an import tail
# starts with one): runs of one-byte opcodes are matched without it, several times faster.
_DATA_OP = (
    b"["
    + re.escape(_SINGLE + _CALLS)
    + b"]++|[Kqh].|M..|[Jrj]....|[G\x95].{8}|[CU](?:"
    + _STRINGS
    + b")|(?!"
    + _IMPORT_TAIL
    + b")\x8c(?:"
    + _STRINGS
    + b")"
)
DATA_RUN = re.compile(b"(?:" + _DATA_OP + b")*+", re.DOTALL)
# Length-prefixed payloads: opcode -> width of the length field.
_PAYLOADS = {0x58: 4, 0x8D: 8, 0x42: 4, 0x8E: 8, 0x96: 8, 0x54: 4, 0x8A: 1, 0x8B: 4}
_TEXT = {0x46, 0x49, 0x4C, 0x53, 0x56, 0x67, 0x70}  # FLOAT INT LONG STRING UNICODE GET PUT
_LOOKAHEAD = 600  # room for a whole import tail: 2 x (2 + 255) + 3 bytes


def data_only(w: Walker) -> bool:
    """True when every pickle in the stream is data plus allowed, plainly written imports.

    False means "run the precise walker": a disallowed or obfuscated import, BUILD,
    an error or anything unusual was seen. On success ``w.result`` holds the
    pickles, the (allowed) imports with their offsets, and notes.
    """
    result = w.result
    proto = [0]
    try:
        while result.pickles < MAX_PICKLES:
            if not _one(w, proto):
                return False
            result.pickles += 1
            if not w.fill(1):
                break
            if not w.fill(2) or w.buf[w.pos] != 0x80 or w.buf[w.pos + 1] > 5:
                return False  # data after the pickle: the precise walker judges it
    except PickleError:
        return False
    result.end = w.offset
    return True


def _stack_global(w: Walker) -> tuple[str, str, int] | None:
    """Module and name of a plain import tail at ``w.pos``, and its length; else None."""
    buf, pos, end = w.buf, w.pos, w.real
    strings = []
    for _ in range(2):
        if pos + 2 > end or buf[pos] != 0x8C:
            return None
        length = buf[pos + 1]
        raw = buf[pos + 2 : pos + 2 + length]
        pos += 2 + length
        if pos >= end:
            return None
        if buf[pos] == 0x94:
            pos += 1
        try:
            strings.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return None
    if pos >= end or buf[pos] != 0x93:
        return None
    return strings[0], strings[1], pos + 1 - w.pos


def _global(w: Walker, start: int, proto: int) -> tuple[str, str] | None:
    module_raw = w.line(start)
    name_raw = w.line(start)
    try:
        module, name = module_raw.decode("utf-8"), name_raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not (IDENTIFIER.fullmatch(module) and IDENTIFIER.fullmatch(name)):
        return None
    return resolve_global(module, name, proto)


def _one(w: Walker, proto: list[int]) -> bool:
    result = w.result
    while True:
        if w.real - w.pos < _LOOKAHEAD:
            w.fill(_LOOKAHEAD)
        match = DATA_RUN.match(w.buf, w.pos, w.real)
        assert match is not None  # the pattern accepts the empty string
        w.pos = match.end()
        if w.real - w.pos < _LOOKAHEAD and not w.eof:
            continue
        if w.pos >= w.real:
            return False  # ended without STOP: let the precise walker report it
        op = w.buf[w.pos]
        start = w.offset
        if op == 0x8C:  # the run stopped before an import tail
            tail = _stack_global(w)
            if tail is None:
                return False
            module, name, length = tail
            w.pos += length
            result.add(module, name, start + length - 1, "STACK_GLOBAL")
            if not is_allowed(module, name):
                return False
            continue
        w.pos += 1
        if op == 0x2E:  # STOP
            return True
        if op == 0x80:  # PROTO
            proto[0] = w.take(1, start)[0]
            if proto[0] > 5:
                return False
        elif op == 0x63:  # GLOBAL
            names = _global(w, start, proto[0])
            if names is None:
                return False
            result.add(names[0], names[1], start, "GLOBAL")
            if not is_allowed(*names):
                return False
        elif op in _PAYLOADS:
            width = _PAYLOADS[op]
            length = int.from_bytes(w.take(width, start), "little")
            w.skip(length, start)
        elif op in _TEXT:
            w.line(start, op in (0x53, 0x56))
        else:
            return False  # BUILD, INST, OBJ, EXT, persistent ids, unknown opcodes
