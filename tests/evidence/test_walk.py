from __future__ import annotations

import os
from pathlib import Path

import pytest

from opengauge.sources.reader import WalkLimits
from opengauge.sources.walk import display_name, walk


def _tree(root: Path) -> None:
    (root / "a").mkdir()
    (root / "a" / "one.txt").write_text("1")
    (root / "two.bin").write_bytes(b"\x00" * 4)


def test_walk_lists_files_sorted_with_sizes(tmp_path: Path) -> None:
    _tree(tmp_path)
    files, skipped = walk(tmp_path)
    assert [f.entry.path for f in files] == ["a/one.txt", "two.bin"]
    assert [f.entry.size for f in files] == [1, 4]
    assert skipped == []
    assert all(f.entry.sha256 is None for f in files)


def test_hashing_is_opt_in_and_streams(tmp_path: Path) -> None:
    _tree(tmp_path)
    files, _ = walk(tmp_path, limits=WalkLimits(hash_files=True))
    import hashlib

    assert files[0].entry.sha256 == hashlib.sha256(b"1").hexdigest()


def test_symlink_out_of_root_is_skipped_not_followed(tmp_path: Path) -> None:
    (tmp_path / "etc").symlink_to("/etc")
    (tmp_path / "passwd").symlink_to("/etc/passwd")
    files, skipped = walk(tmp_path)
    assert files == []
    reasons = {s.path: s.reason for s in skipped}
    assert "outside the target" in reasons["etc"]
    assert "outside the target" in reasons["passwd"]


def test_symlink_loop_is_detected(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    files, skipped = walk(tmp_path)
    reasons = " ".join(s.reason for s in skipped)
    assert "already visited" in reasons
    assert "symlink loop" in reasons or "broken symlink" in reasons
    assert files == []


def test_symlink_inside_root_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("x")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    files, skipped = walk(tmp_path)
    assert [f.entry.path for f in files] == ["alias.txt", "real.txt"]
    assert skipped == []


def test_boundary_allows_hf_cache_blob_links(tmp_path: Path) -> None:
    blobs = tmp_path / "blobs"
    blobs.mkdir()
    (blobs / "abc").write_text("{}")
    snap = tmp_path / "snapshots" / "rev"
    snap.mkdir(parents=True)
    (snap / "config.json").symlink_to(blobs / "abc")
    files, skipped = walk(snap, boundary=tmp_path)
    assert [f.entry.path for f in files] == ["config.json"]
    assert files[0].real == (blobs / "abc").resolve()
    files, skipped = walk(snap)
    assert files == [] and "outside" in skipped[0].reason


def test_invalid_utf8_name_is_shown_and_recorded(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/bad\xffname.txt"
    with open(raw, "wb") as handle:
        handle.write(b"x")
    files, skipped = walk(tmp_path)
    assert files[0].entry.path == "bad\\xffname.txt"
    assert files[0].entry.name_ok is False
    assert "not valid UTF-8" in skipped[0].reason
    assert display_name("plain") == ("plain", True)


def test_names_differing_only_in_invalid_bytes_stay_distinct(tmp_path: Path) -> None:
    for raw in (b"/a\xff.pkl", b"/a\xfe.pkl"):
        with open(os.fsencode(tmp_path) + raw, "wb") as handle:
            handle.write(raw)
    with open(tmp_path / "a\\xff.pkl", "wb") as handle:  # a literal backslash name
        handle.write(b"literal")
    files, _ = walk(tmp_path)
    paths = [f.entry.path for f in files]
    assert len(paths) == len(set(paths)) == 3
    assert {f.real.read_bytes() for f in files} == {b"/a\xff.pkl", b"/a\xfe.pkl", b"literal"}


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    files, skipped = walk(tmp_path)
    assert files == []
    assert "not a regular file" in skipped[0].reason


def test_caps_on_count_and_depth(tmp_path: Path) -> None:
    for i in range(10):
        (tmp_path / f"f{i}").write_text("x")
    deep = tmp_path
    for i in range(6):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    files, skipped = walk(tmp_path, limits=WalkLimits(max_files=5, max_depth=3))
    assert len(files) == 5
    assert any("cap reached" in s.reason for s in skipped)
    files, skipped = walk(tmp_path, limits=WalkLimits(max_depth=3))
    assert any("nested deeper" in s.reason for s in skipped)


def test_unreadable_folder_is_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def fake_scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", fake_scandir)
    _, skipped = walk(tmp_path)
    assert skipped[0].path == "locked"
    assert "permission denied" in skipped[0].reason


def test_git_metadata_is_not_audited(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    files, skipped = walk(tmp_path)
    assert files == [] and skipped[0].path == ".git"
