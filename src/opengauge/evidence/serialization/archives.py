"""Archive members, read as every loader might: zip (all readings) and tar (links too).

Every member is scanned by content whatever its name (``Scanner.blob`` and
``Scanner.stream``); a member we cannot read (an unsupported compression method, real
encryption) is a finding, not a skip. PyTorch storage blobs (``data/0``...) are raw
tensor bytes that no loader unpickles and are not walked.
"""

from __future__ import annotations

import posixpath
import re
import tarfile
import tempfile
import zlib
from typing import IO, TYPE_CHECKING, BinaryIO

from opengauge.evidence.formats import OTHER, sniff
from opengauge.evidence.serialization.contents import is_template_file
from opengauge.evidence.serialization.sources import (
    BudgetExceeded,
    ByteSource,
    CorruptStream,
    Decompress,
    FileRange,
    SourceFile,
)
from opengauge.evidence.serialization.zipread import ZipMember, list_zip

if TYPE_CHECKING:
    from opengauge.evidence.serialization.scan import Scanner

MAX_TAR_MEMBERS = 10_000
SPOOL_LIMIT = 2 << 30
STORAGE = re.compile(
    r"(^|/)(data/\d+|\.data/.*|byteorder|version|\.format_version|\.storage_alignment)$"
)
ZIP_CODECS = {8: "deflate", 12: "bzip2", 14: "zip-lzma"}
ZIP_METHODS = {
    1: "shrink", 6: "implode", 9: "deflate64", 18: "IBM TERSE", 19: "IBM LZ77", 20: "zstd (old id)",
    93: "zstd", 94: "MP3", 95: "xz", 96: "JPEG", 97: "WavPack", 98: "PPMd", 99: "AES",
}  # fmt: skip


def _escapes(name: str) -> bool:
    return name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name)


# --- zip -----------------------------------------------------------------------------------
def zip_archive(
    scanner: Scanner,
    handle: BinaryIO,
    size: int,
    parent: str | None,
    depth: int,
    head_scanned: bool = True,
) -> None:
    """Every member of every reading of a zip, each data range once.

    ``head_scanned`` False: the range does not start like a zip (its start was scanned
    as what it is); only a zip found from the end is read, and nothing is reported
    when there is none.
    """
    from_scan = scanner.scan
    listing = list_zip(handle, size)
    if not head_scanned and not listing.members:
        return
    for kind, message, name in listing.anomalies:
        from_scan.anomaly(kind, message, _join(parent, name))
    from_scan.members += len(listing.members)
    if listing.start > 0:
        from_scan.anomaly(
            "zip-prepended-data",
            f"{listing.start} bytes before the archive (Python's zipfile corrects the offsets "
            "and reads it; other readers may not); they were scanned too",
            parent,
        )
        if head_scanned:
            scanner.blob(handle, 0, listing.start, "(prepended data)",
                         _join(parent, "(prepended)"), depth + 1)  # fmt: skip
    done: set[tuple[int, int, int]] = set()
    for member in listing.members:
        label = _join(parent, member.name)
        if _escapes(member.name):
            from_scan.anomaly(
                "archive-path-traversal", f"member name {member.name!r} leaves the archive", label
            )
        key = (member.data_offset, member.csize, member.method)
        if key in done or (STORAGE.search(member.name) and not member.name.endswith(".pkl")):
            continue
        done.add(key)
        try:
            _zip_member(scanner, handle, size, member, label, depth)
        except BudgetExceeded:
            scanner.over_budget(label)
            return
        except CorruptStream as exc:  # a corrupt member is a finding, not a crash
            from_scan.anomaly("archive-error", f"member unreadable: {exc}", label)


def _zip_member(
    scanner: Scanner, handle: BinaryIO, size: int, member: ZipMember, label: str, depth: int
) -> None:
    encrypted = bool(member.flags & 0x41)
    start, csize = member.data_offset, min(member.csize, max(0, size - member.data_offset))
    if member.method == 0:
        _check_crc(scanner, handle, start, csize, member, label)
        seen = scanner.blob(handle, start, csize, member.name, label, depth + 1)
    elif member.method in ZIP_CODECS:
        codec = ZIP_CODECS[member.method]

        def opener() -> Decompress:
            return Decompress(FileRange(handle, start, start + csize), codec, scanner.budget)

        try:
            seen = scanner.stream(opener, member.name, label, depth + 1)
        except CorruptStream:
            if not encrypted:
                raise
            seen = False
    else:
        method = ZIP_METHODS.get(member.method, "unknown")
        scanner.scan.anomaly(
            "archive-member-unreadable",
            f"compression method {member.method} ({method}) has no reader here: the member "
            "was not checked (a loader that supports it may run what is inside)",
            label,
        )
        return
    if encrypted and not seen:
        scanner.scan.anomaly(
            "archive-member-unreadable",
            f"member is encrypted (flags {member.flags:#x}) and its bytes are not a format we "
            "can read: not checked",
            label,
        )
    elif encrypted:
        scanner.scan.anomaly(
            "zip-encrypted-flag",
            f"member flagged encrypted (flags {member.flags:#x}) but readable as it is: "
            "scanned, as PyTorch reads it",
            label,
        )


