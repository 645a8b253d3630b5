"""Licence identification results: what a text is, what it allows, what it governs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opengauge.model.common import Location


class LicenseCategory(StrEnum):
    """Openness category of a licence. ``unknown`` is an honest answer."""

    OSI_OPEN = "osi-open"
    OPEN_DATA = "open-data"
    OPEN_CONTENT = "open-content"
    NONCOMMERCIAL = "noncommercial"
    RESTRICTED_AUP = "restricted-aup"
    PROPRIETARY = "proprietary"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """Restrictiveness, the one order everywhere: 0 osi-open ... 5 proprietary.

        For terms that all apply (AND) the highest rank decides; for a choice (OR) the
        lowest. ``unknown`` ranks above the open categories: "open AND something we
        cannot read" is not open.
        """
        return _RANK[self]


_RANK = {
    LicenseCategory.OSI_OPEN: 0,
    LicenseCategory.OPEN_DATA: 1,
    LicenseCategory.OPEN_CONTENT: 1,
    LicenseCategory.UNKNOWN: 2,
    LicenseCategory.RESTRICTED_AUP: 3,
    LicenseCategory.NONCOMMERCIAL: 4,
    LicenseCategory.PROPRIETARY: 5,
}


@dataclass(frozen=True)
class Clause:
    """A restriction or duty found in licence text, with the sentence that triggered it."""

    kind: str
    line: int | None
    sentence: str


@dataclass(frozen=True)
class LicenseMatch:
    """One licence found in the target.

    ``id`` is an SPDX id or ``LicenseRef-...``; None when the engine abstains.
    ``source`` says where the statement came from: file, card-metadata,
    readme-statement, spdx-header, package-metadata.
    ``component`` is what it governs: code, weights, data, documentation, all, unknown.
    """

    path: str
    start_line: int
    end_line: int
    id: str | None
    name: str | None
    category: LicenseCategory
    confidence: float
    method: str
    source: str = "file"
    component: str = "unknown"
    score: float | None = None
    clauses: tuple[Clause, ...] = ()
    osi_approved: bool | None = None
    fsf_libre: bool | None = None
    excerpt: str | None = None
    # Why the engine abstained, what a pointer points to, or which near-duplicate lost.
    reason: str | None = None

    @property
    def location(self) -> Location:
        """Where the licence text or statement stands."""
        return Location(
            self.path, line=self.start_line, end_line=self.end_line, excerpt=self.excerpt
        )
