"""Open a Hub repository for reading: pin the revision, list the files, check access.

``open_hub_target`` chooses the reader for ``hf://...``: the local Hugging Face cache when
it holds a complete snapshot of the revision (or when offline), else :func:`open_hub`,
which pins the revision to its commit (``repo_info``), lists the files with sizes and LFS
sha256 (``list_repo_tree``, kept by commit in the part cache) and, for a gated
repository, proves access before anything is read. Every repository-level failure is one
:class:`TargetError` line naming the repository and what to do.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx2
from huggingface_hub import HfApi, constants
from huggingface_hub.errors import (
    DisabledRepoError,
    GatedRepoError,
    HfHubHTTPError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.hf_api import RepoFile

from opengauge.errors import TargetError
from opengauge.model import HubMetadata
from opengauge.sources.hub import MAX_LISTING, HubOptions, HubReader, RemoteFile
from opengauge.sources.hub_cache import PartCache, default_cache_dir
from opengauge.sources.hub_http import (
    RETRY_STATUS,
    ContentError,
    HubBusyError,
    HubHttp,
    describe,
)
from opengauge.sources.hub_id import COMMIT, HubRepo, parse_hub_spec
from opengauge.sources.local import (
    LocalReader,
    ResolvedTarget,
    cached_snapshot,
    hub_cache,
    resolve,
)

LOGIN_HINT = "set HF_TOKEN or run `hf auth login`"


def repo_error(repo: HubRepo, http: HubHttp, exc: Exception) -> TargetError:
    """One line for a repository-level failure (the CLI exits 2 with it)."""
    spec = repo.spec()
    where = f"{http.endpoint}/{'' if repo.kind == 'model' else repo.kind + 's/'}{repo.repo_id}"
    if isinstance(exc, RevisionNotFoundError):
        return TargetError(f"{spec}: revision {repo.revision!r} not found on the Hub")
    if isinstance(exc, GatedRepoError):
        return TargetError(_gated_message(repo, http, where))
    if isinstance(exc, RepositoryNotFoundError):
        if http.has_token:
            return TargetError(
                f"{spec}: repository not found on the Hub (or this token has no access)"
            )
        return TargetError(
            f"{spec}: repository not found on the Hub; if it is private, {LOGIN_HINT}"
        )
    if isinstance(exc, DisabledRepoError):
        return TargetError(f"{spec}: repository disabled on the Hub")
    if isinstance(exc, HubBusyError):
        return TargetError(f"{spec}: {exc}")
    if isinstance(exc, OfflineModeIsEnabled):
        return TargetError(f"{spec}: not in the local Hugging Face cache and HF_HUB_OFFLINE is set")
    if isinstance(exc, HfHubHTTPError):
        status = exc.response.status_code if exc.response is not None else None
        if status in RETRY_STATUS:
            return TargetError(f"{spec}: the Hub kept answering HTTP {status}; try again later")
        return TargetError(f"{spec}: the Hub answered: {describe(exc)}")
    return TargetError(
        f"{spec}: cannot reach {http.endpoint} ({describe(exc)}); --offline audits the local "
        "Hugging Face cache"
    )


def _gated_message(repo: HubRepo, http: HubHttp, where: str) -> str:
    if http.has_token:
        return (
            f"{repo.spec()}: gated repository and this token has no access to its files: "
            f"request access at {where}"
        )
    return f"{repo.spec()}: gated repository: accept its conditions at {where}, then {LOGIN_HINT}"


_REPO_ERRORS = (HfHubHTTPError, HubBusyError, OfflineModeIsEnabled, httpx2.HTTPError, OSError)


def _info(repo: HubRepo, api: HfApi, http: HubHttp, parts: PartCache) -> dict[str, Any]:
    """The commit the revision names and the repository's metadata (kept by commit)."""
    key = f"{repo.kind}/{repo.repo_id}"
    if repo.revision is not None and COMMIT.match(repo.revision):
        kept = parts.meta(key, repo.revision, "info")
        if isinstance(kept, dict):
            return kept
    try:
        found = http.api(
            "repository info",
            lambda: api.repo_info(repo.repo_id, repo_type=repo.kind, revision=repo.revision),
        )
    except _REPO_ERRORS as exc:
        raise repo_error(repo, http, exc) from None
    sha = getattr(found, "sha", None)
    if not isinstance(sha, str) or not COMMIT.match(sha):
        raise TargetError(f"{repo.spec()}: the Hub gave no commit for this revision")
    card = getattr(found, "card_data", None)
    info = {
        "sha": sha,
        "gated": getattr(found, "gated", None) or False,
        "private": bool(getattr(found, "private", False)),
        "card_data": card.to_dict() if card is not None else None,
        "tags": list(getattr(found, "tags", None) or []),
        "library_name": getattr(found, "library_name", None),
        "pipeline_tag": getattr(found, "pipeline_tag", None),
        "parameters": getattr(getattr(found, "safetensors", None), "total", None),
    }
    parts.put_meta(key, sha, "info", info)
    return info


