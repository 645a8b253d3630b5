"""Fixture repositories for the fake Hub: files, commits, refs, and how to build them.

Nothing here reads a whole file into memory: hashes are streamed in bounded chunks and
computed lazily (only when a payload needs them), then cached per (path, size, mtime).
Files above ``hash_limit`` get a deterministic *fake* sha256 unless one is given, so a
10 GB sparse file costs nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

RepoKind = Literal["model", "dataset"]
Gated = Literal[False, "auto", "manual"]

LFS_THRESHOLD = 10 * 1024 * 1024  # the Hub's default: files >= 10 MB go to LFS
DEFAULT_HASH_LIMIT = 256 * 1024 * 1024  # above this, without a given sha256: fake sha
CHUNK = 1024 * 1024
FIXED_DATE = "2024-01-01T00:00:00.000Z"

# Suffixes the Hub's default .gitattributes sends to LFS (weights, archives, arrays).
_LFS_SUFFIX_TEXT = (
    ".7z .arrow .bin .bz2 .ckpt .ftz .gguf .gz .h5 .joblib .mlmodel .model .msgpack .npy"
    " .npz .onnx .ot .parquet .pb .pickle .pkl .pt .pth .rar .safetensors .tar .tflite"
    " .tgz .wasm .xz .zip .zst"
)
LFS_SUFFIXES = frozenset(_LFS_SUFFIX_TEXT.split())

_HASH_CACHE: dict[tuple[str, int, int, str], str] = {}
_HASH_LOCK = threading.Lock()


def _stream_digest(opener: BinaryIO, algo: str, prefix: bytes = b"") -> str:
    digest = hashlib.new(algo)
    digest.update(prefix)
    with opener as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def git_blob_oid(data: bytes) -> str:
    """The git object id of a blob with these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass
class FakeFile:
    """One file of a fixture repo, backed by a local file (seekable) or by bytes."""

    path: str
    size: int
    lfs: bool
    local: Path | None = None
    data: bytes | None = None
    sha256_override: str | None = None
    hash_limit: int = DEFAULT_HASH_LIMIT

    def open(self) -> BinaryIO:
        if self.local is not None:
            return self.local.open("rb")
        return io.BytesIO(self.data or b"")

    def _cached(self, algo: str, prefix: bytes = b"") -> str:
        if self.local is None:
            digest = hashlib.new(algo)
            digest.update(prefix + (self.data or b""))
            return digest.hexdigest()
        stat = self.local.stat()
        key = (str(self.local.resolve()), stat.st_size, stat.st_mtime_ns, algo)
        with _HASH_LOCK:
            if key in _HASH_CACHE:
                return _HASH_CACHE[key]
        value = _stream_digest(self.open(), algo, prefix)
        with _HASH_LOCK:
            _HASH_CACHE[key] = value
        return value

    @property
    def sha256_is_fake(self) -> bool:
        return (
            self.sha256_override is None
            and self.local is not None
            and (self.size > self.hash_limit)
        )

    @property
    def sha256(self) -> str:
        if self.sha256_override is not None:
            return self.sha256_override
        if self.sha256_is_fake:
            return hashlib.sha256(f"fakehub:{self.path}:{self.size}".encode()).hexdigest()
        return self._cached("sha256")

    @property
    def pointer(self) -> bytes:
        """The git-lfs pointer file the Hub stores in git for an LFS file."""
        spec = "version https://git-lfs.github.com/spec/v1"
        return f"{spec}\noid sha256:{self.sha256}\nsize {self.size}\n".encode()

    @property
    def git_oid(self) -> str:
        """The git blob id: of the pointer for LFS files, of the content otherwise."""
        if self.lfs:
            return git_blob_oid(self.pointer)
        return self._cached("sha1", b"blob %d\0" % self.size)

    @property
    def etag(self) -> str:
        return self.sha256 if self.lfs else self.git_oid

    def read_head(self, limit: int) -> bytes:
        with self.open() as handle:
            return handle.read(limit)


def _auto_lfs(path: str, size: int) -> bool:
    return size >= LFS_THRESHOLD or Path(path).suffix.lower() in LFS_SUFFIXES


def _is_lfs(path: str, size: int, lfs: bool | Iterable[str] | None) -> bool:
    if lfs is None:
        return _auto_lfs(path, size)
    if isinstance(lfs, bool):
        return lfs
    return path in set(lfs)


