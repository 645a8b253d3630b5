"""The licences an SBOM declares for the model and its datasets, shared by both formats.

Only licences count: a row the engine identified (an SPDX id or ``LicenseRef-``), a named
licence the engine could categorise, or an unidentified licence text whose clauses gave
it a category. A name that is not a licence ("open source") or an uncategorised
unidentified row never becomes a declared licence. Every ``LicenseRef-`` comes with where
its text is: a public URL (ScanCode LicenseDB, the source opengauge copied it from, the
file on the Hub) or the release file that holds it, which each format points to its own
way. Several licences governing one thing make one ``AND`` expression.

A dataset the release names is someone else's work: it carries the licence its own Hub
card declares (when the audit followed it there), and otherwise the release's data
licences only when it is the one dataset the release says it trains on. A licence file
of the release never becomes the licence of every dataset it links.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import quote

from opengauge.licenses.governance import looks_like_licence
from opengauge.licenses.names import resolve
from opengauge.model import AuditReport, LicenseCategory, LicenseMatch
from opengauge.report._sbom import Dataset, datasets_shipped

MODEL_SCOPES = ("weights", "all")
DATA_SCOPES = ("data",)
SCANCODE_DB = "https://scancode-licensedb.aboutcode.org"
# What the release states itself; "base-model" rows are opengauge's inference.
INFERRED_SOURCES = frozenset({"base-model"})
_REF = re.compile(r"^LicenseRef-[A-Za-z0-9.-]+$")
_LISTED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")


@dataclass(frozen=True)
class Licence:
    """One licence to declare.

    ``id`` is an SPDX list id or ``LicenseRef-...``; ``url`` a public place of its text
    (for ``LicenseRef-`` ids); ``path`` the release file that holds its text or the
    statement naming it, for formats to point at when there is no URL.
    """

    id: str
    name: str | None
    url: str | None
    path: str

    @property
    def custom(self) -> bool:
        """A ``LicenseRef-``: the document has to say where its text is."""
        return self.id.startswith("LicenseRef-")


@dataclass(frozen=True)
class Governing:
    """What governs one thing: what the release states, and what opengauge concludes
    (the statements plus licences inherited from a base model)."""

    declared: tuple[Licence, ...]
    concluded: tuple[Licence, ...]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-.")[:64].strip("-.")


def licence_id(match: LicenseMatch) -> str | None:
    """The identifier ``match`` is declared under, or None when it is not a licence."""
    found = match.id.strip() if match.id else ""
    if found and (_REF.match(found) or _LISTED.match(found)):
        return found
    if found:  # an id of another shape: keep it, as a reference
        slug = _slug(found.removeprefix("LicenseRef-"))
        return f"LicenseRef-opengauge-named-{slug}" if slug else None
    if match.category is LicenseCategory.UNKNOWN:
        return None  # a maybe-licence we could not place: not declared
    if match.name:
        if not looks_like_licence(match.name):
            return None
        slug = _slug(match.name)
        return f"LicenseRef-opengauge-named-{slug}" if slug else None
    # An unidentified text whose clauses restrict use: a licence, known by its file.
    slug = _slug(match.path)
    return f"LicenseRef-opengauge-text-{slug}" if slug else None


@functools.lru_cache(maxsize=256)
def _packaged_url(key: str) -> str | None:
    """Where a licence opengauge ships (``extra/``, ``ai/``) was copied from."""
    from opengauge.licenses.reference import data_root, front_matter

    for folder in ("extra", "ai"):
        entry = data_root().joinpath(folder, f"{key}.LICENSE")
        if entry.is_file():
            meta, _ = front_matter(entry.read_text(encoding="utf-8"))
            url = meta.get("source_url") or meta.get("homepage_url")
            if url and url.startswith("https://"):
                return url
    return None


def hub_file_url(hub_url: str | None, revision: str | None, path: str) -> str | None:
    """The file's page on the Hub, pinned to the commit when known."""
    if hub_url is None or "!" in path:
        return None
    return f"{hub_url}/blob/{quote(revision or 'main', safe='')}/{quote(path)}"


