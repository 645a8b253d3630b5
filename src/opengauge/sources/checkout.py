"""The git checkout a local folder lies in, found by looking for ``.git``, never by running git.

Reports that tools read against a repository (SARIF for GitHub code scanning) need paths
relative to the repository root, not to the audited folder. Git itself is not run: the
configuration of an audited repository (``core.fsmonitor``, hooks) could run commands.
"""

from __future__ import annotations

import re
from pathlib import Path

from opengauge.sources.walk import display_name

MAX_LEVELS = 256  # deeper than any real path; keeps the climb bounded
_GITDIR_FILE_MAX = 4096  # a worktree's or submodule's ``.git`` file is one short line
_REF_MAX = 4096  # HEAD and loose refs are one line
_PACKED_REFS_MAX = 8 * 1024 * 1024  # packed-refs of large repositories stay well under this
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1 or SHA-256 object names
_REF_NAME = re.compile(r"refs/[A-Za-z0-9._/+-]{1,240}")


def _is_checkout_root(folder: Path) -> bool:
    """``folder/.git`` is a git directory (with HEAD) or a ``gitdir:`` file (worktrees,
    submodules)."""
    marker = folder / ".git"
    try:
        if marker.is_dir():
            return (marker / "HEAD").is_file()
        if marker.is_file() and marker.stat().st_size <= _GITDIR_FILE_MAX:
            with marker.open("rb") as handle:
                return handle.read(_GITDIR_FILE_MAX).startswith(b"gitdir:")
    except OSError:
        return False
    return False


def _checkout_root(folder: Path) -> Path | None:
    current = folder.resolve()
    for _ in range(MAX_LEVELS):
        if _is_checkout_root(current):
            return current
        if current.parent == current:
            return None
        current = current.parent
    return None


def _read(path: Path, cap: int) -> str | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(cap + 1)
    except OSError:
        return None
    return None if len(data) > cap else data.decode("ascii", errors="replace")


def _git_dirs(root: Path) -> tuple[Path, Path] | None:
    """(the checkout's git dir, the common dir holding refs) for ``root``."""
    marker = root / ".git"
    if marker.is_dir():
        return marker, marker
    text = _read(marker, _GITDIR_FILE_MAX)
    if not text or not text.startswith("gitdir:"):
        return None
    git_dir = (root / text.removeprefix("gitdir:").strip()).resolve()
    common = _read(git_dir / "commondir", _GITDIR_FILE_MAX)  # worktrees share refs
    return git_dir, (git_dir / common.strip()).resolve() if common else git_dir


def head_commit(folder: Path) -> str | None:
    """The commit checked out in the git working tree holding ``folder``, read from
    ``HEAD`` and the refs (loose, then packed), or None when it cannot be read for sure.

    Uncommitted changes are not seen: this is the commit the tree was checked out at.
    """
    root = _checkout_root(folder)
    dirs = _git_dirs(root) if root is not None else None
    if dirs is None:
        return None
    git_dir, common = dirs
    head = (_read(git_dir / "HEAD", _REF_MAX) or "").strip()
    if _SHA.fullmatch(head):
        return head  # detached HEAD
    ref = head.removeprefix("ref:").strip()
    if not head.startswith("ref:") or not _REF_NAME.fullmatch(ref) or ".." in ref:
        return None
    for base in (git_dir, common):
        loose = (_read(base / ref, _REF_MAX) or "").strip()
        if _SHA.fullmatch(loose):
            return loose
    for line in (_read(common / "packed-refs", _PACKED_REFS_MAX) or "").splitlines():
        sha, _, name = line.partition(" ")
        if name.strip() == ref and _SHA.fullmatch(sha):
            return sha
    return None


def checkout_subdir(folder: Path) -> str | None:
    """``folder``'s path inside the git working tree that holds it, '/'-separated ('' at
    its root), or None when no enclosing folder is a git working tree.

    Folder names that are not UTF-8 show their bytes as ``\\xNN``, as file paths do.
    """
    current = folder.resolve()
    parts: list[str] = []
    for _ in range(MAX_LEVELS):
        if _is_checkout_root(current):
            return "/".join(reversed(parts))
        if current.parent == current:
            return None
        parts.append(display_name(current.name)[0])
        current = current.parent
    return None
