"""Where SARIF results point: URIs from the git checkout's root, regions, and the file a
finding about the whole release is shown at (part of :mod:`opengauge.report.sarif`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from opengauge.model import Finding, Location

if TYPE_CHECKING:
    from opengauge.model import CardSummary, FileEntry

SRCROOT = "%SRCROOT%"
# Where a finding about the release as a whole is shown (``anchor``), best first.
ANCHOR_RANK = {"model": 0, "readme": 1, "dataset": 2, "config": 3, "doc": 4}
ANCHOR_ROLE = {
    "model": "its model card",
    "readme": "its README",
    "dataset": "its dataset card",
    "config": "its configuration",
    "doc": "its documentation",
}
MANIFESTS = (
    "config.json", "model_index.json", "params.json", "adapter_config.json", "pyproject.toml",
    "setup.py", "setup.cfg", "package.json",
)  # fmt: skip
# The walk shows each byte of a name that is not UTF-8 as \xNN (always 80-ff: lower
# bytes are valid UTF-8); a URI carries that byte itself, percent-encoded.
_RAW_BYTE = re.compile(rb"\\x([89a-f][0-9a-f])")


def anchor(cards: Sequence[CardSummary], files: Sequence[FileEntry]) -> tuple[str, str] | None:
    """The file a finding about the whole release is shown at, and what that file is.

    GitHub refuses a whole log if one result has no location (GH1015), so such a finding
    points at the file a reader would open to act on it: the shallowest of its cards,
    manifests and documents and, at one depth, its model card, README, dataset card,
    config or manifest, other documentation; any other file only when it has none of
    those. None when the release has no file at all.
    """
    kinds = {card.path: card.kind for card in cards}

    def role(path: str) -> str:
        if path in kinds:
            return kinds[path] if kinds[path] in ANCHOR_RANK else "doc"
        return "config" if path.rsplit("/", 1)[-1] in MANIFESTS else "file"

    def order(path: str) -> tuple[bool, int, int, str]:
        kind = role(path)
        return kind == "file", path.count("/"), ANCHOR_RANK.get(kind, len(ANCHOR_RANK)), path

    best = min((entry.path for entry in files), key=order, default=None)
    return None if best is None else (best, ANCHOR_ROLE.get(role(best), "one of its files"))


def in_release(path: str) -> bool:
    """A path a location can name: relative, inside the release, not a URL."""
    return bool(path) and path != "." and not path.startswith("/") and "://" not in path


@dataclass(frozen=True)
class Places:
    """How paths of the release become SARIF locations."""

    prefix: str  # the audited folder inside the git checkout, '' or 'sub/dir/'
    files: frozenset[str]
    anchor: tuple[str, str] | None = None
    in_checkout: bool = False

    def artifact(self, path: str) -> dict[str, Any]:
        """An artifactLocation: the path from the checkout root, percent-encoded."""
        data = (self.prefix + path).encode("utf-8", "surrogateescape")
        data = _RAW_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
        return {"uri": quote(data, safe="/"), "uriBaseId": SRCROOT}

    def physical(self, loc: Location) -> dict[str, Any]:
        """The place a location names, with a region when a line or offset is known.

        Lines and offsets inside an archive member are not the archive's: no region then.
        """
        physical: dict[str, Any] = {"artifactLocation": self.artifact(loc.path)}
        region: dict[str, Any] = {}
        if loc.member is None and loc.line is not None:
            region["startLine"] = max(1, loc.line)
            if loc.end_line is not None and loc.end_line > region["startLine"]:
                region["endLine"] = loc.end_line
            if loc.excerpt:
                region["snippet"] = {"text": loc.excerpt}
        if loc.member is None and loc.offset is not None:
            region["byteOffset"] = max(0, loc.offset)
        if region:
            physical["region"] = region
        return physical

    def location(self, finding: Finding) -> dict[str, Any] | None:
        """The result's location: its own, else the card it is about, else the anchor."""
        loc = finding.locations[0] if finding.locations else None
        if loc is not None and in_release(loc.path):
            located: dict[str, Any] = {"physicalLocation": self.physical(loc)}
            if loc.member:
                located["logicalLocations"] = [{"name": loc.member, "kind": "member"}]
                located["message"] = {"text": loc.pointer}
            return located
        card = finding.facts.get("card")
        if isinstance(card, str) and card in self.files:
            where: tuple[str, str] | None = (card, "the card it is about")
        else:
            where = self.anchor
        if where is None:
            return None
        return {
            "physicalLocation": {"artifactLocation": self.artifact(where[0])},
            "message": {"text": f"about the release as a whole; shown at {where[1]}"},
        }
