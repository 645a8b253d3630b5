"""SARIF 2.1.0: valid against the OASIS schema and accepted by the SARIF multitool with
GitHub code scanning's rules (``validate --rule-kind "Sarif;Gh"``); one rule per catalogue
entry; a location on every result; paths from the git checkout; stable fingerprints."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.helpers import scan_findings
from tests.report.samples import EXAMPLE_NAMES, FIXED_TIME, enriched, example_report
from tests.validators import sarif_errors

import opengauge
from opengauge.analyzers.catalogue import catalogue
from opengauge.analyzers.registry import BUILTIN
from opengauge.model import AuditReport, Confidence, Finding, Location, Severity, Skipped, Status
from opengauge.report import FORMATS, render, sarif
from opengauge.report.sarif import SCHEMA, fingerprint, render_findings

DATA = Path(__file__).parents[1] / "data"
OASIS = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text())
# GLOBAL os.system, then a call: what the pickle scanner reports (never unpickled here).
OS_SYSTEM_PICKLE = b"cos\nsystem\n(S'echo pwned'\ntR."
CONTROL = "control: a result without a location"
HOSTILE_NAMES = (
    b"bad-\xff\xfe.pkl",  # not UTF-8: shown as bad-\xff\xfe.pkl
    b"dir-\xe9/model.pkl",  # a folder whose name is not UTF-8
    b"name with space #1 %41 \xc3\xbc:colon?.pkl",  # characters a URI must escape
)


def _valid(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    jsonschema.Draft4Validator(OASIS).validate(log)
    return log


def _finding(rule: str, *locations: Location, **facts: Any) -> Finding:
    return Finding(
        rule=rule, status=Status.FAIL, severity=Severity.MEDIUM, confidence=Confidence.HIGH,
        message=f"{rule} fails", locations=locations, facts=facts,
    )  # fmt: skip


def _write(root: Path, raw: bytes, content: bytes) -> None:
    path = os.path.join(os.fsencode(root), raw)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(content)


def _fake_checkout(root: Path) -> None:
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> AuditReport:
    """A release in a sub-folder of a git checkout, with malicious pickles under names
    that are not UTF-8 or that a URI must escape."""
    checkout = tmp_path_factory.mktemp("checkout")
    _fake_checkout(checkout)
    release = checkout / "models" / "tiny"
    for raw in HOSTILE_NAMES:
        _write(release, raw, OS_SYSTEM_PICKLE)
    (release / "README.md").write_text("# tiny\n\nA test release.\n")
    return opengauge.audit(release, generated_at=FIXED_TIME)


@pytest.fixture(scope="module")
def logs(
    tmp_path_factory: pytest.TempPathFactory,
    hostile: AuditReport,
    release_reports: dict[str, AuditReport],
) -> dict[str, str]:
    """Every SARIF log the tests check, by scenario."""
    out = {}
    for name in EXAMPLE_NAMES:
        out[name] = render(example_report(name), "sarif")
        out[f"{name} (enriched)"] = render(enriched(example_report(name)), "sarif")
    empty = tmp_path_factory.mktemp("empty")
    out["no files"] = render(opengauge.audit(empty, generated_at=FIXED_TIME), "sarif")
    out["findings without locations"] = render(_without_locations(), "sarif")
    out["hostile names"] = render(hostile, "sarif")
    for name, report in release_reports.items():
        out[name] = render(report, "sarif")
    findings, skipped = scan_findings(DATA / "picklescan")
    out["picklescan samples"] = render_findings(findings, skipped)
    control = json.loads(render_findings([_finding("docs.hardware", Location("README.md"))]))
    del control["runs"][0]["results"][0]["locations"]
    out[CONTROL] = json.dumps(control)  # GitHub refuses it: proves the check can fail
    return out


def _without_locations() -> AuditReport:
    """The openwashed example plus findings that name no place, or no usable place."""
    report = example_report("openwashed")
    extra = (
        _finding("licenses.component_coverage", component="data"),
        _finding("docs.datasheet_questions", card="README.md"),
        _finding("release.identity", Location("")),
        _finding("openwashing.claims_hold", Location("https://example.org/x")),
    )
    return dataclasses.replace(report, findings=report.findings + extra)


# GitHub rejects a file of more than 20 runs (the multitool's GH1013).
MAX_RUNS = 20


@pytest.fixture(scope="module")
def multitool(logs: dict[str, str]) -> dict[str, list[str]]:
    """Multitool errors of each log. Logs are checked a batch at a time (the multitool
    takes seconds to start): each log's run is one run of a combined log, and every
    error that points into ``runs[i]`` is charged to the i-th log of its batch."""
    names = list(logs)
    errors: dict[str, list[str]] = {name: [] for name in [*names, "whole log"]}
    for start in range(0, len(names), MAX_RUNS):
        batch = names[start : start + MAX_RUNS]
        runs = [json.loads(logs[name])["runs"][0] for name in batch]
        combined = json.dumps({"version": "2.1.0", "$schema": SCHEMA, "runs": runs})
        for error in sarif_errors(combined):
            at = re.search(r"runs\[(\d+)\]", error)
            errors[batch[int(at.group(1))] if at else "whole log"].append(error)
    return errors


SCENARIOS = (
    *EXAMPLE_NAMES,
    *(f"{name} (enriched)" for name in EXAMPLE_NAMES),
    "no files",
    "findings without locations",
    "hostile names",
    "picklescan samples",
)


def test_registered() -> None:
    assert FORMATS["sarif"] == "sarif"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_github_accepts(
    scenario: str, logs: dict[str, str], multitool: dict[str, list[str]]
) -> None:
    log = _valid(logs[scenario])
    assert set(log) == {"version", "$schema", "runs"} and len(log["runs"]) == 1
    assert multitool[scenario] == [] and multitool["whole log"] == []
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) and {a.id for a in BUILTIN} <= set(ids)
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_real_releases_accepted(
    logs: dict[str, str], multitool: dict[str, list[str]], release_reports: dict[str, AuditReport]
) -> None:
    for name in release_reports:
        _valid(logs[name])
        assert multitool[name] == [], name
        assert json.loads(logs[name])["runs"][0]["results"], name


def test_release_level_findings_are_shown_at_the_card(logs: dict[str, str]) -> None:
    run = json.loads(logs["findings without locations"])["runs"][0]
    by_rule = {r["ruleId"]: r["locations"][0] for r in run["results"]}
    for rule in ("licenses.component_coverage", "release.identity", "openwashing.claims_hold"):
        assert by_rule[rule]["physicalLocation"]["artifactLocation"]["uri"] == (
            "examples/openwashed/README.md"
        )
        assert "release as a whole" in by_rule[rule]["message"]["text"]
    assert "the card it is about" in by_rule["docs.datasheet_questions"]["message"]["text"]


def test_a_release_without_files_leaves_its_findings_to_notifications(
    logs: dict[str, str],
) -> None:
    run = json.loads(logs["no files"])["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert run["results"] == []
    dropped = [n for n in notes if "associatedRule" in n]
    assert dropped and all("no file to show it at" in n["message"]["text"] for n in dropped)


def test_hostile_names_become_uris_from_the_checkout_root(
    logs: dict[str, str], hostile: AuditReport
) -> None:
    assert hostile.target.checkout_subdir == "models/tiny"
    run = json.loads(logs["hostile names"])["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"].startswith(
        "the root of the git checkout"
    )
    pickles = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in run["results"]
        if r["ruleId"].startswith("safety.pickle_imports")
    }
    assert pickles == {
        "models/tiny/bad-%FF%FE.pkl",
        "models/tiny/dir-%E9/model.pkl",
        "models/tiny/name%20with%20space%20%231%20%2541%20%C3%BC%3Acolon%3F.pkl",
    }
    for result in run["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"


def test_rules_carry_security_severity_only_for_security() -> None:
    log = _valid(render_findings([]))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver.get("informationUri") == sarif.information_uri()
    for rule in driver["rules"]:
        entry = catalogue()[rule["id"]]
        tags = rule["properties"]["tags"]
        assert rule["name"] != rule["id"]
        assert ("security-severity" in rule["properties"]) == entry.security
        assert ("security" in tags) == entry.security
        if rule["id"].startswith("docs."):
            assert tags[0] == "documentation"


def test_results_carry_no_security_severity_and_regions_where_lines_are_known() -> None:
    log = _valid(
        render_findings(
            [
                _finding("licenses.restrictions", Location("LICENSE", line=3, end_line=9)),
                _finding("docs.hardware", Location("README.md", line=4, end_line=4)),
                _finding("safety.pickle_imports", Location("m.bin", offset=16, member="a/d.pkl")),
                _finding("safety.pickle_imports", Location("m.pkl", offset=2)),
            ]
        )
    )
    results = log["runs"][0]["results"]
    assert all("security-severity" not in r["properties"] for r in results)
    regions = [r["locations"][0]["physicalLocation"].get("region") for r in results]
    assert regions == [{"startLine": 3, "endLine": 9}, {"startLine": 4}, None, {"byteOffset": 2}]
    assert results[2]["locations"][0]["message"]["text"] == "m.bin!a/d.pkl@16"


def test_fingerprint_ignores_lines_and_offsets() -> None:
    base = Finding(
        rule="safety.shipped_code", status=Status.FAIL, severity=Severity.HIGH,
        confidence=Confidence.HIGH, message="OG104: eval() runs dynamic code",
        locations=(Location("modeling.py", line=10, offset=5),),
    )  # fmt: skip
    moved = dataclasses.replace(base, locations=(Location("modeling.py", line=99, offset=7),))
    other = dataclasses.replace(base, locations=(Location("other.py", line=10),))
    reworded = dataclasses.replace(base, message="eval() again")
    assert fingerprint(base) == fingerprint(moved) == fingerprint(reworded) != fingerprint(other)


def test_fingerprints_do_not_depend_on_the_anchor() -> None:
    report = example_report("openwashed")
    no_cards = dataclasses.replace(report, cards=())  # config.json becomes the anchor
    runs = [json.loads(render(r, "sarif"))["runs"][0] for r in (report, no_cards)]
    anchored = [
        next(r["locations"][0] for r in run["results"] if r["ruleId"] == "docs.hardware")
        for run in runs
    ]
    assert [a["physicalLocation"]["artifactLocation"]["uri"] for a in anchored] == [
        "examples/openwashed/README.md",
        "examples/openwashed/config.json",
    ]
    assert anchored[1]["message"]["text"].endswith("shown at its configuration")
    prints = [[r["partialFingerprints"] for r in run["results"]] for run in runs]
    assert prints[0] == prints[1]


def test_skips_become_notifications() -> None:
    log = _valid(render_findings([], [Skipped("big.bin", "over the size limit")]))
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "skipped big.bin: over the size limit"
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "big.bin"
    assert log["runs"][0]["results"] == []


def test_schema_rejects_a_bad_level() -> None:
    finding = Finding(
        rule="safety.pickle_imports", status=Status.FAIL, severity=Severity.LOW,
        confidence=Confidence.HIGH, message="m", locations=(Location("a.pkl"),),
    )  # fmt: skip
    log = json.loads(render_findings([finding]))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(OASIS).validate(log)


def test_the_combined_check_charges_errors_to_their_log(multitool: dict[str, list[str]]) -> None:
    assert {e.split(" ", 1)[0] for e in multitool[CONTROL]} >= {"GH1015", "GH1017"}


class _Metadata:
    """What ``importlib.metadata.metadata`` returns, with these Project-URL entries."""

    def __init__(self, *urls: str) -> None:
        self.urls = list(urls)

    def get_all(self, name: str) -> list[str] | None:
        return self.urls if name == "Project-URL" and self.urls else None


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (
            ("Issues, https://example.org/issues", "Repository, https://example.org/og"),
            "https://example.org/og",
        ),
        (("Homepage, http://example.org/plain-http",), None),
        ((), None),
    ],
)
def test_information_uri_is_the_declared_project_url(
    monkeypatch: pytest.MonkeyPatch, declared: tuple[str, ...], expected: str | None
) -> None:
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: _Metadata(*declared))
    sarif.information_uri.cache_clear()
    try:
        driver = _valid(render_findings([]))["runs"][0]["tool"]["driver"]
    finally:
        sarif.information_uri.cache_clear()
    assert driver.get("informationUri") == expected


def test_one_rule_per_sub_rule() -> None:
    code = dataclasses.replace(
        _finding("safety.shipped_code", Location("run.py", line=2)), subrule="OG104"
    )
    unknown = dataclasses.replace(code, subrule="OG999")
    run = _valid(render_findings([code, unknown]))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert [r["ruleId"] for r in run["results"]] == [
        "safety.shipped_code.og104",
        "safety.shipped_code.og999",
    ]
    assert {"safety.shipped_code", "safety.shipped_code.og104", "safety.shipped_code.og999"} <= (
        set(rules)
    )
    og104 = rules["safety.shipped_code.og104"]
    assert og104["shortDescription"]["text"] == catalogue()[og104["id"]].title
    assert og104["name"] == "SafetyShippedCodeOg104"
    assert "security-severity" in og104["properties"]


def test_results_stay_within_githubs_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    findings = [
        dataclasses.replace(_finding("docs.hardware", Location(f"f{i}.md")), severity=severity)
        for i, severity in enumerate((Severity.LOW, Severity.HIGH, Severity.INFO, Severity.HIGH))
    ]
    run = _valid(render_findings(findings))["runs"][0]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    assert uris == ["f1.md", "f3.md"]
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert notes == [
        "2 less severe results left out (at worst low): GitHub code scanning rejects a run "
        "of more than 2; the JSON report has them all"
    ]
