"""Resolve a local path (plain folder, HF snapshot, HF cache repo folder) to an audit root."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from opengauge.errors import TargetError
from opengauge.sources.hub_id import HubRepo, parse_hub_spec
from opengauge.sources.reader import Listing, ProgressCallback, ReaderError, WalkLimits
from opengauge.sources.walk import walk, walk_one


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


def hub_cache() -> Path:
    """The local Hugging Face hub cache, found the way huggingface_hub finds it."""
    for variable in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"):
        if os.environ.get(variable):
            return Path(os.environ[variable]).expanduser()
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", "~/.cache"), "huggingface"
    )
    return Path(home).expanduser() / "hub"


def cached_snapshot(repo: HubRepo, *, complete: bool = False) -> Path | None:
    """The snapshot folder of ``repo`` in the local Hugging Face cache, or None.

    huggingface_hub's own lookup (``snapshot_download(local_files_only=True)``) resolves
    the revision through ``refs/`` and refuses a snapshot its tree listing shows to be
    incomplete. ``complete``: only a snapshot that listing vouches for (a folder filled by
    single-file downloads may lack the card and licence).
    """
    from huggingface_hub import get_cached_repo_tree, snapshot_download
    from huggingface_hub.errors import CachedRepoTreeNotFoundError, LocalEntryNotFoundError

    cache = hub_cache()
    try:
        folder = Path(
            snapshot_download(
                repo.repo_id,
                repo_type=repo.kind,
                revision=repo.revision,
                cache_dir=cache,
                local_files_only=True,
            )
        )
        if complete:
            get_cached_repo_tree(
                repo.repo_id, repo_type=repo.kind, revision=folder.name, cache_dir=cache
            )
    except (LocalEntryNotFoundError, CachedRepoTreeNotFoundError, ValueError, OSError):
        return None
    return folder if folder.is_dir() else None


def _from_hub_id(spec: str) -> ResolvedTarget:
    """``hf://org/name[@revision]`` (or ``hf://datasets/org/name``) from the local cache only."""
    repo = parse_hub_spec(spec)
    snapshot = cached_snapshot(repo)
    if snapshot is not None:
        return ResolvedTarget(snapshot, snapshot.parent.parent, repo.repo_id, "hf-cache")
    folder = hub_cache() / repo.cache_folder
    if not (folder / "snapshots").is_dir():
        raise TargetError(
            f"{spec}: not in the local Hugging Face cache ({folder}); download it first "
            f"(e.g. `hf download {repo.repo_id}`) or audit it on the Hub (no --offline, "
            "HF_HUB_OFFLINE unset)"
        )
    if repo.revision:
        raise TargetError(f"{spec}: revision {repo.revision!r} is not in the local cache")
    latest = _pick_snapshot(folder)  # no refs/main: the newest snapshot, as before
    if latest is None:
        raise TargetError(f"{spec}: Hugging Face cache folder without a snapshot")
    return ResolvedTarget(latest, folder, repo.repo_id, "hf-cache")


def resolve(path: str | os.PathLike[str]) -> ResolvedTarget:
    """Check that ``path`` is an auditable folder and work out its root and boundary.

    ``hf://org/name[@revision]`` names a repository in the local Hugging Face cache
    (never downloaded: ``sources.hub`` reads the Hub). Raises TargetError with a one-line
    reason for a missing path, a file, or a folder we may not read.
    """
    if isinstance(path, str) and path.startswith("hf://"):
        return _from_hub_id(path)
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


class LocalReader:
    """Reads a target on the local disk: a folder, a Hugging Face snapshot, or one file.

    Files are opened by their display path only; the walk's table maps it to the real
    path (non-UTF-8 names included), so every reader sees the same file under one name.
    ``only`` limits the target to one file of the folder (``opengauge scan FILE``).
    """

    def __init__(self, target: ResolvedTarget, only: str | None = None) -> None:
        self.target = target
        self.only = only
        self._real: dict[str, Path] = {}

    @property
    def label(self) -> str:
        """The audited folder (or file) as the report shows it."""
        root = self.target.root
        return str(root / self.only) if self.only else str(root)

    @property
    def name(self) -> str:
        """The folder name, or the Hub id of a cache snapshot."""
        return self.target.name

    @property
    def source(self) -> str:
        """local or hf-cache."""
        return self.target.source

    @property
    def revision(self) -> str | None:
        """The snapshot's commit for Hugging Face cache targets; for a local folder in a
        git checkout, the commit checked out (read from ``.git``, git is never run)."""
        if self.target.source == "hf-cache" and self.target.root.parent.name == "snapshots":
            return self.target.root.name
        if self.target.source == "local":
            from opengauge.sources.checkout import head_commit

            return head_commit(self.target.root)
        return None

    @property
    def checkout_subdir(self) -> str | None:
        """The folder's path inside the git checkout holding it ('' at its root), for
        local folders only: a Hugging Face cache snapshot is not a checkout."""
        if self.target.source != "local":
            return None
        from opengauge.sources.checkout import checkout_subdir

        return checkout_subdir(self.target.root)

    def list(self, limits: WalkLimits, progress: ProgressCallback | None = None) -> Listing:
        """Walk the folder (or stat the one file) and remember where each entry lives."""
        if self.only is not None:
            files, skipped = walk_one(self.target.root, self.only, limits, progress)
        else:
            files, skipped = walk(self.target.root, self.target.boundary, limits, progress)
        self._real = {f.entry.path: f.real for f in files}
        truncated = any("cap reached" in s.reason for s in skipped)
        return Listing(tuple(f.entry for f in files), tuple(skipped), truncated)

    @contextmanager
    def open(self, path: str) -> Iterator[BinaryIO]:
        """The listed file, opened without blocking and only if it is still a regular file."""
        real = self._real.get(path)
        if real is None:
            raise ReaderError(f"{path}: not a file of this target")
        try:
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            raise ReaderError(f"cannot read: {exc.strerror or exc}") from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ReaderError("no longer a regular file; not read")
            handle = os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            yield handle

    def read(self, path: str, limit: int, start: int = 0) -> bytes:
        """At most ``limit`` bytes of the file from ``start``."""
        with self.open(path) as handle:
            try:
                if start:
                    handle.seek(start)
                return handle.read(limit)
            except OSError as exc:
                raise ReaderError(f"cannot read: {exc.strerror or exc}") from None


def open_local(path: str | os.PathLike[str], *, allow_file: bool = False) -> LocalReader:
    """A reader for a folder, an HF cache folder or snapshot, or one file (``allow_file``)."""
    if allow_file and not (isinstance(path, str) and path.startswith("hf://")):
        given = Path(path)
        if given.is_file() and not given.is_symlink():
            folder = given.resolve().parent
            target = ResolvedTarget(folder, folder, given.name, "local")
            return LocalReader(target, only=given.resolve().name)
    return LocalReader(resolve(path))
