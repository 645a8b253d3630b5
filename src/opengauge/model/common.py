"""Shared vocabulary: statuses, severities, locations, findings and skips."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Outcome of one analyzer question. Never a bare bool."""

    PASS = "pass"  # noqa: S105 - a status, not a password
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    NOT_AVAILABLE = "not_available"
    ERROR = "error"


class Severity(StrEnum):
    """How much a failed finding matters."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Order for comparisons: info 0 ... critical 4."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = [Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]


class Confidence(StrEnum):
    """How sure the analyzer is of its answer."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Location:
    """Where evidence stands: a path relative to the target root and a point in it.

    ``member`` names an entry inside an archive; ``offset`` is a byte offset;
    ``line``/``end_line`` are 1-based. ``excerpt`` is the supporting text, bounded.
    """

    path: str
    line: int | None = None
    end_line: int | None = None
    offset: int | None = None
    member: str | None = None
    excerpt: str | None = None

    @property
    def pointer(self) -> str:
        """``path!member:line[-end]`` or ``path!member@offset``: the one way to cite a place.

        Every formatter, finding message and framework control cites through this.
        """
        text = self.path + (f"!{self.member}" if self.member else "")
        if self.line:
            end = f"-{self.end_line}" if self.end_line and self.end_line != self.line else ""
            return f"{text}:{self.line}{end}"
        return f"{text}@{self.offset}" if self.offset is not None else text


@dataclass(frozen=True)
class Skipped:
    """Something the evidence layer could not (or would not) read, and why."""

    path: str
    reason: str

    @property
    def location(self) -> Location:
        """Where it stands (the path; ``path!member`` for archive members)."""
        path, _, member = self.path.partition("!")
        return Location(path, member=member or None)


@dataclass(frozen=True)
class Finding:
    """One answer to one analyzer question, complete at construction.

    ``rule`` is the stable analyzer id ``<domain>.<question>``; ``subrule`` names the
    catalogue entry within it when the analyzer reports several kinds of problem (a code
    rule such as ``OG101``, an anomaly kind such as ``zip-crc-mismatch``).
    ``facts`` holds machine-readable details (JSON-compatible values only).
    """

    rule: str
    status: Status
    severity: Severity
    confidence: Confidence
    message: str
    locations: tuple[Location, ...] = ()
    remediation: str | None = None
    cwe: int | None = None
    facts: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)
    subrule: str | None = None

    @property
    def path(self) -> str | None:
        """The first location's path, if any."""
        return self.locations[0].path if self.locations else None


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{0,15}://)[^/\s@]{1,200}@")


def redact(text: str) -> str:
    """``text`` with credentials in URLs hidden ("https://user:token@host" -> "https://***@host"):
    a report quotes what it read, and a README may hold a live token."""
    return _USERINFO.sub(r"\1***@", text) if "@" in text else text


def excerpt(text: str, limit: int = 240) -> str:
    """Shorten evidence text to a readable, bounded excerpt on one line (credentials in URLs
    hidden)."""
    flat = " ".join(redact(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
