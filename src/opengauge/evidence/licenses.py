"""Read a target's licence evidence: the only code that opens target files for licences.

Picks licence-like files (LICENSE / LICENCE / COPYING / NOTICE in any case, with any
suffix or extension, split files such as LICENSE-MODEL, use policies, anything in a
``*licenses/`` folder), package metadata (pyproject.toml, setup.cfg), SPDX headers
in code heads already read by the walker, and card metadata and prose. Reading is
bounded (2 MB per file, 200 files); undecodable or binary files become ``Skipped``.
"""

from __future__ import annotations

import codecs
import posixpath
import re
from dataclasses import replace

from opengauge import licenses as engine
from opengauge.licenses import governs
from opengauge.licenses.base_models import find_bases, inherited_row
from opengauge.licenses.governance import (
    categorize_unidentified,
    looks_like_licence,
    rescue_statement,
)
from opengauge.model import Card, FileEntry, LicenseCategory, LicenseMatch, Skipped
from opengauge.sources.reader import ReaderError, ReleaseReader

MAX_BYTES = 2 << 20
MAX_FILES = 200
MAX_HEADER_FILES = 2000

_LICENSE_FILE = re.compile(
    r"^(?:licen[cs]es?|copying|copyright|notice|unlicen[cs]e)(?:[-_.].*)?$"
    r"|^.*[-_.]licen[cs]es?(?:[-_.].*)?$"
    r"|^(?:.*[-_])?(?:use[-_]?policy|acceptable[-_]?use[-_]?policy|aup|terms[-_]of[-_]use)"
    r"(?:[-_.].*)?$",
    re.IGNORECASE,
)
_LICENSE_FOLDER = re.compile(r"(?:^|/)[^/]*licen[cs]es?/", re.IGNORECASE)
_CODE_EXT = re.compile(r"\.(?:py|js|ts|json|ya?ml|toml|cfg|sh|c|h|cpp|rs|go|java)$", re.IGNORECASE)
_PACKAGE_FILES = {"pyproject.toml", "setup.cfg"}


def is_license_path(path: str) -> bool:
    """True for files whose name or folder marks them as licence texts or policies."""
    name = path.rsplit("/", 1)[-1]
    if _CODE_EXT.search(name):
        return False
    return bool(_LICENSE_FILE.match(name)) or bool(_LICENSE_FOLDER.search(path))


