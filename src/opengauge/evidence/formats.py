"""One table of file formats: magic bytes, extensions, and what the scanners do with each.

Every file is sniffed once, by content first and by name second, when the walk's head
is read; the kind of a file (``evidence.kinds``), its weight format
(``evidence.weights``) and how the safety scanner opens it (``serialization.scan``)
all come from :func:`sniff`. Adding a serialization format is a row here plus its
reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from opengauge.evidence.serialization.pickle_walk import looks_like_pickle

LEGACY_TORCH_MAGIC = b"\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19"
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


def _pickle_magic(head: bytes) -> bool:
    return head[:1] == b"\x80" and len(head) > 1 and head[1] <= 5


def hdf5_offset(head: bytes) -> int | None:
    """Where the HDF5 superblock starts: 0, or after a user block of 512 * 2^n bytes."""
    offset = 0
    while offset + 8 <= len(head):
        if head[offset : offset + 8] == HDF5_MAGIC:
            return offset
        offset = 512 if offset == 0 else offset * 2
    return None


def _lzma_alone_magic(head: bytes) -> bool:
    """The .lzma ('alone') header joblib sniffs: properties 0x5D, then a dictionary size."""
    return head[:3] == b"\x5d\x00\x00" and len(head) >= 13


def _joblib_zf_magic(head: bytes) -> bool:
    """joblib < 0.10: 'ZF', the payload length in hex padded to 19 bytes, then zlib."""
    return head[:4] == b"ZF0x" and len(head) > 22 and head[21] == 0x78


def _safetensors_magic(head: bytes) -> bool:
    if len(head) < 9 or head[:8] == b"\x00" * 8:
        return False
    length = int.from_bytes(head[:8], "little")
    return 2 <= length < (1 << 32) and head[8:9] == b"{"


def _tar_magic(head: bytes) -> bool:
    return len(head) > 262 and head[257:262] == b"ustar"


def _zlib_magic(head: bytes) -> bool:
    return len(head) > 1 and head[0] == 0x78 and (head[0] << 8 | head[1]) % 31 == 0


def _tflite_magic(head: bytes) -> bool:
    return head[4:8] == b"TFL3"


# https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md: "version" first, then keys in
# order, each line "key value\n"; git-lfs reads at most 1024 bytes of a pointer.
LFS_POINTER = "git-lfs-pointer"
LFS_NOT_FETCHED = "weights not fetched (Git LFS pointer)"
_LFS_VERSIONS = (b"https://git-lfs.github.com/spec/v1", b"https://hawser.github.com/spec/v1")
_LFS_LINE = re.compile(rb"([a-z0-9.-]+) ([^\n]*)")


def lfs_pointer(head: bytes) -> tuple[str, int] | None:
    """``(sha256 hex, size)`` when ``head`` is a whole Git LFS pointer file, else None."""
    if len(head) >= 1024 or not head.startswith(b"version ") or not head.endswith(b"\n"):
        return None
    fields: dict[bytes, bytes] = {}
    for line in head[:-1].split(b"\n"):
        match = _LFS_LINE.fullmatch(line)
        if match is None or match[1] in fields:
            return None
        fields[match[1]] = match[2]
    oid, size = fields.get(b"oid", b""), fields.get(b"size", b"")
    if (
        fields[b"version"] not in _LFS_VERSIONS
        or re.fullmatch(rb"sha256:[0-9a-f]{64}", oid) is None
        or re.fullmatch(rb"[0-9]{1,20}", size) is None
    ):
        return None
    return oid[7:].decode("ascii"), int(size)


def _ggml_magic(head: bytes) -> bool:
    """llama.cpp's formats before GGUF (often named ``.bin``): 'ggml', 'ggmf', 'ggjt'."""
    return head[:4] in (b"lmgg", b"fmgg", b"tjgg")


def _fasttext_magic(head: bytes) -> bool:
    """fastText ``.bin`` models: the int32 793712314, little-endian."""
    return head[:4] == b"\xba\x16\x4f\x2f"


@dataclass(frozen=True)
class Format:
    """A file format as the scanners see it.

    ``container``: the safety scanner opens it and scans what is inside.
    ``pickles``: a loader may unpickle its bytes (or bytes inside it).
    ``weights``: files of this format hold model parameters.
    ``header``: the weight-header parser that reads it (safetensors, gguf, onnx).
    ``code``: the safety scanner reads it for code that loaders run (chat templates).
    ``codec``: the compression the scanner undoes to reach what is inside.
    """

    name: str
    magic: Callable[[bytes], bool] | None = None
    extensions: frozenset[str] = frozenset()
    container: bool = False
    pickles: bool = False
    weights: bool = False
    header: str | None = None
    code: bool = False
    codec: str | None = None

    @property
    def scanned(self) -> bool:
        """The safety scanner opens files of this format."""
        return self.pickles or self.container or self.code


def _ext(*names: str) -> frozenset[str]:
    return frozenset(names)