def _check_crc(
    scanner: Scanner, handle: BinaryIO, start: int, size: int, member: ZipMember, label: str
) -> None:
    if size > 64 << 20 or member.flags & 0x49:
        return
    handle.seek(start)
    crc, left = 0, size
    while left:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
    if crc != member.crc:
        scanner.scan.anomaly(
            "zip-crc-mismatch", f"CRC {crc:#010x} but header says {member.crc:#010x}", label
        )


# --- tar -----------------------------------------------------------------------------------
def tar_archive(scanner: Scanner, handle: BinaryIO, parent: str | None, depth: int) -> None:
    """A plain (seekable) tar: members scanned in place."""
    try:
        with tarfile.open(fileobj=handle, mode="r:") as archive:
            for count, info in enumerate(archive):
                if _tar_entry(scanner, info, parent, count):
                    break
                if info.isfile() and not info.issparse():
                    scanner.blob(handle, info.offset_data, info.size, info.name,
                                 _join(parent, info.name), depth + 1)  # fmt: skip
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        scanner.scan.anomaly("archive-error", f"tar stream unreadable: {exc}", parent)


def tar_stream(scanner: Scanner, source: ByteSource, parent: str | None, depth: int) -> None:
    """A tar inside a compressed layer, read once in order: members that need scanning are
    copied to a private temporary file (within the file's budget)."""
    stream = SourceFile(source)
    try:
        with tarfile.open(fileobj=stream, mode="r|", bufsize=1 << 20) as archive:  # type: ignore[call-overload]
            for count, info in enumerate(archive):
                if _tar_entry(scanner, info, parent, count):
                    break
                if not info.isfile():
                    continue
                member = archive.extractfile(info)
                if member is not None:
                    _tar_member(scanner, member, info, _join(parent, info.name), depth)
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        scanner.scan.anomaly("archive-error", f"tar stream unreadable: {exc}", parent)


def _tar_member(
    scanner: Scanner, member: IO[bytes], info: tarfile.TarInfo, label: str, depth: int
) -> None:
    head = member.read(16 << 10)
    content = sniff(head)
    if content.name == "pickle" or (content is OTHER and sniff(b"", info.name).name == "pickle"):
        source = Prefixed(head, member)
        scanner.pickle(lambda: source, label, content.name == "pickle", once=True)
        return
    if not (content.scanned or is_template_file(info.name)):
        return
    if info.size > SPOOL_LIMIT:
        scanner.scan.anomaly(
            "archive-bomb",
            f"member of {info.size} bytes in a compressed tar is over {SPOOL_LIMIT}: not "
            "opened, not checked",
            label,
        )
        return
    with tempfile.TemporaryFile() as spool:
        spool.write(head)
        while chunk := member.read(1 << 20):
            spool.write(chunk)
        scanner.blob(spool, 0, spool.tell(), info.name, label, depth + 1)


def _tar_entry(scanner: Scanner, info: tarfile.TarInfo, parent: str | None, count: int) -> bool:
    """Names, links and the member cap; True to stop reading."""
    scan = scanner.scan
    scan.members += 1
    label = _join(parent, info.name)
    if count >= MAX_TAR_MEMBERS:
        scan.anomaly(
            "archive-too-many-members", f"over {MAX_TAR_MEMBERS} tar members: rest not checked",
            parent,
        )  # fmt: skip
        return True
    if _escapes(info.name):
        scan.anomaly(
            "archive-path-traversal", f"member name {info.name!r} leaves the archive", label
        )
    if info.issym() or info.islnk():
        kind = "symbolic" if info.issym() else "hard"
        base = posixpath.dirname(info.name) if info.issym() else ""
        target = posixpath.normpath(posixpath.join(base, info.linkname))
        if info.linkname.startswith("/") or target == ".." or target.startswith("../"):
            scan.anomaly(
                "archive-link-outside",
                f"{kind} link {info.name!r} -> {info.linkname!r} points outside the archive: "
                "extracting it exposes or overwrites a host file",
                label,
            )
        else:
            scan.anomaly(
                "archive-link",
                f"{kind} link {info.name!r} -> {target!r}: the same bytes under another name "
                "(scanned under the target's name)",
                label,
            )
    return False


class Prefixed:
    """A ByteSource: bytes already read, then the rest of a file object."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head, self.rest = head, rest

    def read(self, count: int) -> bytes:
        """Up to ``count`` bytes."""
        if self.head:
            data, self.head = self.head[:count], self.head[count:]
            if len(data) < count:
                data += self.rest.read(count - len(data))
            return data
        return self.rest.read(count)

    def skip(self, count: int) -> int:
        """Read and drop up to ``count`` bytes."""
        skipped = 0
        while skipped < count:
            chunk = self.read(min(count - skipped, 1 << 20))
            if not chunk:
                break
            skipped += len(chunk)
        return skipped


def _join(parent: str | None, name: str | None) -> str:
    if parent and name:
        return f"{parent}!{name}"
    return parent or name or ""
