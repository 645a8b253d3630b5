"""Scan one file for what loading it would execute: pickles, archives, npy, joblib, Keras.

Containers are opened recursively (bounded depth, member count and
decompressed bytes); every pickle stream is walked by the opcode walker.
"""

from __future__ import annotations

import ast
import io
import re
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO

from opengauge.evidence.formats import sniff
from opengauge.evidence.serialization.pickle_walk import WalkResult, walk
from opengauge.evidence.serialization.sources import ByteSource, FileRange, Inflate
from opengauge.evidence.serialization.zipread import list_zip
from opengauge.model import PickleImport, ScannedFile, SerializationAnomaly, Skipped
from opengauge.sources.reader import ReaderError, ReleaseReader

MAX_DEPTH = 4
MAX_RATIO = 200
MAX_INFLATED = 8 << 30
SPOOL_LIMIT = 512 << 20
PICKLE_NAMES = re.compile(
    r"\.(pkl|pickle|joblib|dill|pt|pth|bin|ckpt|data)$|(^|/)(data|constants)\.pkl$"
)
STORAGE = re.compile(
    r"(^|/)(data/\d+|\.data/.*|byteorder|version|\.format_version|\.storage_alignment)$"
)
PICKLE_FILE_EXT = {".pkl", ".pickle", ".joblib", ".dill", ".pt", ".pth", ".bin", ".ckpt", ".data"}


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
        if len(self.anomalies) < 500:
            self.anomalies.append(
                SerializationAnomaly(self.path, kind, message[:300], member, offset)
            )

    @property
    def scanned(self) -> ScannedFile:
        """The summary row for this file."""
        return ScannedFile(self.path, self.format, self.pickles, self.members)


class SubFile(io.RawIOBase):
    """A read-only window [start, start+size) of a seekable file."""

    def __init__(self, handle: BinaryIO, start: int, size: int) -> None:
        self.handle, self.start, self.size, self.pos = handle, start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readinto(self, buffer: Any) -> int:
        count = max(0, min(len(buffer), self.size - self.pos))
        self.handle.seek(self.start + self.pos)
        data = self.handle.read(count)
        buffer[: len(data)] = data
        self.pos += len(data)
        return len(data)


def _sniff(head: bytes) -> str:
    """Container or stream kind by content alone (the format table's magic numbers)."""
    return sniff(head).name


