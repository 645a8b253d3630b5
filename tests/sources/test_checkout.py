"""The git checkout a folder lies in: found from ``.git`` alone, git never run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import opengauge
from opengauge.sources import open_local
from opengauge.sources.checkout import checkout_subdir, head_commit


def _git_dir(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


def _outside_any_checkout(path: Path) -> None:
    if any((parent / ".git").exists() for parent in path.resolve().parents):
        pytest.skip("the temporary folder itself lies in a git checkout")


def test_the_root_of_a_checkout(tmp_path: Path) -> None:
    assert checkout_subdir(_git_dir(tmp_path / "repo")) == ""


def test_a_folder_inside_a_checkout(tmp_path: Path) -> None:
    folder = _git_dir(tmp_path / "repo") / "models" / "tiny"
    folder.mkdir(parents=True)
    assert checkout_subdir(folder) == "models/tiny"


def test_worktrees_and_submodules_have_a_gitdir_file(tmp_path: Path) -> None:
    sub = tmp_path / "repo" / "vendor" / "lib"
    sub.mkdir(parents=True)
    (sub / ".git").write_text("gitdir: ../../.git/modules/lib\n")
    (sub / "models").mkdir()
    assert checkout_subdir(sub / "models") == "models"


def test_a_dot_git_that_is_not_a_repository_does_not_count(tmp_path: Path) -> None:
    _outside_any_checkout(tmp_path)
    (tmp_path / "a" / ".git").mkdir(parents=True)  # no HEAD
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".git").write_text("not a gitdir line")
    assert checkout_subdir(tmp_path / "a") is None
    assert checkout_subdir(tmp_path / "b") is None


def test_folder_names_that_are_not_utf8_are_shown_as_bytes(tmp_path: Path) -> None:
    repo = _git_dir(tmp_path / "repo")
    raw = os.path.join(os.fsencode(repo), b"d-\xff")
    os.mkdir(raw)
    assert checkout_subdir(Path(os.fsdecode(raw))) == "d-\\xff"


def test_the_audit_report_carries_it(tmp_path: Path) -> None:
    folder = _git_dir(tmp_path / "repo") / "release"
    folder.mkdir()
    (folder / "README.md").write_text("# release\n")
    report = opengauge.audit(folder, generated_at="2026-01-01T00:00:00+00:00")
    assert report.target.checkout_subdir == "release"


def test_a_hugging_face_snapshot_is_not_a_checkout(tmp_path: Path) -> None:
    snapshot = _git_dir(tmp_path / "repo") / "models--org--name" / "snapshots" / "abc123"
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")
    reader = open_local(snapshot)
    assert reader.source == "hf-cache" and reader.checkout_subdir is None


SHA = "0123456789abcdef0123456789abcdef01234567"
OTHER = "89abcdef0123456789abcdef0123456789abcdef"


def _repo(tmp_path: Path, head: str) -> Path:
    git = tmp_path / "repo" / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text(head)
    (tmp_path / "repo" / "model").mkdir()
    return tmp_path / "repo"


def test_head_commit_detached_loose_and_packed(tmp_path: Path) -> None:
    repo = _repo(tmp_path, SHA + "\n")
    assert head_commit(repo / "model") == SHA
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert head_commit(repo / "model") is None  # the branch has no commit yet
    (repo / ".git" / "packed-refs").write_text(
        f"# pack-refs with: peeled fully-peeled sorted\n{OTHER} refs/heads/main\n"
    )
    assert head_commit(repo / "model") == OTHER
    (repo / ".git" / "refs" / "heads" / "main").write_text(SHA + "\n")
    assert head_commit(repo) == SHA  # a loose ref is newer than the packed one


def test_head_commit_of_a_worktree_reads_the_shared_refs(tmp_path: Path) -> None:
    main = _repo(tmp_path, "ref: refs/heads/main\n")
    (main / ".git" / "refs" / "heads" / "main").write_text(SHA + "\n")
    private = main / ".git" / "worktrees" / "wt"
    private.mkdir(parents=True)
    (private / "HEAD").write_text("ref: refs/heads/main\n")
    (private / "commondir").write_text("../..\n")
    tree = tmp_path / "wt"
    tree.mkdir()
    (tree / ".git").write_text(f"gitdir: {private}\n")
    assert head_commit(tree) == SHA


def test_head_commit_refuses_what_it_cannot_read_for_sure(tmp_path: Path) -> None:
    assert head_commit(tmp_path) is None  # not in a checkout
    repo = _repo(tmp_path, "ref: refs/../../../etc/passwd\n")
    assert head_commit(repo) is None
    (repo / ".git" / "HEAD").write_text("x" * 10_000)  # over the cap
    assert head_commit(repo) is None
    (repo / ".git" / "HEAD").write_text("not a sha\n")
    assert head_commit(repo) is None


def test_a_local_folder_in_a_checkout_reports_its_commit(tmp_path: Path) -> None:
    repo = _repo(tmp_path, SHA + "\n")
    (repo / "model" / "README.md").write_text("# M\n")
    report = opengauge.audit(repo / "model")
    assert report.target.revision == SHA and report.target.checkout_subdir == "model"
