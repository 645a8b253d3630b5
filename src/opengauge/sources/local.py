"""Resolve a local path (plain folder, HF snapshot, HF cache repo folder) to an audit root."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from opengauge.errors import TargetError


@dataclass(frozen=True)
class ResolvedTarget:
    """The folder to audit and the boundary symlinks may resolve into.

    Hugging Face cache snapshots hold symlinks into ``../../blobs``: the boundary
    is then the ``models--org--name`` folder, not the snapshot itself.
    """

    root: Path
    boundary: Path
    name: str
    source: str


def _cache_repo_name(folder: Path) -> str | None:
    """``models--org--name`` -> ``org/name``; None when the folder is not a cache repo."""
    for prefix in ("models--", "datasets--", "spaces--"):
        if folder.name.startswith(prefix):
            return folder.name[len(prefix) :].replace("--", "/")
    return None


def _pick_snapshot(repo: Path) -> Path | None:
    snapshots = repo / "snapshots"
    ref = repo / "refs" / "main"
    try:
        if ref.is_file() and ref.stat().st_size < 256:
            revision = ref.read_text(encoding="ascii", errors="replace").strip()
            candidate = snapshots / revision
            if revision and candidate.is_dir():
                return candidate
        revisions = sorted(
            (p for p in snapshots.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime
        )
    except OSError:
        return None
    return revisions[-1] if revisions else None


def resolve(path: str | os.PathLike[str]) -> ResolvedTarget:
    """Check that ``path`` is an auditable folder and work out its root and boundary.

    Raises TargetError with a one-line reason for a missing path, a file, or a
    folder we may not read.
    """
    given = Path(path)
    if not given.exists() and not given.is_symlink():
        raise TargetError(f"{given}: no such file or folder")
    folder = given.resolve()
    if not folder.is_dir():
        raise TargetError(f"{given}: is a file, not a folder (audit takes a model folder)")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise TargetError(f"{given}: permission denied")

    repo_name = _cache_repo_name(folder)
    if repo_name is not None and (folder / "snapshots").is_dir():
        snapshot = _pick_snapshot(folder)
        if snapshot is None:
            raise TargetError(f"{given}: Hugging Face cache folder without a snapshot")
        return ResolvedTarget(snapshot, folder, repo_name, "hf-cache")
    if folder.parent.name == "snapshots":
        cache_repo = folder.parent.parent
        repo_name = _cache_repo_name(cache_repo)
        if repo_name is not None:
            return ResolvedTarget(folder, cache_repo, repo_name, "hf-cache")
    return ResolvedTarget(folder, folder, given.resolve().name or str(folder), "local")