def public_url(licence_id: str) -> str | None:
    """A public URL of a ``LicenseRef-``'s text, when opengauge knows one."""
    if licence_id.startswith("LicenseRef-scancode-"):
        return f"{SCANCODE_DB}/{licence_id.removeprefix('LicenseRef-scancode-')}.html"
    if licence_id.startswith("LicenseRef-opengauge-"):
        return _packaged_url(licence_id.removeprefix("LicenseRef-opengauge-"))
    return None


def _url(lid: str, hub_url: str | None, revision: str | None, path: str) -> str | None:
    if not lid.startswith("LicenseRef-"):
        return None  # on the SPDX list: the id says it all
    return public_url(lid) or hub_file_url(hub_url, revision, path)


def _licences(
    matches: list[LicenseMatch], hub_url: str | None, revision: str | None
) -> tuple[Licence, ...]:
    found: dict[str, Licence] = {}
    for match in matches:
        lid = licence_id(match)
        if lid is None or lid in found:
            continue
        found[lid] = Licence(lid, match.name, _url(lid, hub_url, revision, match.path), match.path)
    return tuple(found[k] for k in sorted(found))


def governing(
    report: AuditReport,
    scopes: tuple[str, ...],
    hub_url: str | None = None,
) -> Governing:
    """Licences of ``scopes`` (``MODEL_SCOPES``, ``DATA_SCOPES``), sorted by id."""
    chosen = [m for m in report.licenses if m.component in scopes]
    stated = [m for m in chosen if m.source not in INFERRED_SOURCES]
    revision = report.target.revision
    return Governing(_licences(stated, hub_url, revision), _licences(chosen, hub_url, revision))


def expression(licences: tuple[Licence, ...]) -> str | None:
    """One SPDX expression: the ids joined with ``AND`` (all of them apply)."""
    return " AND ".join(lic.id for lic in licences) or None


def file_licences(report: AuditReport, hub_url: str | None = None) -> dict[str, list[Licence]]:
    """Licence texts opengauge found in each file, by path (the files' own terms)."""
    out: dict[str, list[Licence]] = {}
    for match in report.licenses:
        if match.source != "file":
            continue
        lid = licence_id(match)
        if lid is None:
            continue
        url = _url(lid, hub_url, report.target.revision, match.path)
        entries = out.setdefault(match.path, [])
        if all(e.id != lid for e in entries):
            entries.append(Licence(lid, match.name, url, match.path))
    return out


def _followed_datasets(report: AuditReport) -> dict[str, tuple[str, ...]]:
    """Hub dataset id (lower case) -> the licence ids its own card declares, for the
    datasets the audit followed on the Hub (only a card that was read yields any)."""
    out: dict[str, tuple[str, ...]] = {}
    for link in report.target.followed:
        if link.target.startswith("hf://datasets/") and link.licence:
            hub_id = link.target.removeprefix("hf://datasets/").split("@", 1)[0].strip("/")
            out.setdefault(hub_id.lower(), link.licence)
    return out


def _own(names: tuple[str, ...], page: str | None) -> tuple[Licence, ...]:
    """Hub licence ids (``cc-by-sa-3.0``, ``llama2``) as licences; "other" and families
    name no licence and are left out."""
    found: dict[str, Licence] = {}
    for name in names:
        lid = resolve(name).id
        if lid and lid not in found:
            url = (public_url(lid) or page) if lid.startswith("LicenseRef-") else None
            found[lid] = Licence(lid, name, url, "")
    return tuple(found[k] for k in sorted(found))


def dataset_licences(
    report: AuditReport, datasets: list[Dataset], hub_url: str | None = None
) -> dict[str, Governing]:
    """Licences of each dataset, by ``Dataset.key``; a dataset with none is left out.

    Declared: what the dataset's own Hub card states. Concluded: that, else the
    release's data licences (scope ``data``, and ``all`` when it ships its datasets)
    for the only dataset it trains on; with several, nothing says which one they cover.
    """
    followed = _followed_datasets(report)
    scopes = DATA_SCOPES + (("all",) if datasets_shipped(report) else ())
    release = governing(report, scopes, hub_url).concluded
    trained = [d for d in datasets if d.trained]
    out: dict[str, Governing] = {}
    for dataset in datasets:
        own = _own(followed.get(dataset.key, ()), dataset.url)
        if own:
            out[dataset.key] = Governing(own, own)
        elif release and trained == [dataset]:
            out[dataset.key] = Governing((), release)
    return out
