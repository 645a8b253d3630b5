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
from typing import Any

from opengauge.evidence import cards as card_reader
from opengauge.evidence import licenses as license_reader
from opengauge.evidence import weights as weight_reader
from opengauge.evidence.formats import OTHER, sniff
from opengauge.evidence.kinds import kind_of
from opengauge.model import Card, Evidence, FileEntry, LicenseMatch, Skipped, WeightInfo
from opengauge.sources.reader import (
    ProgressCallback,
    ReaderError,
    ReleaseReader,
    WalkLimits,
)

log = logging.getLogger(__name__)

TEXT_KINDS = {"code", "doc", "config", "license", "other"}
README_NAMES = re.compile(r"^readme([._-][\w-]{1,40})?(\.md|\.markdown|\.txt)?$", re.IGNORECASE)
TRANSLATION = re.compile(r"^readme[._-][a-z]{2}([_-][a-z]{2})?\.", re.IGNORECASE)
MODEL_CARD_NAMES = re.compile(
    r"^([^/]*[_-])?model[_ -]?card[^/]*\.(md|markdown|txt)$", re.IGNORECASE
)
DOC_NAMES = re.compile(r"\.(md|markdown|rst)$", re.IGNORECASE)
# "model_cards/FLUX.1-dev.md": a folder of model cards, one per model
MODEL_CARD_FOLDER = re.compile(r"(^|/)model[_-]?cards/[^/]+$", re.IGNORECASE)
MAX_DOC_CARDS = 400
DATA_CARD_NAMES = re.compile(
    r"^(datasheet|data[_-]?card|dataset[_-]?card|data[_-]?statement)[^/]*\.(md|markdown|txt)$",
    re.IGNORECASE,
)
HEADER_FORMATS = frozenset({"safetensors", "gguf", "onnx"})
DATA_FOLDERS = re.compile(r"(^|/)(data|datasets?|corpus|corpora)(/|$)", re.IGNORECASE)


PARTS = frozenset({"cards", "licenses", "weights", "configs", "safety"})


@dataclass(frozen=True)
class CollectOptions:
    """Bounds and switches of evidence collection.

    ``parts`` says which evidence to gather (cards, licenses, weights, configs,
    safety): ``opengauge scan`` needs only weights and safety.
    """

    hash_files: bool = False
    max_files: int = 100_000
    head_bytes: int = 16 * 1024
    head_total_bytes: int = 64 << 20
    head_max_file: int = 4 << 20
    json_max_bytes: int = 2 << 20
    json_total_bytes: int = 64 << 20
    parts: frozenset[str] = PARTS


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
    """Which card a document is: model, dataset, readme, doc (any other Markdown), or None.

    The root README is the model card candidate (kind "model"); translations
    (README_en.md, README_EN.md ...) and READMEs in folders are "readme"; files named as
    model cards (model_card.md, model-card.md, Foo_Model_Card.md) are "model".
    """
    base = rel.rsplit("/", 1)[-1]
    if DATA_CARD_NAMES.match(base):
        return "dataset"
    if MODEL_CARD_NAMES.match(base) or (
        MODEL_CARD_FOLDER.search(rel) and DOC_NAMES.search(base) and not README_NAMES.match(base)
    ):
        return "model"
    if README_NAMES.match(base):
        if "/" not in rel:
            return "model" if base.lower().split(".")[0] == "readme" else "readme"
        if DATA_FOLDERS.search(rel.rsplit("/", 1)[0] + "/") and base.lower().startswith("readme"):
            return "dataset"
        return "readme"
    if DOC_NAMES.search(base):
        return "doc"
    return None


