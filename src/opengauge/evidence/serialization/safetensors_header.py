"""safetensors header: 8-byte length, JSON table of tensors, validated offsets."""

from __future__ import annotations

import json
import math
from typing import Any, BinaryIO

from opengauge.evidence.serialization._io import BoundedReader, FormatError

MAX_HEADER = 100 << 20
MAX_LISTED_TENSORS = 4096
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


def parse_safetensors(handle: BinaryIO, size: int) -> dict[str, Any]:
    """Parse and validate the header; returns the fields of a WeightInfo.

    Raises FormatError when the header itself cannot be read; problems in a
    readable header are listed in ``details["problems"]``.
    """
    reader = BoundedReader(handle, size)
    length = reader.u64()
    if length > MAX_HEADER:
        raise FormatError(f"header length {length} exceeds the {MAX_HEADER} byte cap")
    if length > size - 8:
        raise FormatError(f"header length {length} is larger than the file ({size} bytes)")
    raw = reader.read(length)
    try:
        header = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"header is not valid JSON: {str(exc)[:120]}") from exc
    if not isinstance(header, dict):
        raise FormatError("header JSON is not an object")
    problems: list[str] = []
    if not raw.startswith(b"{"):
        problems.append("header does not start with '{'")
    metadata_raw = header.pop("__metadata__", {})
    metadata: dict[str, Any] = {}
    if isinstance(metadata_raw, dict):
        for key, value in list(metadata_raw.items())[:256]:
            if not isinstance(value, str):
                problems.append(f"__metadata__ value of {str(key)[:60]!r} is not a string")
            metadata[str(key)[:200]] = value if isinstance(value, str) else str(value)[:200]
    else:
        problems.append("__metadata__ is not an object")
    data_size = size - 8 - length
    spans: list[tuple[int, int, str]] = []
    dtypes: set[str] = set()
    listed: list[dict[str, Any]] = []
    params = 0
    for name, spec in header.items():
        entry = _tensor(name, spec, data_size, problems)
        if entry is None:
            continue
        dtype, shape, begin, end = entry
        dtypes.add(dtype)
        params += math.prod(shape)
        spans.append((begin, end, name))
        if len(listed) < MAX_LISTED_TENSORS:
            listed.append({"name": name[:200], "dtype": dtype, "shape": shape})
    _check_coverage(spans, data_size, problems)
    details: dict[str, Any] = {
        "header_length": length,
        "data_size": data_size,
        "tensors": listed,
        "problems": problems[:MAX_PROBLEMS],
    }
    if len(listed) < len(spans):
        details["tensors_truncated"] = True
    if len(problems) > MAX_PROBLEMS:
        details["problems_truncated"] = len(problems)
    return {
        "parameter_count": params,
        "tensor_count": len(header),
        "dtypes": tuple(sorted(dtypes)),
        "metadata": metadata,
        "details": details,
    }


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


def _check_coverage(spans: list[tuple[int, int, str]], data_size: int, problems: list[str]) -> None:
    """Tensors must tile the data section: no overlap, no gap, nothing after."""
    cursor = 0
    for begin, end, name in sorted(spans):
        if begin < cursor:
            problems.append(f"tensor {name[:80]!r} overlaps the previous tensor at {begin}")
        elif begin > cursor:
            problems.append(f"{begin - cursor} unused bytes before tensor {name[:80]!r}")
        cursor = max(cursor, end)
    if cursor < data_size:
        problems.append(f"{data_size - cursor} bytes after the last tensor are not described")
