"""The rule catalogue: one naming pattern, every rule documented, docs/rules.md current."""

from __future__ import annotations

import re

from tests.conftest import ROOT

from opengauge.analyzers.catalogue import catalogue, markdown, rule_of
from opengauge.analyzers.registry import BUILTIN
from opengauge.model import Confidence, Finding, Severity, Status
from opengauge.rules.anomalies import ANOMALIES
from opengauge.rules.code_rules import OG_RULES

PATTERN = re.compile(r"^[a-z]+\.[a-z0-9_]+(\.[a-z0-9_]+)?$")


def test_every_id_follows_one_pattern_and_is_documented() -> None:
    rules = catalogue()
    assert {a.id for a in BUILTIN} <= set(rules)
    for rule in rules.values():
        assert PATTERN.match(rule.id), rule.id
        assert rule.title and rule.remediation, rule.id
        if rule.parent is None:
            assert rule.rationale, rule.id
        else:
            assert rule.id.startswith(rule.parent + "."), rule.id
    assert len({a.id for a in BUILTIN}) == len(BUILTIN)


def test_code_rules_and_anomaly_kinds_are_entries() -> None:
    ids = set(catalogue())
    assert {f"safety.shipped_code.{c.lower()}" for c in OG_RULES} <= ids
    assert "safety.shipped_code.s605" in ids and "safety.shipped_code.s301" in ids
    assert {f"safety.serialization_integrity.{k.replace('-', '_')}" for k in ANOMALIES} <= ids


def test_findings_map_to_their_sub_rule() -> None:
    finding = Finding(
        "safety.shipped_code",
        Status.FAIL,
        Severity.HIGH,
        Confidence.HIGH,
        "OG104: eval() runs dynamic code",
        subrule="OG104",
    )
    assert rule_of(finding).id == "safety.shipped_code.og104"
    plain = Finding("docs.hardware", Status.FAIL, Severity.LOW, Confidence.HIGH, "x")
    assert rule_of(plain).id == "docs.hardware"
    unknown = Finding(
        "safety.shipped_code", Status.FAIL, Severity.LOW, Confidence.HIGH, "x", subrule="S999"
    )
    assert rule_of(unknown).id == "safety.shipped_code.s999"


def test_docs_rules_md_is_current() -> None:
    shipped = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert shipped == markdown(), "run: python scripts/gen_rules_doc.py"
