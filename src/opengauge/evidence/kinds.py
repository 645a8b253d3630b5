"""File kinds from names and first bytes (magic numbers), without parsing contents."""

from __future__ import annotations

import re

from opengauge.evidence import formats
from opengauge.evidence.formats import suffix

WEIGHT_EXTENSIONS = {
    ".safetensors",
    ".gguf",
    ".ggml",
    ".onnx",
    ".bin",
    ".pt",
    ".pth",
    ".ckpt",
    ".h5",
    ".hdf5",
    ".keras",
    ".msgpack",
    ".npz",
    ".npy",
    ".pkl",
    ".pickle",
    ".joblib",
    ".tflite",
    ".mlmodel",
    ".pb",
    ".llamafile",
    ".nemo",
    ".mar",
    ".tar",
    ".dill",
}
CODE_EXTENSIONS = {
    ".py",
    ".sh",
    ".bash",
    ".ipynb",
    ".js",
    ".ts",
    ".c",
    ".cc",
    ".cpp",
    ".cu",
    ".h",
    ".hpp",
    ".rs",
    ".go",
    ".java",
    ".jl",
    ".r",
    ".lua",
    ".swift",
    ".kt",
    ".scala",
    ".pyx",
    ".mojo",
}
DOC_EXTENSIONS = {".md", ".rst", ".txt", ".pdf", ".html", ".htm", ".tex", ".adoc", ".org"}
CONFIG_EXTENSIONS = {".json", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".conf", ".gin"}
DATA_EXTENSIONS = {
    ".csv",
    ".tsv",
    ".jsonl",
    ".parquet",
    ".arrow",
    ".avro",
    ".tfrecord",
    ".wav",
    ".flac",
    ".mp3",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".mp4",
    ".xml",
    ".zst",
    ".gz",
    ".xz",
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


def sniff(first: bytes) -> str | None:
    """Format name from magic bytes alone, if recognised (see ``evidence.formats``)."""
    fmt = formats.sniff(first)
    return None if fmt is formats.OTHER else fmt.name


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
    if magic in {"gguf", "hdf5", "npy", "pickle", "safetensors", "tflite"}:
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
