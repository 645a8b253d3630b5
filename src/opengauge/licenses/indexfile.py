"""The shipped reference index: a small binary format, written by the build script.

Layout (little-endian)::

    magic      8 bytes  b"OGLIDX\\x00\\x01"
    header     3 x u32  meta_len, n_keys, n_postings
    meta       meta_len bytes of UTF-8 JSON: format constants and one object per reference
    keys       n_keys x u32      sampled shingles, ascending
    counts     n_keys x u16      how many references each key has
    postings   n_postings x u16  reference numbers, key by key

Loading parses JSON and flat integer arrays only (no pickle, no marshal), checks
every length against the file size before reading, caps the file size, validates
each reference record's types and that its text source is a packaged file name (no
path climbs out of the data folder); a bad file raises ``IndexFormatError``.
Writing is deterministic: sorted JSON keys, fixed separators, no timestamps, so a
rebuild from the same texts gives the same bytes (tests/licenses check it).
"""

from __future__ import annotations

import json
import re
import struct
import sys
from array import array
from itertools import accumulate
from typing import Any

from opengauge.licenses import anchors, templates
from opengauge.licenses.normalize import SHINGLE_HASH
from opengauge.licenses.reference import PACK, SAMPLE, SHINGLE, Index, Postings, Reference

FILE = "reference-index.bin"
MAGIC = b"OGLIDX\x00\x01"
MAX_BYTES = 32 << 20
_HEADER = struct.Struct("<III")


class IndexFormatError(ValueError):
    """The index file is not one this version of opengauge wrote."""


def _typed(code: str, size: int) -> array[int]:
    for candidate in (code, "L"):
        made = array(candidate)
        if made.itemsize == size:
            return made
    raise IndexFormatError(f"no {size}-byte array type on this platform")


def _pack(values: list[int] | array[int], code: str, size: int) -> bytes:
    out = _typed(code, size)
    out.extend(iter(values))
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


def _unpack(raw: bytes, code: str, size: int) -> array[int]:
    out = _typed(code, size)
    out.frombytes(raw)
    if sys.byteorder == "big":
        out.byteswap()
    return out


def _record(ref: Reference) -> dict[str, Any]:
    a = ref.anchors
    record: dict[str, Any] = {
        "id": ref.id,
        "key": ref.key,
        "name": ref.name,
        "kind": ref.kind,
        "digest": ref.digest,
        "source": ref.source,
        "sampled": ref.sampled,
        "anchors": [a.title, sorted(a.versions), sorted(a.dates), a.plusplus],
    }
    if ref.template is not None:
        record["template"] = [[list(run) for run in ref.template.runs], list(ref.template.gaps)]
    for name in ("xml", "derived_from"):
        if getattr(ref, name) is not None:
            record[name] = getattr(ref, name)
    if ref.aliases:
        record["aliases"] = list(ref.aliases)
    return record


def dump(index: Index) -> bytes:
    """The bytes of ``index`` in the shipped format."""
    meta = {
        "format": 1,
        "hash": SHINGLE_HASH,
        "shingle": SHINGLE,
        "sample": SAMPLE,
        "references": [_record(ref) for ref in index.references],
    }
    body = json.dumps(meta, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()
    post = index.postings
    counts = [b - a for a, b in zip(post.starts, post.starts[1:], strict=False)]
    if max(counts, default=0) > 0xFFFF or len(index.references) > 0xFFFF:
        raise IndexFormatError("index too large for 16-bit reference numbers")
    return b"".join(
        (
            MAGIC,
            _HEADER.pack(len(body), len(post.keys), len(post.refs)),
            body,
            _pack(post.keys, "I", 4),
            _pack(counts, "H", 2),
            _pack(post.refs, "H", 2),
        )
    )


def _str(record: dict[str, Any], name: str, optional: bool = False) -> Any:  # str | None
    value = record.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise IndexFormatError(f"reference field {name!r}: expected a string")
    return value


def _strings(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise IndexFormatError(f"{what}: expected a list of strings")
    return value


def _template(value: Any) -> templates.Template | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], list)):
        raise IndexFormatError("template: expected [runs, gaps]")
    runs = tuple(tuple(_strings(run, "template run")) for run in value[0])
    gaps = value[1]
    if (
        not isinstance(gaps, list)
        or not all(type(g) is int for g in gaps)
        or len(gaps) != len(runs)
    ):
        raise IndexFormatError("template gaps: expected one integer per run")
    return templates.Template(runs, tuple(gaps))