def decode(raw: bytes) -> tuple[str | None, str | None]:
    """Text of ``raw`` and a note on how it was decoded; (None, reason) for binary data."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(codec, "replace"), f"decoded as {codec} (byte-order mark)"
    sample = raw[:8192]
    if b"\x00" in sample:
        odd_nuls = sample[1::2].count(0)
        if odd_nuls > len(sample) // 4 and sample[0::2].count(0) <= len(sample) // 50:
            return raw.decode("utf-16-le", "replace"), "decoded as utf-16-le (no byte-order mark)"
        return None, "binary content (NUL bytes), not a licence text"
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    if bad:
        if bad > max(4, len(text) // 200):
            return raw.decode("cp1252", "replace"), "not valid UTF-8: decoded as cp1252"
        return text, f"{bad} invalid UTF-8 sequences replaced"
    return text, None


def read_text(reader: ReleaseReader, rel: str) -> tuple[str | None, str | None, Skipped | None]:
    """(text, note, skip) for one file of the target, bounded."""
    try:
        with reader.open(rel) as handle:
            raw = handle.read(MAX_BYTES)
            size = handle.seek(0, 2)
    except (ReaderError, OSError) as exc:
        return None, None, Skipped(rel, f"cannot read licence file: {exc}")
    text, note = decode(raw)
    if text is None:
        return None, None, Skipped(rel, note or "undecodable")
    skip = None
    if size > MAX_BYTES:
        # Cut at the last full line so a half line does not look like a different text.
        text = text[: text.rfind("\n") + 1] or text
        note = f"only the first {MAX_BYTES >> 20} MB of {size} bytes read" + (
            f"; {note}" if note else ""
        )
        skip = Skipped(rel, f"licence file of {size} bytes: only the first 2 MB were read")
    return text, note, skip


def _with_note(matches: tuple[LicenseMatch, ...], note: str | None) -> tuple[LicenseMatch, ...]:
    if not note:
        return matches
    return tuple(replace(m, reason=f"{m.reason}; {note}" if m.reason else note) for m in matches)


def collect_licenses(
    reader: ReleaseReader,
    files: tuple[FileEntry, ...],
    cards: tuple[Card, ...],
) -> tuple[tuple[LicenseMatch, ...], tuple[Skipped, ...]]:
    """Every licence match of the target, with the component each governs, and the skips."""
    found: list[LicenseMatch] = []
    skipped: list[Skipped] = []
    picked = [f for f in files if is_license_path(f.path)]
    if len(picked) > MAX_FILES:
        skipped.extend(
            Skipped(f.path, f"more than {MAX_FILES} licence files") for f in picked[MAX_FILES:]
        )
        picked = picked[:MAX_FILES]
    file_matches: list[LicenseMatch] = []
    for entry in picked:
        text, note, skip = read_text(reader, entry.path)
        if skip:
            skipped.append(skip)
        if text is not None:
            file_matches.extend(_with_note(engine.identify(text, entry.path), note))
    # An acceptable-use policy belongs to the licence that incorporates it: it does not
    # split the release into separately licensed parts.
    split = frozenset(
        c
        for c in (governs.from_path(m.path) for m in file_matches if not governs.is_policy(m.path))
        if c
    )
    scopes = repository_scopes(files)
    for match in file_matches:
        match = categorize_unidentified(match)
        if match.component != governs.ALL:
            found.append(match)
            continue
        component = governs.for_file(match.path, split)
        if component == governs.ALL and scopes is not None:
            # no weights here: the repository's licence covers its own files, not weights
            # (or data) published elsewhere
            why = (
                "the repository's licence: it covers the files here, not artefacts "
                "published elsewhere"
            )
            found.extend(
                replace(match, component=scope, reason=_joined(match.reason, why))
                for scope in scopes
            )
        else:
            found.append(replace(match, component=component))
    found.extend(_package_metadata(reader, files, skipped))
    found.extend(_spdx_headers(files))
    for card in cards:
        if card.kind != "doc":  # other documents quote licences; they do not grant them
            found.extend(
                m for m in card_licenses(card, split) if not _other_projects_code(m, reader.name)
            )
    pointed, pointers = _pointed_files(found, file_matches)
    # "License: [Proprietary](LICENSE)": the file, identified, says which licence it is
    found = [m for m in found if id(m) not in pointers] + pointed
    named = [m for m in found if _named(m)] + inherited(files, cards)
    named += [r for m in found if not _named(m) for r in [rescue_statement(m)] if r is not None]
    if scopes is not None:
        named = [row for m in named for row in _scoped_rows(m, scopes)]
    return tuple(named), tuple(skipped)


_LINKS_TO = re.compile(r"links to (?P<target>[^\s;]+)")


def _pointed_files(
    found: list[LicenseMatch], file_matches: list[LicenseMatch]
) -> tuple[list[LicenseMatch], set[int]]:
    """A statement that puts a component under a licence file of the release ("The weights
    are available ... under [a license ...](LICENSE)") gives that file's licence to it.
    Returns the new rows and the ids of the statements the files replace."""
    by_path = {m.path: m for m in file_matches if m.id}
    pointed = []
    pointers: set[int] = set()
    seen: set[tuple[str, str]] = set()
    for match in found:
        if match.method != "statement" or match.component not in (governs.WEIGHTS, governs.DATA):
            continue
        link = _LINKS_TO.search(match.reason or "")
        if link is None or "://" in link.group("target"):
            continue
        base = posixpath.dirname(match.path)
        path = posixpath.normpath(posixpath.join(base, link.group("target").split("#")[0]))
        target = by_path.get(path)
        if target is not None and (path, match.component) in seen:
            pointers.add(id(match))  # already given by an earlier statement
        elif target is not None:
            seen.add((path, match.component))
            why = f"{match.path}:{match.start_line} puts the {match.component} under this file"
            pointed.append(
                replace(target, component=match.component, reason=_joined(target.reason, why))
            )
            pointers.add(id(match))
    return pointed, pointers


_GITHUB_LICENCE = re.compile(
    r"links to https?://(?:github\.com|raw\.githubusercontent\.com)/[\w.-]+/(?P<repo>[\w.-]+)/"
    r"(?:(?:blob|raw)/)?[^/\s]+/[^\s;]*licen[cs]e",
    re.I,
)


def _other_projects_code(match: LicenseMatch, name: str) -> bool:
    """A README statement about code whose licence file is in another GitHub repository.

    "Our model weights and code are licensed ... [LICENSE](github.com/databricks/dbrx/...)"
    in llm-foundry's README: that is DBRX's code. The code here is governed by what is
    here; the statement still counts for the weights it names, published elsewhere.
    """
    if match.component != governs.CODE or match.method != "statement":
        return False
    linked = _GITHUB_LICENCE.search(match.reason or "")
    if linked is None:
        return False

    def plain(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())

    home = plain(name.rsplit("/", 1)[-1])
    return bool(home) and not home.endswith(plain(linked.group("repo")))


def inherited(files: tuple[FileEntry, ...], cards: tuple[Card, ...]) -> list[LicenseMatch]:
    """A fine-tune of a base model whose licence binds derivatives is under that licence.

    The release's base is the first one it states (its top-level documents, then the
    family most of its training configurations use). Only a restrictive base gives a row:
    an open base grants rights but does not decide the fine-tune's own terms.
    """
    documents = [
        (c.path, c.body, c.body_start_line) for c in cards if c.kind in ("model", "readme")
    ]
    configs = [(f.path, f.head) for f in files if f.kind == "config" and f.head]
    rows: list[LicenseMatch] = []
    for base in find_bases(documents, configs)[:1]:
        family = base.family
        if family.category in (
            LicenseCategory.OSI_OPEN,
            LicenseCategory.OPEN_DATA,
            LicenseCategory.OPEN_CONTENT,
        ):
            continue
        rows.append(
            inherited_row(
                family,
                base.path,
                base.line,
                base.sentence,
                f"the weights derive from {base.name} ({family.name}), whose licence binds "
                "derivatives",
            )
        )
    return rows


def _named(match: LicenseMatch) -> bool:
    """A statement names a licence (not 'the', 'same', a whole sentence, a file name)."""
    if match.id or match.source == "file":
        return True
    return looks_like_licence(match.name)


def _scoped_rows(match: LicenseMatch, scopes: tuple[str, ...]) -> list[LicenseMatch]:
    """A statement about 'the project' in a repository without weights covers its files."""
    if match.component != governs.ALL or match.source == "file":
        return [match]
    why = "stated for the repository: it covers the files here, not artefacts published elsewhere"
    return [replace(match, component=scope, reason=_joined(match.reason, why)) for scope in scopes]


def repository_scopes(files: tuple[FileEntry, ...]) -> tuple[str, ...] | None:
    """What a blanket licence covers when the folder holds no weights: its code and
    documents (and data files, when there are any); None when weights are here."""
    for entry in files:
        lower = entry.path.lower()
        if (
            entry.kind == "weights"
            and not _AUX.search(lower)
            and (
                entry.size >= 50 << 20
                or lower.endswith((".safetensors", ".gguf"))
                or _HUB_WEIGHTS.search(lower)
            )
        ):
            return None
    scopes = [governs.CODE, governs.DOCS]
    if any(
        entry.kind == "data"
        and entry.size >= 1 << 20
        and _DATA_FILE.search(entry.path)
        and not _AUX.search(entry.path.lower())
        for entry in files
    ):
        scopes.append(governs.DATA)
    return tuple(scopes)


# Folders whose files are not the release's own weights or data (demos, tests, assets).
_AUX = re.compile(
    r"(^|/)(tests?|examples?|[^/]*demos?[^/]*|assets?|media|samples?|docs?|"
    r"notebooks?|fixtures?)/"
)
# The file names transformers and diffusers save weights under, whatever their size.
_HUB_WEIGHTS = re.compile(
    r"(^|/)(pytorch_model|tf_model|flax_model|diffusion_pytorch_model|model)"
    r"([-.][^/]*)?\.(bin|h5|msgpack|onnx|pt|pth|ckpt)$"
)
_DATA_FILE = re.compile(r"\.(jsonl|json|csv|tsv|parquet|arrow|tfrecords?|txt|gz|zst|xz|bz2)$", re.I)


def _joined(first: str | None, second: str) -> str:
    return f"{first}; {second}" if first else second


def _package_metadata(
    reader: ReleaseReader, files: tuple[FileEntry, ...], skipped: list[Skipped]
) -> list[LicenseMatch]:
    found: list[LicenseMatch] = []
    for entry in files:
        if entry.path.rsplit("/", 1)[-1] not in _PACKAGE_FILES:
            continue
        text, _note, skip = read_text(reader, entry.path)
        if skip:
            skipped.append(skip)
        if text is not None:
            found.extend(engine.from_package_metadata(text, entry.path))
    return found


def _spdx_headers(files: tuple[FileEntry, ...]) -> list[LicenseMatch]:
    """One match per distinct SPDX header expression in code, from the walker's heads."""
    first: dict[str | None, LicenseMatch] = {}
    counts: dict[str | None, int] = {}
    scanned = 0
    for entry in files:
        if entry.kind != "code" or not entry.head or "SPDX-License-Identifier" not in entry.head:
            continue
        scanned += 1
        if scanned > MAX_HEADER_FILES:
            break
        head = "\n".join(entry.head.splitlines()[:40])
        for match in engine.from_statements(head, entry.path):
            if match.source != "spdx-header":
                continue
            counts[match.id] = counts.get(match.id, 0) + 1
            first.setdefault(match.id, replace(match, component=governs.CODE))
    return [
        replace(m, reason=f"SPDX header in {counts[key]} code file(s)") for key, m in first.items()
    ]