# Magic numbers first: content wins over the name.
FORMATS: tuple[Format, ...] = (
    Format(
        "zip",
        lambda h: h.startswith((b"PK\x03\x04", b"PK\x05\x06")),
        _ext(".zip", ".pt", ".pth", ".npz", ".keras", ".mar", ".nemo"),
        container=True,
        pickles=True,
        weights=True,
    ),
    Format(
        "gguf",
        lambda h: h.startswith(b"GGUF"),
        _ext(".gguf"),
        weights=True,
        header="gguf",
        code=True,
    ),
    Format(
        "hdf5",
        lambda h: hdf5_offset(h) is not None,
        _ext(".h5", ".hdf5"),
        container=True,
        weights=True,
    ),
    Format(
        "7z",
        lambda h: h.startswith(b"7z\xbc\xaf\x27\x1c"),
        _ext(".7z"),
        container=True,
        pickles=True,
    ),
    Format(
        "rar",
        lambda h: h.startswith(b"Rar!\x1a\x07"),
        _ext(".rar"),
        container=True,
        pickles=True,
    ),
    Format(
        "npy",
        lambda h: h.startswith(b"\x93NUMPY"),
        _ext(".npy"),
        container=True,
        pickles=True,
        weights=True,
    ),
    Format(
        "gzip",
        lambda h: h.startswith(b"\x1f\x8b"),
        _ext(".gz", ".tgz"),
        container=True,
        pickles=True,
        codec="gzip",
    ),
    Format(
        "bzip2",
        lambda h: h.startswith(b"BZh"),
        _ext(".bz2"),
        container=True,
        pickles=True,
        codec="bzip2",
    ),
    Format(
        "xz",
        lambda h: h.startswith(b"\xfd7zXZ\x00"),
        _ext(".xz"),
        container=True,
        pickles=True,
        codec="xz",
    ),
    Format("lzma", _lzma_alone_magic, _ext(".lzma"), container=True, pickles=True, codec="lzma"),
    Format("joblib-zf", _joblib_zf_magic, frozenset(), container=True, pickles=True),
    Format("tar", _tar_magic, _ext(".tar"), container=True, pickles=True, weights=True),
    Format(
        "pickle",
        _pickle_magic,
        _ext(".pkl", ".pickle", ".joblib", ".dill", ".bin", ".ckpt", ".data", ".sav", ".p"),
        pickles=True,
        weights=True,
    ),
    Format("zlib", _zlib_magic, frozenset(), container=True, pickles=True, codec="zlib"),
    Format(
        "safetensors", _safetensors_magic, _ext(".safetensors"), weights=True, header="safetensors"
    ),
    Format("tflite", _tflite_magic, _ext(".tflite"), weights=True),
    # A Git LFS pointer holds no weights whatever its name says (a clone without
    # `git lfs pull`); nothing in it is scanned.
    Format(LFS_POINTER, lambda h: lfs_pointer(h) is not None),
    Format("ggml", _ggml_magic, _ext(".ggml", ".llamafile"), weights=True),
    Format("fasttext", _fasttext_magic, frozenset(), weights=True),
    # Pickles without a PROTO opcode (protocols 0 and 1): a bounded trial walk of the head.
    Format("pickle-text", looks_like_pickle, frozenset(), pickles=True, weights=True),
    # No magic number: known by name only.
    Format("onnx", None, _ext(".onnx"), weights=True, header="onnx"),
    Format("msgpack", None, _ext(".msgpack"), weights=True),
    Format("jinja", None, _ext(".jinja", ".j2"), code=True),
    Format("weights-other", None, _ext(".pb", ".mlmodel", ".params"), weights=True),
)
OTHER = Format("other")
_BY_NAME = {f.name: f for f in FORMATS}
_PICKLE = _BY_NAME["pickle"]


def suffix(name: str) -> str:
    """Lower-cased last extension of a path, with the dot ('' if none)."""
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def by_name(name: str) -> Format:
    """The table row called ``name`` (OTHER when unknown)."""
    return _BY_NAME.get(name, OTHER)


def sniff(head: bytes, name: str = "", whole: bool = False) -> Format:
    """The format of a file from its first bytes (magic wins) and then its name.

    A protocol 0 or 1 pickle has no magic number; when a trial walk of the head says it
    is one, the format is ``pickle`` like any other pickle. ``whole``: ``head`` is the
    entire file (a stream that ends before STOP without a call is then not a pickle).
    """
    if head:
        for fmt in FORMATS:
            if fmt.name == "pickle-text":
                if looks_like_pickle(head, whole):
                    return _PICKLE
            elif fmt.magic is not None and fmt.magic(head):
                return fmt
    ext = suffix(name)
    for fmt in FORMATS:
        if ext in fmt.extensions:
            return fmt
    return OTHER


def weight_format(head: bytes, name: str) -> str | None:
    """The weight format reported for a file (None when it holds no weights).

    Refines the sniffed format by name: a zip is a PyTorch checkpoint unless it is an
    ``.npz``, ``.keras`` or plain ``.zip``; a pickle with the legacy PyTorch magic
    number is a legacy checkpoint; a ``.joblib`` pickle is joblib.
    """
    fmt = sniff(head, name)
    ext = suffix(name)
    if fmt.name == "zip":
        return {".npz": "npz", ".keras": "keras", ".zip": "zip"}.get(ext, "pytorch-zip")
    if fmt.name == "pickle":
        if head.startswith(LEGACY_TORCH_MAGIC):
            return "pytorch-legacy"
        if ext == ".joblib":
            return "joblib"
        if not _pickle_magic(head) and ext in {".bin", ".pt", ".pth", ".ckpt", ".data"}:
            return "pytorch-unknown"
        return "pickle"
    if (fmt.codec is not None or fmt.name == "joblib-zf") and ext == ".joblib":
        return "joblib"
    if fmt.name == "weights-other":
        return None
    return fmt.name if fmt.weights else None
