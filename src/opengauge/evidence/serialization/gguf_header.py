"""GGUF header: magic, version, metadata key/values and tensor infos, bounded."""

from __future__ import annotations

import math
import struct
from typing import Any, BinaryIO

from opengauge.evidence.serialization._io import BoundedReader, FormatError

MAX_TENSORS = 1_000_000
MAX_KV = 100_000
MAX_KEY = 65_536
MAX_STRING = 16 << 20
KEPT_STRING = 1024
MAX_DIMS = 8
MAX_ARRAY_DEPTH = 4

SCALARS: dict[int, tuple[str, str]] = {
    0: ("<B", "uint8"),
    1: ("<b", "int8"),
    2: ("<H", "uint16"),
    3: ("<h", "int16"),
    4: ("<I", "uint32"),
    5: ("<i", "int32"),
    6: ("<f", "float32"),
    7: ("<?", "bool"),
    10: ("<Q", "uint64"),
    11: ("<q", "int64"),
    12: ("<d", "float64"),
}
STRING, ARRAY = 8, 9

# ggml tensor types: name, elements per block, bytes per block.
GGML_TYPES: dict[int, tuple[str, int, int]] = {
    0: ("F32", 1, 4),
    1: ("F16", 1, 2),
    2: ("Q4_0", 32, 18),
    3: ("Q4_1", 32, 20),
    6: ("Q5_0", 32, 22),
    7: ("Q5_1", 32, 24),
    8: ("Q8_0", 32, 34),
    9: ("Q8_1", 32, 36),
    10: ("Q2_K", 256, 84),
    11: ("Q3_K", 256, 110),
    12: ("Q4_K", 256, 144),
    13: ("Q5_K", 256, 176),
    14: ("Q6_K", 256, 210),
    15: ("Q8_K", 256, 292),
    16: ("IQ2_XXS", 256, 66),
    17: ("IQ2_XS", 256, 74),
    18: ("IQ3_XXS", 256, 98),
    19: ("IQ1_S", 256, 50),
    20: ("IQ4_NL", 32, 18),
    21: ("IQ3_S", 256, 110),
    22: ("IQ2_S", 256, 82),
    23: ("IQ4_XS", 256, 136),
    24: ("I8", 1, 1),
    25: ("I16", 1, 2),
    26: ("I32", 1, 4),
    27: ("I64", 1, 8),
    28: ("F64", 1, 8),
    29: ("IQ1_M", 256, 56),
    30: ("BF16", 1, 2),
    34: ("TQ1_0", 256, 54),
    35: ("TQ2_0", 256, 66),
    39: ("MXFP4", 32, 17),
}


class _Gguf:
    def __init__(self, reader: BoundedReader, version: int) -> None:
        self.reader = reader
        self.wide = version >= 2  # v1 used 32-bit lengths and counts

    def count(self) -> int:
        return self.reader.u64() if self.wide else self.reader.u32()

    def string(self, limit: int, keep: int = KEPT_STRING) -> str:
        length = self.count()
        if length > limit:
            raise FormatError(f"string of {length} bytes at offset {self.reader.pos} over limit")
        if length > keep:
            head = self.reader.read(keep)
            self.reader.skip(length - keep)
            return head.decode("utf-8", "replace") + "…"
        return self.reader.read(length).decode("utf-8", "replace")

    def value(self, vtype: int, depth: int = 0, keep: int = KEPT_STRING) -> Any:
        """A scalar or string value; arrays are skipped and summarised."""
        if vtype in SCALARS:
            fmt, _ = SCALARS[vtype]
            return struct.unpack(fmt, self.reader.read(struct.calcsize(fmt)))[0]
        if vtype == STRING:
            return self.string(MAX_STRING, keep)
        if vtype == ARRAY:
            if depth >= MAX_ARRAY_DEPTH:
                raise FormatError("arrays nested too deeply")
            etype = self.reader.u32()
            length = self.count()
            self.skip_array(etype, length, depth)
            type_name = SCALARS[etype][1] if etype in SCALARS else f"type{etype}"
            return {"array": type_name, "length": length}
        raise FormatError(f"unknown metadata value type {vtype}")

    def skip_array(self, etype: int, length: int, depth: int) -> None:
        if etype in SCALARS:
            self.reader.skip(length * struct.calcsize(SCALARS[etype][0]))
            return
        # Every string or array element takes at least 4 bytes: bounds the loop by file size.
        if length > self.reader.remaining() // 4:
            raise FormatError(f"array of {length} elements cannot fit in the file")
        for _ in range(length):
            if etype == STRING:
                size = self.count()
                self.reader.skip(size)
            else:
                self.value(etype, depth + 1)


