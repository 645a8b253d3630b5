"""The part cache: what was fetched of a commit, kept between audits; never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengauge.sources.hub_cache import PartCache, default_cache_dir


def test_part_cache_keeps_parts_and_metadata_by_commit(tmp_path: Path) -> None:
    cache = PartCache(tmp_path / "c")
    cache.put_part("model/org/n", "a" * 40, "w.bin", 100, b"xyz")
    cache.put_meta("model/org/n", "a" * 40, "files", {"files": []})
    cache.close()
    again = PartCache(tmp_path / "c")
    assert again.parts("model/org/n", "a" * 40, "w.bin") == [(100, b"xyz")]
    assert again.parts("model/org/n", "b" * 40, "w.bin") == []  # another commit
    assert again.meta("model/org/n", "a" * 40, "files") == {"files": []}
    assert again.meta("model/org/n", "a" * 40, "info") is None


def test_a_broken_cache_costs_requests_not_the_audit(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "hub-parts.sqlite3").write_bytes(b"not a database" * 100)
    cache = PartCache(tmp_path / "c")
    cache.put_part("r", "s", "p", 0, b"x")
    assert cache.parts("r", "s", "p") == [] and cache.meta("r", "s", "m") is None
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert PartCache(blocked / "sub").parts("r", "s", "p") == []


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENGAUGE_CACHE", str(tmp_path / "og"))
    assert default_cache_dir() == tmp_path / "og"
    monkeypatch.delenv("OPENGAUGE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "opengauge"
