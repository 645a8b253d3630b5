"""docs/ci.md and .pre-commit-hooks.yaml work as written.

The workflow is read from the page itself: actionlint checks it (also with each action
at the newest major actionlint knows, so the inputs we use are checked), every
``opengauge`` line of it parses with our CLI and runs on an example release, and the
pre-commit hook entries run the same way.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests import validators as v
from tests.conftest import EXAMPLES, ROOT

from opengauge.cli import main

CI_DOC = ROOT / "docs" / "ci.md"
# Current majors (release notes: checkout v7.0.1, setup-python v7.0.0, upload-artifact
# v7.0.1, codeql-action v4); the test fails when the page falls behind these.
CURRENT = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/upload-artifact": 7,
    "github/codeql-action/upload-sarif": 4,
}
# The newest majors actionlint 1.7.7 has input tables for (inputs unchanged since).
ACTIONLINT_KNOWS = {"actions/checkout": 4, "actions/setup-python": 5, "actions/upload-artifact": 4}


def _workflow_text() -> str:
    (text,) = v.workflows_in_markdown(CI_DOC.read_text(encoding="utf-8"))
    return text


def _steps() -> list[dict[str, Any]]:
    data = yaml.safe_load(_workflow_text())
    (job,) = data["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def _uses(name: str) -> dict[str, Any]:
    (step,) = [s for s in _steps() if str(s.get("uses", "")).startswith(name + "@")]
    return step


def test_actionlint_accepts_the_documented_workflow() -> None:
    assert v.actionlint_errors(_workflow_text()) == []


def test_actionlint_checks_the_inputs_at_majors_it_knows() -> None:
    text = _workflow_text()
    for action, major in ACTIONLINT_KNOWS.items():
        text, count = re.subn(rf"{re.escape(action)}@v\d+", f"{action}@v{major}", text)
        assert count == 1
    assert v.actionlint_errors(text) == []
    broken = text.replace("lfs: true", "lfs: true\n          lfss: true")
    assert any("lfss" in error for error in v.actionlint_errors(broken))


def test_current_action_versions() -> None:
    for action, major in CURRENT.items():
        assert _uses(action)["uses"] == f"{action}@v{major}"


def test_lfs_sarif_and_fork_safe_comment() -> None:
    assert _uses("actions/checkout")["with"]["lfs"] is True
    assert _uses("github/codeql-action/upload-sarif")["with"]["sarif_file"] == "opengauge.sarif"
    job = next(iter(yaml.safe_load(_workflow_text())["jobs"].values()))
    trusted = job["env"]["TRUSTED"]
    assert "github.event.pull_request.head.repo.full_name == github.repository" in trusted
    assert "env.TRUSTED == 'true'" in _uses("github/codeql-action/upload-sarif")["if"]
    (comment,) = [s for s in _steps() if "gh pr comment" in str(s.get("run", ""))]
    assert "env.TRUSTED == 'true'" in comment["if"]
    assert job["permissions"]["security-events"] == "write"


def test_installs_from_the_repository_at_a_tag() -> None:
    job = next(iter(yaml.safe_load(_workflow_text())["jobs"].values()))
    assert re.fullmatch(r"git\+https://github\.com/\S+/opengauge@v0\.1\.0", job["env"]["OPENGAUGE"])
    assert any(s.get("run") == 'pip install "$OPENGAUGE"' for s in _steps())


def _commands() -> list[list[str]]:
    lines = [
        line.strip()
        for step in _steps()
        for line in str(step.get("run", "")).splitlines()
        if line.strip().startswith("opengauge ")
    ]
    return [shlex.split(line)[1:] for line in lines]


def test_every_documented_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = _commands()
    assert len(commands) == 4
    release = tmp_path / "release"
    shutil.copytree(EXAMPLES / "fully-open", release)
    monkeypatch.chdir(release)
    for argv in commands:
        assert main(argv) == 0, argv
    for name in ("opengauge.md", "opengauge.sarif", "opengauge.json", "opengauge.html"):
        assert (release / name).stat().st_size > 1000
    assert "Traceback" not in capsys.readouterr().err
    # the gate step fails the job on an unsafe release
    unsafe = tmp_path / "unsafe"
    shutil.copytree(EXAMPLES / "unsafe-pickle", unsafe)
    monkeypatch.chdir(unsafe)
    assert main(commands[0]) == 1


def _hooks() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def test_pre_commit_hooks_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hooks = _hooks()
    assert set(hooks) == {"opengauge-policy", "opengauge-badge"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert hook["entry"].startswith("opengauge ")
    policy = shlex.split(hooks["opengauge-policy"]["entry"])[1:]
    badge = shlex.split(hooks["opengauge-badge"]["entry"])[1:]
    release = tmp_path / "release"
    shutil.copytree(EXAMPLES / "fully-open", release)
    monkeypatch.chdir(release)
    assert main(policy) == 0
    assert main(badge) == 0
    svg = (release / "opengauge-badge.svg").read_bytes()
    assert svg.startswith(b"<svg") and (release / "opengauge-badge.json").is_file()
    assert main(badge) == 0  # a second run leaves the files as they were (hook passes)
    assert (release / "opengauge-badge.svg").read_bytes() == svg
    unsafe = tmp_path / "unsafe"
    shutil.copytree(EXAMPLES / "unsafe-pickle", unsafe)
    monkeypatch.chdir(unsafe)
    assert main(policy) == 1
    captured = capsys.readouterr()
    assert "policy failed" in captured.err and "Safety" in captured.out


def test_the_page_names_this_test() -> None:
    assert "tests/test_ci_recipe.py" in CI_DOC.read_text(encoding="utf-8")
