"""The reference corpus shipped in the package, and the index over it.

Sources (``opengauge/data/licenses``): SPDX texts and XML templates (``spdx/``),
AI licences from ScanCode LicenseDB (``ai/``, CC-BY-4.0), texts opengauge adds
(``extra/``, same front-matter format, with ``derived_from``) and the ScanCode
LicenseDB text of every other licence on the SPDX list (``scancode-spdx/``, one
compressed pack). The index maps sampled 5-token shingles to the references that
contain them, so identifying one file touches only the references it shares text
with. It is built once by ``scripts/build_license_index.py`` and shipped
(``reference-index.bin``, see ``indexfile``); a process loads it instead of
tokenising ~800 texts. A reference's full shingle set is computed from its text the
first time the matcher needs it.
"""

from __future__ import annotations

import functools
import json
import lzma
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.abc import Traversable

from opengauge.licenses import anchors, templates
from opengauge.licenses.normalize import shingles, tokenize

SHINGLE = 5
# Only shingles that are 0 modulo SAMPLE go into the postings: a quarter of the work
# per file, enough to find candidates (scores use full sets).
SAMPLE = 4
PACK = ("scancode-spdx", "texts.json.xz")
_PACK_MAX_BYTES = 8 << 20  # compressed; the pack is about 0.5 MB
_PACK_MAX_TEXT = 32 << 20  # decompressed; about 6.5 MB


@dataclass(frozen=True)
class Reference:
    """One known licence text (or standard notice) in matchable form.

    ``source`` says where the text is: ``spdx/<id>.txt``, ``ai/<key>.LICENSE``,
    ``extra/<key>.LICENSE``, ``scancode-spdx/<key>.LICENSE`` (in the pack) or
    ``notice`` (the text is the template's literal runs).
    """

    id: str
    key: str
    name: str
    kind: str  # spdx | ai | extra | scancode | notice
    digest: str
    anchors: anchors.Anchors
    source: str
    sampled: int = 0  # number of distinct shingles that are 0 modulo SAMPLE
    template: templates.Template | None = None
    xml: str | None = None  # SPDX XML file holding the body template, compiled lazily
    derived_from: str | None = None
    aliases: tuple[str, ...] = ()

    @functools.cached_property
    def shingle_set(self) -> frozenset[int]:
        """All distinct shingles of the text (computed at first use, then kept)."""
        return frozenset(shingles(tokenize(body_of(self), skip_copyright=True).words, SHINGLE))


def with_shingles(reference: Reference, shingle_set: frozenset[int]) -> Reference:
    """``reference`` with its shingle set already known (no text read at first use)."""
    reference.__dict__["shingle_set"] = shingle_set
    return reference


class Postings:
    """Sampled shingle -> reference numbers, as three flat arrays (CSR layout).

    ``keys`` ascending and unique; the references of ``keys[i]`` are
    ``refs[starts[i]:starts[i + 1]]``. Lookups bisect ``keys``: nothing to build
    when the index is loaded.
    """

    def __init__(self, keys: array[int], starts: array[int], refs: array[int]) -> None:
        self.keys, self.starts, self.refs = keys, starts, refs

    @classmethod
    def from_lists(cls, table: dict[int, list[int]]) -> Postings:
        """Postings from a dict of lists (the build path)."""
        keys, starts, refs = array("Q"), array("Q", [0]), array("Q")
        for key in sorted(table):
            keys.append(key)
            refs.extend(table[key])
            starts.append(len(refs))
        return cls(keys, starts, refs)

    def get(self, gram: int) -> array[int] | None:
        """References whose sampled shingles include ``gram``, or None."""
        keys = self.keys
        i = bisect_left(keys, gram)
        if i == len(keys) or keys[i] != gram:
            return None
        return self.refs[self.starts[i] : self.starts[i + 1]]

    def __len__(self) -> int:
        return len(self.keys)


@dataclass
class Index:
    """References plus lookup tables: exact digest and sampled-shingle postings."""

    references: list[Reference] = field(default_factory=list)
    by_digest: dict[str, int] = field(default_factory=dict)
    postings: Postings = field(default_factory=lambda: Postings.from_lists({}))