def gguf_templates(handle: BinaryIO, size: int) -> dict[str, str]:
    """Whole chat templates of a GGUF file (``tokenizer.chat_template`` and the named
    ``tokenizer.chat_template.<name>`` keys), which loaders render as Jinja2."""
    reader = BoundedReader(handle, size)
    if reader.read(4) != b"GGUF":
        raise FormatError("not a GGUF file (bad magic)")
    version = reader.u32()
    if version not in (1, 2, 3):
        raise FormatError(f"unsupported GGUF version {version}")
    gguf = _Gguf(reader, version)
    tensor_count, kv_count = gguf.count(), gguf.count()
    if tensor_count > MAX_TENSORS or kv_count > MAX_KV:
        raise FormatError(f"implausible counts: {tensor_count} tensors, {kv_count} keys")
    found: dict[str, str] = {}
    for _ in range(kv_count):
        key = gguf.string(MAX_KEY)
        template = key.startswith("tokenizer.chat_template")
        value = gguf.value(reader.u32(), keep=MAX_STRING if template else 0)
        if template and isinstance(value, str):
            found[key] = value
    return found


def parse_gguf(handle: BinaryIO, size: int) -> dict[str, Any]:
    """Parse the GGUF header; returns the fields of a WeightInfo (FormatError if unreadable)."""
    reader = BoundedReader(handle, size)
    if reader.read(4) != b"GGUF":
        raise FormatError("not a GGUF file (bad magic)")
    version = reader.u32()
    if version not in (1, 2, 3):
        raise FormatError(f"unsupported GGUF version {version}")
    gguf = _Gguf(reader, version)
    tensor_count, kv_count = gguf.count(), gguf.count()
    if tensor_count > MAX_TENSORS or kv_count > MAX_KV:
        raise FormatError(f"implausible counts: {tensor_count} tensors, {kv_count} keys")
    metadata: dict[str, Any] = {}
    keys: list[str] = []
    for _ in range(kv_count):
        key = gguf.string(MAX_KEY)
        value = gguf.value(reader.u32())
        if len(keys) < 10_000:
            keys.append(key)
        if not isinstance(value, dict) and len(metadata) < 1000:
            metadata[key] = value
    problems: list[str] = []
    params = 0
    dtypes: set[str] = set()
    tensor_ends: list[int] = []
    for _ in range(tensor_count):
        name = gguf.string(MAX_KEY)
        n_dims = reader.u32()
        if n_dims > MAX_DIMS:
            raise FormatError(f"tensor {name[:80]!r} has {n_dims} dimensions (max {MAX_DIMS})")
        dims = [gguf.count() for _ in range(n_dims)]
        ggml_type = reader.u32()
        offset = reader.u64()
        numel = math.prod(dims)
        params += numel
        known = GGML_TYPES.get(ggml_type)
        dtypes.add(known[0] if known else f"type{ggml_type}")
        if known is None:
            problems.append(f"tensor {name[:80]!r}: unknown ggml type {ggml_type}")
        elif numel % known[1]:
            problems.append(f"tensor {name[:80]!r}: {numel} elements not a multiple of block")
        else:
            tensor_ends.append(offset + numel // known[1] * known[2])
    alignment = metadata.get("general.alignment", 32)
    if not isinstance(alignment, int) or alignment <= 0:
        problems.append(f"invalid general.alignment {alignment!r}")
        alignment = 32
    data_start = -(-reader.pos // alignment) * alignment
    if tensor_ends and data_start + max(tensor_ends) > size:
        problems.append(
            f"tensor data ends at {data_start + max(tensor_ends)}, after the file end ({size})"
        )
    return {
        "parameter_count": params,
        "tensor_count": tensor_count,
        "dtypes": tuple(sorted(dtypes)),
        "metadata": metadata,
        "details": {
            "version": version,
            "metadata_keys": keys,
            "kv_count": kv_count,
            "problems": problems[:50],
        },
    }
