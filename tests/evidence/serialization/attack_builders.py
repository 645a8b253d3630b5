"""Byte-level writers for the attack corpus: pickle opcodes, hand-made zips, npy, GGUF,
ONNX, legacy PyTorch, ZipCrypto, zstd/RAR5 frames and streamed bombs.

Everything here *writes* bytes; nothing is ever loaded. Timestamps are fixed so the
output is deterministic.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import pickle
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

CMD = "echo opengauge-test"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# --- pickle opcodes ----------------------------------------------------------------------
class Raw(bytes):
    """A pickle fragment that pushes one value; embedded as is by ``val``."""


def proto(n: int) -> bytes:
    return b"\x80" + bytes([n])


def text(value: str) -> bytes:
    """SHORT_BINUNICODE or BINUNICODE."""
    raw = value.encode()
    if len(raw) < 256:
        return b"\x8c" + bytes([len(raw)]) + raw
    return b"X" + struct.pack("<I", len(raw)) + raw


def glob(module: str, name: str) -> bytes:
    """GLOBAL (text form, every protocol)."""
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def stack_global(module: str, name: str) -> Raw:
    """STACK_GLOBAL from two strings (protocol 4; ``name`` may be dotted)."""
    return Raw(text(module) + text(name) + b"\x93")


def val(value: Any) -> bytes:
    """Opcodes pushing one plain value (str, bytes, int, float, bool, None, tuple, list,
    dict) or a ``Raw`` fragment."""
    if isinstance(value, Raw):
        return bytes(value)
    if value is None:
        return b"N"
    if isinstance(value, bool):
        return b"\x88" if value else b"\x89"
    if isinstance(value, int):
        if 0 <= value < 256:
            return b"K" + bytes([value])
        if -(2**31) <= value < 2**31:
            return b"J" + struct.pack("<i", value)
        raw = value.to_bytes((value.bit_length() + 8) // 8, "little", signed=True)
        return b"\x8a" + bytes([len(raw)]) + raw
    if isinstance(value, float):
        return b"G" + struct.pack(">d", value)
    if isinstance(value, str):
        return text(value)
    if isinstance(value, bytes):
        if len(value) < 256:
            return b"C" + bytes([len(value)]) + value
        return b"B" + struct.pack("<I", len(value)) + value
    if isinstance(value, tuple):
        return b"(" + b"".join(val(v) for v in value) + b"t"
    if isinstance(value, list):
        return b"](" + b"".join(val(v) for v in value) + b"e"
    if isinstance(value, dict):
        return b"}(" + b"".join(val(k) + val(v) for k, v in value.items()) + b"u"
    raise TypeError(type(value))


def call(module: str, name: str, *args: Any) -> Raw:
    """``module.name(*args)`` as STACK_GLOBAL + args tuple + REDUCE."""
    return Raw(stack_global(module, name) + val(tuple(args)) + b"R")


def apply(func: Raw, *args: Any) -> Raw:
    """Call whatever ``func`` pushes."""
    return Raw(bytes(func) + val(tuple(args)) + b"R")


def build(obj: Raw, state: Any) -> Raw:
    """BUILD: ``obj.__setstate__(state)`` or ``obj.__dict__.update(state)``."""
    return Raw(bytes(obj) + val(state) + b"b")


def pk(expr: Raw, protocol: int = 4) -> bytes:
    """A complete protocol-4 stream around one expression."""
    return proto(protocol) + bytes(expr) + b"."


EVIL_P0 = b"cos\nsystem\n(V" + CMD.encode() + b"\ntR."
EVIL_P2 = proto(2) + glob("os", "system") + b"X" + struct.pack("<I", len(CMD)) + CMD.encode()
EVIL_P2 += b"\x85R."
EVIL_P4 = pk(call("os", "system", CMD))
BENIGN = {"w": [1.0, 2.0], "name": "tiny"}
BENIGN_P0 = pickle.dumps(BENIGN, protocol=0)
BENIGN_P2 = pickle.dumps(BENIGN, protocol=2)
BENIGN_P4 = pickle.dumps(BENIGN, protocol=4)


def torch_state(count: int = 2, numel: int = 4, protocol_op: bool = True) -> bytes:
    """data.pkl of a torch state dict (OrderedDict of _rebuild_tensor_v2 over storages)."""
    out = [proto(2) if protocol_op else b"", b"ccollections\nOrderedDict\nq\x00)Rq\x01("]
    for i in range(count):
        key = f"layer{i}.weight".encode()
        out.append(b"X" + struct.pack("<I", len(key)) + key)
        out.append(b"ctorch._utils\n_rebuild_tensor_v2\n(")
        out.append(b"(X\x07\x00\x00\x00storagectorch\nFloatStorage\n")
        sid = str(i).encode()
        out.append(b"X" + struct.pack("<I", len(sid)) + sid + b"X\x03\x00\x00\x00cpu")
        out.append(b"J" + struct.pack("<i", numel) + b"tQ")  # BINPERSID
        out.append(b"K\x00J" + struct.pack("<i", numel) + b"\x85K\x01\x85\x89")
        out.append(b"ccollections\nOrderedDict\n)RtR")
    out.append(b"u.")
    return b"".join(out)


# --- zip -----------------------------------------------------------------------------------
def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_STORED) -> bytes:
    """A zip written by zipfile (fixed dates), every member with ``method``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = method
            archive.writestr(info, data)
    return out.getvalue()


