"""The attack corpus itself: well-formed, complete, deterministic, and never loaded.

Detection is not asserted here (bench/bench_attacks.py measures it); these tests
only keep the corpus honest.
"""

from __future__ import annotations

import _pickle
import ast
import builtins
import marshal
import pickle
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.evidence.serialization import attacks
from tests.evidence.serialization.attacks import CLASSES, EXPECTS, Sample, build_attack_corpus
from tests.test_never_deserialize import _violations

HERE = Path(__file__).parent
SOURCES = (
    HERE / "attacks.py",
    HERE / "attack_builders.py",
    attacks.GENERATED / "make_attack_samples.py",
)


def _refuse(*_: Any, **__: Any) -> Any:
    raise AssertionError("the attack corpus must never be loaded")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Sample], float]:
    """The corpus without bombs, built while every loader raises."""
    root = tmp_path_factory.mktemp("attacks")
    patch = pytest.MonkeyPatch()
    for module, names in (
        (pickle, ("load", "loads", "Unpickler", "_Unpickler")),
        (_pickle, ("load", "loads", "Unpickler")),
        (np, ("load",)),
        (marshal, ("load", "loads")),
        (builtins, ("eval", "exec")),
    ):
        for name in names:
            patch.setattr(module, name, _refuse)
    try:
        started = time.monotonic()
        samples = build_attack_corpus(root, include_bombs=False)
        elapsed = time.monotonic() - started
    finally:
        patch.undo()
    return root, samples, elapsed


def test_names_unique(built: tuple[Path, list[Sample], float]) -> None:
    _, samples, _ = built
    techniques = [s.technique for s in samples]
    assert len(set(techniques)) == len(techniques)
    assert len({s.path for s in samples}) == len(samples)


def test_every_class_has_malicious_and_benign(built: tuple[Path, list[Sample], float]) -> None:
    _, samples, _ = built
    for klass in CLASSES[:-1]:
        group = [s for s in samples if s.klass == klass]
        assert sum(s.malicious for s in group) >= 3, klass
        assert sum(not s.malicious for s in group) >= 1, klass
    assert {s.klass for s in samples} == set(CLASSES[:-1])


def test_files_written(built: tuple[Path, list[Sample], float]) -> None:
    root, samples, _ = built
    for sample in samples:
        assert sample.path.is_file(), sample.technique
        assert sample.path.stat().st_size > 0, sample.technique
        assert sample.path.parent == root / sample.technique
        assert sample.description and "\n" not in sample.description


def test_labels_consistent(built: tuple[Path, list[Sample], float]) -> None:
    _, samples, _ = built
    for sample in samples:
        assert sample.expect in EXPECTS
        if sample.malicious:
            assert sample.expect in ("high+", "medium+"), sample.technique
        else:
            assert sample.expect in ("clean", "below-high"), sample.technique
            assert sample.technique.endswith("~benign"), sample.technique


def test_fast_and_deterministic(built: tuple[Path, list[Sample], float], tmp_path: Path) -> None:
    _, samples, elapsed = built
    assert elapsed < 5, elapsed
    again = build_attack_corpus(tmp_path, include_bombs=False)
    assert [s.technique for s in again] == [s.technique for s in samples]
    for first, second in zip(samples, again, strict=True):
        assert first.path.read_bytes() == second.path.read_bytes(), first.technique


def test_nothing_loaded_in_source() -> None:
    """No loader call in the corpus code (the same check as for src/)."""
    for path in SOURCES:
        assert _violations(ast.parse(path.read_text(encoding="utf-8"))) == [], path.name


def test_bombs_are_small_on_disk(tmp_path: Path) -> None:
    """Bombs are streamed or sparse: a few MB each on disk, built in seconds."""
    started = time.monotonic()
    samples = [s for s in build_attack_corpus(tmp_path) if s.klass == "bomb"]
    assert time.monotonic() - started < 60
    assert len(samples) >= 4
    assert sum(s.malicious for s in samples) >= 3
    for sample in samples:
        size = sample.path.stat().st_size
        on_disk = sample.path.stat().st_blocks * 512
        if sample.path.suffix == ".safetensors":
            assert 99_000_000 < size < 110_000_000
        else:
            assert on_disk < 8 << 20, (sample.technique, on_disk)
