"""The fake Hub: state (repos, tokens, faults, request log) and its two loopback servers.

``FakeHub`` runs a *hub* server (API + ``/resolve``) and, unless ``cdn=False``, a second
*cdn* server on another port that LFS downloads are redirected to, as the real Hub
redirects them to a CDN host (so huggingface_hub drops the Authorization header there).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from tests.fakehub.derive import card_from_readme, safetensors_parameters
from tests.fakehub.records import Faults, FileFaults, RecordedRequest
from tests.fakehub.repo import (
    DEFAULT_HASH_LIMIT,
    FIXED_DATE,
    Commit,
    FakeFile,
    FakeRepo,
    FileSource,
    Gated,
    RepoKind,
    build_repo_from_folder,
    build_repo_from_mapping,
)

DEFAULT_TOKEN = "hf_fakehub_valid_token"
AUTO: Literal["auto"] = "auto"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, hub: FakeHub, role: str) -> None:
        from tests.fakehub.handler import Handler

        self.hub = hub
        self.role = role
        super().__init__(("127.0.0.1", 0), Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class FakeHub:
    """A loopback imitation of the Hugging Face Hub; use as a context manager."""

    def __init__(
        self,
        *,
        tokens: Iterable[str] = (DEFAULT_TOKEN,),
        cdn: bool = True,
        tree_page_size: int = 1000,
        tree_page_size_expand: int = 50,
    ) -> None:
        self.repos: dict[tuple[RepoKind, str], FakeRepo] = {}
        self.tokens = set(tokens)
        self.cdn_enabled = cdn
        self.tree_page_size = tree_page_size
        self.tree_page_size_expand = tree_page_size_expand
        self.faults = Faults()
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Condition()
        self._active = 0
        self._secret = os.urandom(16)
        self._links: dict[str, tuple[FakeRepo, Commit, FakeFile]] = {}
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []

    # lifecycle
    def start(self) -> FakeHub:
        roles = ["hub", "cdn"] if self.cdn_enabled else ["hub"]
        for role in roles:
            server = _Server(self, role)
            thread = threading.Thread(
                target=server.serve_forever, args=(0.02,), name=f"fakehub-{role}", daemon=True
            )
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)
        return self

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> FakeHub:
        return self.start()

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _url(self, index: int) -> str:
        host, port = self._servers[index].server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def endpoint(self) -> str:
        """``http://127.0.0.1:PORT``: pass it as ``endpoint=`` to HfApi / HfFileSystem."""
        return self._url(0)

    @property
    def cdn_endpoint(self) -> str:
        return self._url(1) if self.cdn_enabled else self.endpoint

    # fixtures
    def add_repo(
        self,
        repo_id: str,
        source: str | os.PathLike[str] | Mapping[str, FileSource],
        *,
        kind: RepoKind = "model",
        revision_sha: str | None = None,
        branch: str | None = "main",
        git_tags: Iterable[str] = (),
        card_data: dict[str, Any] | Literal["auto"] | None = AUTO,
        gated: Gated | None = None,
        private: bool | None = None,
        allowed_tokens: Iterable[str] | None = None,
        tags: list[str] | None = None,
        pipeline_tag: str | None = None,
        library_name: str | None = None,
        safetensors: dict[str, Any] | Literal["auto"] | None = AUTO,
        last_modified: str = FIXED_DATE,
        title: str = "Upload folder",
        lfs: bool | Iterable[str] | None = None,
        sha256: Mapping[str, str] | None = None,
        hash_limit: int = DEFAULT_HASH_LIMIT,
    ) -> Commit:
        """Add a commit to ``repo_id`` (creating the repo); returns the commit.

        ``source`` is a folder or ``{path: bytes | text | Path | FakeFile}``. Calling it
        again for the same repo adds a commit and moves ``branch`` to it; ``None``
        arguments keep the repo's current access rules and metadata.
        """
        if isinstance(source, Mapping):
            files = build_repo_from_mapping(source, lfs=lfs, sha256=sha256, hash_limit=hash_limit)
        else:
            files = build_repo_from_folder(
                Path(source), lfs=lfs, sha256=sha256, hash_limit=hash_limit
            )
        repo = self.repos.setdefault((kind, repo_id), FakeRepo(repo_id=repo_id, kind=kind))
        if revision_sha is None:
            seed = f"{kind}/{repo_id}#{len(repo.commits)}:" + ";".join(
                f"{p}:{f.size}" for p, f in sorted(files.items())
            )
            revision_sha = hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()
        if not re.fullmatch(r"[0-9a-f]{40}", revision_sha):
            raise ValueError(f"revision_sha must be 40 lowercase hex digits: {revision_sha!r}")
        card = card_from_readme(files) if card_data == AUTO else card_data
        params = safetensors_parameters(files.values()) if safetensors == AUTO else safetensors
        commit = Commit(revision_sha, files, card, last_modified, title, params)
        repo.commits[revision_sha] = commit
        if branch is not None:
            repo.branches[branch] = revision_sha
        for tag in git_tags:
            repo.git_tags[tag] = revision_sha
        if gated is not None:
            repo.gated = gated
        if private is not None:
            repo.private = private
        if allowed_tokens is not None:
            repo.allowed_tokens = frozenset(allowed_tokens)
            self.tokens |= repo.allowed_tokens
        card = card or {}
        repo.tags = tags if tags is not None else repo.tags
        repo.pipeline_tag = pipeline_tag or repo.pipeline_tag or card.get("pipeline_tag")
        repo.library_name = library_name or repo.library_name or card.get("library_name")
        return commit

    def get_repo(self, kind: RepoKind, repo_id: str) -> FakeRepo | None:
        return self.repos.get((kind, repo_id))

    # request log
    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Wait until no request is being answered (e.g. before asserting bytes_sent)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._active:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("fake hub still busy")
                self._lock.wait(left)

    def find(
        self, *, route: str | None = None, method: str | None = None, server: str | None = None
    ) -> list[RecordedRequest]:
        with self._lock:
            return [
                r
                for r in self.requests
                if (route is None or r.route == route)
                and (method is None or r.method == method)
                and (server is None or r.server == server)
            ]

    def _begin(self, record: RecordedRequest) -> None:
        with self._lock:
            self._active += 1
            self.requests.append(record)

    def _end(self) -> None:
        with self._lock:
            self._active -= 1
            self._lock.notify_all()

    # faults
    def _matches(self, path: str) -> bool:
        return self.faults.match is None or re.search(self.faults.match, path) is not None

    def _take_status_fault(self, path: str) -> tuple[str, int] | None:
        with self._lock:
            f = self.faults
            if not self._matches(path):
                return None
            if f.rate_limit_n > 0:
                f.rate_limit_n -= 1
                return "rate_limit", 429
            if f.server_error_n > 0:
                f.server_error_n -= 1
                return "server_error", f.server_error_status
            return None

    def _take_file_faults(
        self, path: str, *, head: bool, ranged: bool, body: bool
    ) -> FileFaults | None:
        with self._lock:
            f = self.faults
            if not self._matches(path) or f.file_fault_n == 0:
                return None
            effective = FileFaults(
                ignore_range=f.ignore_range and ranged and body,
                lie_content_length=f.lie_content_length,
                send_extra_bytes=f.send_extra_bytes if body and not head else 0,
                truncate=f.truncate if body and not head else None,
            )
            if effective == FileFaults():
                return None
            if f.file_fault_n is not None:
                f.file_fault_n -= 1
            return effective

    # CDN links
    def _link(self, repo: FakeRepo, commit: Commit, entry: FakeFile) -> str:
        text = f"{repo.kind}/{repo.repo_id}/{commit.sha}/{entry.path}"
        key = hmac.new(self._secret, text.encode(), "sha256").hexdigest()[:32]
        with self._lock:
            self._links[key] = (repo, commit, entry)
        return key

    def _lookup_link(self, key: str) -> tuple[FakeRepo, Commit, FakeFile] | None:
        with self._lock:
            return self._links.get(key)
