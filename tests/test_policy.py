"""CI policy: parsing (with mandatory suppression reasons), decisions, CLI exit codes."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from tests.report.samples import EXAMPLES, enriched, example_report

from opengauge.cli import main
from opengauge.model import FrameworkResult
from opengauge.policy import PolicyError, apply_suppressions, decide, parse_config

POLICY = """
fail_on = "high"
min_mof_class = 3
require_osaid = true

[[suppress]]
rule = "safety.pickle_*"
path = "pytorch_model.bin"
reason = "converted to safetensors in the next release"
"""


def test_parse() -> None:
    config = parse_config(POLICY, "p.toml")
    assert config.fail_on is not None and config.fail_on.value == "high"
    assert config.min_mof_class == 3 and config.require_osaid
    entry = config.suppress[0]
    assert entry.reason.startswith("converted") and entry.source == "p.toml"


@pytest.mark.parametrize(
    "text, message",
    [
        ('[[suppress]]\nrule = "safety.x"\n', "'reason' is required"),
        ('[[suppress]]\nrule = "safety.x"\nreason = "  "\n', "'reason' is required"),
        ('fail_on = "severe"\n', "fail_on must be one of"),
        ("min_mof_class = 4\n", "min_mof_class"),
        ("min_mof_class = true\n", "min_mof_class"),
        ('require_osaid = "yes"\n', "require_osaid"),
        ("fail_onn = 1\n", "unknown key"),
        ('[[suppress]]\nrule = "a"\nreason = "b"\nline = 3\n', "unknown key"),
        ("= broken", "invalid TOML"),
        ("x" * 300_000, "larger than"),
    ],
)
def test_config_errors(text: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_config(text)


def test_decide_fails_with_reasons_and_suppression_keeps_findings() -> None:
    report = enriched(example_report("fully-open"))
    strict = parse_config('fail_on = "high"\n')
    result = decide(report, strict)
    assert not result.passed
    assert any("safety.pickle_dangerous_import" in r for r in result.reasons)
    config = parse_config(
        'fail_on = "high"\n[[suppress]]\nrule = "safety.pickle_*"\nreason = "known test fixture"\n'
    )
    assert decide(report, config).passed
    applied = apply_suppressions(report, config)
    assert applied.findings == report.findings  # nothing removed
    assert applied.suppressed[0].matched == 1
    from opengauge.report import render

    assert "known test fixture" in render(applied, "markdown")
    assert "known test fixture" in render(applied, "html")


def test_frameworks() -> None:
    report = enriched(example_report("fully-open"))
    # a policy about openness alone still gates on safety (fail_on defaults to high) ...
    result = decide(report, parse_config("min_mof_class = 3\nrequire_osaid = true\n"))
    assert not result.passed and len(result.reasons) == 3
    assert "safety.pickle_dangerous_import" in result.reasons[0]
    # ... unless it turns that gate off
    openness = parse_config('fail_on = "never"\nmin_mof_class = 3\nrequire_osaid = true\n')
    assert openness.fail_on is None
    result = decide(report, openness)
    assert not result.passed and len(result.reasons) == 2
    assert not any("safety" in reason for reason in result.reasons)
    mof = FrameworkResult(framework="mof", title="MOF", verdict="Class II", level=2)
    osaid = FrameworkResult(framework="osaid", title="OSAID", verdict="passes", passed=True)
    good = dataclasses.replace(report, frameworks=(mof, osaid))
    never = 'fail_on = "never"\n'
    assert decide(good, parse_config(never + "min_mof_class = 2\nrequire_osaid = true\n")).passed
    assert not decide(good, parse_config(never + "min_mof_class = 1\n")).passed
    missing = dataclasses.replace(report, frameworks=())
    reasons = decide(missing, parse_config(never + "min_mof_class = 3\n")).reasons
    assert reasons and "no MOF verdict" in reasons[0]


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target


def test_cli_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _copy(tmp_path, "openwashed")
    assert main(["audit", str(target), "-f", "json", "--no-progress"]) == 0
    (target / "opengauge.toml").write_text("min_mof_class = 1\n")
    # a policy file inside a third-party folder is not trusted ...
    assert main(["audit", str(target), "-f", "json", "--no-progress"]) == 0
    # ... one in the user's own project (under the working directory) is
    monkeypatch.chdir(tmp_path)
    assert main(["audit", str(target), "-f", "json", "--no-progress"]) == 1
    assert "policy failed" in capsys.readouterr().err
    assert main(["audit", str(target), "-f", "json", "--no-progress", "--no-policy"]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('[[suppress]]\nrule = "docs.*"\n')
    assert main(["audit", str(target), "--config", str(bad), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "reason" in err and len(err.strip().splitlines()) == 1


def test_default_policy_fails_on_high_safety_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(EXAMPLES / "unsafe-pickle"), "-f", "json", "--no-progress"]) == 1
    assert "default policy" in capsys.readouterr().err
    assert (
        main(
            ["audit", str(EXAMPLES / "unsafe-pickle"), "-f", "json", "--no-progress", "--no-policy"]
        )
        == 0
    )


def test_a_third_party_policy_cannot_suppress_its_own_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _copy(tmp_path, "unsafe-pickle")
    (target / "opengauge.toml").write_text('[[suppress]]\nrule = "safety.*"\nreason = "trust me"\n')
    assert main(["audit", str(target), "-f", "json", "--no-progress"]) == 1
    config = tmp_path / "mine.toml"
    config.write_text('[[suppress]]\nrule = "safety.*"\nreason = "reviewed fixture"\n')
    assert main(["audit", str(target), "-f", "json", "--no-progress", "--config", str(config)]) == 0


def _cached_release(cache: Path) -> Path:
    """The unsafe example as a Hugging Face cache entry acme/evil, with its own policy."""
    repo = cache / "models--acme--evil"
    snapshot = repo / "snapshots" / "0123abc"
    shutil.copytree(EXAMPLES / "unsafe-pickle", snapshot)
    (snapshot / "opengauge.toml").write_text(
        'fail_on = "never"\n[[suppress]]\nrule = "safety.*"\nreason = "trust me"\n'
    )
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abc")
    return snapshot


def test_hub_targets_and_cache_folders_are_third_party(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the cache sits under the working directory: still someone else's release
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "cache"))
    snapshot = _cached_release(tmp_path / "cache")
    quiet = ["-f", "json", "--no-progress", "-o", str(tmp_path / "r.json")]
    assert main(["audit", "hf://acme/evil", "--offline", *quiet]) == 1
    assert main(["audit", str(tmp_path / "cache" / "models--acme--evil"), *quiet]) == 1
    assert main(["audit", str(snapshot), *quiet]) == 1
    err = capsys.readouterr().err
    assert err.count("policy failed (default policy)") == 3
    # named with --config, the same file is used
    own = ["--config", str(snapshot / "opengauge.toml")]
    assert main(["audit", "hf://acme/evil", "--offline", *quiet, *own]) == 0
