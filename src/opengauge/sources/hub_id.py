"""``hf://[datasets/|spaces/|models/]org/name[@revision]``: a Hugging Face repository id."""

from __future__ import annotations

import re
from dataclasses import dataclass

from opengauge.errors import TargetError

KINDS = {"models/": "model", "datasets/": "dataset", "spaces/": "space"}
_PART = re.compile(r"^\w[\w.-]{0,95}$", re.ASCII)
_REVISION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,255}$")
COMMIT = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class HubRepo:
    """One repository of the Hub: ``kind`` (model, dataset, space), ``repo_id`` and the
    revision asked for (None: the default branch)."""

    kind: str
    repo_id: str
    revision: str | None = None

    @property
    def cache_folder(self) -> str:
        """The repository's folder name in the Hugging Face cache (``models--org--name``)."""
        return f"{self.kind}s--" + self.repo_id.replace("/", "--")

    def spec(self, revision: str | None = None) -> str:
        """``hf://...`` again, at ``revision`` (or at the revision asked for)."""
        prefix = "" if self.kind == "model" else f"{self.kind}s/"
        at = revision or self.revision
        return f"hf://{prefix}{self.repo_id}" + (f"@{at}" if at else "")


def parse_hub_spec(spec: str) -> HubRepo:
    """Parse ``hf://...``; TargetError with the expected shape when it is not one."""
    rest = spec[len("hf://") :] if spec.startswith("hf://") else spec
    repo, at, revision = rest.partition("@")
    kind = "model"
    for prefix, name in KINDS.items():
        if repo.startswith(prefix):
            kind, repo = name, repo[len(prefix) :]
            break
    parts = repo.strip("/").split("/")
    if not 1 <= len(parts) <= 2 or not all(_PART.match(p) for p in parts) or ".." in repo:
        raise TargetError(f"{spec}: not a Hugging Face repository id (hf://org/name[@revision])")
    if at and (not _REVISION.match(revision) or ".." in revision):
        raise TargetError(f"{spec}: {revision!r} is not a revision (a branch, tag or commit)")
    return HubRepo(kind, "/".join(parts), revision or None)
