"""The git checkout a local folder lies in, found by looking for ``.git``, never by running git.

Reports that tools read against a repository (SARIF for GitHub code scanning) need paths
relative to the repository root, not to the audited folder. Git itself is not run: the
configuration of an audited repository (``core.fsmonitor``, hooks) could run commands.
"""

from __future__ import annotations

from pathlib import Path

from opengauge.sources.walk import display_name

MAX_LEVELS = 256  # deeper than any real path; keeps the climb bounded
_GITDIR_FILE_MAX = 4096  # a worktree's or submodule's ``.git`` file is one short line


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
