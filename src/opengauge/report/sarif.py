"""SARIF 2.1.0: one rule per catalogue entry, fingerprints without lines or messages.

Failing findings become results under their catalogue rule (a sub-rule such as
``safety.shipped_code.og101`` when they have one); skips become tool execution
notifications.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from opengauge import __version__
from opengauge.model import AuditReport, Finding, Skipped, Status

if TYPE_CHECKING:
    from opengauge.analyzers.catalogue import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "none"}
# GitHub code scanning reads this property (0.0-10.0) to rank security results.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}


def _rules(used: Iterable[Rule]) -> list[dict[str, Any]]:
    """One SARIF rule per catalogue entry used, plus every analyzer (sorted by id)."""
    from opengauge.analyzers.catalogue import catalogue

    table = {r.id: r for r in catalogue().values() if r.parent is None}
    table.update({r.id: r for r in used})
    rules: list[dict[str, Any]] = []
    for rule in sorted(table.values(), key=lambda r: r.id):
        tags = ["security"] if rule.security else ["documentation"]
        if rule.cwe is not None:
            tags.append(f"external/cwe/cwe-{rule.cwe}")
        properties: dict[str, Any] = {"tags": tags, "severity": rule.severity.value}
        if rule.security:
            properties["security-severity"] = SECURITY_SEVERITY[rule.severity.value]
        entry: dict[str, Any] = {
            "id": rule.id,
            "name": _camel(rule.id),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.rationale or rule.title},
            "help": {"text": rule.remediation or rule.title},
            "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
            "properties": properties,
        }
        if rule.references:
            entry["helpUri"] = rule.references[0]
        rules.append(entry)
    return rules


def _camel(rule_id: str) -> str:
    """SARIF rule names are readable identifiers distinct from the id: 'SafetyShippedCode'."""
    return "".join(part.capitalize() for part in re.split(r"[._\-]+", rule_id) if part)


# Facts that identify what a finding is about, whatever its wording or line.
STABLE_FACTS = (
    "component",
    "kind",
    "module",
    "name",
    "opcode",
    "rule",
    "claim",
    "topic",
    "field",
    "card",
    "format",
)


def fingerprint(finding: Finding) -> str:
    """Stable identity of a result: rule, sub-rule, stable facts, path and member.

    Never the message text, a line or an offset, so rewording a message or moving code
    does not make GitHub see a new alert.
    """
    loc = finding.locations[0] if finding.locations else None
    parts = [finding.rule, finding.subrule or ""]
    parts += [f"{key}={finding.facts[key]}" for key in STABLE_FACTS if key in finding.facts]
    if loc is not None:
        parts += [loc.path, loc.member or ""]
        if not any(key in finding.facts for key in STABLE_FACTS) and loc.excerpt:
            parts.append(" ".join(loc.excerpt.split()))  # the code line itself, not its number
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _result(finding: Finding, rule: Rule, rule_index: int) -> dict[str, Any]:
    loc = finding.locations[0] if finding.locations else None
    severity = finding.severity.value
    result: dict[str, Any] = {
        "ruleId": rule.id,
        "ruleIndex": rule_index,
        "level": LEVEL[severity],
        "message": {"text": finding.message},
        "partialFingerprints": {"opengauge/v1": fingerprint(finding)},
        "properties": {
            "severity": severity,
            "confidence": finding.confidence.value,
            "security-severity": SECURITY_SEVERITY[severity],
        },
    }
    if loc is not None:
        region: dict[str, Any] = {}
        if loc.line is not None:
            region["startLine"] = max(1, loc.line)
        if loc.offset is not None:
            region["byteOffset"] = max(0, loc.offset)
        if loc.excerpt:
            region["snippet"] = {"text": loc.excerpt}
        physical: dict[str, Any] = {"artifactLocation": {"uri": loc.path or "."}}
        if region and ("startLine" in region or "byteOffset" in region):
            physical["region"] = region
        location: dict[str, Any] = {"physicalLocation": physical}
        if loc.member:
            location["logicalLocations"] = [{"name": loc.member, "kind": "member"}]
        result["locations"] = [location]
    if finding.cwe is not None:
        result["properties"]["cwe"] = f"CWE-{finding.cwe}"
    if finding.remediation:
        result["properties"]["remediation"] = finding.remediation
    return result


def render_findings(findings: Iterable[Finding], skipped: Iterable[Skipped] = ()) -> str:
    """A SARIF log of the failing findings; skips become tool notifications."""
    from opengauge.analyzers.catalogue import rule_of

    failed = [(f, rule_of(f)) for f in findings if f.status is Status.FAIL]
    rules = _rules(rule for _, rule in failed)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "opengauge",
                "version": __version__,
                "informationUri": "https://github.com/opengauge/opengauge",
                "rules": rules,
            }
        },
        "results": [_result(f, rule, index[rule.id]) for f, rule in failed],
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {
                        "level": "note",
                        "message": {"text": f"skipped {s.path}: {s.reason}"},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": s.path}}}],
                    }
                    for s in skipped
                ],
            }
        ],
        "columnKind": "unicodeCodePoints",
    }
    return json.dumps({"version": "2.1.0", "$schema": SCHEMA, "runs": [run]}, indent=2)


def render(report: AuditReport) -> str:
    """SARIF for a whole audit report."""
    return render_findings(report.findings, report.skipped)
