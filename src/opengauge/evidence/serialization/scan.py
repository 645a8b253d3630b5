"""Scan one file for what loading it would execute, reading it the way loaders do.

Every byte range is sniffed by content first and by name second (``evidence.formats``),
whatever its name or where it sits: a top-level file, an archive member, a
decompressed layer. Containers are opened recursively (bounded depth and member
count); every decompressing layer draws on one :class:`~sources.Budget` per top-level
file; every pickle stream is walked by the opcode walker; chat templates, Keras
configs and npy headers are read as their loaders read them. What cannot be checked
(an unreadable member, an archive we cannot open, a budget reached) is a finding.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from opengauge.evidence.formats import OTHER, Format, sniff, suffix
from opengauge.evidence.serialization import archives, contents
from opengauge.evidence.serialization._io import window
from opengauge.evidence.serialization.pickle_walk import WalkResult, walk
from opengauge.evidence.serialization.sources import (
    Budget,
    BudgetExceeded,
    ByteSource,
    CorruptStream,
    Decompress,
    FileRange,
)
from opengauge.evidence.serialization.zipread import EOCD, TAIL
from opengauge.model import PickleImport, ScannedFile, SerializationAnomaly, Skipped
from opengauge.sources.reader import ReaderError, ReleaseReader

MAX_DEPTH = 4
HEAD = 16 << 10
SPOOL_LIMIT = 2 << 30
MAX_ANOMALIES = 500
PICKLE_FILE_EXT = {".pkl", ".pickle", ".joblib", ".dill", ".pt", ".pth", ".bin", ".ckpt", ".data"}
ARCHIVES = {"zip", "tar", "7z", "rar"}

Opener = Callable[[], ByteSource]


@dataclass
class FileScan:
    """Raw facts from one file."""

    path: str
    format: str = "unknown"
    imports: list[PickleImport] = field(default_factory=list)
    anomalies: list[SerializationAnomaly] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pickles: int = 0
    members: int = 0

    def anomaly(
        self, kind: str, message: str, member: str | None = None, offset: int | None = None
    ) -> None:
        """Record one anomaly (bounded)."""
        if len(self.anomalies) < MAX_ANOMALIES:
            self.anomalies.append(
                SerializationAnomaly(self.path, kind, message[:300], member, offset)
            )

    @property
    def scanned(self) -> ScannedFile:
        """The summary row for this file."""
        return ScannedFile(self.path, self.format, self.pickles, self.members)


def kind_of(head: bytes, name: str) -> tuple[Format, bool]:
    """The format of a byte range (content first, then name) and whether content said so."""
    content = sniff(head)
    if content is not OTHER:
        return content, True
    return sniff(b"", name), False


def inner_name(name: str) -> str:
    """What a compressed file holds, by name: ``frame.pkl.gz`` -> ``frame.pkl``."""
    for ext in (".gz", ".tgz", ".bz2", ".xz", ".lzma", ".z"):
        if name.lower().endswith(ext):
            return name[: -len(ext)] + (".tar" if ext == ".tgz" else "")
    return name


class Scanner:
    """Scans one top-level file, recursing into containers, under one Budget."""

    def __init__(self, rel: str, size: int = 0) -> None:
        self.scan = FileScan(rel)
        self.budget = Budget(size)

    # --- pickles ----------------------------------------------------------------------
    def pickle(self, opener: Opener, member: str | None, strict: bool, once: bool = False) -> bool:
        """Walk every pickle of a stream; True when it was one.

        ``strict``: the content says pickle, so a stream that does not parse is a
        finding; otherwise (only the name says so) it is a skip. ``once``: the source
        cannot be reopened (a member of a compressed tar): one precise pass.
        """
        result: WalkResult = walk(opener, once=once)
        scan = self.scan
        scan.pickles += result.pickles
        for hit in result.imports.values():
            scan.imports.append(
                PickleImport(
                    scan.path,
                    hit.module,
                    hit.name,
                    hit.offset,
                    hit.opcode,
                    member,
                    hit.call,
                    hit.count,
                    hit.args,
                )
            )
        is_pickle = bool(strict or result.imports or result.pickles)
        if result.error is not None and self.budget.exceeded:
            self.over_budget(member)
        elif result.error is not None and result.limit:
            scan.anomaly(
                "pickle-limit",
                f"walk stopped by a limit ({result.error}); the rest of the stream was not "
                "analysed",
                member,
                result.error_offset,
            )
        elif result.error is not None and is_pickle:
            scan.anomaly(
                "pickle-error",
                f"pickle stream unparseable: {result.error}; a loader may still run what "
                "comes before the error, and what follows was not checked",
                member,
                result.error_offset,
            )
        elif result.error is not None:
            scan.skipped.append(
                Skipped(
                    scan.path + (f"!{member}" if member else ""), f"not a pickle ({result.error})"
                )
            )
        for note in result.notes[:5]:
            kind = "pickle-limit" if note.startswith("limit: STACK_GLOBAL") else "pickle-note"
            scan.anomaly(kind, note, member)
        return is_pickle

    def over_budget(self, member: str | None) -> None:
        """Report the file's budget once."""
        if not any(a.kind == "archive-bomb" for a in self.scan.anomalies):
            self.scan.anomaly(
                "archive-bomb",
                f"{self.budget.exceeded}: the rest of the file was not scanned",
                member,
            )

    # --- dispatch ---------------------------------------------------------------------
    def blob(
        self, handle: BinaryIO, start: int, size: int, name: str, member: str | None, depth: int
    ) -> bool:
        """Scan a seekable byte range by what it is; True when it was recognised."""
        handle.seek(start)
        head = handle.read(min(size, HEAD))
        fmt, content = kind_of(head, name)
        if depth == 0:
            self.scan.format = fmt.name if fmt.name != "other" else suffix(name).lstrip(".")
            self.scan.format = self.scan.format or "unknown"
        whole = content and fmt.name in ("zip", "tar")  # read member by member already
        if not whole and self.zip_at_end(handle, start, size):
            # Data before a zip (or a zip appended to another file): Python's zipfile reads
            # the zip at the end whatever comes first; both readings are scanned.
            archives.zip_archive(self, window(handle, start, size), size, member, depth, False)
        if not content:
            return self.by_name(handle, start, size, name, member)
        if (fmt.name in ARCHIVES or fmt.codec) and depth >= MAX_DEPTH:
            self.scan.anomaly(
                "archive-too-deep",
                f"{fmt.name} nested more than {MAX_DEPTH} deep: not opened, not checked",
                member,
            )
        elif fmt.name == "zip":
            archives.zip_archive(self, window(handle, start, size), size, member, depth)
        elif fmt.name == "tar":
            archives.tar_archive(self, window(handle, start, size), member, depth)
        elif fmt.codec is not None or fmt.name == "joblib-zf":
            skip = 21 if fmt.name == "joblib-zf" else 0
            codec = fmt.codec or "zlib"
            self.layer(
                lambda: Decompress(
                    FileRange(handle, start + skip, start + size), codec, self.budget
                ),
                fmt,
                name,
                member,
                depth,
            )
        elif fmt.name in ("7z", "rar"):
            self.scan.anomaly(
                "archive-unopened",
                f"{fmt.name} archive: no reader here, so its contents were not checked "
                "(a loader that extracts it runs what is inside)",
                member,
            )
        elif fmt.name == "npy":
            contents.npy(self, lambda: FileRange(handle, start, start + size), member)
        elif fmt.name == "hdf5":
            contents.hdf5(self, handle, start, size, head, member)
        elif fmt.name == "gguf":
            contents.gguf(self, window(handle, start, size), size, member)
        elif fmt.name == "pickle":
            return self.pickle(lambda: FileRange(handle, start, start + size), member, True)
        else:
            return self.by_name(handle, start, size, name, member)
        return True

    @staticmethod
    def zip_at_end(handle: BinaryIO, start: int, size: int) -> bool:
        """Whether the last 64 KiB of a range hold a zip end-of-central-directory record."""
        if size < 22:
            return False
        tail = min(size, TAIL)
        handle.seek(start + size - tail)
        return EOCD in handle.read(tail)

    def by_name(
        self, handle: BinaryIO, start: int, size: int, name: str, member: str | None
    ) -> bool:
        """Content said nothing: templates and configs by name; pickles a loader would try."""
        if contents.is_template_file(name):
            handle.seek(start)
            contents.template_file(self, name, handle.read(min(size, contents.MAX_TEXT)), member)
        elif member is not None and name.rsplit("/", 1)[-1] == "config.json":
            handle.seek(start)
            contents.keras_config(self, handle.read(min(size, contents.MAX_TEXT)), member)
        elif suffix(name) in PICKLE_FILE_EXT:
            return self.pickle(lambda: FileRange(handle, start, start + size), member, False)
        else:
            return False
        return True

    def layer(self, opener: Opener, fmt: Format, name: str, member: str | None, depth: int) -> None:
        """A compressed layer: what it holds, scanned by content."""
        label = member or f"({fmt.name} stream)"
        try:
            self.stream(opener, inner_name(name), label, depth + 1)
        except CorruptStream as exc:
            self.scan.anomaly("archive-error", f"{fmt.name} stream unreadable: {exc}", member)
        except BudgetExceeded:
            self.over_budget(member)

    def stream(self, opener: Opener, name: str, member: str | None, depth: int) -> bool:
        """Scan a sequential (decompressed) source by what it is."""
        head = opener().read(HEAD)
        fmt, content = kind_of(head, name)
        if fmt.name == "pickle" or (not content and suffix(name) in PICKLE_FILE_EXT):
            return self.pickle(opener, member, content)
        if fmt.name == "tar" and content:
            archives.tar_stream(self, opener(), member, depth)
        elif fmt.name == "npy" and content:
            contents.npy(self, opener, member)
        elif fmt.name in ("hdf5", "gguf") and content:  # what we read is near the start
            self.spooled(opener, name, member, depth, contents.HDF5_WINDOW)
        elif fmt.scanned or contents.is_template_file(name) or name.endswith("config.json"):
            return self.spooled(opener, name, member, depth)
        else:
            return False
        return True

    def spooled(
        self, opener: Opener, name: str, member: str | None, depth: int, keep: int = 0
    ) -> bool:
        """Copy a sequential source to a private temporary file, then scan it as a blob.

        ``keep``: copy only that many bytes (formats read near their start); otherwise a
        source over SPOOL_LIMIT is not opened, and that is a finding.
        """
        with tempfile.TemporaryFile() as spool:
            source = opener()
            size = 0
            while True:
                chunk = source.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                if keep and size >= keep:
                    spool.write(chunk[: len(chunk) - (size - keep)])
                    size = keep
                    break
                if size > SPOOL_LIMIT:
                    self.scan.anomaly(
                        "archive-bomb",
                        f"nested member over {SPOOL_LIMIT} bytes: not opened, not checked",
                        member,
                    )
                    return True
                spool.write(chunk)
            return self.blob(spool, 0, size, name, member, depth)


def scan_file(reader: ReleaseReader, rel: str, size: int) -> FileScan:
    """Scan one file; never raises for bad content (errors become anomalies or skips)."""
    scanner = Scanner(rel, size)
    if size == 0:  # nothing to run; the weight-header reader records the empty file
        return scanner.scan
    try:
        with reader.open(rel) as handle:
            scanner.blob(handle, 0, size, rel, None, 0)
    except (ReaderError, OSError) as exc:
        scanner.scan.skipped.append(Skipped(rel, f"cannot read: {exc}"))
    except BudgetExceeded:
        scanner.over_budget(None)
    except CorruptStream as exc:
        scanner.scan.anomaly("archive-error", f"compressed stream unreadable: {exc}")
    except (RecursionError, MemoryError, ValueError, EOFError) as exc:
        scanner.scan.anomaly("scan-error", f"{type(exc).__name__}: {exc}")
    return scanner.scan