class _Collector:
    def __init__(self, reader: ReleaseReader, options: CollectOptions) -> None:
        self.reader = reader
        self.options = options
        self.skipped: list[Skipped] = []
        self.configs: dict[str, Any] = {}
        self.json_budget = options.json_total_bytes
        self.head_budget = options.head_total_bytes

    def entry(self, entry: FileEntry) -> FileEntry:
        try:
            first = self.reader.read(entry.path, self.options.head_bytes) if entry.size else b""
        except (ReaderError, OSError) as exc:
            self.skipped.append(Skipped(entry.path, f"cannot read: {exc}"))
            return replace(entry, kind=kind_of(entry.path))
        kind = kind_of(entry.path, first[:16])
        fmt = sniff(first, entry.path, whole=len(first) >= entry.size)
        head = None
        if kind in TEXT_KINDS and entry.size <= self.options.head_max_file:
            if self.head_budget >= len(first):
                self.head_budget -= len(first)
                head = _decode_head(first)
            elif self.head_budget >= 0:
                self.head_budget = -1  # say it once
                self.skipped.append(
                    Skipped(
                        entry.path,
                        "content cues not kept from here on: "
                        f"{self.options.head_total_bytes >> 20} MB of file "
                        "heads already held (names still classify files)",
                    )
                )
        entry = replace(entry, kind=kind, head=head, format=None if fmt is OTHER else fmt.name)
        if (
            "configs" in self.options.parts
            and kind == "config"
            and entry.path.lower().endswith(".json")
        ):
            self.read_json(entry)
        return entry

    def read_json(self, entry: FileEntry) -> None:
        if entry.size > self.options.json_max_bytes or entry.size > self.json_budget:
            self.skipped.append(
                Skipped(entry.path, f"JSON config of {entry.size} bytes not parsed (size cap)")
            )
            return
        self.json_budget -= entry.size
        try:
            self.configs[entry.path] = json.loads(
                self.reader.read(entry.path, self.options.json_max_bytes)
            )
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:120]
            self.skipped.append(Skipped(entry.path, f"malformed JSON: {reason}"))
        except (ReaderError, OSError) as exc:
            self.skipped.append(Skipped(entry.path, f"cannot read: {exc}"))

    def weights(self, entry: FileEntry) -> WeightInfo | None:
        try:
            info, skips = weight_reader.read_weight_header(self.reader, entry.path, entry.size)
        except Exception as exc:  # one bad file never stops the audit
            log.debug("weight header reader failed on %s", entry.path, exc_info=True)
            self.skipped.append(Skipped(entry.path, f"weight header unreadable: {exc}"))
            return None
        self.skipped.extend(skips)
        return info

    def card(self, entry: FileEntry, kind: str) -> Card | None:
        try:
            card, skips = card_reader.read_card(self.reader, entry.path, entry.size, kind)
        except Exception as exc:  # one bad card never stops the audit
            log.debug("card reader failed on %s", entry.path, exc_info=True)
            self.skipped.append(Skipped(entry.path, f"card unreadable: {exc}"))
            return None
        self.skipped.extend(skips)
        return card


Collector = Callable[[ReleaseReader, Evidence], Evidence]


def collect(
    reader: ReleaseReader,
    options: CollectOptions | None = None,
    progress: ProgressCallback | None = None,
    extra_collectors: tuple[Collector, ...] = (),
) -> Evidence:
    """List ``reader``'s files and read every piece of evidence the analyzers need."""
    options = options or CollectOptions()
    limits = WalkLimits(max_files=options.max_files, hash_files=options.hash_files)
    log.info("collect: listing %s", reader.label)
    listing = reader.list(limits, progress)
    log.info(
        "collect: %d files listed%s; reading %s",
        len(listing.files),
        " (stopped at the file cap)" if listing.truncated else "",
        ", ".join(sorted(options.parts)),
    )
    collector = _Collector(reader, options)
    collector.skipped.extend(listing.skipped)
    parts = options.parts

    entries: list[FileEntry] = []
    weights: list[WeightInfo] = []
    cards: list[Card] = []
    docs = 0
    for item in listing.files:
        entry = collector.entry(item)
        entries.append(entry)
        if "weights" in parts and (
            entry.kind == "weights"
            or entry.format in HEADER_FORMATS
            or (entry.kind == "archive" and entry.size)
        ):
            info = collector.weights(entry)
            if info is not None:
                weights.append(info)
        kind = card_kind(entry.path) if entry.kind in {"doc", "other"} else None
        if kind == "doc" and docs >= MAX_DOC_CARDS:
            kind = None  # other documents past the cap: names still classify them
        if "cards" in parts and kind is not None:
            docs += kind == "doc"
            card = collector.card(entry, kind)
            if card is not None:
                cards.append(card)

    licenses: tuple[LicenseMatch, ...] = ()
    if "licenses" in parts:
        try:
            licenses, license_skips = license_reader.collect_licenses(
                reader, tuple(entries), tuple(cards)
            )
            collector.skipped.extend(license_skips)
        except Exception as exc:  # the audit goes on without licences
            log.debug("licence collection failed", exc_info=True)
            collector.skipped.append(Skipped(".", f"licence collection failed: {exc}"))

    evidence = Evidence(
        root=reader.label,
        source=reader.source,
        files=tuple(entries),
        cards=tuple(cards),
        weights=tuple(weights),
        configs=collector.configs,
        licenses=licenses,
        hashed=options.hash_files,
        truncated=listing.truncated,
    )
    for extra in extra_collectors:
        log.info("collect: %s", extra.__name__.removeprefix("collect_").replace("_", " "))
        try:
            evidence = extra(reader, evidence)
        except Exception as exc:  # a failing collector is a skip
            log.debug("collector %s failed", extra, exc_info=True)
            collector.skipped.append(Skipped(".", f"collector {extra.__name__} failed: {exc}"))
    skipped = tuple(sorted(set(evidence.skipped) | set(collector.skipped), key=_skip_key))
    return replace(evidence, skipped=skipped)


def _skip_key(skip: Skipped) -> tuple[str, str]:
    return (skip.path, skip.reason)
