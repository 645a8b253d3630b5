"""Which licences govern a component, and whether they are open enough for a framework.

Pure helpers shared by OSAID, the Open Source AI Index and the openwashing check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from opengauge.frameworks.mof.audit import scope_of
from opengauge.model import Component, Finding, LicenseCategory, LicenseMatch

L = LicenseCategory

# Categories acceptable under OSI-approved or OSD-conformant terms, per scope.
OPEN_FOR_SCOPE: dict[str, frozenset[LicenseCategory]] = {
    "code": frozenset({L.OSI_OPEN}),
    "weights": frozenset({L.OSI_OPEN, L.OPEN_DATA, L.OPEN_CONTENT}),
    "data": frozenset({L.OSI_OPEN, L.OPEN_DATA, L.OPEN_CONTENT}),
    "documentation": frozenset({L.OSI_OPEN, L.OPEN_DATA, L.OPEN_CONTENT}),
}
# Most restrictive first: for AND-combined terms the worst one decides.
RESTRICTIVENESS = (L.PROPRIETARY, L.NONCOMMERCIAL, L.RESTRICTED_AUP, L.UNKNOWN, L.OPEN_CONTENT,
                   L.OPEN_DATA, L.OSI_OPEN)


@dataclass(frozen=True)
class Licensing:
    """The verdict on one component's licences: open (True / False / None) and why."""

    open: bool | None
    reason: str
    matches: tuple[LicenseMatch, ...]


def governing(component: Component, licenses: Iterable[LicenseMatch]) -> tuple[LicenseMatch, ...]:
    """Identified licences that govern ``component``: those of its scope and those of 'all'.

    All of them apply at once (AND): the most restrictive decides.
    """
    scope = scope_of(component)
    return tuple(m for m in licenses if m.id and m.component in (scope, "all"))


def worst(matches: Sequence[LicenseMatch]) -> LicenseMatch | None:
    """The most restrictive licence of several that all apply."""
    if not matches:
        return None
    return min(matches, key=lambda m: RESTRICTIVENESS.index(m.category))


def licensing(component: Component, licenses: Iterable[LicenseMatch]) -> Licensing:
    """Is ``component`` under terms open enough for its kind? None when no licence is known."""
    matches = governing(component, licenses)
    scope = scope_of(component)
    bad = worst(matches)
    if bad is None:
        return Licensing(None, f"no licence found that governs the {scope}", ())
    names = ", ".join(sorted({m.id or "?" for m in matches}))
    where = f"{bad.path}:{bad.start_line}"
    if bad.category is L.UNKNOWN:
        return Licensing(None, f"{scope} licence {bad.id} ({where}) could not be categorised",
                         matches)
    if bad.category in OPEN_FOR_SCOPE[scope]:
        return Licensing(True, f"{scope} under {names} ({bad.category.value})", matches)
    closed = [m for m in matches if m.category not in OPEN_FOR_SCOPE[scope]]
    shown = "; ".join(dict.fromkeys(f"{label(m)} ({m.category.value}, {m.path}:{m.start_line})"
                                    for m in closed))
    clauses = sorted({c.kind for m in closed for c in m.clauses})
    detail = f"; clauses: {', '.join(clauses)}" if clauses else ""
    return Licensing(False, f"{scope} under {shown}{detail}", matches)


def label(match: LicenseMatch) -> str:
    """A readable licence name: the reference name, else the id."""
    return match.name or match.id or "unidentified licence"


def finding_ref(finding: Finding) -> str:
    """A stable reference to a finding: rule and first location."""
    if not finding.locations:
        return finding.rule
    return f"{finding.rule} {finding.locations[0].pointer}"


def refs(findings: Iterable[Finding], prefix: str, component: Component | None = None
         ) -> tuple[str, ...]:
    """References of the findings of rules starting with ``prefix`` (about ``component``)."""
    out = []
    for finding in findings:
        if not finding.rule.startswith(prefix):
            continue
        if component is not None and finding.facts.get("component") != component.value:
            continue
        out.append(finding_ref(finding))
    return tuple(dict.fromkeys(out))
