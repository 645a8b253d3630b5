"""Fast first pass: skip runs of plain-data opcodes with one regular-expression match.

Most of a big benign pickle is data (numbers, short strings, containers, memo
bookkeeping) that cannot import or call anything. The pass proves that a
stream holds only such opcodes (plus long payloads it seeks over); as soon as
it meets an opcode that imports, calls or is invalid it gives up, and the
precise walker runs instead. It never decides that something is dangerous.
"""

from __future__ import annotations

import re

from opengauge.evidence.serialization.pickle_walk import MAX_PICKLES, PickleError, Walker

_SINGLE = b"\x94()]}N\x88\x89\x85\x86\x87eutlda\x73012\x8f\x90\x91\x97\x98"
_STRINGS = b"|".join(re.escape(bytes([n])) + b".{%d}" % n for n in range(256))
DATA_RUN = re.compile(
    b"(?:["
    + re.escape(_SINGLE)
    + b"]|[Kqh].|M..|[Jrj]....|[G\x95].{8}|[\x8cCU](?:"
    + _STRINGS
    + b"))*+",
    re.DOTALL,
)
# Length-prefixed payloads: opcode -> width of the length field.
_PAYLOADS = {0x58: 4, 0x8D: 8, 0x42: 4, 0x8E: 8, 0x96: 8, 0x54: 4, 0x8A: 1, 0x8B: 4}
_TEXT = {0x46, 0x49, 0x4C, 0x53, 0x56, 0x67, 0x70}  # FLOAT INT LONG STRING UNICODE GET PUT


def data_only(w: Walker) -> bool:
    """True when every pickle in the stream is plain data (nothing imported or called).

    False means "run the precise walker": an import, a call, an error or
    anything unusual was seen. Sets ``w.result.pickles`` and notes on success.
    """
    result = w.result
    try:
        while result.pickles < MAX_PICKLES:
            if not _one(w):
                return False
            result.pickles += 1
            if not w.fill(2):
                if w.real > w.pos:
                    result.notes.append(f"data after the last pickle at offset {w.offset}")
                break
            if w.buf[w.pos] != 0x80 or w.buf[w.pos + 1] > 5:
                result.notes.append(f"data after the last pickle at offset {w.offset}")
                break
    except PickleError:
        return False
    result.end = w.offset
    return True


def _one(w: Walker) -> bool:
    while True:
        if w.real - w.pos < 300:
            w.fill(300)
        match = DATA_RUN.match(w.buf, w.pos, w.real)
        assert match is not None  # the pattern accepts the empty string
        w.pos = match.end()
        if w.real - w.pos < 300 and not w.eof:
            continue
        if w.pos >= w.real:
            return False  # ended without STOP: let the precise walker report it
        op = w.buf[w.pos]
        start = w.offset
        w.pos += 1
        if op == 0x2E:  # STOP
            return True
        if op == 0x80:  # PROTO
            if w.take(1, start)[0] > 5:
                return False
        elif op in _PAYLOADS:
            width = _PAYLOADS[op]
            length = int.from_bytes(w.take(width, start), "little")
            w.skip(length, start)
        elif op in _TEXT:
            w.line(start, op in (0x53, 0x56))
        else:
            return False  # imports, calls, persistent ids, unknown opcodes
