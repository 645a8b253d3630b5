"""licenses.identified: every licence file of the target is identified."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Confidence, Finding, LicenseMatch, Location, Severity, Status


def location(match: LicenseMatch) -> Location:
    """Where a licence match stands, with its reason or excerpt."""
    return Location(
        match.path,
        line=match.start_line,
        end_line=match.end_line,
        excerpt=(match.reason or match.excerpt or "")[:240] or None,
    )


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    files = [m for m in evidence.licenses if m.source == "file"]
    if not files:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "no licence file found in the target")
        return
    unknown = [m for m in files if m.id is None]
    known = sorted({m.id for m in files if m.id})
    facts = {"identified": known, "unidentified": len(unknown)}
    if not unknown:
        yield ANALYZER.finding(
            Status.PASS,
            f"{len(files)} licence text(s) identified: {', '.join(known)}",
            [location(m) for m in files[:50]],
            facts=facts,
        )
        return
    kinds = sorted({m.method for m in unknown})
    yield ANALYZER.finding(
        Status.FAIL,
        f"{len(unknown)} licence text(s) not identified ({', '.join(kinds)})",
        [location(m) for m in unknown[:50]],
        confidence=Confidence.MEDIUM,
        facts=facts,
    )


ANALYZER = Analyzer(
    id="licenses.identified",
    title="Every licence text in the target is identified",
    rationale="Users can only honour terms they can name; an unknown or modified licence needs "
    "a lawyer's reading before use.",
    remediation="Ship the licence's standard text unmodified, or name it with an SPDX id "
    "(LicenseRef-... for custom terms) in the card metadata.",
    severity=Severity.LOW,
    check=_check,
)