def torch_zip(payload: bytes, root: str = "archive", member: str = "data.pkl") -> bytes:
    """A torch.save-style zip: <root>/data.pkl, byteorder, one storage, version."""
    return zip_of(
        {
            f"{root}/{member}": payload,
            f"{root}/byteorder": b"little",
            f"{root}/data/0": b"\x00" * 16,
            f"{root}/data/1": b"\x00" * 16,
            f"{root}/version": b"3\n",
        }
    )


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


@dataclass
class Entry:
    """One hand-assembled zip member: ``stored`` is the bytes as written (already packed)."""

    name: str
    data: bytes
    method: int = 0
    stored: bytes | None = None
    flags: int = 0
    local_name: str | None = None
    local_sizes: tuple[int, int] | None = None
    crc: int | None = None

    @property
    def body(self) -> bytes:
        if self.stored is not None:
            return self.stored
        return raw_deflate(self.data) if self.method == 8 else self.data

    def local(self) -> bytes:
        name = (self.local_name or self.name).encode()
        crc = zlib.crc32(self.data) if self.crc is None else self.crc
        csize, usize = self.local_sizes or (len(self.body), len(self.data))
        head = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, self.flags, self.method, 0, 0x21, crc, csize, usize,
            len(name), 0,
        )  # fmt: skip
        return head + name + self.body

    def central(self, offset: int) -> bytes:
        name = self.name.encode()
        crc = zlib.crc32(self.data) if self.crc is None else self.crc
        head = struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, self.flags, self.method, 0, 0x21, crc,
            len(self.body), len(self.data), len(name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        return head + name


def eocd(count: int, cd_size: int, cd_offset: int, comment: bytes = b"") -> bytes:
    return (
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, cd_size, cd_offset, len(comment))
        + comment
    )


def zip64_end(count: int, cd_size: int, cd_offset: int, record_at: int) -> bytes:
    """Zip64 end-of-central-directory record and its locator."""
    record = struct.pack(
        "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, cd_size, cd_offset
    )
    return record + struct.pack("<IIQI", 0x07064B50, 0, record_at, 1)


def assemble(entries: list[Entry]) -> tuple[bytes, list[int]]:
    """Local headers + data of ``entries`` back to back; (bytes, offset of each)."""
    out, offsets = b"", []
    for entry in entries:
        offsets.append(len(out))
        out += entry.local()
    return out, offsets


def plain_zip(entries: list[Entry], comment: bytes = b"") -> bytes:
    body, offsets = assemble(entries)
    central = b"".join(e.central(o) for e, o in zip(entries, offsets, strict=True))
    return body + central + eocd(len(entries), len(central), len(body), comment)


