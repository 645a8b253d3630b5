"""licenses.consistent: what the card says about licences agrees with the licence files."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.analyzers.licenses_identified import location
from opengauge.model import Finding, LicenseCategory, LicenseMatch, Severity, Status

_LINK = re.compile(r"links to (\S+)")
_CLAIMS = {"card-metadata", "readme-statement"}


def _linked(claim: LicenseMatch) -> str | None:
    """The local file a statement links to ("[Proprietary](LICENSE)"), normalised."""
    found = _LINK.search(claim.reason or "")
    if not found or "://" in found.group(1):
        return None
    base = posixpath.dirname(claim.path)
    return posixpath.normpath(posixpath.join(base, found.group(1).split("#")[0]))


def _disagreement(claim: LicenseMatch, files: list[LicenseMatch]) -> tuple[Severity, str] | None:
    ids = {m.id for m in files if m.id}
    if claim.id and claim.id in ids:
        return None
    worst = max((m.category for m in files), key=lambda c: c.rank)
    said = claim.id or claim.name or claim.category.value
    shown = ", ".join(sorted(ids)) or worst.value
    if claim.category is LicenseCategory.UNKNOWN or claim.category is worst:
        if claim.id and ids:
            return Severity.LOW, f"{claim.path} says {said!r}, the licence file is {shown}"
        return None
    more_open = claim.category.rank < worst.rank
    severity = Severity.HIGH if more_open else Severity.MEDIUM
    return severity, (
        f"{claim.path} says {said!r} ({claim.category.value}), the licence file is {shown} "
        f"({worst.value})"
    )


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    files = [
        m
        for m in evidence.licenses
        if m.source == "file" and (m.id or m.category.value != "unknown")
    ]
    claims = [
        m
        for m in evidence.licenses
        if m.source in _CLAIMS and (m.id or m.category.value != "unknown")
    ]
    if not files or not claims:
        yield ANALYZER.finding(Status.NOT_APPLICABLE, "no card claim and licence file to compare")
        return
    problems = []
    for claim in claims:
        target = _linked(claim)
        if target is not None:
            related = [m for m in files if m.path == target]
        else:
            related = [m for m in files if m.component in {claim.component, "all"}]
        if not related:
            continue
        verdict = _disagreement(claim, related)
        if verdict:
            problems.append((verdict, claim, related))
    if not problems:
        yield ANALYZER.finding(
            Status.PASS, f"{len(claims)} licence claim(s) agree with the licence files"
        )
        return
    for (severity, message), claim, related in problems:
        yield ANALYZER.finding(
            Status.FAIL,
            message,
            [location(claim), *(location(m) for m in related[:3])],
            severity=severity,
            facts={
                "claim": claim.id or claim.name,
                "files": sorted({m.id or "unknown" for m in related}),
            },
        )


ANALYZER = Analyzer(
    id="licenses.consistent",
    title="The card's licence claims agree with the licence files",
    rationale="A card that says apache-2.0 over a RAIL licence file (or 'Proprietary' over an "
    "open one) misleads users and catalogues that read only the metadata.",
    remediation="Make the card's `license` field and README statements name the licence that "
    "the shipped licence file contains, per component.",
    severity=Severity.HIGH,
    check=_check,
)
