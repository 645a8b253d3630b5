"""The rule catalogue: every rule opengauge reports, with one naming pattern (pure).

Ids are ``<domain>.<question>`` for an analyzer and ``<domain>.<question>.<subrule>``
for the kinds of problem one analyzer reports (its code rules, its anomaly kinds), all
lower case with underscores: ``safety.shipped_code.og101``,
``safety.serialization_integrity.zip_crc_mismatch``. Each entry carries its severity,
CWE, rationale, remediation and a doc anchor; ``docs/rules.md`` is generated from here
(``scripts/gen_rules_doc.py``; a test checks it is current) and SARIF
has one rule per entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.registry import BUILTIN
from opengauge.model import Finding, Severity
from opengauge.rules.anomalies import ANOMALIES
from opengauge.rules.code_rules import OG_RULES

DOCS = "docs/rules.md"


@dataclass(frozen=True)
class Rule:
    """One catalogue entry. ``code`` is the short code users know (OG101, S605, the
    anomaly kind); ``parent`` the analyzer a sub-rule belongs to."""

    id: str
    title: str
    severity: Severity
    rationale: str
    remediation: str
    cwe: int | None = None
    code: str | None = None
    parent: str | None = None
    references: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """The rule's anchor in docs/rules.md, as GitHub renders heading ids."""
        return re.sub(r"[^a-z0-9_\- ]", "", self.id.lower()).replace(" ", "-")

    @property
    def security(self) -> bool:
        """A finding about what running or loading the release would do."""
        return self.id.startswith(("safety.", "weights.header_valid"))


def slug(code: str) -> str:
    """A sub-rule code as an id segment: 'zip-crc-mismatch' -> 'zip_crc_mismatch'."""
    return re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_")


def _analyzer_rule(analyzer: Analyzer) -> Rule:
    return Rule(
        analyzer.id,
        analyzer.title,
        analyzer.severity,
        analyzer.rationale,
        analyzer.remediation,
        analyzer.cwe,
        references=analyzer.references,
    )


def _bandit() -> list[dict[str, object]]:
    text = (
        resources.files("opengauge")
        .joinpath("data/rules/ruff-bandit.json")
        .read_text(encoding="utf-8")
    )
    rows: list[dict[str, object]] = json.loads(text)
    return rows


@cache
def catalogue() -> dict[str, Rule]:
    """Every rule by id: analyzers first, then their sub-rules."""
    rules = {a.id: _analyzer_rule(a) for a in BUILTIN}
    code = rules["safety.shipped_code"]
    for og in OG_RULES.values():
        rid = f"{code.id}.{slug(og.code)}"
        rules[rid] = Rule(
            rid,
            og.title,
            Severity(og.severity),
            code.rationale,
            og.remediation,
            og.cwe,
            og.code,
            code.id,
        )
    for row in _bandit():
        name, summary = str(row["code"]), str(row["summary"])
        cwe = row.get("cwe")
        rid = f"{code.id}.{slug(name)}"
        rules[rid] = Rule(
            rid,
            f"{summary} ({row['name']})",
            Severity.HIGH if cwe else Severity.LOW,
            code.rationale,
            code.remediation,
            cwe if isinstance(cwe, int) else None,
            name,
            code.id,
            (f"https://docs.astral.sh/ruff/rules/{row['name']}/",),
        )
    integrity = rules["safety.serialization_integrity"]
    for kind in ANOMALIES.values():
        rid = f"{integrity.id}.{slug(kind.kind)}"
        rules[rid] = Rule(
            rid,
            kind.title,
            Severity(kind.severity),
            integrity.rationale,
            integrity.remediation,
            kind.cwe,
            kind.kind,
            integrity.id,
        )
    return rules


def rule_of(finding: Finding) -> Rule:
    """The catalogue entry a finding reports under: its sub-rule when it has one."""
    table = catalogue()
    if finding.subrule:
        found = table.get(f"{finding.rule}.{slug(finding.subrule)}")
        if found is not None:
            return found
        parent = table.get(finding.rule)
        if parent is not None:  # a code the catalogue has not seen: still its own rule
            rid = f"{finding.rule}.{slug(finding.subrule)}"
            return Rule(
                rid,
                finding.subrule,
                parent.severity,
                parent.rationale,
                parent.remediation,
                finding.cwe,
                finding.subrule,
                parent.id,
            )
    return table.get(finding.rule) or Rule(
        finding.rule, finding.rule, finding.severity, "", finding.remediation or ""
    )


def markdown() -> str:
    """docs/rules.md: one section per rule."""
    out = [
        "# Rules",
        "",
        "Every rule opengauge reports, generated from the catalogue "
        "(`python scripts/gen_rules_doc.py`). Ids never change; "
        "sub-rules add the kind of problem to their analyzer's id.",
        "",
    ]
    for rule in catalogue().values():
        out.append(f"## {rule.id}")
        out.append("")
        meta = [f"severity **{rule.severity.value}**"]
        if rule.code:
            meta.append(f"code `{rule.code}`")
        if rule.cwe:
            meta.append(f"[CWE-{rule.cwe}](https://cwe.mitre.org/data/definitions/{rule.cwe}.html)")
        if rule.parent:
            meta.append(f"part of [`{rule.parent}`](#{catalogue()[rule.parent].anchor})")
        out += [f"{rule.title}. " + " · ".join(meta), ""]
        if not rule.parent:
            out += [f"*Why:* {rule.rationale}", "", f"*Fix:* {rule.remediation}", ""]
        elif rule.remediation and rule.remediation != catalogue()[rule.parent].remediation:
            out += [f"*Fix:* {rule.remediation}", ""]
        for ref in rule.references:
            out.append(f"- <{ref}>")
        if rule.references:
            out.append("")
    return "\n".join(out).rstrip() + "\n"
