"""Read a Hugging Face Hub repository without downloading it: the remote ReleaseReader.

``hub_open.open_hub`` pins the revision to its commit and lists the files (sizes, LFS
sha256); :class:`HubReader` then hands every reader a seekable file whose bytes are
fetched by HTTP range on demand (``ranges.RangeFile``): the parsers read what
they always read (a head, a safetensors header, a zip's central directory, the pickle
members), so only that crosses the network. A file already in the Hugging Face cache at
that commit is read from there; fetched ranges are kept by commit (``hub_cache``), so a
second audit of the same revision makes no content request. A byte budget caps the
whole audit: past it, reads fail and the collectors record skips.
"""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast
from urllib.parse import quote

import httpx2
from huggingface_hub import try_to_load_from_cache
from huggingface_hub.errors import OfflineModeIsEnabled

from opengauge.model import FileEntry, HubMetadata, RemoteRead, Skipped
from opengauge.sources.hub_cache import PartCache
from opengauge.sources.hub_http import ContentError, HubBusyError, HubHttp, describe
from opengauge.sources.hub_id import HubRepo
from opengauge.sources.ranges import RangeCache, RangeFile
from opengauge.sources.reader import Listing, ProgressCallback, ReaderError, WalkLimits
from opengauge.sources.walk import IGNORED_DIRS

DEFAULT_MAX_BYTES = 256 << 20
MAX_LISTING = 500_000


@dataclass(frozen=True)
class HubOptions:
    """How to reach the Hub and how much may be read.

    ``endpoint`` None: ``HF_ENDPOINT`` (huggingface_hub's). ``token`` None: ``HF_TOKEN`` or
    the stored login, as huggingface_hub decides; False: none. ``max_bytes`` caps the
    content bytes of one audit. ``cache_dir`` holds fetched parts (None: the default,
    ``hub_cache.default_cache_dir``); ``use_cache`` False keeps nothing. ``sleep`` is
    what retries wait with (None: ``hub_http.pause``).
    """

    endpoint: str | None = None
    token: str | bool | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    cache_dir: Path | None = None
    use_cache: bool = True
    hf_cache_dir: Path | None = None
    sleep: Callable[[float], None] | None = None
    max_retries: int = 5
    max_wait: float = 60.0


@dataclass(frozen=True)
class RemoteFile:
    """One file of the listing: path, size, git object id, and LFS sha256 when in LFS."""

    path: str
    size: int
    oid: str
    sha256: str | None = None


def _safe_path(path: str) -> bool:
    """A listed path we may use: relative, no empty / dot segments, no control characters."""
    parts = path.split("/")
    return (
        bool(path)
        and not path.startswith("/")
        and "\\" not in path
        and all(p not in ("", ".", "..") for p in parts)
        and not any(ord(c) < 32 or ord(c) == 127 for c in path)
    )


