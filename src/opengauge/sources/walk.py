"""Walk a local target folder safely: no escape through symlinks, no loops, bounded counts.

Nothing here opens a file except to hash it, and never a FIFO, socket or device
(opening one can hang). Each file gets one display path, unique in the target, that
the local reader maps back to the real file: that path is the file's identity from
the walk to the report.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from opengauge.model import FileEntry, Skipped
from opengauge.sources.reader import ProgressCallback, WalkLimits

# Folders that hold tooling state, not release content.
IGNORED_DIRS = {".git": "version-control metadata", ".cache": "download cache metadata"}


@dataclass(frozen=True)
class WalkedFile:
    """A regular file found by the walk: display entry plus the real path to read."""

    entry: FileEntry
    real: Path


def display_name(name: str) -> tuple[str, bool]:
    """Printable form of a file name and whether it was valid UTF-8.

    ``os.scandir`` decodes undecodable bytes as surrogates; we show each as ``\\xNN``
    (``backslashreplace``), so two different names never share one display path.
    """
    try:
        name.encode("utf-8")
        return name, True
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "backslashreplace"), False


def _inside(path: str, boundary: str) -> bool:
    return path == boundary or path.startswith(boundary.rstrip(os.sep) + os.sep)


def sha256_file(path: Path, limit: int) -> str | None:
    """Streaming SHA-256 of a file; None if it is larger than ``limit``."""
    digest = hashlib.sha256()
    read = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            read += len(chunk)
            if read > limit:
                return None
            digest.update(chunk)
    return digest.hexdigest()


class _Walk:
    def __init__(
        self, root: Path, boundary: Path, limits: WalkLimits, progress: ProgressCallback | None
    ) -> None:
        self.root = root
        self.boundary = os.path.realpath(boundary)
        self.limits = limits
        self.progress = progress
        self.files: list[WalkedFile] = []
        self.skipped: list[Skipped] = []
        self.seen_dirs: set[tuple[int, int]] = set()
        self.entries = 0
        self.stopped = False
        self.taken: set[str] = set()

    def _unique(self, rel: str) -> str:
        n = 2
        while f"{rel}~{n}" in self.taken:
            n += 1
        self.skip(rel, f"display name shared with another file; this one is audited as {rel}~{n}")
        return f"{rel}~{n}"

    def skip(self, rel: str, reason: str) -> None:
        self.skipped.append(Skipped(rel, reason))

    def run(self) -> None:
        st = os.stat(self.root)
        self.seen_dirs.add((st.st_dev, st.st_ino))
        stack: list[tuple[Path, str, int]] = [(self.root, "", 0)]
        while stack and not self.stopped:
            folder, rel_folder, depth = stack.pop()
            for child, rel, is_dir in reversed(self._list(folder, rel_folder)):
                if is_dir:
                    if depth + 1 > self.limits.max_depth:
                        self.skip(rel, f"folder nested deeper than {self.limits.max_depth} levels")
                    else:
                        stack.append((child, rel, depth + 1))

    def _list(self, folder: Path, rel_folder: str) -> list[tuple[Path, str, bool]]:
        """Record the files of one folder; return its subfolders to descend into."""
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            self.skip(rel_folder or ".", "cannot read folder: permission denied")
            return []
        except OSError as exc:
            self.skip(rel_folder or ".", f"cannot read folder: {exc.strerror or exc}")
            return []
        subfolders: list[tuple[Path, str, bool]] = []
        for entry in entries:
            self.entries += 1
            if self.entries > self.limits.max_entries or len(self.files) >= self.limits.max_files:
                self.skip(rel_folder or ".", "file count cap reached; the rest was not walked")
                self.stopped = True
                break
            shown, name_ok = display_name(entry.name)
            rel = f"{rel_folder}/{shown}" if rel_folder else shown
            child = Path(entry.path)
            if not name_ok:
                self.skip(
                    rel,
                    "file name is not valid UTF-8 (bytes shown as \\xNN); audited under this name",
                )
            if entry.name in IGNORED_DIRS and entry.is_dir(follow_symlinks=False):
                self.skip(rel, f"{IGNORED_DIRS[entry.name]}, not audited")
                continue
            try:
                if entry.is_symlink():
                    target = self._follow(child, rel)
                    if target is None:
                        continue
                    st = target[1]
                    real = target[0]
                else:
                    st = entry.stat(follow_symlinks=False)
                    real = child
            except OSError as exc:
                self.skip(rel, f"cannot stat: {exc.strerror or exc}")
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in self.seen_dirs:
                    self.skip(rel, "folder already visited (symlink or bind-mount loop)")
                    continue
                self.seen_dirs.add(key)
                subfolders.append((real, rel, True))
            elif stat.S_ISREG(st.st_mode):
                self._add_file(real, rel, st.st_size, name_ok)
            else:
                self.skip(rel, "not a regular file (device, socket or pipe); not opened")
        return subfolders

    def _follow(self, link: Path, rel: str) -> tuple[Path, os.stat_result] | None:
        """Resolve a symlink that stays inside the boundary; record a skip otherwise."""
        try:
            target = os.path.realpath(link, strict=True)
        except (OSError, RuntimeError) as exc:
            reason = "symlink loop" if "loop" in str(exc).lower() else "broken symlink"
            self.skip(rel, reason)
            return None
        if not _inside(target, self.boundary):
            self.skip(rel, f"symlink points outside the target ({target}); not followed")
            return None
        return Path(target), os.stat(target)

    def _add_file(self, real: Path, rel: str, size: int, name_ok: bool) -> None:
        if rel in self.taken:  # a literal "\\xNN" name beside an escaped one: keep both
            rel = self._unique(rel)
        self.taken.add(rel)
        digest = None
        if self.limits.hash_files:
            try:
                digest = sha256_file(real, self.limits.hash_max_bytes)
            except OSError as exc:
                self.skip(rel, f"cannot read for hashing: {exc.strerror or exc}")
        entry = FileEntry(path=rel, size=size, sha256=digest, name_ok=name_ok)
        self.files.append(WalkedFile(entry, real))
        if self.progress is not None:
            self.progress(rel, size)


def walk(
    root: Path,
    boundary: Path | None = None,
    limits: WalkLimits | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[list[WalkedFile], list[Skipped]]:
    """Every regular file under ``root`` (sorted by path) and what was skipped, with why."""
    walker = _Walk(root, boundary or root, limits or WalkLimits(), progress)
    walker.run()
    walker.files.sort(key=lambda f: f.entry.path)
    return walker.files, walker.skipped


def walk_one(
    folder: Path, name: str, limits: WalkLimits, progress: ProgressCallback | None = None
) -> tuple[list[WalkedFile], list[Skipped]]:
    """One regular file of ``folder`` as a one-file target (``opengauge scan FILE``)."""
    walker = _Walk(folder, folder, limits, progress)
    path = folder / name
    shown, name_ok = display_name(name)
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError as exc:
        return [], [Skipped(shown, f"cannot stat: {exc.strerror or exc}")]
    if not stat.S_ISREG(st.st_mode):
        return [], [Skipped(shown, "not a regular file; not opened")]
    walker._add_file(path, shown, st.st_size, name_ok)
    return walker.files, walker.skipped
