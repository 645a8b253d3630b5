"""Read a target's licence evidence: the only code that opens target files for licences.

Picks licence-like files (LICENSE / LICENCE / COPYING / NOTICE in any case, with any
suffix or extension, split files such as LICENSE-MODEL, use policies, anything in a
``*licenses/`` folder), package metadata (pyproject.toml, setup.cfg), SPDX headers
in code heads already read by the walker, and card metadata and prose. Reading is
bounded (2 MB per file, 200 files); undecodable or binary files become ``Skipped``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

from opengauge import licenses as engine
from opengauge.licenses import governs
from opengauge.model import Card, FileEntry, LicenseMatch, Skipped
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
    found.extend(
        replace(m, component=governs.for_file(m.path, split)) if m.component == governs.ALL else m
        for m in file_matches
    )
    found.extend(_package_metadata(reader, files, skipped))
    found.extend(_spdx_headers(files))
    for card in cards:
        if card.kind != "doc":  # other documents quote licences; they do not grant them
            found.extend(card_licenses(card, split))
    return tuple(found), tuple(skipped)


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
    for match in engine.from_statements(card.body, card.path):
        own = match.component if match.component != governs.UNKNOWN else component
        found.append(
            replace(
                match,
                start_line=match.start_line + offset,
                end_line=match.end_line + offset,
                component=own,
            )
        )
    return found
