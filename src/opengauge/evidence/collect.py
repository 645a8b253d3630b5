"""Gather all Evidence from one target folder: the only place that reads the target.

Each reader is bounded and records what it could not read as a Skipped; a
failing reader never stops the collection.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from opengauge.evidence import cards as card_reader
from opengauge.evidence import licenses as license_reader
from opengauge.evidence import weights as weight_reader
from opengauge.evidence.kinds import kind_of
from opengauge.evidence.walk import ProgressCallback, WalkedFile, WalkLimits, walk
from opengauge.model import Card, Evidence, FileEntry, LicenseMatch, Skipped, WeightInfo
from opengauge.sources import ResolvedTarget

log = logging.getLogger(__name__)

TEXT_KINDS = {"code", "doc", "config", "license", "other"}
MODEL_CARD_NAMES = re.compile(r"^(readme|model[_-]?card)(\.md|\.markdown|\.txt)?$", re.IGNORECASE)
DATA_CARD_NAMES = re.compile(
    r"^(datasheet|data[_-]?card|dataset[_-]?card|data[_-]?statement)[^/]*\.(md|markdown|txt)$",
    re.IGNORECASE,
)
DATA_FOLDERS = re.compile(r"(^|/)(data|datasets?|corpus|corpora)(/|$)", re.IGNORECASE)


@dataclass(frozen=True)
class CollectOptions:
    """Bounds and switches of evidence collection."""

    hash_files: bool = False
    max_files: int = 100_000
    head_bytes: int = 16 * 1024
    head_total_bytes: int = 64 << 20
    head_max_file: int = 4 << 20
    json_max_bytes: int = 2 << 20
    json_total_bytes: int = 64 << 20


def _read_first(path: Path, count: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(count)


def _decode_head(raw: bytes) -> str | None:
    """Text of a file head, or None when it looks binary."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return raw[2:].decode("utf-16-le", "replace")
    if b"\x00" in raw[:8192]:
        return None
    return raw.decode("utf-8-sig", "replace")


def card_kind(rel: str) -> str | None:
    """Which card a Markdown file is: model, dataset, readme, or None."""
    base = rel.rsplit("/", 1)[-1]
    if DATA_CARD_NAMES.match(base):
        return "dataset"
    if MODEL_CARD_NAMES.match(base):
        if "/" not in rel:
            return "model"
        if DATA_FOLDERS.search(rel.rsplit("/", 1)[0] + "/") and base.lower().startswith("readme"):
            return "dataset"
        if base.lower().startswith("model"):
            return "model"
        return "readme"
    return None


