"""safetensors header: 8-byte length, JSON table of tensors, validated offsets."""

from __future__ import annotations

import codecs
import json
import math
from array import array
from collections.abc import Iterator
from typing import Any, BinaryIO

from opengauge.evidence.serialization._io import BoundedReader, FormatError

MAX_HEADER = 100 << 20
MAX_LISTED_TENSORS = 4096
MAX_TENSORS = 200_000
MAX_PROBLEMS = 50

# Bits per element, so sub-byte float formats (F4, F6) are sized correctly.
DTYPE_BITS: dict[str, int] = {
    "BOOL": 8,
    "U8": 8,
    "I8": 8,
    "F8_E5M2": 8,
    "F8_E4M3": 8,
    "F8_E8M0": 8,
    "I16": 16,
    "U16": 16,
    "F16": 16,
    "BF16": 16,
    "I32": 32,
    "U32": 32,
    "F32": 32,
    "I64": 64,
    "U64": 64,
    "F64": 64,
    "C64": 64,
    "F4": 4,
    "F6_E2M3": 6,
    "F6_E3M2": 6,
}


class _Header:
    """The header's JSON object read entry by entry from the file in 1 MiB pieces.

    Each key and each value is decoded on its own (``raw_decode``), so memory holds one
    piece of the header and the per-tensor offsets, never the whole header as objects.
    """

    PIECE = 1 << 20

    def __init__(self, reader: BoundedReader, length: int) -> None:
        self.reader = reader
        self.left = length
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.text = ""
        self.pos = 0
        self.json = json.JSONDecoder()
        self.first = ""

    def _more(self) -> bool:
        if not self.left:
            return False
        raw = self.reader.read(min(self.PIECE, self.left))
        self.left -= len(raw)
        try:
            piece = self.decoder.decode(raw, final=not self.left)
        except UnicodeDecodeError as exc:
            raise FormatError(f"header is not valid JSON: {str(exc)[:120]}") from exc
        self.text = self.text[self.pos :] + piece
        self.pos = 0
        return True

    def char(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self._more():
                return ""

    def value(self) -> Any:
        """One JSON value, read across pieces when it spans them."""
        self.char()
        while True:
            try:
                value, end = self.json.raw_decode(self.text, self.pos)
            except (ValueError, RecursionError) as exc:
                if self._more():
                    continue
                raise FormatError(f"header is not valid JSON: {str(exc)[:120]}") from exc
            number = not isinstance(value, (dict, list, str))
            if number and end == len(self.text) and self.left and self._more():
                continue  # a number may go on in the next piece
            self.pos = end
            return value

    def expect(self, chars: str) -> str:
        found = self.char()
        if not found or found not in chars:
            raise FormatError(f"header is not valid JSON: expected {chars!r}, got {found!r}")
        self.pos += 1
        return found

    def entries(self) -> Iterator[tuple[str, Any]]:
        """(key, value) pairs of the top-level object."""
        self.first = self.char()
        self.expect("{")
        if self.char() == "}":
            self.pos += 1
        else:
            while True:
                key = self.value()
                if not isinstance(key, str):
                    raise FormatError("header is not valid JSON: a key is not a string")
                self.expect(":")
                yield key, self.value()
                if self.expect(",}") == "}":
                    break
        if self.char():
            raise FormatError("header is not valid JSON: extra data after the object")


def parse_safetensors(handle: BinaryIO, size: int) -> dict[str, Any]:
    """Parse and validate the header; returns the fields of a WeightInfo.

    Raises FormatError when the header itself cannot be read; problems in a
    readable header are listed in ``details["problems"]``. The header is read in
    pieces and at most MAX_TENSORS entries are checked, so memory stays bounded
    whatever its size.
    """
    reader = BoundedReader(handle, size)
    length = reader.u64()
    if length > MAX_HEADER:
        raise FormatError(f"header length {length} exceeds the {MAX_HEADER} byte cap")
    if length > size - 8:
        raise FormatError(f"header length {length} is larger than the file ({size} bytes)")
    header = _Header(reader, length)
    problems: list[str] = []
    metadata: dict[str, Any] = {}
    data_size = size - 8 - length
    spans = array("q")
    dtypes: set[str] = set()
    listed: list[dict[str, Any]] = []
    params = count = 0
    names: set[str] = set()
    for name, spec in header.entries():
        if name == "__metadata__":
            _metadata(spec, metadata, problems)
            continue
        count += 1
        if name in names:
            problems.append(f"tensor {name[:80]!r} listed twice")
        if count > MAX_TENSORS:
            problems.append(f"over {MAX_TENSORS} tensors: the rest of the header was not checked")
            break
        names.add(name)
        entry = _tensor(name, spec, data_size, problems)
        if entry is None:
            continue
        dtype, shape, begin, end = entry
        dtypes.add(dtype)
        params += math.prod(shape)
        spans.extend((begin, end, len(spans) // 3))
        if len(listed) < MAX_LISTED_TENSORS:
            listed.append({"name": name[:200], "dtype": dtype, "shape": shape})
    if header.first != "{":
        problems.append("header does not start with '{'")
    _check_coverage(spans, [t["name"] for t in listed], data_size, problems)
    details: dict[str, Any] = {
        "header_length": length,
        "data_size": data_size,
        "tensors": listed,
        "problems": problems[:MAX_PROBLEMS],
    }
    if len(listed) < len(spans) // 3:
        details["tensors_truncated"] = True
    if len(problems) > MAX_PROBLEMS:
        details["problems_truncated"] = len(problems)
    return {
        "parameter_count": params,
        "tensor_count": count,
        "dtypes": tuple(sorted(dtypes)),
        "metadata": metadata,
        "details": details,
    }


def _metadata(raw: Any, metadata: dict[str, Any], problems: list[str]) -> None:
    if isinstance(raw, dict):
        for key, value in list(raw.items())[:256]:
            if not isinstance(value, str):
                problems.append(f"__metadata__ value of {str(key)[:60]!r} is not a string")
            metadata[str(key)[:200]] = value if isinstance(value, str) else str(value)[:200]
    else:
        problems.append("__metadata__ is not an object")


def _tensor(
    name: str, spec: Any, data_size: int, problems: list[str]
) -> tuple[str, list[int], int, int] | None:
    label = repr(name[:80])
    if not isinstance(spec, dict):
        problems.append(f"tensor {label}: entry is not an object")
        return None
    dtype, shape, offsets = spec.get("dtype"), spec.get("shape"), spec.get("data_offsets")
    if not isinstance(dtype, str) or dtype not in DTYPE_BITS:
        problems.append(f"tensor {label}: unknown dtype {str(dtype)[:20]!r}")
        return None
    if (
        not isinstance(shape, list)
        or len(shape) > 64
        or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)
    ):
        problems.append(f"tensor {label}: invalid shape")
        return None
    if (
        not isinstance(offsets, list)
        or len(offsets) != 2
        or not all(isinstance(o, int) and not isinstance(o, bool) for o in offsets)
    ):
        problems.append(f"tensor {label}: invalid data_offsets")
        return None
    begin, end = offsets
    if not 0 <= begin <= end <= data_size:
        problems.append(
            f"tensor {label}: data_offsets [{begin}, {end}] outside the data ({data_size} bytes)"
        )
        return None
    bits = math.prod(shape) * DTYPE_BITS[dtype]
    if bits % 8 or bits // 8 != end - begin:
        problems.append(
            f"tensor {label}: {end - begin} bytes stored, {dtype} x {shape} needs {bits / 8:g}"
        )
    return dtype, list(shape), begin, end


def _check_coverage(
    spans: array[int], names: list[str], data_size: int, problems: list[str]
) -> None:
    """Tensors must tile the data section: no overlap, no gap, nothing after.

    ``spans`` holds (begin, end, index) triples; ``names`` the first tensors' names.
    """
    order = sorted(range(len(spans) // 3), key=lambda i: (spans[3 * i], spans[3 * i + 1]))
    cursor = 0
    for i in order:
        begin, end, index = spans[3 * i], spans[3 * i + 1], spans[3 * i + 2]
        name = repr(names[index][:80]) if index < len(names) else f"#{index}"
        if begin < cursor:
            problems.append(f"tensor {name} overlaps the previous tensor at {begin}")
        elif begin > cursor:
            problems.append(f"{begin - cursor} unused bytes before tensor {name}")
        cursor = max(cursor, end)
        if len(problems) > 2 * MAX_PROBLEMS:
            return
    if cursor < data_size:
        problems.append(f"{data_size - cursor} bytes after the last tensor are not described")
