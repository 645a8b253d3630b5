"""File kinds from names and first bytes (magic numbers), without parsing contents."""

from __future__ import annotations

import re

WEIGHT_EXTENSIONS = {
    ".safetensors", ".gguf", ".ggml", ".onnx", ".bin", ".pt", ".pth", ".ckpt", ".h5", ".hdf5",
    ".keras", ".msgpack", ".npz", ".npy", ".pkl", ".pickle", ".joblib", ".tflite", ".mlmodel",
    ".pb", ".llamafile", ".nemo", ".mar", ".tar", ".dill",
}
CODE_EXTENSIONS = {
    ".py", ".sh", ".bash", ".ipynb", ".js", ".ts", ".c", ".cc", ".cpp", ".cu", ".h", ".hpp",
    ".rs", ".go", ".java", ".jl", ".r", ".lua", ".swift", ".kt", ".scala", ".pyx", ".mojo",
}
DOC_EXTENSIONS = {".md", ".rst", ".txt", ".pdf", ".html", ".htm", ".tex", ".adoc", ".org"}
CONFIG_EXTENSIONS = {".json", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".conf", ".gin"}
DATA_EXTENSIONS = {
    ".csv", ".tsv", ".jsonl", ".parquet", ".arrow", ".avro", ".tfrecord", ".wav", ".flac",
    ".mp3", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp4", ".xml", ".zst", ".gz", ".xz",
}
ARCHIVE_EXTENSIONS = {".zip", ".7z", ".tgz", ".rar"}
TOKENIZER_NAMES = re.compile(
    r"^(tokenizer(_config)?\.json|tokenizer\.model|vocab\.(txt|json)|merges\.txt|"
    r"special_tokens_map\.json|added_tokens\.json|spiece\.model|sentencepiece\.bpe\.model|"
    r".*\.tiktoken)$",
    re.IGNORECASE,
)
LICENSE_NAMES = re.compile(
    r"^(licen[cs]e|copying|notice|use[_-]?policy|acceptable[_-]use[_-]policy|"
    r"licen[cs]e[-_.].*|.*[-_.]licen[cs]e|copyright|legal|terms[_-]of[_-]use)(\.[a-z0-9]+)?$",
    re.IGNORECASE,
)

MAGIC = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"GGUF", "gguf"),
    (b"\x89HDF\r\n\x1a\n", "hdf5"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x93NUMPY", "npy"),
    (b"\x1f\x8b", "gzip"),
)


def suffix(name: str) -> str:
    """Lower-cased last extension of a path, with the dot ('' if none)."""
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def sniff(first: bytes) -> str | None:
    """Container format from magic bytes, if recognised."""
    for magic, kind in MAGIC:
        if first.startswith(magic):
            return kind
    if first[:1] == b"\x80" and len(first) > 1 and first[1] <= 5:
        return "pickle"
    if len(first) >= 8 and first[:8] != b"\x00" * 8:
        length = int.from_bytes(first[:8], "little")
        if 2 <= length < (100 << 20) and first[8:9] == b"{":
            return "safetensors"
    return None


def kind_of(path: str, first: bytes = b"") -> str:
    """One word for what a file is: weights, code, doc, config, data, archive, license,
    tokenizer or other. Magic bytes win over the extension for binary containers."""
    base = path.rsplit("/", 1)[-1]
    ext = suffix(base)
    if LICENSE_NAMES.match(base) and ext not in CODE_EXTENSIONS:
        return "license"
    if TOKENIZER_NAMES.match(base):
        return "tokenizer"
    magic = sniff(first) if first else None
    if magic in {"gguf", "hdf5", "npy", "pickle", "safetensors"}:
        return "weights"
    if ext in WEIGHT_EXTENSIONS:
        return "weights"
    if magic in {"zip", "7z"} or ext in ARCHIVE_EXTENSIONS:
        return "archive"
    if ext in CODE_EXTENSIONS:
        return "code"
    if ext in CONFIG_EXTENSIONS:
        return "config"
    if ext in DOC_EXTENSIONS:
        return "doc"
    if ext in DATA_EXTENSIONS:
        return "data"
    if base.lower() in {"makefile", "dockerfile"}:
        return "code"
    return "other"
