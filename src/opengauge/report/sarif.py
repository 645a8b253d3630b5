"""SARIF 2.1.0 that GitHub code scanning accepts: one rule per catalogue entry, a location
on every result, paths from the repository root, fingerprints without lines or messages.

Failing findings become results under their catalogue rule (a sub-rule such as
``safety.shipped_code.og101`` when they have one). A finding about the release as a whole
is shown at the file a reader would open to act on it (``_sarif_places.anchor``). Skips, analyzer
errors and findings that a release without files cannot place become tool execution
notifications, as does the count of results left out past GitHub's per-run limit.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING, Any

from opengauge import __version__
from opengauge.model import AuditReport, Finding, Skipped, Status
from opengauge.report._sarif_places import SRCROOT, Places, anchor, in_release

if TYPE_CHECKING:
    from opengauge.analyzers.catalogue import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Where the tool is documented: the first of these Project-URL labels that the installed
# distribution declares (pyproject ``[project.urls]``). Never a guessed address.
URL_LABELS = ("homepage", "documentation", "repository", "source")
# GitHub code scanning rejects a run with more results (hard limit).
MAX_RESULTS = 25_000
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "none"}
# GitHub code scanning reads this rule property (0.0-10.0) to rank security alerts.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}
# What a rule that is not about security is about, by its domain.
TOPIC = {
    "docs": "documentation",
    "licenses": "licensing",
    "openwashing": "openness",
    "components": "openness",
    "release": "provenance",
    "evidence": "coverage",
}


@cache
def information_uri() -> str | None:
    """The project's address as its package metadata declares it, or None: SARIF's
    ``informationUri`` is optional, and an address nobody serves would mislead."""
    try:
        declared = metadata.metadata("opengauge").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    urls: dict[str, str] = {}
    for entry in declared:
        label, _, url = entry.partition(",")
        urls.setdefault(label.strip().lower(), url.strip())
    for label in URL_LABELS:
        if urls.get(label, "").startswith("https://"):
            return urls[label]
    return None


def _rules(used: Iterable[Rule]) -> list[dict[str, Any]]:
    """One SARIF rule per catalogue entry used, plus every analyzer (sorted by id)."""
    from opengauge.analyzers.catalogue import catalogue

    table = {r.id: r for r in catalogue().values() if r.parent is None}
    table.update({r.id: r for r in used})
    rules: list[dict[str, Any]] = []
    for rule in sorted(table.values(), key=lambda r: r.id):
        domain = rule.id.split(".", 1)[0]
        tags = ["security"] if rule.security else [TOPIC.get(domain, domain)]
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
    "component", "kind", "module", "name", "opcode", "rule", "claim", "topic", "field", "card",
    "format",
)  # fmt: skip


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


def _result(finding: Finding, rule: Rule, index: int, location: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
    }
    if finding.cwe is not None:
        properties["cwe"] = f"CWE-{finding.cwe}"
    if finding.remediation:
        properties["remediation"] = finding.remediation
    return {
        "ruleId": rule.id,
        "ruleIndex": index,
        "level": LEVEL[finding.severity.value],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {"opengauge/v1": fingerprint(finding)},
        "properties": properties,
    }


def _note(level: str, text: str, location: dict[str, Any] | None = None) -> dict[str, Any]:
    note: dict[str, Any] = {"level": level, "message": {"text": text}}
    if location is not None:
        note["locations"] = [location]
    return note


_Placed = tuple[Finding, "Rule", dict[str, Any]]


def _within_limit(placed: list[_Placed]) -> tuple[list[_Placed], list[_Placed]]:
    """At most ``MAX_RESULTS`` results, the most severe, in their order; and the rest."""
    if len(placed) <= MAX_RESULTS:
        return placed, []
    by_severity = sorted(range(len(placed)), key=lambda i: -placed[i][0].severity.rank)
    keep = set(by_severity[:MAX_RESULTS])
    return (
        [p for i, p in enumerate(placed) if i in keep],
        [p for i, p in enumerate(placed) if i not in keep],
    )


def _left_out(dropped: list[_Placed]) -> str:
    worst = max(f.severity.rank for f, _, _ in dropped)
    severity = next(f.severity.value for f, _, _ in dropped if f.severity.rank == worst)
    return (
        f"{len(dropped)} less severe results left out (at worst {severity}): GitHub code "
        f"scanning rejects a run of more than {MAX_RESULTS}; the JSON report has them all"
    )


def _run(findings: Iterable[Finding], skipped: Iterable[Skipped], places: Places) -> dict[str, Any]:
    from opengauge.analyzers.catalogue import rule_of

    findings = list(findings)
    failed = [(f, rule_of(f)) for f in findings if f.status is Status.FAIL]
    rules = _rules(rule for _, rule in failed)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    placed: list[_Placed] = []
    notes: list[dict[str, Any]] = []
    for finding, rule in failed:
        location = places.location(finding)
        if location is not None:
            placed.append((finding, rule, location))
            continue
        note = _note(
            "warning",
            f"{rule.id}: {finding.message} (not a result: the release has no file to show it at)",
        )
        note["associatedRule"] = {"id": rule.id, "index": index[rule.id]}
        notes.append(note)
    kept, dropped = _within_limit(placed)
    results = [_result(f, rule, index[rule.id], where) for f, rule, where in kept]
    if dropped:
        notes.append(_note("warning", _left_out(dropped)))
    for finding in findings:
        if finding.status is Status.ERROR:
            notes.append(_note("error", f"{finding.rule} could not run: {finding.message}"))
    for skip in skipped:
        path = skip.location.path
        where = None
        if in_release(path):
            where = {"physicalLocation": {"artifactLocation": places.artifact(path)}}
        notes.append(_note("note", f"skipped {skip.path}: {skip.reason}", where))
    base = "the audited folder"
    if places.in_checkout:
        base = "the root of the git checkout that holds the audited folder"
    driver: dict[str, Any] = {"name": "opengauge", "version": __version__, "rules": rules}
    if information_uri() is not None:
        driver["informationUri"] = information_uri()
    return {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": base}}},
        "results": results,
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}],
        "columnKind": "unicodeCodePoints",
    }


def _log(run: dict[str, Any]) -> str:
    return json.dumps({"version": "2.1.0", "$schema": SCHEMA, "runs": [run]}, indent=2)


def render_findings(findings: Iterable[Finding], skipped: Iterable[Skipped] = ()) -> str:
    """A SARIF log of failing findings alone: paths from the audited folder, and findings
    without a location left to notifications (there is no release to show them at)."""
    return _log(_run(findings, skipped, Places("", frozenset())))


def render(report: AuditReport) -> str:
    """SARIF for a whole audit report."""
    subdir = report.target.checkout_subdir
    places = Places(
        prefix=f"{subdir}/" if subdir else "",
        files=frozenset(f.path for f in report.files),
        anchor=anchor(report.cards, report.files),
        in_checkout=subdir is not None,
    )
    return _log(_run(report.findings, report.skipped, places))
