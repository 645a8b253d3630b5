"""How frameworks cite the findings behind a control. Pure."""

from __future__ import annotations

from collections.abc import Iterable

from opengauge.model import Component, Finding


def finding_ref(finding: Finding) -> str:
    """A stable reference to a finding: rule and first location."""
    if not finding.locations:
        return finding.rule
    return f"{finding.rule} {finding.locations[0].pointer}"


def refs(
    findings: Iterable[Finding], prefix: str, component: Component | None = None
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


def governance(findings: Iterable[Finding], component: Component) -> Finding | None:
    """The ``licenses.governance`` finding about ``component``, if any."""
    for finding in findings:
        if (
            finding.rule == "licenses.governance"
            and finding.facts.get("component") == component.value
        ):
            return finding
    return None