def zip_crypto(data: bytes, password: bytes, crc: int) -> bytes:
    """Traditional PKWARE (ZipCrypto) encryption of stored ``data``; 12-byte header first."""

    def crc_byte(value: int, byte: int) -> int:
        return ~zlib.crc32(bytes([byte]), ~value & 0xFFFFFFFF) & 0xFFFFFFFF

    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(byte: int) -> None:
        keys[0] = crc_byte(keys[0], byte)
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = crc_byte(keys[2], keys[1] >> 24)

    for byte in password:
        update(byte)
    out = bytearray()
    for byte in bytes(range(11)) + bytes([crc >> 24]) + data:
        temp = keys[2] | 2
        out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
        update(byte)
    return bytes(out)


def zstd_raw_frame(data: bytes) -> bytes:
    """A valid zstd frame holding ``data`` in raw (uncompressed) blocks."""
    out = struct.pack("<I", 0xFD2FB528) + bytes([0xA0]) + struct.pack("<I", len(data))
    blocks = [data[i : i + (128 << 10)] for i in range(0, len(data), 128 << 10)] or [b""]
    for i, block in enumerate(blocks):
        header = (len(block) << 3) | (1 if i == len(blocks) - 1 else 0)
        out += struct.pack("<I", header)[:3] + block
    return out


def _vint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def rar5_encrypted(body_size: int = 256) -> bytes:
    """RAR5 signature + archive encryption header: every following header is encrypted."""
    fields = _vint(4) + _vint(0) + _vint(0) + _vint(1) + bytes([15])
    fields += bytes(range(16)) + bytes(range(16, 28))  # salt, password check value
    header = _vint(len(fields)) + fields
    crc = struct.pack("<I", zlib.crc32(header))
    body = bytes((i * 37 + 11) & 0xFF for i in range(body_size))  # stands for ciphertext
    return b"Rar!\x1a\x07\x01\x00" + crc + header + body


# --- tar -----------------------------------------------------------------------------------
@dataclass
class TarItem:
    name: str
    data: bytes = b""
    kind: bytes = tarfile.REGTYPE
    link: str = ""


