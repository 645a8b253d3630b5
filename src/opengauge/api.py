"""The public entry point: audit(target) = read evidence through a reader + evaluate.

``opengauge scan``, ``opengauge licenses`` and ``opengauge card check`` are this same
pipeline with a narrower ``select``: they see the same files under the same names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.registry import BUILTIN
from opengauge.engine import evaluate
from opengauge.evidence.collect import PARTS, CollectOptions, Collector, collect
from opengauge.evidence.serialization.collector import collect_safety
from opengauge.frameworks import Framework
from opengauge.frameworks.registry import BUILTIN_FRAMEWORKS
from opengauge.model import AuditReport, RemoteRead, Target
from opengauge.sources import ProgressCallback, ReleaseReader, open_local

if TYPE_CHECKING:
    from opengauge.sources.hub import HubOptions

Select = Literal["all", "safety", "licenses", "docs"]


@dataclass(frozen=True)
class Selection:
    """What a narrowed audit gathers and judges: evidence parts, analyzer id prefixes,
    framework ids (None: all of them)."""

    parts: frozenset[str]
    analyzers: tuple[str, ...] | None
    frameworks: tuple[str, ...] | None


SELECTIONS: dict[str, Selection] = {
    "all": Selection(PARTS, None, None),
    "safety": Selection(
        frozenset({"weights", "safety", "configs"}), ("safety.", "weights."), ("safety",)
    ),
    "licenses": Selection(frozenset({"cards", "licenses"}), ("licenses.",), ()),
    "docs": Selection(frozenset({"cards", "configs"}), ("docs.",), ()),
}


def _chosen(selection: Selection) -> tuple[tuple[Analyzer, ...], tuple[Framework, ...]]:
    frameworks = tuple(
        f
        for f in BUILTIN_FRAMEWORKS
        if selection.frameworks is None or f.id in selection.frameworks
    )
    prefixes = selection.analyzers
    wanted = {rule for f in frameworks for rule in f.consumes}
    analyzers = tuple(
        a for a in BUILTIN if prefixes is None or a.id.startswith(prefixes) or a.id in wanted
    )
    return analyzers, frameworks


def audit(
    target: str | os.PathLike[str] | ReleaseReader,
    *,
    hash_files: bool = False,
    max_files: int = 100_000,
    generated_at: str | None = None,
    progress: ProgressCallback | None = None,
    select: Select = "all",
    allow_file: bool = False,
    offline: bool | None = None,
    remote: HubOptions | None = None,
    follow: bool | None = None,
) -> AuditReport:
    """Audit the AI system at ``target`` and return the report.

    ``target`` is a folder, a Hugging Face cache folder or snapshot, ``hf://org/name``
    (``hf://datasets/org/name``, ``@revision``), or any :class:`~opengauge.sources.ReleaseReader`.
    ``hash_files`` turns on streaming SHA-256 of every file (off by default so a
    100 GB checkpoint is audited in seconds). ``generated_at`` (ISO 8601) makes
    the report reproducible; it defaults to now, in UTC. ``select`` narrows the audit
    ("safety", "licenses", "docs"); ``allow_file`` accepts a single file as the target.
    ``hf://`` targets not in the local cache are read on the Hub, ranges only (``remote``:
    endpoint, token, byte cap); ``offline`` (default: ``HF_HUB_OFFLINE``) keeps them to
    the local cache. ``follow`` checks on the Hub what the release points to
    (``opengauge.follow``): None, only an ``hf://`` target read on the Hub's own base
    model and datasets; True, also the Hub and arXiv links of its documents; False,
    nothing. Raises :class:`opengauge.errors.TargetError` when the target cannot be
    audited.
    """
    reader: ReleaseReader
    if isinstance(target, str) and target.startswith("hf://"):
        from opengauge.sources.hub_open import open_hub_target  # huggingface_hub: when asked

        reader = open_hub_target(target, offline=offline, options=remote)
    elif isinstance(target, (str, os.PathLike)):
        reader = open_local(target, allow_file=allow_file)
    else:
        reader = target
    selection = SELECTIONS[select]
    analyzers, frameworks = _chosen(selection)
    options = CollectOptions(hash_files=hash_files, max_files=max_files, parts=selection.parts)
    extra: tuple[Collector, ...] = (collect_safety,) if "safety" in selection.parts else ()
    close = getattr(reader, "close", None) if reader is not target else None
    try:
        evidence = collect(reader, options, progress, extra_collectors=extra)
    finally:
        if callable(close):
            close()
    own = follow is None and reader.source == "hf-hub"  # its base model and datasets
    if (follow or own) and not offline:
        from opengauge.follow import follow_links  # network: only when asked

        http = getattr(reader, "http", None)  # a remote reader's meter counts these too
        rows = follow_links(
            evidence,
            links=bool(follow),
            name=reader.name,
            options=remote,
            counters=getattr(http, "counters", None),
        )
        evidence = replace(evidence, followed=rows)  # evidence: analyzers read it
    meter = getattr(reader, "transfer", None)  # remote readers say what they fetched
    transfer: RemoteRead | None = meter() if callable(meter) else None
    stamp = generated_at or datetime.now(UTC).replace(microsecond=0).isoformat()
    return evaluate(
        evidence,
        analyzers,
        frameworks,
        stamp,
        Target(
            reader.label,
            reader.name,
            reader.source,
            reader.revision,
            transfer,
            getattr(reader, "checkout_subdir", None),  # local folders in a git checkout
            evidence.followed,
            hub=hub() if callable(hub := getattr(reader, "hub_metadata", None)) else None,
        ),
    )
