"""A tolerant, bounded zip reader that reports the tricks loaders and scanners disagree on.

Members come from the central directory *and* from walking local headers, so
a member hidden from one view is still seen. The "encrypted" flag is ignored
for reading (PyTorch's reader ignores it too) but reported.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import BinaryIO

MAX_MEMBERS = 100_000
EOCD = b"PK\x05\x06"
CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"


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


@dataclass
class ZipListing:
    """Members and anomalies ((kind, message, member) triples) of one archive."""

    members: list[ZipMember] = field(default_factory=list)
    anomalies: list[tuple[str, str, str | None]] = field(default_factory=list)


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


def _local(handle: BinaryIO, offset: int, size: int) -> tuple[str, int, int, int] | None:
    """(name, data offset, flags, csize) of the local header at ``offset``."""
    if offset < 0 or offset + 30 > size:
        return None
    handle.seek(offset)
    head = handle.read(30)
    if len(head) < 30 or head[:4] != LOCAL:
        return None
    flags, _method = struct.unpack_from("<HH", head, 6)
    csize = struct.unpack_from("<I", head, 18)[0]
    name_len, extra_len = struct.unpack_from("<HH", head, 26)
    name = handle.read(name_len).decode("utf-8", "replace")
    return name, offset + 30 + name_len + extra_len, flags, csize


def list_zip(handle: BinaryIO, size: int) -> ZipListing:
    """Read the central directory (with ZIP64) and cross-check the local headers."""
    listing = ZipListing()
    tail_len = min(size, 65_557)
    handle.seek(size - tail_len)
    tail = handle.read(tail_len)
    at = tail.rfind(EOCD)
    if at < 0 or at + 22 > len(tail):
        listing.anomalies.append(("zip-no-central-directory", "no end of central directory", None))
    else:
        count, cd_size, cd_offset = struct.unpack_from("<HII", tail, at + 10)
        if 0xFFFF in (count,) or 0xFFFFFFFF in (cd_size, cd_offset):
            locator = tail.rfind(b"PK\x06\x07", 0, at)
            if locator >= 0:
                z64 = struct.unpack_from("<Q", tail, locator + 8)[0]
                handle.seek(z64)
                record = handle.read(56)
                if record[:4] == b"PK\x06\x06" and len(record) == 56:
                    count, cd_size, cd_offset = struct.unpack_from("<QQQ", record, 32)
        _central(handle, size, cd_offset, cd_size, count, listing)
    _walk_locals(handle, size, listing)
    return listing


def _central(
    handle: BinaryIO, size: int, cd_offset: int, cd_size: int, count: int, listing: ZipListing
) -> None:
    if cd_offset + cd_size > size or cd_size > 256 << 20:
        listing.anomalies.append(
            ("zip-bad-central-directory", "central directory out of file", None)
        )
        return
    handle.seek(cd_offset)
    data = handle.read(cd_size)
    pos = 0
    seen: set[str] = set()
    while pos + 46 <= len(data) and data[pos : pos + 4] == CENTRAL:
        if len(listing.members) >= MAX_MEMBERS:
            listing.anomalies.append(("archive-too-many-members", f"over {MAX_MEMBERS}", None))
            break
        (flags, method, _t, _d, crc, csize, usize, nlen, xlen, clen) = struct.unpack_from(
            "<HHHHIIIHHH", data, pos + 8
        )
        offset = struct.unpack_from("<I", data, pos + 42)[0]
        name = data[pos + 46 : pos + 46 + nlen].decode("utf-8", "replace")
        extra = data[pos + 46 + nlen : pos + 46 + nlen + xlen]
        usize, csize, offset = _zip64(extra, usize, csize, offset)
        pos += 46 + nlen + xlen + clen
        if name in seen:
            listing.anomalies.append(("zip-duplicate-name", f"member {name!r} appears twice", name))
        seen.add(name)
        local = _local(handle, offset, size)
        if local is None:
            listing.anomalies.append(
                ("zip-header-mismatch", "no local header where the central directory points", name)
            )
            continue
        local_name, data_offset, local_flags, local_csize = local
        if (
            local_name != name
            or local_flags != flags
            or (local_csize not in (0, csize, 0xFFFFFFFF))
        ):
            listing.anomalies.append(
                (
                    "zip-header-mismatch",
                    f"central directory says {name!r}, local header says {local_name!r} "
                    f"(flags {flags:#x}/{local_flags:#x})",
                    name,
                )
            )
        listing.members.append(
            ZipMember(name, method, flags, crc, csize, usize, offset, data_offset)
        )
    if len(listing.members) < count and len(listing.members) < MAX_MEMBERS:
        listing.anomalies.append(
            (
                "zip-bad-central-directory",
                f"{count} entries announced, {len(listing.members)} read",
                None,
            )
        )


def _walk_locals(handle: BinaryIO, size: int, listing: ZipListing) -> None:
    """Follow local headers from the start; add members the central directory hides."""
    known = {m.header_offset for m in listing.members}
    offset = 0
    for _ in range(MAX_MEMBERS):
        local = _local(handle, offset, size)
        if local is None:
            break
        name, data_offset, flags, csize = local
        handle.seek(offset + 8)
        method = struct.unpack("<H", handle.read(2))[0]
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
        if flags & 0x08 or csize == 0xFFFFFFFF:
            break  # sizes are in a data descriptor: cannot follow without inflating
        offset = data_offset + csize
