"""Serialization anomaly kinds: how much each matters (the catalogue's data).

The serialization scanner records anomalies by kind; the integrity analyzer judges them
with this table. Kinds not listed are medium. What the scanner could not check (a
stream that does not parse, an archive or member it cannot open, a limit or budget
reached) is high: a release is not passed on a file nobody verified.
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
        AnomalyKind(
            "pickle-error", "pickle stream that does not parse (not fully checked)", "high", 502
        ),
        AnomalyKind("pickle-note", "unusual pickle structure", "low"),
        AnomalyKind("pickle-limit", "pickle walk stopped by a limit (rest not checked)", "high"),
        AnomalyKind("zip-encrypted-flag", "zip member flagged encrypted but readable", "low"),
        AnomalyKind("zip-crc-mismatch", "zip member whose CRC does not match", "medium", 354),
        AnomalyKind("zip-header-mismatch", "zip local and central headers disagree", "medium", 436),
        AnomalyKind("zip-duplicate-name", "zip with two members of one name", "medium", 436),
        AnomalyKind("zip-hidden-member", "zip member not in the central directory", "medium", 436),
        AnomalyKind("zip-no-central-directory", "zip without an end record", "medium", 436),
        AnomalyKind(
            "zip-bad-central-directory", "zip central directory that does not read", "medium", 436
        ),
        AnomalyKind("zip-ambiguous", "zip whose readers see different members", "high", 436),
        AnomalyKind("zip-prepended-data", "zip with data before the archive", "medium", 436),
        AnomalyKind(
            "zip-case-collision", "zip members whose names differ only in case", "medium", 436
        ),
        AnomalyKind("zip-overlapping-members", "zip members that share bytes", "high", 409),
        AnomalyKind("archive-path-traversal", "archive member that leaves the archive", "high", 22),
        AnomalyKind(
            "archive-link-outside", "archive link to a path outside the archive", "high", 59
        ),
        AnomalyKind("archive-link", "archive link to another member", "low", 59),
        AnomalyKind(
            "archive-bomb",
            "file over its decompression or time budget (rest not checked)",
            "high",
            409,
        ),
        AnomalyKind("archive-unopened", "archive that could not be opened (not checked)", "high"),
        AnomalyKind(
            "archive-member-unreadable",
            "archive member that could not be read (not checked)",
            "high",
        ),
        AnomalyKind("archive-too-deep", "archive nested too deeply to open (not checked)", "high"),
        AnomalyKind(
            "archive-too-many-members", "archive with too many members (rest not checked)", "high"
        ),
        AnomalyKind(
            "archive-error", "archive or compressed stream that could not be read", "medium"
        ),
        AnomalyKind("npy-error", "NumPy header that could not be read", "medium"),
        AnomalyKind("npy-header-too-large", "NumPy header too large to check", "high"),
        AnomalyKind("hdf5-user-block", "HDF5 file with a user block before its data", "low"),
        AnomalyKind(
            "keras-lambda", "Keras Lambda layer (marshalled bytecode run on load)", "high", 94
        ),
        AnomalyKind("keras-custom-object", "Keras config naming a custom module", "medium", 94),
        AnomalyKind("keras-config-error", "Keras config that is not valid JSON", "low"),
        AnomalyKind(
            "chat-template-injection",
            "chat template reaching Python internals (template injection)",
            "high",
            1336,
        ),
        AnomalyKind("chat-template-error", "chat template that does not parse as Jinja2", "low"),
        AnomalyKind("gguf-error", "GGUF metadata that could not be read", "low"),
        AnomalyKind("onnx-external-data", "ONNX external data path outside the folder", "high", 22),
        AnomalyKind(
            "onnx-custom-domain", "ONNX operator from a custom domain (native code)", "medium", 829
        ),
        AnomalyKind("scan-error", "file the safety scan could not finish", "high"),
    )
}