def tar_of(items: Iterable[TarItem]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as archive:
        for item in items:
            info = tarfile.TarInfo(item.name)
            info.type, info.linkname, info.mtime, info.mode = item.kind, item.link, 0, 0o644
            info.size = len(item.data) if item.kind == tarfile.REGTYPE else 0
            archive.addfile(info, io.BytesIO(item.data) if info.size else None)
    return out.getvalue()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


# --- npy -----------------------------------------------------------------------------------
def npy(descr: str, shape: tuple[int, ...], body: bytes, version: int = 1, pad: int = 0) -> bytes:
    """An .npy file: magic, version, header dict (``descr`` verbatim), body."""
    header = f"{{'descr': {descr}, 'fortran_order': False, 'shape': {shape!r}, }}"
    header += " " * pad
    prefix = 10 if version == 1 else 12
    total = prefix + len(header) + 1
    header += " " * (-total % 64) + "\n"
    size = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    raw = header.encode("utf-8" if version == 3 else "latin-1")
    return b"\x93NUMPY" + bytes([version, 0]) + size + raw + body


# --- GGUF ----------------------------------------------------------------------------------
GGUF_STRING, GGUF_ARRAY, GGUF_UINT32 = 8, 9, 4


def _gstr(value: str) -> bytes:
    raw = value.encode()
    return struct.pack("<Q", len(raw)) + raw


def gguf_file(metadata: dict[str, Any], tensors: int = 1) -> bytes:
    """GGUF v3: string / uint32 / string-array metadata and ``tensors`` F32 tensors [8]."""
    kv = b""
    for key, value in metadata.items():
        kv += _gstr(key)
        if isinstance(value, str):
            kv += struct.pack("<I", GGUF_STRING) + _gstr(value)
        elif isinstance(value, int):
            kv += struct.pack("<II", GGUF_UINT32, value)
        else:
            kv += struct.pack("<IIQ", GGUF_ARRAY, GGUF_STRING, len(value))
            kv += b"".join(_gstr(v) for v in value)
    infos = b"".join(
        _gstr(f"blk.{i}.weight") + struct.pack("<IQIQ", 1, 8, 0, i * 32) for i in range(tensors)
    )
    head = b"GGUF" + struct.pack("<IQQ", 3, tensors, len(metadata)) + kv + infos
    head += b"\x00" * (-len(head) % 32)
    return head + b"\x00" * (32 * tensors)


# --- protobuf / ONNX -----------------------------------------------------------------------
def pb(number: int, payload: bytes | int | str) -> bytes:
    """One protobuf field: varint for ints, length-delimited otherwise."""
    if isinstance(payload, int):
        return _vint(number << 3) + _vint(payload)
    raw = payload.encode() if isinstance(payload, str) else payload
    return _vint(number << 3 | 2) + _vint(len(raw)) + raw


def onnx_tensor(name: str, location: str | None = None, dims: tuple[int, ...] = (2,)) -> bytes:
    """TensorProto FLOAT: raw_data inline, or external data at ``location``."""
    out = b"".join(pb(1, d) for d in dims) + pb(2, 1) + pb(8, name)
    count = 1
    for d in dims:
        count *= d
    if location is None:
        return out + pb(9, b"\x00" * 4 * count)
    entries = pb(13, pb(1, "location") + pb(2, location))
    entries += pb(13, pb(1, "offset") + pb(2, "0")) + pb(13, pb(1, "length") + pb(2, "8"))
    return out + entries + pb(14, 1)


def onnx_graph(name: str, nodes: Iterable[bytes] = (), inits: Iterable[bytes] = (),
               sparse: Iterable[bytes] = ()) -> bytes:  # fmt: skip
    out = b"".join(pb(1, n) for n in nodes) + pb(2, name)
    out += b"".join(pb(5, t) for t in inits) + b"".join(pb(15, s) for s in sparse)
    return out + pb(11, pb(1, "x")) + pb(12, pb(1, "y"))


def onnx_node(op: str, inputs: Iterable[str], outputs: Iterable[str],
              attrs: Iterable[bytes] = ()) -> bytes:  # fmt: skip
    out = b"".join(pb(1, i) for i in inputs) + b"".join(pb(2, o) for o in outputs)
    return out + pb(3, f"{op.lower()}_0") + pb(4, op) + b"".join(pb(5, a) for a in attrs)


def onnx_graph_attr(name: str, graph: bytes) -> bytes:
    return pb(1, name) + pb(6, graph) + pb(20, 5)


def onnx_tensor_attr(name: str, tensor: bytes) -> bytes:
    return pb(1, name) + pb(5, tensor) + pb(20, 4)


def onnx_sparse(location: str | None) -> bytes:
    """SparseTensorProto: values (external or inline), indices int64 [2], dims [4]."""
    values = onnx_tensor("sp_values", location)
    indices = pb(1, 2) + pb(2, 7) + pb(8, "sp_indices") + pb(7, 0) + pb(7, 3)
    return pb(1, values) + pb(2, indices) + pb(3, 4)


def onnx_model(graph: bytes) -> bytes:
    opsets = pb(8, pb(1, "") + pb(2, 17))
    return pb(1, 8) + pb(2, "pytorch") + pb(3, "2.13.0") + opsets + pb(7, graph)


# --- legacy PyTorch ------------------------------------------------------------------------
LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
SYS_INFO = {"protocol_version": 1001, "little_endian": True,
            "type_sizes": {"short": 2, "int": 4, "long": 4}}  # fmt: skip


def legacy_torch(magic: bytes | None = None, protocol: bytes | None = None,
                 sys_info: bytes | None = None, main: bytes | None = None,
                 keys: bytes | None = None, tail: bytes = b"") -> bytes:  # fmt: skip
    """torch.save(..., _use_new_zipfile_serialization=False): five pickles then storages."""
    parts = [
        magic or pickle.dumps(LEGACY_MAGIC, protocol=2),
        protocol or pickle.dumps(1001, protocol=2),
        sys_info or pickle.dumps(SYS_INFO, protocol=2),
        main or torch_state(2, 4),
        keys or pickle.dumps(["0", "1"], protocol=2),
    ]
    storages = b"".join(struct.pack("<q", 4) + b"\x00" * 16 for _ in range(2))
    return b"".join(parts) + storages + tail


def legacy_tar(storages: bytes | None = None, tensors: bytes | None = None,
               main: bytes | None = None) -> bytes:  # fmt: skip
    """The oldest torch.save format: a tar of 'storages', 'tensors' and 'pickle'."""
    empty = pickle.dumps(0, protocol=2)
    items = [
        TarItem("sys_info", pickle.dumps(SYS_INFO, protocol=2)),
        TarItem("storages", storages or empty + pickle.dumps([], protocol=2)),
        TarItem("tensors", tensors or empty),
        TarItem("pickle", main or BENIGN_P2),
    ]
    return tar_of(items)


# --- misc formats --------------------------------------------------------------------------
def msgpack_map(items: dict[str, bytes]) -> bytes:
    """A msgpack fixmap of str -> bin8 (what flax.serialization writes, in small)."""
    out = bytes([0x80 | len(items)])
    for key, value in items.items():
        raw = key.encode()
        out += bytes([0xA0 | len(raw)]) + raw + b"\xc4" + bytes([len(value)]) + value
    return out


def joblib_compat(payload: bytes) -> bytes:
    """joblib < 0.10 'ZF' format: ZF, hex length padded to 19, zlib stream."""
    return b"ZF" + hex(len(payload)).encode().ljust(19) + zlib.compress(payload)


def compressed(kind: str, payload: bytes) -> bytes:
    """``payload`` through the compressor joblib / pandas would sniff."""
    if kind == "zlib":
        return zlib.compress(payload, 3)
    if kind == "gzip":
        return gz(payload)
    if kind == "bz2":
        return bz2.compress(payload)
    if kind == "lzma":
        return lzma.compress(payload, format=lzma.FORMAT_ALONE)
    if kind == "xz":
        return lzma.compress(payload, format=lzma.FORMAT_XZ)
    raise ValueError(kind)


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, indent=2).encode()