class Scanner:
    """Scans one top-level file, recursing into containers."""

    def __init__(self, rel: str) -> None:
        self.scan = FileScan(rel)

    def pickle(self, open_source: Any, member: str | None, strict: bool) -> None:
        result: WalkResult = walk(open_source)
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
        if result.error is not None and result.limit:
            scan.anomaly(
                "pickle-limit",
                f"walk stopped by a limit ({result.error}); the rest of the stream was not "
                "analysed",
                member,
                result.error_offset,
            )
        elif result.error is not None:
            if result.imports or result.pickles or strict:
                scan.anomaly(
                    "pickle-error",
                    f"pickle stream unparseable: {result.error}",
                    member,
                    result.error_offset,
                )
            else:
                scan.skipped.append(
                    Skipped(
                        scan.path + (f"!{member}" if member else ""),
                        f"not a pickle ({result.error})",
                    )
                )
        for note in result.notes[:5]:
            kind = "pickle-limit" if note.startswith("limit: STACK_GLOBAL") else "pickle-note"
            scan.anomaly(kind, note, member)

    def blob(
        self, handle: BinaryIO, start: int, size: int, name: str, member: str | None, depth: int
    ) -> None:
        """Scan a seekable byte range by what it is."""
        handle.seek(start)
        head = handle.read(512)
        kind = _sniff(head)
        ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        if depth == 0:
            self.scan.format = kind if kind != "other" else (ext.lstrip(".") or "unknown")
        if kind in ("zip", "tar", "gzip", "7z") and depth >= MAX_DEPTH:
            self.scan.anomaly(
                "archive-too-deep", f"archive nested more than {MAX_DEPTH} deep not opened", member
            )
            return
        if kind == "zip":
            self.zip(io.BufferedReader(SubFile(handle, start, size)), size, member, depth)
        elif kind == "7z":
            self.scan.anomaly(
                "archive-unopened",
                "7z archive: not opened (no 7z reader); its contents were not scanned",
                member,
            )
        elif kind in ("tar", "gzip"):
            self.tar(io.BufferedReader(SubFile(handle, start, size)), member, depth)
        elif kind == "npy":
            self.npy(handle, start, size, member)
        elif kind == "hdf5":
            self.hdf5(handle, start, size, member)
        elif kind == "zlib" and ext == ".joblib":
            self.pickle(
                lambda: Inflate(
                    FileRange(handle, start, start + size), MAX_INFLATED, zlib.decompressobj
                ),
                member,
                True,
            )
        elif kind == "pickle" or ext in PICKLE_FILE_EXT:
            self.pickle(lambda: FileRange(handle, start, start + size), member, kind == "pickle")

    def zip(self, handle: BinaryIO, size: int, parent: str | None, depth: int) -> None:
        listing = list_zip(handle, size)
        for kind, message, name in listing.anomalies:
            self.scan.anomaly(kind, message, _join(parent, name))
        self.scan.members += len(listing.members)
        total = 0
        for m in listing.members:
            label = _join(parent, m.name)
            if m.name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", m.name):
                self.scan.anomaly(
                    "archive-path-traversal", f"member name {m.name!r} leaves the archive", label
                )
            if m.flags & 0x41:
                self.scan.anomaly(
                    "zip-encrypted-flag",
                    f"member flagged encrypted (flags {m.flags:#x}); read anyway, as PyTorch does",
                    label,
                )
            if STORAGE.search(m.name) and not m.name.endswith(".pkl"):
                continue
            is_config = m.name.endswith("config.json")
            if m.method == 0:
                data_size = min(m.csize, max(0, size - m.data_offset))
                self._member_stored(handle, m.data_offset, data_size, m, label, depth, is_config)
            elif m.method == 8:
                budget = min(MAX_INFLATED - total, max(m.csize * MAX_RATIO, 1 << 20))
                total += budget
                try:
                    self._member_deflated(
                        handle, m.data_offset, m.csize, budget, m.name, label, depth, is_config
                    )
                except zlib.error as exc:  # a corrupt member is a finding, not a crash
                    self.scan.anomaly("archive-error", f"deflate stream unreadable: {exc}", label)
            else:
                self.scan.skipped.append(
                    Skipped(f"{self.scan.path}!{label}", f"zip method {m.method} not supported")
                )

    def _member_stored(
        self,
        handle: BinaryIO,
        start: int,
        size: int,
        m: Any,
        label: str,
        depth: int,
        is_config: bool,
    ) -> None:
        if size <= 64 << 20:
            handle.seek(start)
            crc = 0
            left = size
            while left:
                chunk = handle.read(min(left, 1 << 20))
                if not chunk:
                    break
                crc = zlib.crc32(chunk, crc)
                left -= len(chunk)
            if crc != m.crc and not m.flags & 0x49:
                self.scan.anomaly(
                    "zip-crc-mismatch", f"CRC {crc:#010x} but header says {m.crc:#010x}", label
                )
        if is_config:
            handle.seek(start)
            self.keras_config(handle.read(min(size, 16 << 20)), label)
            return
        self.blob(handle, start, size, m.name, label, depth + 1)

    def _member_deflated(
        self,
        handle: BinaryIO,
        start: int,
        csize: int,
        budget: int,
        name: str,
        label: str,
        depth: int,
        is_config: bool,
    ) -> None:
        def opener() -> ByteSource:
            return Inflate(FileRange(handle, start, start + csize), budget)

        head = opener().read(512)
        kind = _sniff(head)
        if is_config:
            self.keras_config(opener().read(16 << 20), label)
        elif kind in ("zip", "tar", "gzip", "7z", "npy", "hdf5"):
            self.spooled(opener, name, label, depth)
        elif kind == "pickle" or PICKLE_NAMES.search(name):
            self.pickle(opener, label, kind == "pickle")

    def spooled(self, opener: Any, name: str, label: str, depth: int) -> None:
        with tempfile.TemporaryFile() as spool:
            source = opener()
            size = 0
            while True:
                chunk = source.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                if size > SPOOL_LIMIT:
                    self.scan.anomaly(
                        "archive-bomb", f"nested member over {SPOOL_LIMIT} bytes not opened", label
                    )
                    return
                spool.write(chunk)
            self.blob(spool, 0, size, name, label, depth + 1)

    def tar(self, handle: IO[bytes], parent: str | None, depth: int) -> None:
        try:
            with tarfile.open(fileobj=handle, mode="r:*") as archive:
                count = 0
                for info in archive:
                    count += 1
                    if count > 10_000:
                        self.scan.anomaly(
                            "archive-too-many-members", "over 10000 tar members", parent
                        )
                        break
                    label = _join(parent, info.name)
                    if info.name.startswith("/") or ".." in info.name.split("/"):
                        self.scan.anomaly(
                            "archive-path-traversal",
                            f"member name {info.name!r} leaves the archive",
                            label,
                        )
                    if not info.isfile():
                        continue
                    stream = archive.extractfile(info)
                    if stream is None:
                        continue
                    data_holder = stream

                    def opener(s: Any = data_holder, i: Any = info) -> ByteSource:
                        s.seek(0)
                        return FileRange(s, 0, i.size)

                    head = opener().read(512)
                    if _sniff(head) in ("zip", "tar", "gzip", "7z", "npy", "hdf5"):
                        self.spooled(opener, info.name, label, depth)
                    elif (
                        _sniff(head) == "pickle"
                        or PICKLE_NAMES.search(info.name)
                        or "/" not in info.name
                    ):
                        self.pickle(opener, label, _sniff(head) == "pickle")
                self.scan.members += count
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            self.scan.anomaly("archive-error", f"tar/gzip stream unreadable: {exc}", parent)

    def npy(self, handle: BinaryIO, start: int, size: int, member: str | None) -> None:
        handle.seek(start + 6)
        version = handle.read(2)
        width = 2 if version[:1] == b"\x01" else 4
        length = int.from_bytes(handle.read(width), "little")
        if length > 1 << 20:
            self.scan.anomaly("npy-error", "npy header longer than 1 MiB", member)
            return
        text = handle.read(length).decode("latin-1", "replace")
        try:
            header = ast.literal_eval(text)
            descr = repr(header.get("descr")) if isinstance(header, dict) else ""
        except (ValueError, SyntaxError, RecursionError, MemoryError):
            self.scan.anomaly("npy-error", "npy header is not a literal dict", member)
            return
        if "O" in descr:
            body = start + 6 + 2 + width + length
            self.pickle(lambda: FileRange(handle, body, start + size), member, True)

    def keras_config(self, raw: bytes, member: str) -> None:
        text = raw.decode("utf-8", "replace")
        for match in re.finditer(r'"class_name"\s*:\s*"Lambda"', text):
            self.scan.anomaly(
                "keras-lambda",
                "Keras Lambda layer: its function is marshalled Python bytecode run on load",
                member,
                match.start(),
            )
            break
        for match in re.finditer(r'"module"\s*:\s*"([^"]{1,200})"', text):
            module = match.group(1)
            if not module.startswith(("keras", "tensorflow", "tf_keras", "builtins")):
                self.scan.anomaly(
                    "keras-custom-object",
                    f"config references custom module {module!r}",
                    member,
                    match.start(),
                )

    def hdf5(self, handle: BinaryIO, start: int, size: int, member: str | None) -> None:
        # Bounded search: the model_config attribute of the root group is written near the
        # start of Keras .h5 files; we read the first 64 MiB, not the HDF5 object tree.
        handle.seek(start)
        window = handle.read(min(size, 64 << 20))
        at = window.find(b'{"class_name"')
        if at >= 0:
            self.keras_config(window[at : at + (16 << 20)], member or "model_config")


def _join(parent: str | None, name: str | None) -> str:
    if parent and name:
        return f"{parent}!{name}"
    return parent or name or ""


def scan_file(reader: ReleaseReader, rel: str, size: int) -> FileScan:
    """Scan one file; never raises for bad content (errors become anomalies or skips)."""
    scanner = Scanner(rel)
    if size == 0:  # nothing to run; the weight-header reader records the empty file
        return scanner.scan
    try:
        with reader.open(rel) as handle:
            scanner.blob(handle, 0, size, rel, None, 0)
    except (ReaderError, OSError) as exc:
        scanner.scan.skipped.append(Skipped(rel, f"cannot read: {exc}"))
    except (RecursionError, MemoryError, ValueError, EOFError, zlib.error) as exc:
        scanner.scan.anomaly("scan-error", f"{type(exc).__name__}: {exc}")
    return scanner.scan