def _listing(
    repo: HubRepo, sha: str, api: HfApi, http: HubHttp, parts: PartCache
) -> tuple[tuple[RemoteFile, ...], bool]:
    """Every file of the commit (kept by commit); whether the listing cap cut it."""
    key = f"{repo.kind}/{repo.repo_id}"
    kept = parts.meta(key, sha, "files")
    if isinstance(kept, dict) and isinstance(kept.get("files"), list):
        try:
            return tuple(RemoteFile(**f) for f in kept["files"]), bool(kept.get("truncated"))
        except TypeError:
            pass

    def walk() -> tuple[list[RemoteFile], bool]:
        files: list[RemoteFile] = []
        tree = api.list_repo_tree(repo.repo_id, recursive=True, revision=sha, repo_type=repo.kind)
        for count, item in enumerate(tree):
            if count >= MAX_LISTING:
                return files, True
            if isinstance(item, RepoFile) and isinstance(item.size, int) and item.size >= 0:
                lfs = item.lfs.sha256 if item.lfs is not None else None
                files.append(RemoteFile(item.path, item.size, str(item.blob_id), lfs))
        return files, False

    try:
        files, truncated = http.api("file listing", walk, retry=False)
    except _REPO_ERRORS as exc:
        raise repo_error(repo, http, exc) from None
    record = {"files": [f.__dict__ for f in files], "truncated": truncated}
    parts.put_meta(key, sha, "files", record)
    return tuple(files), truncated


def connect(options: HubOptions) -> tuple[HubHttp, HfApi]:
    """The metered HTTP client and the HfApi for the endpoint ``options`` name."""
    endpoint = (options.endpoint or constants.ENDPOINT).rstrip("/")
    http = HubHttp(
        endpoint,
        options.token,
        sleep=options.sleep,
        max_retries=options.max_retries,
        max_wait=options.max_wait,
    )
    return http, HfApi(endpoint=endpoint, token=options.token)


def open_hub(repo: HubRepo, options: HubOptions | None = None) -> HubReader:
    """A reader over ``repo`` at the commit its revision names, on the Hub.

    Raises TargetError (one line: the repo and what to do) when the repository or
    revision does not exist, is gated or private without access, or the Hub cannot be
    reached or keeps refusing.
    """
    options = options or HubOptions()
    http, api = connect(options)
    parts = PartCache((options.cache_dir or default_cache_dir()) if options.use_cache else None)
    try:
        info = _info(repo, api, http, parts)
        sha = str(info["sha"])
        files, truncated = _listing(repo, sha, api, http, parts)
        reader = HubReader(
            repo, sha, files, http, options, parts, info, listing_truncated=truncated
        )
        if info.get("gated"):
            _check_gated_access(reader)
    except BaseException:
        parts.close()
        raise
    return reader


def _check_gated_access(reader: HubReader) -> None:
    """Gated: without a token say so at once; with one, read one small range to prove it."""
    repo, http = reader.repo, reader.http
    where = f"{http.endpoint}/{'' if repo.kind == 'model' else repo.kind + 's/'}{repo.repo_id}"
    if not http.has_token:
        raise TargetError(_gated_message(repo, http, where))
    sized = sorted((f for f in reader.files.values() if f.size > 0), key=lambda f: f.size)
    if not sized:
        return
    try:
        reader.read(sized[0].path, 1)
    except ContentError as exc:
        if exc.status in (401, 403):
            raise TargetError(_gated_message(repo, http, where)) from None


def open_hub_target(
    spec: str, *, offline: bool | None = None, options: HubOptions | None = None
) -> LocalReader | HubReader:
    """The reader for ``hf://...``: the local cache when it holds a complete snapshot of
    the revision (or when offline: ``offline``, else ``HF_HUB_OFFLINE``), the Hub otherwise."""
    repo = parse_hub_spec(spec)
    if offline is None:
        offline = constants.is_offline_mode()
    if offline:
        return LocalReader(resolve(spec))
    snapshot = cached_snapshot(repo, complete=True)
    if snapshot is not None:
        return LocalReader(
            ResolvedTarget(snapshot, snapshot.parent.parent, repo.repo_id, "hf-cache")
        )
    options = options or HubOptions()
    if options.hf_cache_dir is None:
        options = replace(options, hf_cache_dir=hub_cache())
    return open_hub(repo, options)


def _strings(value: Any, limit: int = 50) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    return tuple(dict.fromkeys(v[:200] for v in values[:limit] if isinstance(v, str) and v))


def hub_metadata(info: dict[str, Any]) -> HubMetadata:
    """:class:`HubMetadata` from ``repo_info`` as ``hub_open`` keeps it: the Hub's
    ``license:``, ``base_model:`` (``base_model:finetune:org/x`` too) and ``dataset:``
    tags, else the card metadata the Hub parsed."""
    tags = _strings(info.get("tags"), 500)
    given = info.get("card_data")
    card: dict[str, Any] = given if isinstance(given, dict) else {}

    def tagged(prefix: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.rsplit(":", 1)[-1] for t in tags if t.startswith(prefix)))

    gated = info.get("gated")
    parameters = info.get("parameters")
    return HubMetadata(
        gated=gated if isinstance(gated, str) else None,
        private=bool(info.get("private")),
        licence=tagged("license:") or _strings(card.get("license")),
        base_model=tagged("base_model:") or _strings(card.get("base_model")),
        datasets=tagged("dataset:") or _strings(card.get("datasets")),
        library_name=_strings(info.get("library_name"))[0] if info.get("library_name") else None,
        pipeline_tag=_strings(info.get("pipeline_tag"))[0] if info.get("pipeline_tag") else None,
        parameters=parameters if isinstance(parameters, int) else None,
    )
