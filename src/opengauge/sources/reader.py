"""The reader seam: where every byte of a target comes from.

Every piece of evidence is read through a :class:`ReleaseReader`: the walker's listing,
card, licence and config text, weight headers, the pickle scanner and the code scanner.
A file keeps one identity from the walk to the report: its ``FileEntry.path``, unique
within the target, which the reader alone maps to real bytes (a local path, a Hub URL).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from opengauge.errors import OpengaugeError
from opengauge.model import FileEntry, Skipped

ProgressCallback = Callable[[str, int], None]


class ReaderError(OpengaugeError):
    """A file the reader listed cannot be opened or read (the message says why)."""


@dataclass(frozen=True)
class WalkLimits:
    """Caps that keep a listing of hostile input bounded."""

    max_files: int = 100_000
    max_depth: int = 48
    max_entries: int = 500_000
    hash_files: bool = False
    hash_max_bytes: int = 1 << 40


@dataclass(frozen=True)
class Listing:
    """Every regular file of a target, what could not be listed, and whether it was cut."""

    files: tuple[FileEntry, ...]
    skipped: tuple[Skipped, ...] = ()
    truncated: bool = False


class ReleaseReader(Protocol):
    """Bounded access to one target's files, by their ``FileEntry.path``.

    ``label`` is what the report shows as the target's path; ``name`` the release's
    name (folder or Hub id); ``source`` a word (local, hf-cache, hf-hub).
    ``revision`` pins what was read (a commit), when the source knows one.
    """

    @property
    def label(self) -> str:
        """The target as the report shows it."""
        ...

    @property
    def name(self) -> str:
        """The release's name: a folder name or a Hub id."""
        ...

    @property
    def source(self) -> str:
        """Where the bytes come from: local, hf-cache, hf-hub."""
        ...

    @property
    def revision(self) -> str | None:
        """The commit read, when the source knows one."""
        ...

    def list(self, limits: WalkLimits, progress: ProgressCallback | None = None) -> Listing:
        """Every regular file, sorted by path, with sizes (and hashes when asked)."""
        ...

    def open(self, path: str) -> AbstractContextManager[BinaryIO]:
        """A seekable binary stream of the file; ReaderError when it cannot be opened."""
        ...

    def read(self, path: str, limit: int, start: int = 0) -> bytes:
        """At most ``limit`` bytes from ``start``; ReaderError when unreadable."""
        ...
