"""licenses.restrictions: the licences carry no use restrictions."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Finding, Location, Severity, Status

# How much each clause kind limits what users may do with the release.
SEVERITY: dict[str, Severity] = {
    "non-commercial": Severity.HIGH,
    "research-only": Severity.HIGH,
    "geographic-exclusion": Severity.HIGH,
    "no-improve-other-models": Severity.MEDIUM,
    "mau-cap": Severity.MEDIUM,
    "revenue-cap": Severity.MEDIUM,
    "use-restrictions": Severity.MEDIUM,
    "aup-by-reference": Severity.MEDIUM,
    "acceptable-use-policy": Severity.MEDIUM,
    "field-of-use": Severity.MEDIUM,
    "naming-duty": Severity.LOW,
    "copyleft": Severity.INFO,
}


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    if not evidence.licenses:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "no licence evidence to read")
        return
    by_kind: dict[str, list[Location]] = {}
    for match in evidence.licenses:
        for clause in match.clauses:
            by_kind.setdefault(clause.kind, []).append(
                Location(match.path, line=clause.line, excerpt=clause.sentence[:240])
            )
    restrictive = {
        k: v for k, v in by_kind.items() if SEVERITY.get(k, Severity.MEDIUM) is not Severity.INFO
    }
    if not restrictive:
        yield ANALYZER.finding(
            Status.PASS,
            "no use restriction found in the licence texts",
            facts={"clauses": sorted(by_kind)},
        )
        return
    for kind in sorted(restrictive, key=lambda k: (-SEVERITY.get(k, Severity.MEDIUM).rank, k)):
        places = restrictive[kind]
        yield ANALYZER.finding(
            Status.FAIL,
            f"licence clause '{kind}' found in {len({p.path for p in places})} file(s)",
            places[:20],
            severity=SEVERITY.get(kind, Severity.MEDIUM),
            facts={"kind": kind, "count": len(places)},
        )


ANALYZER = Analyzer(
    id="licenses.restrictions",
    title="The licences carry no use restrictions",
    rationale="Non-commercial terms, user caps, acceptable-use policies and bans on improving "
    "other models make a release not open, whatever it is called.",
    remediation="Release under terms without field-of-use restrictions (e.g. Apache-2.0, MIT, "
    "OpenMDW-1.0 for weights, CDLA-Permissive-2.0 for data).",
    severity=Severity.MEDIUM,
    check=_check,
)
