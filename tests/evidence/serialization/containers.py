"""Containers around pickles (zip, tar, npy, npz, Keras) and header formats, built in memory.

Each builder takes a payload pickle and returns the bytes of one file, so the
same container is generated once with a malicious and once with a benign payload.
"""

from __future__ import annotations

import io
import json
import struct
import tarfile
import warnings
import zipfile
import zlib
from typing import Any

import numpy as np
from tests.evidence.serialization.pickles import CMD, Reducer


def torch_zip(payload: bytes, root: str = "archive", member: str = "data.pkl") -> bytes:
    """A PyTorch-style zip: <root>/<member>, storages, version; stored like torch.save."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(f"{root}/{member}", payload)
        archive.writestr(f"{root}/byteorder", "little")
        archive.writestr(f"{root}/data/0", b"\x00" * 64)
        archive.writestr(f"{root}/version", "3\n")
    return out.getvalue()


def torchscript(constants: bytes, data: bytes) -> bytes:
    """A TorchScript archive: data.pkl, constants.pkl and code/."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("model/data.pkl", data)
        archive.writestr("model/constants.pkl", constants)
        archive.writestr("model/code/__torch__.py", "def forward(self, x):\n    return x\n")
        archive.writestr("model/version", "9\n")
    return out.getvalue()


def deflated_zip(members: dict[str, bytes]) -> bytes:
    """A deflated zip of the given members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def encrypted_flag(payload: bytes) -> bytes:
    """Set the 'encrypted' bit on a plainly stored member, in both headers."""
    data = bytearray(torch_zip(payload))
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        data[at + flag_at] |= 0x01
    return bytes(data)


def bad_crc(payload: bytes) -> bytes:
    """Corrupt the CRC of the first member in both headers."""
    data = bytearray(torch_zip(payload))
    for sig, crc_at in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        at = data.find(sig)
        data[at + crc_at] ^= 0xFF
    return bytes(data)


def renamed_local(payload: bytes) -> bytes:
    """The local header names the member differently from the central directory."""
    data = bytearray(torch_zip(payload))
    at = data.find(b"archive/data.pkl")  # first occurrence: the local header
    data[at : at + 16] = b"archive/datb.pkl"
    return bytes(data)


def hidden_member(payload: bytes, cover: bytes) -> bytes:
    """Two members, the second dropped from the central directory (local header only)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("archive/data.pkl", cover)
        archive.writestr("archive/extra.pkl", payload)
    data = out.getvalue()
    eocd = data.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack_from("<I", data, eocd + 16)[0]
    first_len = 46 + len("archive/data.pkl")
    central = data[cd_offset : cd_offset + first_len]
    tail = bytearray(data[eocd:])
    struct.pack_into("<HHII", tail, 8, 1, 1, first_len, cd_offset)
    return data[:cd_offset] + central + bytes(tail)


def duplicate_names(first: bytes, second: bytes) -> bytes:
    """Two members with the same name (loaders disagree on which one wins)."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr("archive/data.pkl", first)
            archive.writestr("archive/data.pkl", second)
    return out.getvalue()


def tar_of(members: dict[str, bytes], mode: str = "w") -> bytes:
    """A tar (or tar.gz with mode 'w:gz') of the given members."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as archive:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def seven_zip() -> bytes:
    """Only the 7z signature and a header: recognised, never opened."""
    return b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 24


def npy(array: np.ndarray[Any, Any]) -> bytes:
    """np.save output (object arrays are pickled by numpy's writer, not loaded)."""
    out = io.BytesIO()
    np.save(out, array, allow_pickle=True)
    return out.getvalue()


def npz(arrays: dict[str, np.ndarray[Any, Any]]) -> bytes:
    """np.savez output."""
    out = io.BytesIO()
    np.savez(out, **arrays)  # type: ignore[arg-type]
    return out.getvalue()


def object_array(*items: Any) -> np.ndarray[Any, Any]:
    array = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        array[i] = item
    return array


def keras(layer: str, module: str = "keras.layers") -> bytes:
    """A .keras zip: config.json with one layer, metadata.json, weights."""
    config = {
        "module": "keras", "class_name": "Sequential",
        "config": {"layers": [{"module": module, "class_name": layer, "config": {"name": "l"}}]},
    }  # fmt: skip
    return deflated_zip(
        {
            "config.json": json.dumps(config).encode(),
            "metadata.json": b'{"keras_version": "3.4.1"}',
            "model.weights.h5": b"\x89HDF\r\n\x1a\n" + b"\x00" * 64,
        }
    )


def safetensors(header: dict[str, Any], data: bytes, length: int | None = None) -> bytes:
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw) if length is None else length) + raw + data


def _gguf_string(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def gguf(ggml_type: int = 0, dims: tuple[int, ...] = (4, 2), data: int | None = None) -> bytes:
    """A GGUF v3 file with one tensor; ``data`` overrides the tensor-data byte count."""
    head = b"GGUF" + struct.pack("<IQQ", 3, 1, 1)
    head += _gguf_string("general.architecture") + struct.pack("<I", 8) + _gguf_string("llama")
    head += _gguf_string("w") + struct.pack("<I", len(dims))
    head += b"".join(struct.pack("<Q", d) for d in dims) + struct.pack("<IQ", ggml_type, 0)
    head += b"\x00" * (-len(head) % 32)
    sizes = {0: 4, 1: 2, 8: 34 / 32, 12: 144 / 256, 30: 2}
    count = int(np.prod(dims) * sizes.get(ggml_type, 4)) if data is None else data
    return head + b"\x00" * count


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, payload: bytes | int) -> bytes:
    if isinstance(payload, int):
        return _varint(number << 3) + _varint(payload)
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def onnx(location: str | None = None, domain: str = "") -> bytes:
    """An ONNX ModelProto: one node (op domain ``domain``), one initializer."""
    init = _field(1, 2) + _field(2, 1) + _field(8, b"w")
    if location is None:
        init += _field(9, b"\x00" * 8)
    else:
        init += _field(13, _field(1, b"location") + _field(2, location.encode())) + _field(14, 1)
    node = _field(1, b"x") + _field(2, b"y") + _field(4, b"Relu") + _field(7, domain.encode())
    graph = _field(1, node) + _field(5, init) + _field(2, b"g")
    opsets = _field(8, _field(1, b"") + _field(2, 17))
    if domain:
        opsets += _field(8, _field(1, domain.encode()) + _field(2, 1))
    return _field(1, 8) + _field(2, b"pytorch") + opsets + _field(7, graph)


def evil_payload() -> bytes:
    import os
    import pickle

    return pickle.dumps(Reducer(os.system, CMD), protocol=2)


def zlib_joblib(payload: bytes) -> bytes:
    """joblib's zlib-compressed format is a zlib stream of the pickle."""
    return zlib.compress(payload)
