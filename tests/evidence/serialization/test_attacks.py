"""The attacker's corpus through the real ``opengauge scan`` pipeline, default threshold.

Every malicious sample is reported at high or above (what ``opengauge scan`` fails on by
default); no benign twin is reported at medium or above (twins marked "below-high" may
be medium, never high). The bombs each get a finding within a few seconds, under one
decompression budget per file. Nothing is ever loaded (the corpus tests check that).
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
from tests.evidence.serialization.attacks import Sample, build_attack_corpus
from tests.helpers import scan_findings

from opengauge.model import Finding, Status

BOMB_SECONDS = 5.0


def _worst(findings: tuple[Finding, ...]) -> int:
    return max((f.severity.rank for f in findings if f.status is Status.FAIL), default=-1)


def _shown(findings: tuple[Finding, ...]) -> list[str]:
    fails = sorted((f for f in findings if f.status is Status.FAIL), key=lambda f: -f.severity.rank)
    return [f"{f.severity.value}: {f.message[:120]}" for f in fails[:4]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Sample]:
    return build_attack_corpus(tmp_path_factory.mktemp("attacks"), include_bombs=False)


@pytest.fixture(scope="module")
def verdicts(corpus: list[Sample]) -> dict[str, tuple[int, list[str]]]:
    """technique -> (worst severity rank, top findings), one scan per sample."""
    out = {}
    for sample in corpus:
        findings, _ = scan_findings(sample.path)
        out[sample.technique] = (_worst(findings), _shown(findings))
    return out


def test_every_malicious_sample_blocks_at_the_default_threshold(
    corpus: list[Sample], verdicts: dict[str, tuple[int, list[str]]]
) -> None:
    missed = {
        s.technique: verdicts[s.technique][1]
        for s in corpus
        if s.malicious and verdicts[s.technique][0] < 3
    }
    assert not missed, missed


def test_no_benign_sample_is_flagged(
    corpus: list[Sample], verdicts: dict[str, tuple[int, list[str]]]
) -> None:
    limit = {"clean": 2, "below-high": 3}
    flagged = {
        s.technique: verdicts[s.technique][1]
        for s in corpus
        if not s.malicious and verdicts[s.technique][0] >= limit[s.expect]
    }
    assert not flagged, flagged


def test_every_class_is_covered(corpus: list[Sample]) -> None:
    for klass in {s.klass for s in corpus}:
        group = [s for s in corpus if s.klass == klass]
        assert sum(s.malicious for s in group) >= 3 and sum(not s.malicious for s in group) >= 1


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> list[Sample]:
    root = tmp_path_factory.mktemp("bombs")
    return [s for s in build_attack_corpus(root) if s.klass == "bomb"]


def test_each_bomb_is_cheap_and_reported(bombs: list[Sample]) -> None:
    """One budget per top-level file: overlapping zip entries, a 4 GiB tar.gz member and a
    6 GiB zlib joblib end in seconds with a finding; a 99 MB safetensors header is read
    in pieces (the process stays far below the header's object size)."""
    assert len(bombs) >= 5
    for sample in bombs:
        started = time.monotonic()
        findings, _ = scan_findings(sample.path)
        elapsed = time.monotonic() - started
        assert elapsed < BOMB_SECONDS, (sample.technique, elapsed)
        if sample.malicious:
            worst = _worst(findings)
            assert worst >= 3, (sample.technique, _shown(findings))
            kinds = {f.subrule for f in findings if f.status is Status.FAIL}
            assert kinds & {"archive-bomb", "zip-overlapping-members"}, (sample.technique, kinds)
        else:
            assert _worst(findings) < 3, (sample.technique, _shown(findings))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 1024, peak_mb


def test_corpus_folder_scans_as_one_release(corpus: list[Sample]) -> None:
    """The whole corpus as one release: every malicious file is blocked there too."""
    root = Path(corpus[0].path).parents[1]
    findings, _ = scan_findings(root)
    worst: dict[str, int] = {}
    for f in findings:
        if f.status is Status.FAIL and f.locations:
            path = f.locations[0].path
            worst[path] = max(worst.get(path, -1), f.severity.rank)
    for sample in corpus:
        rel = sample.path.relative_to(root).as_posix()
        if sample.malicious:
            assert worst.get(rel, -1) >= 3, sample.technique
