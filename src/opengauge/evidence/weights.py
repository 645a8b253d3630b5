"""Weight-file headers read without loading tensors: safetensors, GGUF, ONNX.

Pickle-based formats (PyTorch zip and legacy, raw pickles, joblib, NumPy) are
only identified here; their security side is the serialization scanner's job.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from opengauge.evidence.serialization._io import FormatError
from opengauge.evidence.serialization.gguf_header import parse_gguf
from opengauge.evidence.serialization.onnx_header import parse_onnx
from opengauge.evidence.serialization.safetensors_header import parse_safetensors
from opengauge.model import Skipped, WeightInfo

log = logging.getLogger(__name__)

LEGACY_TORCH_MAGIC = b"\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19"
PICKLE_EXTENSIONS = {".pkl", ".pickle", ".dill"}
TORCH_EXTENSIONS = {".bin", ".pt", ".pth", ".ckpt", ".tar", ".mar", ".nemo"}


def _suffix(rel: str) -> str:
    base = rel.rsplit("/", 1)[-1].lower()
    return "." + base.rsplit(".", 1)[-1] if "." in base.strip(".") else ""


def detect_format(first: bytes, rel: str) -> str | None:
    """Weight format from the first bytes (magic wins) and the extension."""
    ext = _suffix(rel)
    if first.startswith(b"GGUF"):
        return "gguf"
    if first.startswith(b"PK\x03\x04") or first.startswith(b"PK\x05\x06"):
        return {".npz": "npz", ".keras": "keras", ".zip": "zip"}.get(ext, "pytorch-zip")
    if first.startswith(b"\x89HDF\r\n\x1a\n"):
        return "hdf5"
    if first.startswith(b"\x93NUMPY"):
        return "npy"
    if first.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if len(first) > 262 and first[257:262] == b"ustar":
        return "tar"
    if first.startswith(LEGACY_TORCH_MAGIC):
        return "pytorch-legacy"
    if first[:1] == b"\x80" and len(first) > 1 and first[1] <= 5:
        return "joblib" if ext == ".joblib" else "pickle"
    if len(first) >= 9 and first[8:9] == b"{" and ext != ".onnx":
        return "safetensors"
    if ext == ".safetensors":
        return "safetensors"
    if ext == ".onnx":
        return "onnx"
    if ext == ".joblib":
        return "joblib"
    if ext in PICKLE_EXTENSIONS:
        return "pickle"
    if ext in TORCH_EXTENSIONS:
        return "pytorch-unknown"
    return None


PARSERS = {"safetensors": parse_safetensors, "gguf": parse_gguf, "onnx": parse_onnx}


def read_weight_header(
    path: Path, rel: str, size: int
) -> tuple[WeightInfo | None, tuple[Skipped, ...]]:
    """Read what a weight file's header says, never its tensors.

    Returns None for files that are not a recognised weight format. A header
    that cannot be read gives a Skipped with the reason and a WeightInfo whose
    ``details["error"]`` repeats it; validation problems of a readable header
    are listed in ``details["problems"]``.
    """
    fmt = "unknown"
    try:
        with path.open("rb") as handle:
            first = handle.read(512)
            detected = detect_format(first, rel)
            if detected is None:
                return None, ()
            fmt = detected
            if size == 0:
                info = WeightInfo(path=rel, format=fmt, details={"error": "empty file"})
                return info, (Skipped(rel, "empty weight file"),)
            parser = PARSERS.get(fmt)
            if parser is None:
                return WeightInfo(path=rel, format=fmt), ()
            fields: dict[str, Any] = parser(handle, size)
    except FormatError as exc:
        reason = f"{fmt} header unreadable: {exc}"
        return WeightInfo(path=rel, format=fmt, details={"error": str(exc)}), (
            Skipped(rel, reason),
        )
    except (OSError, MemoryError) as exc:
        log.debug("cannot read %s", rel, exc_info=True)
        return None, (Skipped(rel, f"cannot read weight file: {exc}"),)
    return WeightInfo(path=rel, format=fmt, **fields), ()
