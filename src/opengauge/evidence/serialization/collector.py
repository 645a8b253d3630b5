"""The safety collector: scan every serialized file and shipped Python file of a target."""

from __future__ import annotations

import logging
from dataclasses import replace

from opengauge.evidence.code_scan import scan_code
from opengauge.evidence.formats import by_name
from opengauge.evidence.serialization.contents import is_template_file
from opengauge.evidence.serialization.scan import FileScan, scan_file
from opengauge.model import Evidence, FileEntry, SafetyEvidence, SerializationAnomaly, Skipped
from opengauge.sources.reader import ReleaseReader

log = logging.getLogger(__name__)

KNOWN_ONNX_DOMAINS = {
    "", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training", "com.microsoft",
    "com.microsoft.nchwc", "com.microsoft.experimental", "org.pytorch.aten",
}  # fmt: skip


def onnx_anomalies(evidence: Evidence) -> list[SerializationAnomaly]:
    """ONNX external-data paths that leave the folder and custom operator domains."""
    out = []
    for info in evidence.weights:
        if info.format != "onnx":
            continue
        for location in info.details.get("external_data", []):
            parts = location.replace("\\", "/").split("/")
            if location.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                out.append(
                    SerializationAnomaly(
                        info.path,
                        "onnx-external-data",
                        f"external data path {location!r} leaves the model folder",
                    )
                )
        for op in info.details.get("custom_ops", []):
            domain = op.split("::", 1)[0]
            if domain not in KNOWN_ONNX_DOMAINS:
                out.append(
                    SerializationAnomaly(
                        info.path,
                        "onnx-custom-domain",
                        f"custom operator {op} needs a native library loaded at run time",
                    )
                )
    return out


def scan_target(
    reader: ReleaseReader, files: list[FileEntry], code: list[FileEntry]
) -> tuple[SafetyEvidence, list[Skipped]]:
    """Scan the given serialized files and Python files of ``reader``'s target."""
    scans: list[FileScan] = []
    skipped: list[Skipped] = []
    for entry in files:
        try:
            scans.append(scan_file(reader, entry.path, entry.size))
        except Exception as exc:
            log.debug("scan of %s failed", entry.path, exc_info=True)
            scans.append(_failed(entry.path, exc))
    issues, code_skips = scan_code(reader, code)
    skipped.extend(code_skips)
    for scan in scans:
        skipped.extend(scan.skipped)
    evidence = SafetyEvidence(
        imports=tuple(i for s in scans for i in s.imports),
        anomalies=tuple(a for s in scans for a in s.anomalies),
        scanned=tuple(s.scanned for s in scans),
        code_issues=tuple(issues),
        code_files=len(code),
    )
    return evidence, skipped


def _failed(path: str, exc: Exception) -> FileScan:
    """A scan that crashed is an anomaly (the file stays unverified), not a silent skip."""
    scan = FileScan(path)
    scan.anomaly("scan-error", f"safety scan failed: {type(exc).__name__}: {exc}")
    return scan


def should_scan(entry: FileEntry) -> bool:
    """Files a loader could unpickle, that hold other files, or hold code loaders run
    (chat templates), by content or name."""
    return by_name(entry.format or "").scanned or is_template_file(entry.path)


def collect_safety(reader: ReleaseReader, evidence: Evidence) -> Evidence:
    """Extra collector for ``collect(..., extra_collectors=(collect_safety,))``."""
    files = [f for f in evidence.files if should_scan(f)]
    code = [f for f in evidence.files if f.path.endswith(".py")]
    safety, skipped = scan_target(reader, files, code)
    safety = replace(safety, anomalies=safety.anomalies + tuple(onnx_anomalies(evidence)))
    return replace(evidence, safety=safety, skipped=evidence.skipped + tuple(skipped))