class HubReader:
    """A ReleaseReader over one commit of a Hub repository (see the module docstring)."""

    def __init__(
        self,
        repo: HubRepo,
        sha: str,
        files: tuple[RemoteFile, ...],
        http: HubHttp,
        options: HubOptions,
        parts: PartCache,
        info: dict[str, Any],
        *,
        listing_truncated: bool = False,
    ) -> None:
        self.repo = repo
        self.sha = sha
        self.files = {f.path: f for f in files}
        self.http = http
        self.options = options
        self.parts = parts
        self.info = info
        self.listing_truncated = listing_truncated
        self._ranges: dict[str, RangeCache] = {}
        self._locations: dict[str, str] = {}
        self._broken: dict[str, str] = {}
        self._hf_cache = options.hf_cache_dir
        self._local: dict[str, str | None] = {}

    @property
    def label(self) -> str:
        """``hf://org/name@<commit>``."""
        return self.repo.spec(self.sha)

    @property
    def name(self) -> str:
        """The Hub id."""
        return self.repo.repo_id

    @property
    def source(self) -> str:
        """hf-hub."""
        return "hf-hub"

    @property
    def revision(self) -> str:
        """The commit sha read."""
        return self.sha

    @property
    def key(self) -> str:
        """The repository as the part cache names it."""
        return f"{self.repo.kind}/{self.repo.repo_id}"

    def transfer(self) -> RemoteRead:
        """What this reader fetched so far against the size of the release."""
        counters = self.http.counters
        return RemoteRead(
            bytes_read=counters.bytes_read,
            bytes_total=sum(f.size for f in self.files.values()),
            requests=counters.requests,
            content_requests=counters.content_requests,
            max_bytes=self.options.max_bytes,
        )

    def hub_metadata(self) -> HubMetadata:
        """What the Hub's API said of the repository (``hub_open.hub_metadata``)."""
        from opengauge.sources.hub_open import hub_metadata  # it imports this module

        return hub_metadata(self.info)

    # --- listing ---------------------------------------------------------------------
    def list(self, limits: WalkLimits, progress: ProgressCallback | None = None) -> Listing:
        """The files of the commit, as the Hub lists them (sizes, LFS sha256)."""
        entries: list[FileEntry] = []
        skipped: list[Skipped] = []
        ignored: set[str] = set()
        truncated = self.listing_truncated
        for path in sorted(self.files):
            remote = self.files[path]
            folders = path.split("/")[:-1]
            hidden = next((i for i, p in enumerate(folders) if p in IGNORED_DIRS), None)
            if not _safe_path(path):
                skipped.append(
                    Skipped(repr(path)[1:-1], "unsafe name in the Hub listing; not read")
                )
            elif hidden is not None:
                folder = "/".join(folders[: hidden + 1])
                if folder not in ignored:
                    ignored.add(folder)
                    skipped.append(Skipped(folder, f"{IGNORED_DIRS[folders[hidden]]}, not audited"))
            elif len(folders) > limits.max_depth:
                skipped.append(
                    Skipped(path, f"folder nested deeper than {limits.max_depth} levels")
                )
            elif len(entries) >= limits.max_files:
                skipped.append(Skipped(".", "file count cap reached; the rest was not walked"))
                truncated = True
                break
            else:
                digest = remote.sha256
                if digest is None and limits.hash_files:
                    digest = self._hash(remote, skipped)
                entries.append(FileEntry(path=path, size=remote.size, sha256=digest))
                if progress is not None:
                    progress(path, remote.size)
        if self.listing_truncated:
            skipped.append(Skipped(".", f"Hub listing cap reached ({MAX_LISTING} entries)"))
        return Listing(tuple(entries), tuple(skipped), truncated)

    def _hash(self, remote: RemoteFile, skipped: builtins.list[Skipped]) -> str | None:
        digest = hashlib.sha256()
        try:
            with self.open(remote.path) as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except (ReaderError, OSError) as exc:
            skipped.append(Skipped(remote.path, f"cannot read for hashing: {exc}"))
            return None
        return digest.hexdigest()

    # --- bytes -----------------------------------------------------------------------
    @contextmanager
    def open(self, path: str) -> Iterator[BinaryIO]:
        """The file, from the Hugging Face cache when it holds it, else by ranges."""
        remote = self.files.get(path)
        if remote is None or not _safe_path(path):
            raise ReaderError(f"{path}: not a file of this target")
        local = self._cached_copy(remote)
        if local is not None:
            with local:
                yield local
            return
        raw = RangeFile(self._range_cache(remote))
        with io.BufferedReader(raw, buffer_size=8192) as handle:
            yield cast(BinaryIO, handle)

    def read(self, path: str, limit: int, start: int = 0) -> bytes:
        """At most ``limit`` bytes of the file from ``start``."""
        with self.open(path) as handle:
            handle.seek(start)
            return handle.read(limit)

    def _cached_copy(self, remote: RemoteFile) -> BinaryIO | None:
        """The file as the Hugging Face cache holds it at this commit (a regular file of
        the listed size), or None."""
        if remote.path not in self._local:
            try:
                found = try_to_load_from_cache(
                    self.repo.repo_id,
                    remote.path,
                    cache_dir=self._hf_cache,
                    revision=self.sha,
                    repo_type=self.repo.kind,
                )
            except (ValueError, OSError):
                found = None
            self._local[remote.path] = found if isinstance(found, str) else None
        found = self._local[remote.path]
        if found is None:
            return None
        try:
            fd = os.open(found, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != remote.size:
            os.close(fd)
            return None
        return os.fdopen(fd, "rb")

    def _range_cache(self, remote: RemoteFile) -> RangeCache:
        cache = self._ranges.get(remote.path)
        if cache is None:
            held = self.parts.parts(self.key, self.sha, remote.path)

            def store(start: int, data: bytes) -> None:
                self.parts.put_part(self.key, self.sha, remote.path, start, data)

            def fetch(start: int, end: int) -> bytes:
                return self._fetch(remote, start, end)

            cache = RangeCache(remote.size, fetch, held=held, store=store, room=self._room)
            self._ranges[remote.path] = cache
        return cache

    def _room(self) -> int:
        """Content bytes the budget still allows."""
        return max(0, self.options.max_bytes - self.http.counters.bytes_read)

    def resolve_url(self, path: str) -> str:
        """The ``/resolve/<commit>/<path>`` URL of a file."""
        prefix = "" if self.repo.kind == "model" else f"{self.repo.kind}s/"
        return (
            f"{self.http.endpoint}/{prefix}{self.repo.repo_id}/resolve/{self.sha}/"
            f"{quote(path, safe='/')}"
        )

    def _fetch(self, remote: RemoteFile, start: int, end: int) -> bytes:
        if remote.path in self._broken:
            raise ContentError(self._broken[remote.path], final=True)
        if end - start > self._room():
            raise ContentError(
                f"remote read budget reached ({self.options.max_bytes} bytes, "
                "--max-remote-bytes): not read"
            )
        location = self._locations.get(remote.path)
        try:
            return self._get(remote, location or self.resolve_url(remote.path), start, end)
        except ContentError as exc:
            if location is not None and exc.status in (403, 404, 410):
                # A signed storage URL may have expired: ask the Hub again, once.
                self._locations.pop(remote.path, None)
                return self._get(remote, self.resolve_url(remote.path), start, end)
            raise

    def _get(self, remote: RemoteFile, url: str, start: int, end: int) -> bytes:
        def moved(new: str) -> None:
            self._locations[remote.path] = new

        try:
            return self.http.get_range(url, start, end, remote.size, moved)
        except ContentError as exc:
            refused = exc.status in (401, 403, 404, 410, 416) and url == self.resolve_url(
                remote.path
            )
            if exc.final or refused:  # asking again would get the same answer
                self._broken[remote.path] = str(exc)
            raise
        except HubBusyError as exc:
            raise ContentError(str(exc)) from None
        except (OfflineModeIsEnabled, httpx2.HTTPError) as exc:
            raise ContentError(f"cannot reach the Hub: {describe(exc)}") from None

    def close(self) -> None:
        """Release the part cache."""
        self.parts.close()