class _Collector:
    def __init__(self, target: ResolvedTarget, options: CollectOptions) -> None:
        self.target = target
        self.options = options
        self.skipped: list[Skipped] = []
        self.configs: dict[str, Any] = {}
        self.json_budget = options.json_total_bytes
        self.head_budget = options.head_total_bytes

    def entry(self, walked: WalkedFile) -> FileEntry:
        entry = walked.entry
        try:
            first = _read_first(walked.real, self.options.head_bytes) if entry.size else b""
        except OSError as exc:
            self.skipped.append(Skipped(entry.path, f"cannot read: {exc.strerror or exc}"))
            return replace(entry, kind=kind_of(entry.path))
        kind = kind_of(entry.path, first[:16])
        head = None
        if kind in TEXT_KINDS and entry.size <= self.options.head_max_file:
            if self.head_budget >= len(first):
                self.head_budget -= len(first)
                head = _decode_head(first)
            elif self.head_budget >= 0:
                self.head_budget = -1  # say it once
                self.skipped.append(Skipped(entry.path, "content cues not kept from here on: "
                                            f"{self.options.head_total_bytes >> 20} MB of file "
                                            "heads already held (names still classify files)"))
        entry = replace(entry, kind=kind, head=head)
        if kind == "config" and entry.path.lower().endswith(".json"):
            self.read_json(walked.real, entry)
        return entry

    def read_json(self, real: Path, entry: FileEntry) -> None:
        if entry.size > self.options.json_max_bytes or entry.size > self.json_budget:
            self.skipped.append(
                Skipped(entry.path, f"JSON config of {entry.size} bytes not parsed (size cap)")
            )
            return
        self.json_budget -= entry.size
        try:
            self.configs[entry.path] = json.loads(real.read_bytes())
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:120]
            self.skipped.append(Skipped(entry.path, f"malformed JSON: {reason}"))
        except OSError as exc:
            self.skipped.append(Skipped(entry.path, f"cannot read: {exc.strerror or exc}"))

    def weights(self, walked: WalkedFile, entry: FileEntry) -> WeightInfo | None:
        try:
            info, skips = weight_reader.read_weight_header(walked.real, entry.path, entry.size)
        except Exception as exc:  # one bad file never stops the audit
            log.debug("weight header reader failed on %s", entry.path, exc_info=True)
            self.skipped.append(Skipped(entry.path, f"weight header unreadable: {exc}"))
            return None
        self.skipped.extend(skips)
        return info

    def card(self, walked: WalkedFile, entry: FileEntry, kind: str) -> Card | None:
        try:
            card, skips = card_reader.read_card(walked.real, entry.path, kind)
        except Exception as exc:  # one bad card never stops the audit
            log.debug("card reader failed on %s", entry.path, exc_info=True)
            self.skipped.append(Skipped(entry.path, f"card unreadable: {exc}"))
            return None
        self.skipped.extend(skips)
        return card


def collect(
    target: ResolvedTarget,
    options: CollectOptions | None = None,
    progress: ProgressCallback | None = None,
    extra_collectors: tuple[Callable[[Path, Evidence], Evidence], ...] = (),
) -> Evidence:
    """Walk ``target`` and read every piece of evidence the analyzers need."""
    options = options or CollectOptions()
    limits = WalkLimits(max_files=options.max_files, hash_files=options.hash_files)
    walked, walk_skips = walk(target.root, target.boundary, limits, progress)
    collector = _Collector(target, options)
    collector.skipped.extend(walk_skips)

    entries: list[FileEntry] = []
    weights: list[WeightInfo] = []
    cards: list[Card] = []
    for item in walked:
        entry = collector.entry(item)
        entries.append(entry)
        if entry.kind == "weights" or (entry.kind == "archive" and entry.size):
            info = collector.weights(item, entry)
            if info is not None:
                weights.append(info)
        kind = card_kind(entry.path) if entry.kind in {"doc", "other"} else None
        if kind is not None:
            card = collector.card(item, entry, kind)
            if card is not None:
                cards.append(card)

    licenses: tuple[LicenseMatch, ...] = ()
    try:
        licenses, license_skips = license_reader.collect_licenses(
            target.root, tuple(entries), tuple(cards), target.boundary)
        collector.skipped.extend(license_skips)
    except Exception as exc:  # the audit goes on without licences
        log.debug("licence collection failed", exc_info=True)
        collector.skipped.append(Skipped(".", f"licence collection failed: {exc}"))

    evidence = Evidence(
        root=str(target.root),
        source=target.source,
        files=tuple(entries),
        cards=tuple(cards),
        weights=tuple(weights),
        configs=collector.configs,
        licenses=licenses,
        hashed=options.hash_files,
    )
    for extra in extra_collectors:
        try:
            evidence = extra(target.root, evidence)
        except Exception as exc:  # a failing collector is a skip
            log.debug("collector %s failed", extra, exc_info=True)
            collector.skipped.append(Skipped(".", f"collector {extra.__name__} failed: {exc}"))
    skipped = tuple(sorted(set(evidence.skipped) | set(collector.skipped), key=_skip_key))
    return replace(evidence, skipped=skipped)


def _skip_key(skip: Skipped) -> tuple[str, str]:
    return (skip.path, skip.reason)