_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+_-]{0,200}")
_FOLDERS = frozenset({"spdx", "ai", "extra", PACK[0]})


def _source(record: dict[str, Any]) -> str:
    """``folder/file`` inside the package data (or ``notice``): nothing that climbs out."""
    source: str = _str(record, "source")
    folder, _, name = source.partition("/")
    if source != "notice" and (folder not in _FOLDERS or not _FILE_NAME.fullmatch(name)):
        raise IndexFormatError(f"reference source {source[:80]!r} is not a packaged file")
    xml = _str(record, "xml", optional=True)
    if xml is not None and not _FILE_NAME.fullmatch(xml):
        raise IndexFormatError(f"reference template {xml[:80]!r} is not a packaged file")
    return source


def _reference(record: Any) -> Reference:
    if not isinstance(record, dict):
        raise IndexFormatError("reference: expected an object")
    found = record.get("anchors")
    if not (isinstance(found, list) and len(found) == 4 and isinstance(found[3], bool)):
        raise IndexFormatError("anchors: expected [title, versions, dates, plusplus]")
    title = found[0] if isinstance(found[0], str) else ""
    sampled = record.get("sampled")
    if type(sampled) is not int or sampled < 0:
        raise IndexFormatError("sampled: expected a count")
    return Reference(
        id=_str(record, "id"),
        key=_str(record, "key"),
        name=_str(record, "name"),
        kind=_str(record, "kind"),
        digest=_str(record, "digest"),
        anchors=anchors.Anchors(
            title,
            frozenset(_strings(found[1], "versions")),
            frozenset(_strings(found[2], "dates")),
            found[3],
        ),
        source=_source(record),
        sampled=sampled,
        template=_template(record.get("template")),
        xml=_str(record, "xml", optional=True),
        derived_from=_str(record, "derived_from", optional=True),
        aliases=tuple(_strings(record.get("aliases", []), "aliases")),
    )


def load(data: bytes) -> Index:
    """Parse the shipped index; ``IndexFormatError`` if anything is off."""
    if len(data) > MAX_BYTES:
        raise IndexFormatError(f"index file over {MAX_BYTES} bytes")
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _HEADER.size:
        raise IndexFormatError("not an opengauge licence index (bad magic)")
    at = len(MAGIC) + _HEADER.size
    meta_len, n_keys, n_post = _HEADER.unpack_from(data, len(MAGIC))
    if at + meta_len + 6 * n_keys + 2 * n_post != len(data):
        raise IndexFormatError("index lengths do not add up to the file size")
    try:
        meta = json.loads(data[at : at + meta_len].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise IndexFormatError(f"index metadata: {error}") from error
    expected = {"format": 1, "hash": SHINGLE_HASH, "shingle": SHINGLE, "sample": SAMPLE}
    if not isinstance(meta, dict) or any(meta.get(k) != v for k, v in expected.items()):
        raise IndexFormatError(f"index metadata: expected {expected}")
    records = meta.get("references")
    if not isinstance(records, list):
        raise IndexFormatError("index metadata: no reference list")
    index = Index(references=[_reference(r) for r in records])
    at += meta_len
    keys = _unpack(data[at : at + 4 * n_keys], "I", 4)
    counts = _unpack(data[at + 4 * n_keys : at + 6 * n_keys], "H", 2)
    refs = _unpack(data[at + 6 * n_keys :], "H", 2)
    starts = _typed("I", 4)
    starts.extend(accumulate(counts, initial=0))
    if starts[-1] != n_post or (refs and max(refs) >= len(index.references)):
        raise IndexFormatError("index postings out of range")
    if list(keys) != sorted(keys):
        raise IndexFormatError("index keys not in order")
    index.postings = Postings(keys, starts, refs)
    for number, ref in enumerate(index.references):
        if ref.kind != "notice":
            index.by_digest.setdefault(ref.digest, number)
    return index
