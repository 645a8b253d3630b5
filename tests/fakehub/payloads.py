"""The JSON bodies of the Hub API, shaped as huggingface_hub 2.4.0 parses them.

Field names follow ``ModelInfo.__init__`` / ``DatasetInfo.__init__`` / ``RepoFile.__init__``
/ ``RepoFolder.__init__`` / ``list_repo_refs`` in ``huggingface_hub/hf_api.py``.
Note the two LFS shapes: siblings carry ``lfs: {sha256, size, pointerSize}``, tree and
paths-info entries carry ``lfs: {oid, size, pointerSize}``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tests.fakehub.repo import Commit, FakeFile, FakeRepo


def object_id(repo: FakeRepo) -> str:
    """A stable 24-hex ``_id``, as the Hub's MongoDB ids look."""
    return hashlib.sha1(f"{repo.kind}/{repo.repo_id}".encode(), usedforsecurity=False).hexdigest()[
        :24
    ]


def _lfs_sibling(entry: FakeFile) -> dict[str, Any]:
    return {"sha256": entry.sha256, "size": entry.size, "pointerSize": len(entry.pointer)}


def sibling(entry: FakeFile, blobs: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"rfilename": entry.path}
    if blobs:
        out["blobId"] = entry.git_oid
        out["size"] = entry.size
        if entry.lfs:
            out["lfs"] = _lfs_sibling(entry)
    return out


def _model_config(commit: Commit) -> dict[str, Any] | None:
    entry = commit.files.get("config.json")
    if entry is None or entry.size > 1_000_000:
        return None
    try:
        data = json.loads(entry.read_head(entry.size))
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {k: data[k] for k in ("architectures", "model_type") if k in data}


def repo_info(
    repo: FakeRepo, commit: Commit, *, blobs: bool, expand: list[str] | None
) -> dict[str, Any]:
    """``GET /api/{models|datasets}/{id}[/revision/{rev}]``."""
    card = commit.card_data
    files = sorted(commit.files.values(), key=lambda f: f.path)
    out: dict[str, Any] = {
        "_id": object_id(repo),
        "id": repo.repo_id,
        "author": repo.repo_id.split("/")[0] if "/" in repo.repo_id else None,
        "sha": commit.sha,
        "lastModified": commit.last_modified,
        "createdAt": min(c.last_modified for c in repo.commits.values()),
        "private": repo.private,
        "gated": repo.gated,
        "disabled": False,
        "downloads": 0,
        "likes": 0,
        "tags": repo.derived_tags(commit),
        "siblings": [sibling(f, blobs) for f in files],
        "usedStorage": sum(f.size for f in files),
    }
    if card is not None:
        out["cardData"] = card
    if repo.kind == "model":
        out["modelId"] = repo.repo_id
        out["library_name"] = repo.library_name
        out["pipeline_tag"] = repo.pipeline_tag
        out["spaces"] = []
        if commit.safetensors is not None:
            out["safetensors"] = commit.safetensors
        config = _model_config(commit)
        if config is not None:
            out["config"] = config
    else:
        out["description"] = (card or {}).get("pretty_name")
        out["citation"] = None
        out["paperswithcode_id"] = None
    if expand:
        keep = {"_id", "id", *expand}
        out = {k: v for k, v in out.items() if k in keep}
    return out


def _last_commit(commit: Commit) -> dict[str, Any]:
    return {"id": commit.sha, "title": commit.title, "date": commit.last_modified}


def file_entry(entry: FakeFile, commit: Commit, expand: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "file",
        "oid": entry.git_oid,
        "size": entry.size,
        "path": entry.path,
    }
    if entry.lfs:
        out["lfs"] = {"oid": entry.sha256, "size": entry.size, "pointerSize": len(entry.pointer)}
    if expand:
        out["lastCommit"] = _last_commit(commit)
    return out


def dir_entry(path: str, commit: Commit, expand: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "directory",
        "oid": commit.tree_oid(path),
        "size": 0,
        "path": path,
    }
    if expand:
        out["lastCommit"] = _last_commit(commit)
    return out


def tree_entries(commit: Commit, base: str, recursive: bool, expand: bool) -> list[dict[str, Any]]:
    """Entries under ``base`` ('' = root): per folder, sub-folders first, then files."""
    out: list[dict[str, Any]] = []

    def children(folder: str) -> tuple[list[str], list[str]]:
        prefix = f"{folder}/" if folder else ""
        depth = prefix.count("/")
        dirs = sorted(d for d in commit.dirs if d.startswith(prefix) and d.count("/") == depth)
        files = sorted(p for p in commit.files if p.startswith(prefix) and p.count("/") == depth)
        return dirs, files

    def walk(folder: str) -> None:
        dirs, files = children(folder)
        for sub in dirs:
            out.append(dir_entry(sub, commit, expand))
            if recursive:
                walk(sub)
        out.extend(file_entry(commit.files[p], commit, expand) for p in files)

    walk(base)
    return out


def paths_info(commit: Commit, paths: list[str], expand: bool) -> list[dict[str, Any]]:
    """``POST /api/{type}s/{id}/paths-info/{rev}``: known paths only, missing ones skipped."""
    out: list[dict[str, Any]] = []
    for raw in paths:
        path = raw.strip("/")
        if path in commit.files:
            out.append(file_entry(commit.files[path], commit, expand))
        elif path in commit.dirs:
            out.append(dir_entry(path, commit, expand))
    return out


def refs(repo: FakeRepo) -> dict[str, Any]:
    """``GET /api/{type}s/{id}/refs``."""
    return {
        "branches": [
            {"name": n, "ref": f"refs/heads/{n}", "targetCommit": s}
            for n, s in sorted(repo.branches.items())
        ],
        "converts": [],
        "tags": [
            {"name": n, "ref": f"refs/tags/{n}", "targetCommit": s}
            for n, s in sorted(repo.git_tags.items())
        ],
        "pullRequests": [],
    }
