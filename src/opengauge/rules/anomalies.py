"""Serialization anomaly kinds: how much each matters (the catalogue's data).

The serialization scanner records anomalies by kind; the integrity analyzer judges them
with this table. Kinds not listed are medium.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnomalyKind:
    """One anomaly kind: its title, default severity and CWE."""

    kind: str
    title: str
    severity: str
    cwe: int | None = None


ANOMALIES: dict[str, AnomalyKind] = {
    a.kind: a
    for a in (
        AnomalyKind("pickle-error", "pickle stream that does not parse", "medium", 502),
        AnomalyKind("pickle-note", "unusual pickle structure", "low"),
        AnomalyKind("pickle-limit", "pickle walk stopped by a limit", "medium"),
        AnomalyKind("zip-encrypted-flag", "zip member flagged encrypted", "low"),
        AnomalyKind("zip-crc-mismatch", "zip member whose CRC does not match", "medium", 354),
        AnomalyKind("zip-header-mismatch", "zip local and central headers disagree", "medium", 436),
        AnomalyKind("zip-duplicate-name", "zip with two members of one name", "medium", 436),
        AnomalyKind("zip-hidden-member", "zip member not in the central directory", "medium", 436),
        AnomalyKind("archive-path-traversal", "archive member that leaves the archive", "high", 22),
        AnomalyKind("archive-bomb", "archive over its decompression budget", "medium", 409),
        AnomalyKind("archive-unopened", "archive that could not be opened", "medium"),
        AnomalyKind("archive-too-deep", "archive nested too deeply to open", "medium"),
        AnomalyKind("archive-too-many-members", "archive with too many members", "medium"),
        AnomalyKind("archive-error", "archive stream that could not be read", "low"),
        AnomalyKind("npy-error", "NumPy header that could not be read", "low"),
        AnomalyKind(
            "keras-lambda", "Keras Lambda layer (marshalled bytecode run on load)", "high", 94
        ),
        AnomalyKind("keras-custom-object", "Keras config naming a custom module", "medium", 94),
        AnomalyKind("onnx-external-data", "ONNX external data path outside the folder", "high", 22),
        AnomalyKind(
            "onnx-custom-domain", "ONNX operator from a custom domain (native code)", "medium", 829
        ),
        AnomalyKind("scan-error", "file the safety scan could not finish", "high"),
    )
}
