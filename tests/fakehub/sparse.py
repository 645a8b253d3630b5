"""Multi-gigabyte weight files that cost no disk: real headers, then a hole.

Each builder writes a file whose structure is what its loader expects (a safetensors
header whose offsets cover the file, a torch.save zip whose storage member is gigabytes
long, a GGUF whose tensor data fills the file, a legacy torch pickle followed by its raw
storage) and leaves the tensor bytes as a sparse hole. Pickles are assembled from
opcodes here and never loaded.
"""

from __future__ import annotations

import json
import pickle
import struct
import zlib
from pathlib import Path

GiB = 1 << 30
_ZIP64 = 0xFFFFFFFF


def sparse_safetensors(path: Path, size: int, tensors: int = 4) -> Path:
    """A safetensors file of ``size`` bytes: ``tensors`` F16 tensors fill it exactly."""
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    for _attempt in range(2):  # the header length changes the room left for data
        raw = json.dumps(header).encode()
        raw += b" " * (-len(raw) % 8)
        room = size - 8 - len(raw)
        each = (room // tensors) & ~1
        header = {"__metadata__": {"format": "pt"}}
        start = 0
        for i in range(tensors):
            end = room if i == tensors - 1 else start + each
            header[f"model.layers.{i}.weight"] = {
                "dtype": "F16",
                "shape": [(end - start) // 2],
                "data_offsets": [start, end],
            }
            start = end
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    if 8 + len(raw) + start != size or start % 2:
        raise ValueError("size does not fit F16 tensors; pick an even size")
    with path.open("wb") as handle:
        handle.write(struct.pack("<Q", len(raw)) + raw)
        handle.truncate(size)
    return path


def torch_state_pickle(count: int = 2, numel: int = 4, evil: bool = False) -> bytes:
    """data.pkl of a torch state dict (OrderedDict of _rebuild_tensor_v2 over storages);
    ``evil`` adds a call of os.system as the last value."""
    out = [b"\x80\x02", b"ccollections\nOrderedDict\nq\x00)Rq\x01("]
    for i in range(count):
        key = f"layer{i}.weight".encode()
        out.append(b"X" + struct.pack("<I", len(key)) + key)
        out.append(b"ctorch._utils\n_rebuild_tensor_v2\n(")
        out.append(b"(X\x07\x00\x00\x00storagectorch\nFloatStorage\n")
        sid = str(i).encode()
        out.append(b"X" + struct.pack("<I", len(sid)) + sid + b"X\x03\x00\x00\x00cpu")
        out.append(b"J" + struct.pack("<i", numel) + b"tQ")
        out.append(b"K\x00J" + struct.pack("<i", numel) + b"\x85K\x01\x85\x89")
        out.append(b"ccollections\nOrderedDict\n)RtR")
    if evil:
        out.append(b"X\x04\x00\x00\x00evilcos\nsystem\nX\x04\x00\x00\x00true\x85R")
    out.append(b"u.")
    return b"".join(out)


def _local(name: bytes, crc: int, size: int) -> bytes:
    big = size >= _ZIP64
    extra = struct.pack("<HHQQ", 1, 16, size, size) if big else b""
    shown = _ZIP64 if big else size
    head = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, crc, shown, shown, len(name), len(extra)
    )
    return head + name + extra


def _central(name: bytes, crc: int, size: int, offset: int) -> bytes:
    values = [size, size] if size >= _ZIP64 else []
    if offset >= _ZIP64:
        values.append(offset)
    extra = struct.pack("<HH", 1, 8 * len(values)) + struct.pack(f"<{len(values)}Q", *values)
    extra = extra if values else b""
    shown = _ZIP64 if size >= _ZIP64 else size
    return struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0x21, crc, shown, shown,
        len(name), len(extra), 0, 0, 0, 0, min(offset, _ZIP64),
    ) + name + extra  # fmt: skip


def sparse_torch_zip(path: Path, storage: int, *, evil: bool = False, tensors: int = 2) -> Path:
    """A torch.save zip (stored members) whose ``data/0`` storage is ``storage`` bytes of
    hole; the other storages are small. Zip64 records when sizes or offsets need them."""
    members: list[tuple[str, bytes | int]] = [
        ("archive/data.pkl", torch_state_pickle(tensors, 4, evil)),
        ("archive/byteorder", b"little"),
        ("archive/data/0", storage),
        *((f"archive/data/{i}", b"\x00" * 16) for i in range(1, tensors)),
        ("archive/version", b"3\n"),
        ("archive/.data/serialization_id", b"1234567890"),
    ]
    central = b""
    with path.open("wb") as handle:
        for name, data in members:
            offset = handle.tell()
            size = data if isinstance(data, int) else len(data)
            crc = 0 if isinstance(data, int) else zlib.crc32(data)
            handle.write(_local(name.encode(), crc, size))
            if isinstance(data, int):
                handle.seek(data, 1)
            else:
                handle.write(data)
            central += _central(name.encode(), crc, size, offset)
        cd_offset = handle.tell()
        handle.write(central)
        count = len(members)
        if cd_offset >= _ZIP64:
            record_at = handle.tell()
            handle.write(
                struct.pack(
                    "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central),
                    cd_offset,
                )
            )  # fmt: skip
            handle.write(struct.pack("<IIQI", 0x07064B50, 0, record_at, 1))
        handle.write(
            struct.pack(
                "<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central),
                min(cd_offset, _ZIP64), 0,
            )
        )  # fmt: skip
    return path


def _gstr(value: str) -> bytes:
    raw = value.encode()
    return struct.pack("<Q", len(raw)) + raw


def sparse_gguf(path: Path, size: int) -> Path:
    """A GGUF v3 file of about ``size`` bytes: metadata, one F32 tensor filling the rest."""
    kv = _gstr("general.architecture") + struct.pack("<I", 8) + _gstr("llama")
    kv += _gstr("general.name") + struct.pack("<I", 8) + _gstr("sparse")
    name = _gstr("token_embd.weight")
    head_len = 4 + 4 + 8 + 8 + len(kv) + len(name) + 4 + 8 + 4 + 8
    data_at = head_len + (-head_len % 32)
    numel = (size - data_at) // 4
    info = name + struct.pack("<IQIQ", 1, numel, 0, 0)
    head = b"GGUF" + struct.pack("<IQQ", 3, 1, 2) + kv + info
    head += b"\x00" * (-len(head) % 32)
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(len(head) + numel * 4)
    return path


def sparse_legacy_torch(path: Path, storage: int) -> Path:
    """torch.save(..., _use_new_zipfile_serialization=False): magic, protocol, sys info,
    the state pickle, storage keys, then one raw storage of ``storage`` bytes (a hole)."""
    sys_info = {
        "protocol_version": 1001,
        "little_endian": True,
        "type_sizes": {"short": 2, "int": 4, "long": 4},
    }
    parts = [
        pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2),  # the legacy magic number
        pickle.dumps(1001, protocol=2),
        pickle.dumps(sys_info, protocol=2),
        torch_state_pickle(1, storage // 4),
        pickle.dumps(["0"], protocol=2),
    ]
    with path.open("wb") as handle:
        handle.write(b"".join(parts) + struct.pack("<q", storage // 4))
        handle.truncate(handle.tell() + storage)
    return path
