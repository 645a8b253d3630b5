"""The public entry point: audit(target) = collect evidence + evaluate."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from opengauge.analyzers.registry import BUILTIN
from opengauge.engine import evaluate
from opengauge.evidence.collect import CollectOptions, collect
from opengauge.evidence.serialization.collector import collect_safety
from opengauge.evidence.walk import ProgressCallback
from opengauge.frameworks.registry import BUILTIN_FRAMEWORKS
from opengauge.model import AuditReport, Target
from opengauge.sources import resolve


def audit(
    path: str | os.PathLike[str],
    *,
    hash_files: bool = False,
    max_files: int = 100_000,
    generated_at: str | None = None,
    progress: ProgressCallback | None = None,
) -> AuditReport:
    """Audit the AI system in the folder ``path`` and return the report.

    ``hash_files`` turns on streaming SHA-256 of every file (off by default so a
    100 GB checkpoint is audited in seconds). ``generated_at`` (ISO 8601) makes
    the report reproducible; it defaults to now, in UTC.
    Raises :class:`opengauge.errors.TargetError` when the folder cannot be audited.
    """
    target = resolve(path)
    options = CollectOptions(hash_files=hash_files, max_files=max_files)
    evidence = collect(target, options, progress, extra_collectors=(collect_safety,))
    stamp = generated_at or datetime.now(UTC).replace(microsecond=0).isoformat()
    return evaluate(
        evidence,
        BUILTIN,
        BUILTIN_FRAMEWORKS,
        stamp,
        Target(path=str(target.root), name=target.name, source=target.source),
    )
