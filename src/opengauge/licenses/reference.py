"""The reference corpus shipped in the package, and the index built over it once.

Sources (``opengauge/data/licenses``): SPDX texts and XML templates (``spdx/``),
AI licences from ScanCode LicenseDB (``ai/``, CC-BY-4.0) and texts opengauge adds
(``extra/``, same front-matter format, with ``derived_from``). The index maps each
5-token shingle to the references that contain it, so identifying one file touches
only the references it shares text with, never the whole corpus.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable

from opengauge.licenses import anchors, templates
from opengauge.licenses.normalize import Tokens, shingles, text_hash, tokenize

SHINGLE = 5
# Only shingles whose hash is 0 modulo SAMPLE go into the postings: a quarter of the
# work at start-up and per file, enough to find candidates (scores use full sets).
SAMPLE = 4


@dataclass(frozen=True)
class Reference:
    """One known licence text (or standard notice) in matchable form."""

    id: str
    key: str
    name: str
    kind: str  # spdx | ai | extra | notice
    tokens: Tokens
    shingle_set: frozenset[int]
    digest: str
    anchors: anchors.Anchors
    template: templates.Template | None = None
    xml: str | None = None  # SPDX XML file holding the body template, compiled lazily
    derived_from: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Index:
    """References plus lookup tables: exact digest and shingle postings."""

    references: list[Reference] = field(default_factory=list)
    by_digest: dict[str, int] = field(default_factory=dict)
    postings: dict[int, list[int]] = field(default_factory=dict)
    sampled_sizes: list[int] = field(default_factory=list)

    def add(self, reference: Reference) -> None:
        """Register ``reference``; a text identical to a known one becomes an alias of it."""
        known = self.by_digest.get(reference.digest)
        if known is not None and reference.kind != "notice":
            first = self.references[known]
            self.references[known] = _with_alias(first, reference.id)
            return
        number = len(self.references)
        self.references.append(reference)
        if reference.kind != "notice":
            self.by_digest.setdefault(reference.digest, number)
        keep = [s for s in reference.shingle_set if s % SAMPLE == 0]
        self.sampled_sizes.append(len(keep))
        postings = self.postings
        for shingle in keep:
            if shingle in postings:
                postings[shingle].append(number)
            else:
                postings[shingle] = [number]


def _with_alias(reference: Reference, alias: str) -> Reference:
    return Reference(
        **{**reference.__dict__, "aliases": (*reference.aliases, alias)},
    )


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


def _make(
    ref_id: str, key: str, name: str, kind: str, body: str, derived: str | None = None
) -> Reference:
    toks = tokenize(body, skip_copyright=True)
    return Reference(
        id=ref_id,
        key=key,
        name=name,
        kind=kind,
        tokens=toks,
        shingle_set=frozenset(shingles(toks.words, SHINGLE)),
        digest=text_hash(toks),
        anchors=anchors.extract(body),
        derived_from=derived,
    )


def _spdx(root: Traversable) -> Iterator[Reference]:
    names = {}
    for row in root.joinpath("spdx", "INDEX.tsv").read_text("utf-8").splitlines()[1:]:
        cells = row.split("\t")
        names[cells[0]] = cells[1]
    for spdx_id in sorted(names):
        body = root.joinpath("spdx", f"{spdx_id}.txt").read_text("utf-8")
        ref = _make(spdx_id, spdx_id, names[spdx_id], "spdx", body)
        xml = root.joinpath("spdx", "xml", f"{spdx_id}.xml")
        notice = None
        if xml.is_file():
            # The body template is compiled at first use (template_of): most never are.
            xml_text = xml.read_text("utf-8")
            notice = templates.parse_header(xml_text)
            ref = Reference(**{**ref.__dict__, "xml": f"{spdx_id}.xml"})
        yield ref
        if notice is not None:
            text = "\n".join(" ".join(run) for run in notice.runs)
            header = _make(spdx_id, spdx_id, f"{names[spdx_id]} (notice)", "notice", text)
            yield Reference(**{**header.__dict__, "template": notice})


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
        yield _make(ref_id, key, name, folder, body, meta.get("derived_from"))


def build_index(exclude_derived_from: frozenset[str] = frozenset()) -> Index:
    """Load every packaged reference and index it.

    ``exclude_derived_from`` leaves out references made from those corpus files,
    to measure accuracy on texts the engine has not been given.
    """
    root = data_root()
    index = Index()
    for folder in ("extra", "ai"):
        for ref in _licensedb(root, folder):
            if ref.derived_from and ref.derived_from in exclude_derived_from:
                continue
            index.add(ref)
    for ref in _spdx(root):
        index.add(ref)
    return index


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
    """The index over all packaged references, built at first use and kept in memory."""
    return build_index()
