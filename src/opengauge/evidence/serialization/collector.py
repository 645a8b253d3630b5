"""The safety collector: scan every serialized file and shipped Python file of a target."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from opengauge.evidence.code_scan import scan_code
from opengauge.evidence.serialization.scan import FileScan, scan_file
from opengauge.model import Evidence, SafetyEvidence, SerializationAnomaly, Skipped

log = logging.getLogger(__name__)

SCAN_KINDS = {"weights", "archive"}
SKIP_FORMATS = (".safetensors", ".gguf", ".onnx", ".msgpack", ".tflite")
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
    root: Path, files: list[tuple[str, int]], code: list[str]
) -> tuple[SafetyEvidence, list[Skipped]]:
    """Scan the given files (relative path, size) and Python files under ``root``."""
    scans: list[FileScan] = []
    skipped: list[Skipped] = []
    for rel, size in files:
        if rel.lower().endswith(SKIP_FORMATS):
            continue
        try:
            scans.append(scan_file(root / rel, rel, size))
        except Exception as exc:
            log.debug("scan of %s failed", rel, exc_info=True)
            skipped.append(Skipped(rel, f"safety scan failed: {type(exc).__name__}: {exc}"))
    issues, code_skips = scan_code(root, code)
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


def collect_safety(root: Path, evidence: Evidence) -> Evidence:
    """Extra collector for ``collect(..., extra_collectors=(collect_safety,))``."""
    files = [
        (f.path, f.size)
        for f in evidence.files
        if f.kind in SCAN_KINDS
        or f.path.lower().endswith((".pkl", ".pickle", ".joblib", ".dill", ".npy", ".npz"))
    ]
    code = [f.path for f in evidence.files if f.path.endswith(".py")]
    safety, skipped = scan_target(root, files, code)
    safety = replace(safety, anomalies=safety.anomalies + tuple(onnx_anomalies(evidence)))
    return replace(evidence, safety=safety, skipped=evidence.skipped + tuple(skipped))