def assemble(references: list[Reference]) -> Index:
    """Index ``references`` (shingle sets known); identical texts become aliases."""
    index = Index()
    table: dict[int, list[int]] = {}
    for reference in references:
        known = index.by_digest.get(reference.digest)
        if known is not None and reference.kind != "notice":
            first = index.references[known]
            if reference.id != first.id and reference.id not in first.aliases:
                merged = replace(first, aliases=(*first.aliases, reference.id))
                index.references[known] = with_shingles(merged, first.shingle_set)
            continue
        number = len(index.references)
        keep = sorted(s for s in reference.shingle_set if s % SAMPLE == 0)
        index.references.append(
            with_shingles(replace(reference, sampled=len(keep)), reference.shingle_set)
        )
        if reference.kind != "notice":
            index.by_digest.setdefault(reference.digest, number)
        for shingle in keep:
            table.setdefault(shingle, []).append(number)
    index.postings = Postings.from_lists(table)
    return index


def data_root() -> Traversable:
    """Folder of the packaged licence data."""
    return resources.files("opengauge").joinpath("data", "licenses")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a ``---``-delimited header of ``key: value`` lines from the body (our own data)."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end == -1:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[3:end].splitlines():
        if line and not line.startswith((" ", "-")) and ":" in line:
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    return meta, text[end + 4 :].lstrip("\n")


@functools.lru_cache(maxsize=1)
def scancode_pack() -> dict[str, str]:
    """The ScanCode LicenseDB files of the pack: file name -> file text (front matter kept).

    Our own shipped file, still read with bounds: compressed and decompressed size
    are capped and the JSON must be an object of strings.
    """
    raw = data_root().joinpath(*PACK).read_bytes()
    if len(raw) > _PACK_MAX_BYTES:
        raise ValueError(f"licence text pack too large: {len(raw)} bytes")
    decompressor = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
    text = decompressor.decompress(raw, max_length=_PACK_MAX_TEXT)
    if not decompressor.eof:
        raise ValueError("licence text pack truncated or over its size limit")
    table = json.loads(text.decode("utf-8"))
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in table.items()
    ):
        raise ValueError("licence text pack: expected an object of strings")
    return table


def body_of(reference: Reference) -> str:
    """The text of ``reference`` that its digest, anchors and shingles are computed from."""
    if reference.kind == "notice":
        if reference.template is None:
            return ""
        return "\n".join(" ".join(run) for run in reference.template.runs)
    folder, _, name = reference.source.partition("/")
    if folder == PACK[0]:
        text = scancode_pack()[name]
    else:
        text = data_root().joinpath(folder, name).read_text("utf-8")
    return front_matter(text)[1] if name.endswith(".LICENSE") else text


def build_index(exclude_derived_from: frozenset[str] = frozenset()) -> Index:
    """Build the index from the packaged texts (slow: what the build script does).

    ``exclude_derived_from`` leaves out references made from those corpus files,
    to measure accuracy on texts the engine has not been given.
    """
    from opengauge.licenses import refcorpus

    return assemble(list(refcorpus.references(exclude_derived_from)))


_TEMPLATES: dict[str, templates.Template | None] = {}


def template_of(reference: Reference) -> templates.Template | None:
    """The SPDX template of ``reference`` (notice templates are eager, bodies lazy)."""
    if reference.template is not None or reference.xml is None:
        return reference.template
    if reference.xml not in _TEMPLATES:
        xml = data_root().joinpath("spdx", "xml", reference.xml).read_text("utf-8")
        _TEMPLATES[reference.xml] = templates.parse_body(xml)
    return _TEMPLATES[reference.xml]


@functools.lru_cache(maxsize=1)
def default_index() -> Index:
    """The shipped index over all packaged references, loaded at first use and kept."""
    from opengauge.licenses import indexfile

    return indexfile.load(data_root().joinpath(indexfile.FILE).read_bytes())