def build_repo_from_folder(
    folder: str | os.PathLike[str],
    *,
    lfs: bool | Iterable[str] | None = None,
    sha256: Mapping[str, str] | None = None,
    hash_limit: int = DEFAULT_HASH_LIMIT,
) -> dict[str, FakeFile]:
    """Every regular file under ``folder`` (symlinks and ``.git`` skipped), by repo path.

    ``lfs``: None = Hub default (size >= 10 MB or a weights/archive suffix), a bool for
    all files, or the paths to store in LFS. ``sha256``: given hashes (e.g. for sparse
    files); files above ``hash_limit`` without one get a fake, deterministic sha256.
    Nothing is hashed here: hashes are computed on first use.
    """
    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(root)
    lfs_set = lfs if lfs is None or isinstance(lfs, bool) else frozenset(lfs)
    given = dict(sha256 or {})
    files: dict[str, FakeFile] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d != ".git")
        for name in sorted(filenames):
            local = Path(dirpath) / name
            if local.is_symlink() or not local.is_file():
                continue
            rel = local.relative_to(root).as_posix()
            size = local.stat().st_size
            files[rel] = FakeFile(
                path=rel,
                size=size,
                lfs=_is_lfs(rel, size, lfs_set),
                local=local,
                sha256_override=given.get(rel),
                hash_limit=hash_limit,
            )
    return files


FileSource = bytes | str | os.PathLike[str] | FakeFile


def build_repo_from_mapping(
    entries: Mapping[str, FileSource],
    *,
    lfs: bool | Iterable[str] | None = None,
    sha256: Mapping[str, str] | None = None,
    hash_limit: int = DEFAULT_HASH_LIMIT,
) -> dict[str, FakeFile]:
    """Files from ``{path: bytes | text | local path | FakeFile}``."""
    lfs_set = lfs if lfs is None or isinstance(lfs, bool) else frozenset(lfs)
    given = dict(sha256 or {})
    files: dict[str, FakeFile] = {}
    for rel, value in entries.items():
        rel = rel.strip("/")
        if isinstance(value, FakeFile):
            files[rel] = value
            continue
        local: Path | None = None
        data: bytes | None = None
        if isinstance(value, bytes):
            data = value
        elif isinstance(value, str):
            data = value.encode()
        else:
            local = Path(value)
        size = len(data) if data is not None else Path(str(local)).stat().st_size
        files[rel] = FakeFile(
            path=rel,
            size=size,
            lfs=_is_lfs(rel, size, lfs_set),
            local=local,
            data=data,
            sha256_override=given.get(rel),
            hash_limit=hash_limit,
        )
    return files


@dataclass
class Commit:
    """One revision of a repo: its files and the metadata the Hub derives from them."""

    sha: str
    files: dict[str, FakeFile]
    card_data: dict[str, Any] | None
    last_modified: str = FIXED_DATE
    title: str = "Upload folder"
    safetensors: dict[str, Any] | None = None
    dirs: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        dirs: set[str] = set()
        for rel in self.files:
            parts = rel.split("/")[:-1]
            dirs.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        self.dirs = frozenset(dirs)

    def tree_oid(self, path: str) -> str:
        return hashlib.sha1(f"tree:{self.sha}:{path}".encode(), usedforsecurity=False).hexdigest()


@dataclass
class FakeRepo:
    """A repo: commits by sha, branches and tags, and its access rules."""

    repo_id: str
    kind: RepoKind
    commits: dict[str, Commit] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    git_tags: dict[str, str] = field(default_factory=dict)
    gated: Gated = False
    private: bool = False
    allowed_tokens: frozenset[str] | None = None  # None: every valid token
    tags: list[str] | None = None
    pipeline_tag: str | None = None
    library_name: str | None = None

    def resolve(self, revision: str) -> Commit | None:
        sha = self.branches.get(revision) or self.git_tags.get(revision) or revision
        return self.commits.get(sha)

    @property
    def head(self) -> Commit:
        return self.commits[self.branches.get("main") or next(reversed(self.commits))]

    def derived_tags(self, commit: Commit) -> list[str]:
        """Tags as the Hub derives them from the card and files (when none are given)."""
        if self.tags is not None:
            return list(self.tags)
        card = commit.card_data or {}
        out = [str(t) for t in card.get("tags") or []]
        for extra in (self.library_name, self.pipeline_tag):
            if extra and extra not in out:
                out.append(extra)
        if any(p.endswith(".safetensors") for p in commit.files):
            out.append("safetensors")
        langs = card.get("language") or []
        out += [str(lang) for lang in ([langs] if isinstance(langs, str) else langs)]
        out += [f"dataset:{d}" for d in card.get("datasets") or []]
        if card.get("license"):
            out.append(f"license:{card['license']}")
        return [*out, "region:us"]
