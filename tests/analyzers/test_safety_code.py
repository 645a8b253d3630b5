"""safety.shipped_code from in-memory evidence."""

from __future__ import annotations

import pytest

from opengauge.analyzers.context import Context
from opengauge.analyzers.safety_code import ANALYZER
from opengauge.model import CodeIssue, Evidence, FileEntry, SafetyEvidence, Severity, Status

ISSUE = CodeIssue("modeling_x.py", 12, "OG101", "torch.load without weights_only", "high",
                  "high", 502, "ast", "torch.load(p)")  # fmt: skip
SCRIPT = CodeIssue("scripts/train.py", 3, "S605", "shell", "high", "medium", 78, "ruff")


@pytest.mark.parametrize(
    ("safety", "expected"),
    [
        (None, [(Status.NOT_AVAILABLE, Severity.INFO)]),
        (SafetyEvidence(), [(Status.NOT_APPLICABLE, Severity.INFO)]),
        (SafetyEvidence(code_files=3), [(Status.PASS, Severity.INFO)]),
        (SafetyEvidence(code_issues=(ISSUE,), code_files=1), [(Status.FAIL, Severity.HIGH)]),
    ],
)
def test_shipped_code(
    safety: SafetyEvidence | None, expected: list[tuple[Status, Severity]]
) -> None:
    findings = list(ANALYZER.run(Context.build(Evidence(root=".", safety=safety))))
    assert [(f.status, f.severity) for f in findings] == expected


def test_location_and_cwe() -> None:
    evidence = Evidence(root=".", safety=SafetyEvidence(code_issues=(ISSUE,), code_files=1))
    (finding,) = ANALYZER.run(Context.build(evidence))
    assert finding.locations[0].line == 12 and finding.cwe == 502
    assert finding.message.startswith("OG101:")


def _run(issues: tuple[CodeIssue, ...], **evidence: object) -> list[tuple[Severity, str]]:
    safety = SafetyEvidence(code_issues=issues, code_files=3)
    found = ANALYZER.run(Context.build(Evidence(root=".", safety=safety, **evidence)))  # type: ignore[arg-type]
    return [(f.severity, f.message) for f in found]


def test_scripts_are_judged_lower_than_remote_code() -> None:
    (script,) = _run((SCRIPT,))
    assert script[0] is Severity.MEDIUM and "not loaded with the model" in script[1]
    (remote,) = _run((ISSUE,))
    assert remote[0] is Severity.HIGH and "trust_remote_code" in remote[1]


def test_auto_map_and_relative_imports_make_remote_code() -> None:
    issue = CodeIssue("sub/helpers.py", 4, "OG104", "exec() runs dynamic code", "high", "high",
                      95, "ast")  # fmt: skip
    files = (
        FileEntry("sub/config.json", 10, kind="config"),
        FileEntry("sub/my_arch.py", 10, kind="code", head="from .helpers import run\n"),
        FileEntry("sub/helpers.py", 10, kind="code", head="import os\n"),
    )
    configs = {"sub/config.json": {"auto_map": {"AutoModel": "my_arch.MyModel"}}}
    (found,) = _run((issue,), files=files, configs=configs)
    assert found[0] is Severity.HIGH
    (found,) = _run((issue,), files=files)
    assert found[0] is Severity.MEDIUM


def test_repeated_findings_are_grouped_per_rule_and_file() -> None:
    many = tuple(
        CodeIssue("tools/run.py", line, "S605", "shell", "high", "medium", 78, "ruff")
        for line in range(1, 301)
    )
    findings = list(
        ANALYZER.run(Context.build(Evidence(root=".", safety=SafetyEvidence(code_issues=many))))
    )
    assert len(findings) == 1
    assert findings[0].facts["count"] == 300 and "300 places" in findings[0].message
    assert len(findings[0].locations) == 5
