"""Read the packaged licence texts into references (the build path of the index).

Order: ``extra/``, ``ai/``, ``spdx/`` (each SPDX text followed by its standard
notice, when its XML template has one), then the ScanCode LicenseDB pack. A text
identical (after normalisation) to an earlier one becomes an alias of it. ScanCode
texts are kept even when ``spdx/`` has the same id: they are other renderings of the
licence (LGPL-3.0 without the GPL appended, the ``*-or-later`` texts with their notice).

Also the SPDX list tables: ``spdx/INDEX.tsv`` (every licence on the SPDX License
List 3.29.0: name, OSI / FSF flags, size of the text when ``spdx/`` holds it,
deprecated) and ``spdx/EXCEPTIONS.tsv`` (the list's exceptions, same idea).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib.abc import Traversable

from opengauge.licenses import anchors, templates
from opengauge.licenses.normalize import shingles, text_hash, tokenize
from opengauge.licenses.reference import (
    PACK,
    SHINGLE,
    Reference,
    data_root,
    front_matter,
    scancode_pack,
    with_shingles,
)


@dataclass(frozen=True)
class SpdxEntry:
    """One row of the SPDX list tables."""

    id: str
    name: str
    osi_approved: bool
    fsf_libre: bool
    deprecated: bool
    exception: bool
    has_text: bool


@functools.lru_cache(maxsize=1)
def spdx_list() -> dict[str, SpdxEntry]:
    """Every id on the SPDX list (licences and exceptions, deprecated ones too)."""
    root = data_root().joinpath("spdx")
    table: dict[str, SpdxEntry] = {}
    for row in root.joinpath("INDEX.tsv").read_text("utf-8").splitlines()[1:]:
        cells = (row.split("\t") + [""] * 6)[:6]
        spdx_id, name, osi, fsf, size, deprecated = cells
        table[spdx_id] = SpdxEntry(
            spdx_id, name, osi == "True", fsf == "True", deprecated == "True", False, bool(size)
        )
    for row in root.joinpath("EXCEPTIONS.tsv").read_text("utf-8").splitlines()[1:]:
        spdx_id, name, deprecated, size = (row.split("\t") + [""] * 4)[:4]
        table[spdx_id] = SpdxEntry(
            spdx_id, name, False, False, deprecated == "True", True, bool(size)
        )
    return table


def make(
    ref_id: str,
    key: str,
    name: str,
    kind: str,
    body: str,
    source: str,
    derived: str | None = None,
) -> Reference:
    """A reference with its digest, anchors and shingle set computed from ``body``."""
    toks = tokenize(body, skip_copyright=True)
    ref = Reference(
        id=ref_id,
        key=key,
        name=name,
        kind=kind,
        digest=text_hash(toks),
        anchors=anchors.extract(body),
        source=source,
        derived_from=derived,
    )
    return with_shingles(ref, frozenset(shingles(toks.words, SHINGLE)))


def _spdx(root: Traversable) -> Iterator[Reference]:
    entries = [e for e in spdx_list().values() if e.has_text]
    for entry in sorted(entries, key=lambda e: e.id):
        source = f"spdx/{entry.id}.txt"
        body = root.joinpath("spdx", f"{entry.id}.txt").read_text("utf-8")
        ref = make(entry.id, entry.id, entry.name, "spdx", body, source)
        xml = root.joinpath("spdx", "xml", f"{entry.id}.xml")
        notice = None
        if xml.is_file():
            # The body template is compiled at first use (template_of): most never are.
            notice = templates.parse_header(xml.read_text("utf-8"))
            ref = with_shingles(replace(ref, xml=f"{entry.id}.xml"), ref.shingle_set)
        yield ref
        if notice is not None:
            text = "\n".join(" ".join(run) for run in notice.runs)
            name = f"{entry.name} (notice)"
            header = make(entry.id, entry.id, name, "notice", text, "notice")
            yield with_shingles(replace(header, template=notice), header.shingle_set)


def _licensedb(root: Traversable, folder: str) -> Iterator[Reference]:
    entries = sorted(
        (p for p in root.joinpath(folder).iterdir() if p.name.endswith(".LICENSE")),
        key=lambda p: p.name,
    )
    for path in entries:
        meta, body = front_matter(path.read_text("utf-8"))
        key = meta.get("key", path.name.removesuffix(".LICENSE"))
        ref_id = meta.get("spdx_license_key") or f"LicenseRef-scancode-{key}"
        name = meta.get("name") or key
        source = f"{folder}/{path.name}"
        yield make(ref_id, key, name, folder, body, source, meta.get("derived_from"))


def _scancode() -> Iterator[Reference]:
    for file_name, text in sorted(scancode_pack().items()):
        meta, body = front_matter(text)
        ref_id = meta.get("spdx_license_key", "")
        if not ref_id:
            continue
        key = meta.get("key", file_name.removesuffix(".LICENSE"))
        listed = spdx_list().get(ref_id)
        name = listed.name if listed else meta.get("name") or key  # the SPDX list's name
        yield make(ref_id, key, name, "scancode", body, f"{PACK[0]}/{file_name}")


def references(exclude_derived_from: frozenset[str] = frozenset()) -> Iterator[Reference]:
    """Every packaged reference, in index order, with shingle sets computed."""
    root = data_root()
    for folder in ("extra", "ai"):
        for ref in _licensedb(root, folder):
            if not (ref.derived_from and ref.derived_from in exclude_derived_from):
                yield ref
    yield from _spdx(root)
    yield from _scancode()
