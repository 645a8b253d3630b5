"""opengauge: how open and how safe an AI system really is, from its artefacts."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal

__version__ = "0.1.0"

if TYPE_CHECKING:
    from opengauge.model import AuditReport
    from opengauge.sources import ProgressCallback, ReleaseReader


def audit(
    target: str | os.PathLike[str] | ReleaseReader,
    *,
    hash_files: bool = False,
    max_files: int = 100_000,
    generated_at: str | None = None,
    progress: ProgressCallback | None = None,
    select: Literal["all", "safety", "licenses", "docs"] = "all",
    allow_file: bool = False,
) -> AuditReport:
    """Audit the AI system at ``target``; see :func:`opengauge.api.audit`."""
    from opengauge.api import audit as _audit

    return _audit(
        target,
        hash_files=hash_files,
        max_files=max_files,
        generated_at=generated_at,
        progress=progress,
        select=select,
        allow_file=allow_file,
    )


__all__ = ["__version__", "audit"]