def card_licenses(card: Card, split: frozenset[str] = frozenset()) -> list[LicenseMatch]:
    """Licences a card declares (front matter) and states (prose), lines in the file's terms.

    The ``license:`` of a repository's root model card is the Hub's licence of the whole
    repository (code, weights and documentation alike), unless separate licence files
    for weights or data (``split``) show that it speaks for the model only.
    """
    component = governs.for_card(card.kind) if card.kind != "readme" else governs.UNKNOWN
    if (
        card.kind == "model"
        and "/" not in card.path
        and not split & {governs.WEIGHTS, governs.DATA}
    ):
        component = governs.ALL
    found = [
        replace(m, component=component) for m in engine.from_card_metadata(card.metadata, card.path)
    ]
    offset = card.body_start_line - 1
    title = _title_word(card)
    for match in engine.from_statements(card.body, card.path):
        moved = replace(
            match, start_line=match.start_line + offset, end_line=match.end_line + offset
        )
        if match.component != governs.UNKNOWN:
            found.append(moved)
        elif title and re.search(
            rf"\b{re.escape(title)}\b", governs.subject(match.excerpt or ""), re.I
        ):
            # "Bark is licensed under MIT": the release itself, by name - its code and
            # its model, wherever the weights are published
            why = f"stated for {title}, the release itself"
            found.extend(
                replace(moved, component=scope, reason=_joined(match.reason, why))
                for scope in (governs.CODE, governs.WEIGHTS, governs.DOCS)
            )
        elif _FIELD_LINE.match(match.excerpt or "") and _MODEL_SECTION.search(
            _section_title(card, match.start_line)
        ):
            # "- **License:** Apache 2.0" in "## Model Description": the model's licence
            why = "a License field in the description of the model"
            found.append(
                replace(moved, component=governs.WEIGHTS, reason=_joined(match.reason, why))
            )
        else:
            found.append(replace(moved, component=component))
    return found


_FIELD_LINE = re.compile(r"^\s*(?:[-*+]\s*)?(?:\*\*|__)?licen[cs]es?\b", re.I)
_MODEL_SECTION = re.compile(
    r"\bmodel (?:description|details?|summary|card|info(?:rmation)?|overview)\b", re.I
)


def _section_title(card: Card, body_line: int) -> str:
    """The title of the innermost section holding ``body_line`` (a line of the body)."""
    section = card.section_at(body_line + card.body_start_line - 1)
    return section.title if section is not None else ""


def _title_word(card: Card) -> str | None:
    """The release's name as its document's title gives it (first word of the H1)."""
    first = next((s for s in card.sections if s.level == 1), None)
    if first is None or card.kind not in ("model", "readme") or "/" in card.path:
        return None
    words = re.findall(r"[A-Za-z][\w.-]{2,}", first.title)
    return words[0] if words else None