# --- bombs: deflate streams built from repeated independent blocks -----------------------
def _gf2_times(matrix: list[int], vector: int) -> int:
    out, i = 0, 0
    while vector:
        if vector & 1:
            out ^= matrix[i]
        vector >>= 1
        i += 1
    return out


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """zlib's crc32_combine: CRC of A+B from CRC(A), CRC(B) and len(B)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """zlib's adler32_combine."""
    base = 65521
    rem = len2 % base
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (adler2 & 0xFFFF) + base - 1
    sum2 += ((adler1 >> 16) & 0xFFFF) + ((adler2 >> 16) & 0xFFFF) + base - rem
    sum1 %= base
    sum2 %= base
    return sum1 | (sum2 << 16)


def _repeat(data: bytes, count: int) -> tuple[int, int]:
    """(crc32, adler32) of ``data * count`` by doubling, without building it."""
    acc_crc, acc_adler, acc_len = 0, 1, 0
    one_crc, one_adler, one_len = zlib.crc32(data), zlib.adler32(data), len(data)
    while count:
        if count & 1:
            acc_crc = crc32_combine(acc_crc, one_crc, one_len)
            acc_adler = adler32_combine(acc_adler, one_adler, one_len)
            acc_len += one_len
        one_crc = crc32_combine(one_crc, one_crc, one_len)
        one_adler = adler32_combine(one_adler, one_adler, one_len)
        one_len *= 2
        count >>= 1
    return acc_crc, acc_adler


@dataclass
class Piece:
    """``count`` repetitions of ``data``, deflated once (independent blocks)."""

    data: bytes
    count: int = 1


class RepeatedDeflate:
    """A raw deflate stream of pieces, each piece's blocks repeated ``count`` times.

    Each piece is compressed from a fresh state and ends with a full flush, so its
    blocks reference nothing before them and can be repeated verbatim.
    """

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.size = sum(len(p.data) * p.count for p in pieces)
        crc, adler = 0, 1
        for piece in pieces:
            rep_crc, rep_adler = _repeat(piece.data, piece.count)
            crc = crc32_combine(crc, rep_crc, len(piece.data) * piece.count)
            adler = adler32_combine(adler, rep_adler, len(piece.data) * piece.count)
        self.crc, self.adler = crc, adler

    def chunks(self) -> Iterator[bytes]:
        for piece in self.pieces:
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            block = packer.compress(piece.data) + packer.flush(zlib.Z_FULL_FLUSH)
            for _ in range(piece.count):
                yield block
        yield b"\x03\x00"  # final empty fixed-Huffman block

    def raw(self) -> bytes:
        return b"".join(self.chunks())
