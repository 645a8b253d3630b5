"""Weight-file headers read without loading tensors: safetensors, GGUF, ONNX.

Pickle-based formats (PyTorch zip and legacy, raw pickles, joblib, NumPy) are
only identified here; their security side is the serialization scanner's job.
"""

from __future__ import annotations

import logging
from typing import Any

from opengauge.evidence.formats import (
    LFS_NOT_FETCHED,
    OTHER,
    lfs_pointer,
    sniff,
    suffix,
    weight_format,
)
from opengauge.evidence.serialization._io import FormatError
from opengauge.evidence.serialization.gguf_header import parse_gguf
from opengauge.evidence.serialization.onnx_header import parse_onnx
from opengauge.evidence.serialization.safetensors_header import parse_safetensors
from opengauge.evidence.serialization.scan import HEAD, PICKLE_FILE_EXT
from opengauge.model import Skipped, WeightInfo
from opengauge.sources.reader import ReaderError, ReleaseReader

log = logging.getLogger(__name__)


def detect_format(first: bytes, rel: str) -> str | None:
    """Weight format from the first bytes (magic wins) and the name; see ``formats``."""
    return weight_format(first, rel)


PARSERS = {"safetensors": parse_safetensors, "gguf": parse_gguf, "onnx": parse_onnx}


def unrecognised(head: bytes, rel: str) -> str | None:
    """Why a file named as a weight format is not one, or None.

    The name promises a format with a signature (NumPy, HDF5, a zip such as ``.keras``)
    and the content has none: nothing here read it, so its safety is unknown (``numpy.load``
    even falls back to unpickling a ``.npy`` that is not one). Formats with a header
    parser report their own errors, and pickle-named files are the scanner's.
    """
    named = sniff(b"", rel)
    if (
        named.magic is None
        or named.name in PARSERS
        or suffix(rel) in PICKLE_FILE_EXT
        or sniff(head) is not OTHER
    ):
        return None
    return f"not read: named as {named.name} but its content has no {named.name} signature"


def read_weight_header(
    reader: ReleaseReader, rel: str, size: int
) -> tuple[WeightInfo | None, tuple[Skipped, ...]]:
    """Read what a weight file's header says, never its tensors.

    Returns None for files that are not a recognised weight format; a Git LFS pointer
    (weights not fetched) or a file whose content is not the format its name says
    (:func:`unrecognised`) is no weights, and a Skipped says so. A header that cannot
    be read gives a Skipped with the reason and a WeightInfo whose
    ``details["error"]`` repeats it; validation problems of a readable header
    are listed in ``details["problems"]``.
    """
    fmt = "unknown"
    try:
        with reader.open(rel) as handle:
            first = handle.read(HEAD)  # an HDF5 superblock may follow a user block
            if size < 1024 and lfs_pointer(first) is not None:
                return None, (Skipped(rel, LFS_NOT_FETCHED),)
            detected = detect_format(first, rel)
            if detected is None:
                return None, ()
            why = unrecognised(first, rel) if size else None
            if why is not None:
                return None, (Skipped(rel, why),)
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
    except (ReaderError, OSError, MemoryError) as exc:
        log.debug("cannot read %s", rel, exc_info=True)
        return None, (Skipped(rel, f"cannot read weight file: {exc}"),)
    return WeightInfo(path=rel, format=fmt, **fields), ()
