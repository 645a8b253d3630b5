"""SARIF 2.1.0: one rule per analyzer, fingerprints without line numbers.

Failing findings become results; skips become tool execution notifications.
Rules are the built-in analyzers (title, rationale, remediation, default
severity, CWE) plus any rule id a finding names that is not built in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from opengauge import __version__
from opengauge.model import AuditReport, Finding, Skipped, Status

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "none"}
# GitHub code scanning reads this property (0.0-10.0) to rank security results.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}


def _rules(ids: Iterable[str]) -> list[dict[str, Any]]:
    from opengauge.analyzers.registry import BUILTIN

    known = {a.id: a for a in BUILTIN}
    rules: list[dict[str, Any]] = []
    for rule_id in sorted(set(ids) | set(known)):
        analyzer = known.get(rule_id)
        if analyzer is None:
            rules.append({"id": rule_id, "name": rule_id, "shortDescription": {"text": rule_id}})
            continue
        tags = ["security"] if rule_id.startswith("safety.") else []
        if analyzer.cwe is not None:
            tags.append(f"external/cwe/cwe-{analyzer.cwe}")
        rules.append(
            {
                "id": rule_id,
                "name": rule_id,
                "shortDescription": {"text": analyzer.title},
                "fullDescription": {"text": analyzer.rationale},
                "help": {"text": analyzer.remediation},
                "defaultConfiguration": {"level": LEVEL[analyzer.severity.value]},
                "helpUri": analyzer.references[0] if analyzer.references else None,
                "properties": {"tags": tags, "severity": analyzer.severity.value},
            }
        )
        if rules[-1]["helpUri"] is None:
            del rules[-1]["helpUri"]
    return rules


def fingerprint(finding: Finding) -> str:
    """Stable identity of a result: rule, message, path and member; never line or offset."""
    loc = finding.locations[0] if finding.locations else None
    key = finding.rule + "|" + finding.message
    if loc is not None:
        key += "|" + loc.path + "|" + (loc.member or "")
    return hashlib.sha256(key.encode()).hexdigest()


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    loc = finding.locations[0] if finding.locations else None
    severity = finding.severity.value
    result: dict[str, Any] = {
        "ruleId": finding.rule,
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
    failed = [f for f in findings if f.status is Status.FAIL]
    rules = _rules(f.rule for f in failed)
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
        "results": [_result(f, index[f.rule]) for f in failed],
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
