"""ONNX header: a streaming protobuf wire-format reader that seeks over tensor payloads.

Only the fields the audit needs are decoded (ir_version, opsets, producer,
initializer dims and external-data locations, node op domains, metadata_props);
everything else, raw_data included, is skipped by seeking.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, BinaryIO

from opengauge.evidence.serialization._io import BoundedReader, FormatError

MAX_DEPTH = 24
MAX_FIELDS = 5_000_000
MAX_STRING = 4096
MAX_KEPT = 1000
MAX_DIMS = 64
DTYPES = {
    1: "FLOAT",
    2: "UINT8",
    3: "INT8",
    4: "UINT16",
    5: "INT16",
    6: "INT32",
    7: "INT64",
    8: "STRING",
    9: "BOOL",
    10: "FLOAT16",
    11: "DOUBLE",
    12: "UINT32",
    13: "UINT64",
    14: "COMPLEX64",
    15: "COMPLEX128",
    16: "BFLOAT16",
    17: "FLOAT8E4M3FN",
    18: "FLOAT8E4M3FNUZ",
    19: "FLOAT8E5M2",
    20: "FLOAT8E5M2FNUZ",
    21: "UINT4",
    22: "INT4",
    23: "FLOAT4E2M1",
}


class _Onnx:
    def __init__(self, reader: BoundedReader) -> None:
        self.reader = reader
        self.fields = 0
        self.params = 0
        self.initializers = 0
        self.locations: list[str] = []
        self.domains: dict[str, int] = {}
        self.custom_ops: list[str] = []
        self.opsets: list[dict[str, Any]] = []
        self.metadata: dict[str, str] = {}
        self.dtypes: set[int] = set()
        self.function_domains: list[str] = []

    def varint(self) -> int:
        result = shift = 0
        while True:
            byte = self.reader.u8()
            result |= (byte & 0x7F) << shift
            if byte < 0x80:
                return result
            shift += 7
            if shift > 63:
                raise FormatError(f"varint too long at offset {self.reader.pos}")

    def iter_fields(self, end: int) -> Iterator[tuple[int, int, int]]:
        """(field number, wire type, value) up to ``end``; for wire type 2 the value is
        the length, the reader stands at the payload and skips whatever is left unread."""
        reader = self.reader
        while reader.pos < end:
            self.fields += 1
            if self.fields > MAX_FIELDS:
                raise FormatError(f"more than {MAX_FIELDS} protobuf fields")
            key = self.varint()
            number, wire = key >> 3, key & 7
            if number == 0:
                raise FormatError(f"invalid protobuf field number 0 at offset {reader.pos}")
            if wire == 0:
                yield number, wire, self.varint()
            elif wire == 1:
                reader.skip(8)
            elif wire == 5:
                reader.skip(4)
            elif wire == 2:
                length = self.varint()
                stop = reader.pos + length
                if stop > end:
                    raise FormatError(f"field {number} overruns its message at {reader.pos}")
                yield number, wire, length
                if reader.pos > stop:
                    raise FormatError(f"field {number} overran at offset {reader.pos}")
                reader.skip(stop - reader.pos)
            else:
                raise FormatError(f"unsupported wire type {wire} at offset {reader.pos}")
        if reader.pos != end:
            raise FormatError(f"message overruns its bounds at offset {reader.pos}")

    def string(self, length: int) -> str:
        data = self.reader.read(min(length, MAX_STRING))
        return data.decode("utf-8", "replace")

    def model(self, end: int) -> dict[str, Any]:
        info: dict[str, Any] = {}
        for number, wire, value in self.iter_fields(end):
            stop = self.reader.pos + value
            if number == 1 and wire == 0:
                info["ir_version"] = value
            elif number in (2, 3, 4) and wire == 2:
                info[{2: "producer_name", 3: "producer_version", 4: "domain"}[number]] = (
                    self.string(value)
                )
            elif number == 5 and wire == 0:
                info["model_version"] = value
            elif number == 7 and wire == 2:
                self.graph(stop, 1)
            elif number == 8 and wire == 2:
                self.opset(stop)
            elif number == 14 and wire == 2:
                key, text = self.entry(stop)
                if len(self.metadata) < MAX_KEPT:
                    self.metadata[key] = text
            elif number == 25 and wire == 2:
                self.function(stop)
        return info

    def opset(self, end: int) -> None:
        entry: dict[str, Any] = {"domain": "", "version": None}
        for number, wire, value in self.iter_fields(end):
            if number == 1 and wire == 2:
                entry["domain"] = self.string(value)
            elif number == 2 and wire == 0:
                entry["version"] = value
        if len(self.opsets) < MAX_KEPT:
            self.opsets.append(entry)

    def entry(self, end: int) -> tuple[str, str]:
        key = text = ""
        for number, wire, value in self.iter_fields(end):
            if number == 1 and wire == 2:
                key = self.string(value)
            elif number == 2 and wire == 2:
                text = self.string(value)
        return key, text

    def graph(self, end: int, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise FormatError("graphs nested too deeply")
        for number, wire, value in self.iter_fields(end):
            stop = self.reader.pos + value
            if wire != 2:
                continue
            if number == 1:
                self.node(stop, depth)
            elif number == 5:
                self.tensor(stop)
            elif number == 15:
                self.sparse(stop)

    def node(self, end: int, depth: int) -> None:
        domain = op_type = ""
        for number, wire, value in self.iter_fields(end):
            stop = self.reader.pos + value
            if wire != 2:
                continue
            if number == 4:
                op_type = self.string(value)
            elif number == 7:
                domain = self.string(value)
            elif number == 5:
                self.attribute(stop, depth)
        self.domains[domain] = self.domains.get(domain, 0) + 1
        label = f"{domain}::{op_type}"
        if (
            domain not in ("", "ai.onnx")
            and len(self.custom_ops) < MAX_KEPT
            and (label not in self.custom_ops)
        ):
            self.custom_ops.append(label)

    def attribute(self, end: int, depth: int) -> None:
        for number, wire, value in self.iter_fields(end):
            stop = self.reader.pos + value
            if wire != 2:
                continue
            if number in (6, 11):
                self.graph(stop, depth + 1)
            elif number in (5, 10):
                self.tensor(stop)
            elif number in (22, 23):  # sparse_tensor(s): values and indices are tensors
                self.sparse(stop)

    def sparse(self, end: int) -> None:
        """A SparseTensorProto: its values (1) and indices (2) may be external data."""
        for number, wire, value in self.iter_fields(end):
            if number in (1, 2) and wire == 2:
                self.tensor(self.reader.pos + value)

    def tensor(self, end: int) -> None:
        dims: list[int] = []
        external = False
        location = None
        for number, wire, value in self.iter_fields(end):
            if number == 1 and wire == 0:
                dims.append(value)
            elif number == 1 and wire == 2:
                stop = self.reader.pos + value
                while self.reader.pos < stop and len(dims) <= MAX_DIMS:
                    dims.append(self.varint())
            elif number == 2 and wire == 0:
                self.dtypes.add(value)
            elif number == 14 and wire == 0:
                external = value == 1
            elif number == 13 and wire == 2:
                key, text = self.entry(self.reader.pos + value)
                if key == "location":
                    location = text
            if len(dims) > MAX_DIMS:
                raise FormatError(f"tensor with more than {MAX_DIMS} dimensions")
        self.initializers += 1
        self.params += math.prod(dims)
        if (external or location is not None) and len(self.locations) < MAX_KEPT:
            self.locations.append(location if location is not None else "")

    def function(self, end: int) -> None:
        for number, wire, value in self.iter_fields(end):
            stop = self.reader.pos + value
            if number == 7 and wire == 2:
                self.node(stop, 1)
            elif number == 10 and wire == 2 and len(self.function_domains) < MAX_KEPT:
                self.function_domains.append(self.string(value))


def parse_onnx(handle: BinaryIO, size: int) -> dict[str, Any]:
    """Parse an ONNX ModelProto's header fields; returns the fields of a WeightInfo."""
    onnx = _Onnx(BoundedReader(handle, size))
    info = onnx.model(size)
    if "ir_version" not in info:
        raise FormatError("no ir_version: not an ONNX model")
    details: dict[str, Any] = dict(info)
    details.update(
        opset_import=onnx.opsets,
        op_domains=onnx.domains,
        custom_ops=onnx.custom_ops,
        external_data=sorted(set(onnx.locations)),
        function_domains=onnx.function_domains,
        problems=[],
    )
    return {
        "parameter_count": onnx.params,
        "tensor_count": onnx.initializers,
        "dtypes": tuple(sorted(DTYPES.get(d, f"type{d}") for d in onnx.dtypes)),
        "metadata": dict(onnx.metadata),
        "details": details,
    }
