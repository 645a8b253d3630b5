"""A tolerant, bounded zip reader that reads an archive every way a loader might.

Loaders disagree on zips: Python's ``zipfile`` takes the last end-of-central-directory
record, reads the zip64 record just before its locator and corrects offsets when
data was prepended ("concatenated" archives); miniz (PyTorch) follows the zip64
locator's offset; streaming readers follow local headers from the start. This reader
collects every such *reading* (each end record in the tail, with and without the
offset correction, both zip64 interpretations, and the local-header walk), returns
the union of their members, and reports where readings disagree. The "encrypted"
flag is ignored for reading (PyTorch ignores it too) but reported.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass, field
from typing import BinaryIO

MAX_MEMBERS = 100_000
MAX_END_RECORDS = 8
TAIL = 65_557  # 22-byte end record + the longest comment
EOCD = b"PK\x05\x06"
CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_END = b"PK\x06\x06"


@dataclass
class ZipMember:
    """One member: where its data is and how it is stored."""

    name: str
    method: int
    flags: int
    crc: int
    csize: int
    usize: int
    header_offset: int
    data_offset: int
    from_central: bool = True

    @property
    def span(self) -> tuple[int, int]:
        """The bytes its data occupies in the archive."""
        return self.data_offset, self.data_offset + self.csize


@dataclass
class ZipListing:
    """Members and anomalies ((kind, message, member) triples) of one archive.

    ``start`` is where the archive begins in the file (bytes before it were prepended).
    """

    members: list[ZipMember] = field(default_factory=list)
    anomalies: list[tuple[str, str, str | None]] = field(default_factory=list)
    start: int = 0


@dataclass
class _Reading:
    label: str
    members: list[ZipMember]
    announced: int


def _zip64(extra: bytes, usize: int, csize: int, offset: int) -> tuple[int, int, int]:
    pos = 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4 : pos + 4 + length]
        if tag == 1:
            values = [struct.unpack_from("<Q", body, i)[0] for i in range(0, len(body) - 7, 8)]
            if usize == 0xFFFFFFFF and values:
                usize = values.pop(0)
            if csize == 0xFFFFFFFF and values:
                csize = values.pop(0)
            if offset == 0xFFFFFFFF and values:
                offset = values.pop(0)
        pos += 4 + length
    return usize, csize, offset


def _local(handle: BinaryIO, offset: int, size: int) -> tuple[str, int, int, int, int] | None:
    """(name, data offset, flags, method, csize) of the local header at ``offset``."""
    if offset < 0 or offset + 30 > size:
        return None
    handle.seek(offset)
    head = handle.read(30)
    if len(head) < 30 or head[:4] != LOCAL:
        return None
    flags, method = struct.unpack_from("<HH", head, 6)
    csize = struct.unpack_from("<I", head, 18)[0]
    name_len, extra_len = struct.unpack_from("<HH", head, 26)
    name = handle.read(name_len).decode("utf-8", "replace")
    return name, offset + 30 + name_len + extra_len, flags, method, csize


def _ends(handle: BinaryIO, size: int) -> list[tuple[int, int, int, int, str]]:
    """Central directory locations announced at the end: (cd offset, cd size, count,
    where the record sits, label), last record first, zip64 variants included."""
    tail_len = min(size, TAIL)
    tail_at = size - tail_len
    handle.seek(tail_at)
    tail = handle.read(tail_len)
    found: list[tuple[int, int, int, int, str]] = []
    at = len(tail)
    for index in range(MAX_END_RECORDS):
        at = tail.rfind(EOCD, 0, at)
        if at < 0 or at + 22 > len(tail):
            break
        count, cd_size, cd_offset = struct.unpack_from("<HII", tail, at + 10)
        where = tail_at + at
        label = "last end record" if index == 0 else f"end record at {where}"
        found.append((cd_offset, cd_size, count, where, label))
        found.extend(_zip64_ends(handle, size, where, label))
    return found


def _zip64_ends(
    handle: BinaryIO, size: int, eocd_at: int, label: str
) -> list[tuple[int, int, int, int, str]]:
    """The zip64 record as Python reads it (just before the locator) and as miniz reads
    it (where the locator points)."""
    if eocd_at < 20:
        return []
    handle.seek(eocd_at - 20)
    locator = handle.read(20)
    if locator[:4] != ZIP64_LOCATOR:
        return []
    pointed = struct.unpack_from("<Q", locator, 8)[0]
    out: list[tuple[int, int, int, int, str]] = []
    for at, how in ((eocd_at - 20 - 56, "zip64 record before its locator"),
                    (pointed, "zip64 record where its locator points")):  # fmt: skip
        if at < 0 or at + 56 > size:
            continue
        handle.seek(at)
        record = handle.read(56)
        if record[:4] != ZIP64_END:
            continue
        count, cd_size, cd_offset = struct.unpack_from("<QQQ", record, 32)
        entry = (cd_offset, cd_size, count, at, f"{label}, {how}")
        if all(e[:4] != entry[:4] for e in out):
            out.append(entry)
    return out


def _central(
    handle: BinaryIO, size: int, cd_offset: int, cd_size: int, delta: int
) -> list[ZipMember] | None:
    """Members of the central directory at ``cd_offset + delta`` (None if none is there)."""
    start = cd_offset + delta
    if start < 0 or start + cd_size > size or cd_size > 256 << 20 or cd_size < 46:
        return None
    handle.seek(start)
    data = handle.read(cd_size)
    if data[:4] != CENTRAL:
        return None
    members: list[ZipMember] = []
    pos = 0
    while pos + 46 <= len(data) and data[pos : pos + 4] == CENTRAL:
        if len(members) >= MAX_MEMBERS:
            break
        (flags, method, _t, _d, crc, csize, usize, nlen, xlen, clen) = struct.unpack_from(
            "<HHHHIIIHHH", data, pos + 8
        )
        offset = struct.unpack_from("<I", data, pos + 42)[0]
        name = data[pos + 46 : pos + 46 + nlen].decode("utf-8", "replace")
        extra = data[pos + 46 + nlen : pos + 46 + nlen + xlen]
        usize, csize, offset = _zip64(extra, usize, csize, offset)
        pos += 46 + nlen + xlen + clen
        members.append(ZipMember(name, method, flags, crc, csize, usize, offset + delta, -1))
    return members


def _spans(handle: BinaryIO, size: int, members: list[ZipMember]) -> list[tuple[int, int]]:
    spans = []
    for member in members[:MAX_MEMBERS]:
        local = _local(handle, member.header_offset, size)
        if local is not None:
            spans.append((local[1], local[1] + member.csize))
    return spans


def list_zip(handle: BinaryIO, size: int) -> ZipListing:
    """Every reading of the archive, merged; disagreements and tricks as anomalies."""
    listing = ZipListing()
    readings: list[_Reading] = []
    ends = _ends(handle, size)
    if not ends:
        listing.anomalies.append(("zip-no-central-directory", "no end of central directory", None))
    inside: list[tuple[int, int]] = []  # data of the first reading's members
    for cd_offset, cd_size, count, where, label in ends:
        if any(begin <= where < end for begin, end in inside):
            continue  # the end record of an archive stored in a member: not ours
        concat = where - cd_size - cd_offset  # what Python's zipfile adds to every offset
        deltas = [0] + ([concat] if concat > 0 else [])
        for delta in deltas:
            members = _central(handle, size, cd_offset, cd_size, delta)
            if members is not None:
                how = label + (f", offsets moved by {delta}" if delta else "")
                readings.append(_Reading(how, members, count))
                if delta:
                    listing.start = max(listing.start, delta)
                if len(readings) == 1:
                    inside = _spans(handle, size, members)
                break
    if ends and not readings:
        listing.anomalies.append(
            ("zip-bad-central-directory", "no central directory where the end record says", None)
        )
    _merge(handle, size, readings, listing)
    _walk_locals(handle, size, listing)
    _check(listing)
    return listing


def _merge(handle: BinaryIO, size: int, readings: list[_Reading], listing: ZipListing) -> None:
    seen: dict[tuple[str, int], ZipMember] = {}
    views: list[frozenset[tuple[str, int]]] = []
    for reading in readings:
        view = frozenset((m.name, m.header_offset) for m in reading.members)
        if view not in views:
            views.append(view)
        if len(reading.members) < min(reading.announced, MAX_MEMBERS) and reading.announced:
            listing.anomalies.append(
                (
                    "zip-bad-central-directory",
                    f"{reading.announced} entries announced, {len(reading.members)} read "
                    f"({reading.label})",
                    None,
                )
            )
        names: dict[str, int] = {}
        headers: set[int] = set()
        shared = 0
        for member in reading.members:
            names[member.name] = names.get(member.name, 0) + 1
            shared += member.header_offset in headers
            headers.add(member.header_offset)
            key = (member.name, member.header_offset)
            if key in seen:
                continue
            if not _attach_local(handle, size, member, listing):
                continue
            seen[key] = member
            listing.members.append(member)
            if len(listing.members) >= MAX_MEMBERS:
                listing.anomalies.append(("archive-too-many-members", f"over {MAX_MEMBERS}", None))
                return
        for name, times in names.items():
            if times > 1 and len(listing.anomalies) < 100:
                listing.anomalies.append(
                    ("zip-duplicate-name", f"member {name!r} appears {times} times", name)
                )
        if shared:
            listing.anomalies.append(
                (
                    "zip-overlapping-members",
                    f"{shared} directory entries point at a local header another entry uses "
                    "(a zip bomb technique); each is scanned once",
                    None,
                )
            )
    if len(views) > 1:
        labels = "; ".join(r.label for r in readings[:4])
        listing.anomalies.append(
            (
                "zip-ambiguous",
                f"{len(views)} different central directories ({labels}): loaders that pick "
                "a different one see different members; all were scanned",
                None,
            )
        )


def _attach_local(handle: BinaryIO, size: int, member: ZipMember, listing: ZipListing) -> bool:
    local = _local(handle, member.header_offset, size)
    if local is None:
        listing.anomalies.append(
            (
                "zip-header-mismatch",
                "no local header where the central directory points",
                member.name,
            )
        )
        return False
    local_name, data_offset, local_flags, local_method, local_csize = local
    member.data_offset = data_offset
    sizes_ok = local_csize in (member.csize, 0xFFFFFFFF) or (local_csize == 0 and local_flags & 8)
    if (
        local_name != member.name
        or local_flags != member.flags
        or not sizes_ok
        or (local_method != member.method)
    ):
        listing.anomalies.append(
            (
                "zip-header-mismatch",
                f"central directory says {member.name!r} (method {member.method}, "
                f"{member.csize} bytes), local header says {local_name!r} (method "
                f"{local_method}, {local_csize} bytes); flags {member.flags:#x}/"
                f"{local_flags:#x}",
                member.name,
            )
        )
    return True


def _walk_locals(handle: BinaryIO, size: int, listing: ZipListing) -> None:
    """Follow local headers from the start of the archive, as streaming readers do; add
    members the central directories do not list."""
    known = {m.header_offset for m in listing.members}
    offsets = sorted(known)
    offset = listing.start if _local(handle, listing.start, size) else (offsets or [0])[0]
    if offset > 0 and listing.start == 0:
        listing.start = offset
    for _ in range(MAX_MEMBERS):
        local = _local(handle, offset, size)
        if local is None:
            break
        name, data_offset, flags, method, csize = local
        handle.seek(offset + 14)
        crc, _c, usize = struct.unpack("<III", handle.read(12))
        if offset not in known:
            listing.anomalies.append(
                (
                    "zip-hidden-member",
                    f"local header {name!r} is not in the central directory",
                    name,
                )
            )
            listing.members.append(
                ZipMember(name, method, flags, crc, csize, usize, offset, data_offset, False)
            )
            known.add(offset)
        if flags & 0x08 or csize == 0xFFFFFFFF:
            later = [o for o in offsets if o > offset]
            if not later:
                break  # sizes are in a data descriptor and nothing is known after it
            offset = later[0]
            continue
        offset = data_offset + csize


def _check(listing: ZipListing) -> None:
    """Names that differ only in case, and members whose data overlap."""
    by_fold: dict[str, str] = {}
    for member in listing.members:
        other = by_fold.setdefault(member.name.casefold(), member.name)
        if other != member.name:
            listing.anomalies.append(
                (
                    "zip-case-collision",
                    f"{member.name!r} and {other!r} differ only in case: a reader that ignores "
                    "case may load either",
                    member.name,
                )
            )
    ordered = sorted(listing.members, key=lambda m: (m.data_offset, m.header_offset))
    for prev, member in itertools.pairwise(ordered):
        if member.header_offset != prev.header_offset and member.data_offset < prev.span[1]:
            listing.anomalies.append(
                (
                    "zip-overlapping-members",
                    f"data of {member.name!r} overlaps {prev.name!r}: entries share bytes (a "
                    "zip bomb technique)",
                    member.name,
                )
            )
            break
