"""audit and scan are one pipeline: a malicious file is found, at the same severity, by both,
whatever its name or where it hides (the acceptance test of the pipeline redesign)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from tests.evidence.serialization.generators import corpus
from tests.helpers import scan_findings

import opengauge
from opengauge.model import Finding, Severity, Status

BENIGN_PICKLE = pickle.dumps({"weights": [0.5, 1.5], "step": 3}, protocol=2)
MALICIOUS = {name: data for name, (data, label) in corpus().items() if label == "malicious"}


def _hostile_names(name: str, data: bytes) -> dict[bytes, bytes]:
    """Relative raw paths -> contents: each way a sample can hide in a release."""
    stem = name.rsplit(".", 1)[0].encode()
    out = {
        b"plain/" + name.encode(): data,
        b"bad-utf8/" + stem + b"\xff\xfe." + name.rsplit(".", 1)[-1].encode(): data,
        b"hidden/." + name.encode(): data,
        b"deep/" + b"/".join(b"d%d" % i for i in range(12)) + b"/" + name.encode(): data,
    }
    if name.startswith("pickle_"):
        # a benign pickle first: a loader that calls pickle.load twice runs the second
        out[b"appended/" + stem + b".pkl"] = BENIGN_PICKLE + data
    if data[:1] == b"\x80" or data[:2] == b"PK":  # the content says what it is
        out[b"misnamed/" + stem + b".safetensors"] = data
        out[b"misnamed/" + stem + b".json"] = data
    return out


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A release holding every malicious sample under every hostile name; the display
    path of each file -> the sample it holds."""
    root = tmp_path_factory.mktemp("hostile")
    shown: dict[str, str] = {}
    for name, data in MALICIOUS.items():
        if name.endswith((".h5", ".keras")) and not data.startswith(b"\x80"):
            variants = {b"plain/" + name.encode(): data}  # Keras configs: name-bound format
        else:
            variants = _hostile_names(name, data)
        for raw, content in variants.items():
            path = os.path.join(os.fsencode(root), raw)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(content)
            shown[raw.decode("utf-8", "backslashreplace")] = name
    return root, shown


def _worst_by_path(findings: tuple[Finding, ...]) -> dict[str, Severity]:
    worst: dict[str, Severity] = {}
    for f in findings:
        safety = f.rule.startswith("safety.") or f.rule == "weights.header_valid"
        if not safety or f.status is not Status.FAIL or not f.locations:
            continue
        path = f.locations[0].path
        if path not in worst or f.severity.rank > worst[path].rank:
            worst[path] = f.severity
    return worst


def test_audit_and_scan_find_every_hidden_sample_at_the_same_severity(
    release: tuple[Path, dict[str, str]],
) -> None:
    root, shown = release
    audit = opengauge.audit(root, generated_at="2026-01-01T00:00:00+00:00")
    scan, _ = scan_findings(root)
    by_audit, by_scan = _worst_by_path(audit.findings), _worst_by_path(scan)
    missed = sorted(p for p in shown if by_audit.get(p, Severity.INFO).rank < Severity.MEDIUM.rank)
    assert not missed, missed
    assert by_audit == by_scan
    safety = next(r for r in audit.frameworks if r.framework == "safety")
    assert safety.passed is False


def test_one_file_scanned_alone_agrees_with_the_folder(
    release: tuple[Path, dict[str, str]],
) -> None:
    root, shown = release
    folder, _ = scan_findings(root)
    by_folder = _worst_by_path(folder)
    for path in sorted(shown)[::7]:  # a spread of samples and hiding places
        raw = os.path.join(os.fsencode(root), path.encode("utf-8", "surrogateescape"))
        if not os.path.exists(raw):  # names with \xNN escapes: scan their folder instead
            continue
        alone, _ = scan_findings(Path(os.fsdecode(raw)))
        (severity,) = set(_worst_by_path(alone).values()) or {Severity.INFO}
        assert severity == by_folder[path], path
