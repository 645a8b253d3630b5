"""Weight-file headers read without loading tensors: safetensors, GGUF, ONNX.

Pickle-based formats (PyTorch zip and legacy, raw pickles, joblib, NumPy) are
only identified here; their security side is the serialization scanner's job.
"""

from __future__ import annotations

import logging
from typing import Any

from opengauge.evidence.formats import weight_format
from opengauge.evidence.serialization._io import FormatError
from opengauge.evidence.serialization.gguf_header import parse_gguf
from opengauge.evidence.serialization.onnx_header import parse_onnx
from opengauge.evidence.serialization.safetensors_header import parse_safetensors
from opengauge.model import Skipped, WeightInfo
from opengauge.sources.reader import ReaderError, ReleaseReader

log = logging.getLogger(__name__)


def detect_format(first: bytes, rel: str) -> str | None:
    """Weight format from the first bytes (magic wins) and the name; see ``formats``."""
    return weight_format(first, rel)


PARSERS = {"safetensors": parse_safetensors, "gguf": parse_gguf, "onnx": parse_onnx}


def read_weight_header(
    reader: ReleaseReader, rel: str, size: int
) -> tuple[WeightInfo | None, tuple[Skipped, ...]]:
    """Read what a weight file's header says, never its tensors.

    Returns None for files that are not a recognised weight format. A header
    that cannot be read gives a Skipped with the reason and a WeightInfo whose
    ``details["error"]`` repeats it; validation problems of a readable header
    are listed in ``details["problems"]``.
    """
    fmt = "unknown"
    try:
        with reader.open(rel) as handle:
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
    except (ReaderError, OSError, MemoryError) as exc:
        log.debug("cannot read %s", rel, exc_info=True)
        return None, (Skipped(rel, f"cannot read weight file: {exc}"),)
    return WeightInfo(path=rel, format=fmt, **fields), ()
