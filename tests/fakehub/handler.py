"""The request handler: Hub routes, access rules, revisions, LFS redirects to the CDN.

Routes are matched on the raw (percent-encoded) path and their groups unquoted after,
because huggingface_hub quotes revisions and tree paths with ``safe=""`` (``%2F``).
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode

from tests.fakehub import payloads
from tests.fakehub.fileserve import ResponderBase
from tests.fakehub.records import RecordedRequest
from tests.fakehub.repo import Commit, FakeRepo, RepoKind

_REPO = r"(?P<repo>[^/]+(?:/[^/]+)?)"
_API = re.compile(r"^/api/(?P<type>models|datasets)/(?P<rest>.+)$")
_API_ROUTES = (
    ("info", re.compile(rf"^{_REPO}/revision/(?P<rev>[^/]+)$")),
    ("tree", re.compile(rf"^{_REPO}/tree/(?P<rev>[^/]+)(?:/(?P<path>.*))?$")),
    ("paths_info", re.compile(rf"^{_REPO}/paths-info/(?P<rev>[^/]+)$")),
    ("refs", re.compile(rf"^{_REPO}/refs$")),
    ("info", re.compile(rf"^{_REPO}$")),
)
_RESOLVE = re.compile(rf"^/(?:(?P<type>datasets)/)?{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)$")
_CDN = re.compile(r"^/lfs/[^?]+$")


def _truthy(values: list[str] | None) -> bool:
    """A query/form flag as httpx encodes Python bools ("true"/"false")."""
    return bool(values) and str((values or [""])[-1]).lower() in {"1", "true", "yes"}


class Handler(ResponderBase):
    """Routes: /api/{models,datasets}/..., /[datasets/]{repo}/resolve/..., CDN /lfs/..."""

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    # plumbing
    def _dispatch(self) -> None:
        raw, _, query = self.path.partition("?")
        self.record = RecordedRequest(
            server=self.server.role,
            method=self.command,
            path=self.path,
            route="unknown",
            range=self.headers.get("Range"),
            authorization=self.headers.get("Authorization"),
            headers={k.lower(): v for k, v in self.headers.items()},
        )
        self.hub._begin(self.record)
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            route, match = self._route(raw)
            self.record.route = route
            status_fault = self.hub._take_status_fault(raw)
            if status_fault is not None:
                self._status_fault(*status_fault)
            elif match is None:
                self._error(404, "Sorry, we can't find the page you are looking for.")
            elif route == "cdn":
                self._cdn(parse_qs(query))
            elif route == "resolve":
                self._resolve(match)
            else:
                self._api(route, match, parse_qs(query, keep_blank_values=True), body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self.record.done = True
            self.hub._end()

    def _route(self, raw: str) -> tuple[str, re.Match[str] | None]:
        if self.server.role == "cdn":
            match = _CDN.match(raw)
            return "cdn", match if self.command in {"GET", "HEAD"} else None
        if (api := _API.match(raw)) is not None:
            kind = "model" if api.group("type") == "models" else "dataset"
            for name, pattern in _API_ROUTES:
                if (match := pattern.match(api.group("rest"))) is not None:
                    route = f"{kind}_info" if name == "info" else name
                    wanted = "POST" if name == "paths_info" else "GET"
                    return route, match if self.command in {wanted, "HEAD"} else None
            return "unknown", None
        if (match := _RESOLVE.match(raw)) is not None:
            return "resolve", match if self.command in {"GET", "HEAD"} else None
        return "unknown", None

    def _status_fault(self, name: str, status: int) -> None:
        self.record.fault = name
        if name == "rate_limit":
            wait = str(self.hub.faults.retry_after)
            headers = {
                "Retry-After": wait,
                "RateLimit": f'"api";r=0;t={wait}',
                "RateLimit-Policy": '"fixed window";"api";q=500;w=300',
            }
            self._error(429, "Rate limit reached, retry later.", headers=headers)
        else:
            self._error(
                status, "Internal Error - We're working hard to fix this as soon as possible!"
            )

    # access rules
    def _token(self) -> str | None:
        auth = self.headers.get("Authorization")
        if auth is None:
            return None
        scheme, _, token = auth.partition(" ")
        return token.strip() if scheme.lower() == "bearer" else auth

    def _repo(self, kind: RepoKind, repo_id: str, *, content: bool) -> FakeRepo | None:
        """The repo if this request may see it (``content``: file bytes); else answers."""
        token = self._token()
        if token is not None and token not in self.hub.tokens:
            self._error(401, "Invalid credentials in Authorization header")
            return None
        repo = self.hub.get_repo(kind, repo_id)
        allowed = token is not None and (
            repo is None or repo.allowed_tokens is None or token in repo.allowed_tokens
        )
        if repo is None or (repo.private and not allowed):
            self._error(401 if token is None else 404, "Repository not found", "RepoNotFound")
            return None
        if content and repo.gated and not allowed:
            what = f"Access to {kind} {repo_id} is restricted"
            if token is None:
                login = (
                    "You must have access to it and be authenticated to access it. Please log in."
                )
                self._error(401, f"{what}. {login}", "GatedRepo")
            else:
                visit = f"Visit {self.hub.endpoint}/{repo_id} to ask for access."
                self._error(
                    403, f"{what} and you are not in the authorized list. {visit}", "GatedRepo"
                )
            return None
        return repo

    def _commit(self, repo: FakeRepo, rev: str) -> Commit | None:
        commit = repo.resolve(rev)
        if commit is None:
            self._error(404, f"Invalid rev id: {rev}", "RevisionNotFound")
        return commit

    # API
    def _api(
        self, route: str, match: re.Match[str], query: dict[str, list[str]], body: bytes
    ) -> None:
        kind: RepoKind = "dataset" if self.path.startswith("/api/datasets/") else "model"
        repo = self._repo(kind, unquote(match.group("repo")), content=False)
        if repo is None:
            return
        if route == "refs":
            self._json(payloads.refs(repo))
            return
        rev = unquote(match.groupdict().get("rev") or "main")
        commit = self._commit(repo, rev)
        if commit is None:
            return
        if route in ("model_info", "dataset_info"):
            blobs = _truthy(query.get("blobs"))
            self._json(payloads.repo_info(repo, commit, blobs=blobs, expand=query.get("expand")))
        elif route == "tree":
            self._tree(commit, unquote(match.group("path") or "").strip("/"), query)
        else:
            form = self._form(body)
            paths = [str(p) for p in form.get("paths", [])]
            self._json(payloads.paths_info(commit, paths, _truthy(form.get("expand"))))

    def _form(self, body: bytes) -> dict[str, list[Any]]:
        if "json" in (self.headers.get("Content-Type") or ""):
            data = json.loads(body or b"{}")
            return {k: v if isinstance(v, list) else [str(v).lower()] for k, v in data.items()}
        return {k: list(v) for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}

    def _tree(self, commit: Commit, path: str, query: dict[str, list[str]]) -> None:
        if path and path not in commit.dirs:
            self._error(404, "Entry not found", "EntryNotFound", {"X-Repo-Commit": commit.sha})
            return
        expand = _truthy(query.get("expand"))
        entries = payloads.tree_entries(commit, path, _truthy(query.get("recursive")), expand)
        size = self.hub.tree_page_size_expand if expand else self.hub.tree_page_size
        cursor = query.pop("cursor", [""])[-1]
        offset = int(base64.urlsafe_b64decode(cursor).decode()) if cursor else 0
        headers = {"X-Repo-Commit": commit.sha}
        if offset + size < len(entries):
            nxt = base64.urlsafe_b64encode(str(offset + size).encode()).decode()
            url = f"{self.hub.endpoint}{self.path.partition('?')[0]}?"
            headers["Link"] = (
                f'<{url}{urlencode({**query, "cursor": [nxt]}, doseq=True)}>; rel="next"'
            )
        self._json(entries[offset : offset + size], headers)

    # files
    def _resolve(self, match: re.Match[str]) -> None:
        kind: RepoKind = "dataset" if match.group("type") else "model"
        repo_id = unquote(match.group("repo"))
        repo = self._repo(kind, repo_id, content=True)
        if repo is None:
            return
        commit = self._commit(repo, unquote(match.group("rev")))
        if commit is None:
            return
        entry = commit.files.get(unquote(match.group("path")))
        if entry is None:
            self._error(404, "Entry not found", "EntryNotFound", {"X-Repo-Commit": commit.sha})
            return
        headers = {"X-Repo-Commit": commit.sha, "ETag": f'"{entry.git_oid}"'}
        if entry.lfs:
            headers["X-Linked-Etag"] = f'"{entry.sha256}"'
            headers["X-Linked-Size"] = str(entry.size)
        if entry.lfs and self.hub.cdn_enabled:
            faults = self._faults(body=False)
            if faults is not None:
                headers["X-Linked-Size"] = str(entry.size + faults.lie_content_length)
                self.record.fault = faults.describe()
            key = self.hub._link(repo, commit, entry)
            target = f"{self.hub.cdn_endpoint}/lfs/{kind}s/{repo_id}/{entry.sha256}?sig={key}"
            self._send(302, b"", {**headers, "Location": target}, "text/plain; charset=utf-8")
            return
        self._file(entry, headers)
