"""Read model cards, dataset cards and READMEs: bounded, decoded, parsed, never executed.

Why ``huggingface_hub.ModelCard(text)`` and not ``ModelCard.load(Path(...))``: ``load``
reads the whole file again, unbounded, and a ``str`` argument is taken as a Hub repo id
(a network call). We read the bytes once, capped, decode them ourselves, vet the YAML
(size, depth, aliases: see :mod:`opengauge.docs.frontmatter`) and only then hand the
front matter to ``ModelCard``/``DatasetCard`` so the Hub's own rules say whether the
metadata is acceptable. ``Card.metadata`` keeps our plain copy of the YAML, because
``ModelCardData`` silently drops a malformed ``model-index`` and we must report it.
"""

from __future__ import annotations

import codecs
from typing import Any

from opengauge.docs.frontmatter import load_yaml, split_front_matter
from opengauge.docs.markdown import parse_markdown
from opengauge.model.common import Skipped
from opengauge.model.evidence import Card
from opengauge.sources.reader import ReaderError, ReleaseReader

MAX_CARD_BYTES = 2 * 1024 * 1024
CARD_KINDS = ("model", "dataset", "readme", "doc")
_SNIFF = 8192
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_card(
    reader: ReleaseReader, rel: str, size: int, kind: str
) -> tuple[Card | None, tuple[Skipped, ...]]:
    """Read at most 2 MB of the file ``rel`` and parse it as a card of ``kind``.

    ``rel`` is the file's path in the target, used in every location. Returns the card
    (None when the file is not a text card at all) and what was skipped or cut, as
    ``Skipped`` records. Never raises for bad content.
    """
    try:
        data = reader.read(rel, MAX_CARD_BYTES)
    except (ReaderError, OSError) as error:
        return None, (Skipped(rel, f"cannot read card: {error}"),)
    size = max(size, len(data))
    skipped: list[Skipped] = []
    truncated = size > MAX_CARD_BYTES
    notes: list[str] = []
    if truncated:
        reason = f"card truncated: read the first {MAX_CARD_BYTES} of {size} bytes"
        skipped.append(Skipped(rel, reason))
        notes.append(reason)
    decoded = decode_text(data, final=not truncated)
    if decoded is None:
        return None, (Skipped(rel, "binary file, not a card"),)
    text, decode_notes = decoded
    notes.extend(decode_notes)
    card = parse_card(text, rel, kind)
    if notes:
        card = Card(**{**card.__dict__, "notes": (*notes, *card.notes)})
    return card, tuple(skipped)


def decode_text(data: bytes, final: bool = True) -> tuple[str, tuple[str, ...]] | None:
    """Decode card bytes: BOMs, UTF-16 without BOM, UTF-8 with replacement.

    Returns (text, notes), or None for binary data (NUL bytes that are not UTF-16).
    ``final`` False means the bytes were cut, so an incomplete last character is dropped.
    """
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    else:
        head = data[:_SNIFF]
        if b"\x00" in head:
            guessed = _utf16_without_bom(head)
            if guessed is None:
                return None
            encoding = guessed
    notes: list[str] = []
    if encoding != "utf-8":
        notes.append(f"decoded as {encoding}")
    try:
        text = codecs.getincrementaldecoder(encoding)("strict").decode(data, final=final)
    except UnicodeDecodeError as error:
        text = codecs.getincrementaldecoder(encoding)("replace").decode(data, final=final)
        notes.append(f"invalid {encoding} from byte {error.start}: replaced with U+FFFD")
    if encoding == "utf-8" and "\x00" in text:
        return None
    return text, tuple(notes)


def _utf16_without_bom(head: bytes) -> str | None:
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = max(1, len(head) // 2)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def parse_card(text: str, rel: str, kind: str) -> Card:
    """Parse card text (pure): front matter, sections and links, all bounded.

    Line numbers refer to the original file (front matter included). Metadata that
    is absent gives ``{}``; metadata that cannot be used gives ``{}`` plus
    ``metadata_error`` with the reason (unterminated, not a mapping, YAML error, too
    large, too deep, YAML bomb).
    """
    if kind not in CARD_KINDS:
        raise ValueError(f"card kind must be one of {CARD_KINDS}, not {kind!r}")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    notes: list[str] = []
    if not text.strip():
        notes.append("empty file")
    yaml_text, body_start, error = split_front_matter(lines)
    metadata: dict[str, object] = {}
    if yaml_text is not None:
        metadata, error, yaml_notes = load_yaml(yaml_text)
        notes.extend(yaml_notes)
        if error is None and metadata:
            notes.extend(_hub_objections(metadata, kind))
    body_lines = lines[body_start:]
    body = "\n".join(body_lines)
    if _looks_like_html(body):
        notes.append("HTML document: only <h1>-<h6> tags and links were read")
    structure = parse_markdown(body_lines, body_start + 1, rel)
    notes.extend(structure.notes)
    return Card(
        path=rel,
        kind=kind,
        metadata=dict(metadata),
        metadata_error=error,
        body=body,
        body_start_line=body_start + 1,
        sections=tuple(structure.sections),
        links=tuple(structure.links),
        notes=tuple(dict.fromkeys(notes)),
    )


def _hub_objections(metadata: dict[str, object], kind: str) -> list[str]:
    """What huggingface_hub's own card data classes reject in already-vetted front matter.

    ``ModelCard(text)`` builds exactly these ``CardData`` objects from the same YAML; we
    hand them the vetted mapping (no second YAML parse) and import the light
    ``repocard_data`` module only, keeping ``opengauge audit`` start-up short.
    """
    from huggingface_hub.repocard_data import DatasetCardData, ModelCardData

    data_class = DatasetCardData if kind == "dataset" else ModelCardData
    try:
        fields: dict[str, Any] = dict(metadata)
        data_class(ignore_metadata_errors=False, **fields)
    except Exception as error:  # any rejection is a note, not a crash
        message = " ".join(str(error).split())[:300]
        return [f"huggingface_hub rejects the metadata: {message}"]
    return []


def _looks_like_html(body: str) -> bool:
    head = body.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))
