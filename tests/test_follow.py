"""Following a release on the (fake) Hub: base model, datasets and README links."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from huggingface_hub import constants
from tests.conftest import EXAMPLES
from tests.fakehub import FakeHub
from tests.fakehub.audits import content, local_audit, options, sandboxed_hub

import opengauge
from opengauge.cli import main
from opengauge.follow import LINKED, UNREACHABLE, VERIFIED, Wanted, from_metadata
from opengauge.model import Component, ComponentResult, FollowedLink, Status

APACHE = (EXAMPLES / "_texts" / "Apache-2.0.txt").read_text()
FINE_TUNE = (
    "---\nlicense: apache-2.0\nbase_model: org/base\n"
    "datasets:\n- org/data\n- org/missing\n---\n# Tuned\n\nA fine-tune of org/base.\n"
)
GITHUB_README = """# Release

Code for our model. The model weights are on the Hugging Face Hub:
[weights](https://huggingface.co/org/weights).

The training dataset is published at https://huggingface.co/datasets/org/data .

Research paper: https://arxiv.org/abs/2403.04652

Evaluation data: https://huggingface.co/datasets/org/gone
"""


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    with sandboxed_hub(monkeypatch, tmp_path) as running:
        running.add_repo(
            "org/base",
            {"README.md": "---\nlicense: llama2\n---\n# Base\n", "LICENSE": "Llama 2 terms"},
            gated="auto",
        )
        running.add_repo(
            "org/data",
            {"README.md": "---\nlicense: cc-by-4.0\n---\n# Data\n", "train.jsonl": "{}\n"},
            kind="dataset",
        )
        running.add_repo("org/weights", EXAMPLES / "fully-open")
        yield running


def _by_target(rows: tuple[FollowedLink, ...]) -> dict[str, FollowedLink]:
    return {row.target: row for row in rows}


def test_metadata_names_become_hub_repositories() -> None:
    assert list(from_metadata({"base_model": ["a/b", 3, " "], "datasets": "c/d"})) == [
        Wanted("hf://a/b", "base_model", "Model parameters (Final)"),
        Wanted("hf://datasets/c/d", "datasets", "Datasets"),
    ]


def test_a_hub_target_follows_its_base_model_and_datasets(hub: FakeHub, tmp_path: Path) -> None:
    hub.add_repo("org/tuned", {"README.md": FINE_TUNE, "LICENSE": APACHE})

    report = opengauge.audit("hf://org/tuned", remote=options(hub, tmp_path))

    rows = _by_target(report.target.followed)
    base, data = rows["hf://org/base"], rows["hf://datasets/org/data"]
    assert (base.state, base.relation, base.licence, base.gated) == (
        VERIFIED,
        "base_model",
        ("llama2",),
        True,
    )
    assert base.revision == hub.repos[("model", "org/base")].branches["main"]
    assert "README.md, LICENSE" in base.detail and "gated" in base.detail
    assert (data.state, data.licence, data.component) == (VERIFIED, ("cc-by-4.0",), "Datasets")
    missing = rows["hf://datasets/org/missing"]
    assert missing.state == UNREACHABLE and "not found" in missing.detail
    # Following reads metadata only: no file of the followed repositories is fetched.
    assert not [r for r in content(hub) if "org/tuned" not in r.path]
    # ... and the report's request count includes those metadata requests
    followed = [r for r in hub.requests if "org/tuned" not in r.path]
    assert followed and report.target.remote is not None
    assert report.target.remote.requests == len(hub.requests)


def test_ids_the_hub_would_refuse_are_not_reachable(hub: FakeHub, tmp_path: Path) -> None:
    card = "---\nbase_model: [org/bad--name, ../x]\n---\n# Tuned\n"
    hub.add_repo("org/tuned", {"README.md": card})

    report = opengauge.audit("hf://org/tuned", remote=options(hub, tmp_path))

    rows = _by_target(report.target.followed)
    assert "not a valid Hub repository id" in rows["hf://org/bad--name"].detail
    assert rows["hf://../x"].detail == "not a Hugging Face repository id"
    assert {row.state for row in rows.values()} == {UNREACHABLE}


def test_local_folders_follow_only_when_asked(hub: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "README.md").write_text(GITHUB_README)

    assert local_audit(folder, "release").target.followed == ()
    report = local_audit(folder, "release", follow=True, remote=options(hub, tmp_path))

    rows = _by_target(report.target.followed)
    assert rows["hf://org/weights"].state == VERIFIED
    assert rows["hf://org/weights"].licence == ("cdla-permissive-2.0",)  # its card's
    assert rows["hf://datasets/org/data"].licence == ("cc-by-4.0",)
    assert rows["arxiv:2403.04652"].state == LINKED
    assert rows["hf://datasets/org/gone"].state == UNREACHABLE
    assert not content(hub)  # metadata requests only


def test_rate_limits_are_waited_out_and_server_errors_are_recorded(
    hub: FakeHub, tmp_path: Path
) -> None:
    hub.add_repo("org/tuned", {"README.md": FINE_TUNE})
    waits: list[float] = []
    hub.faults.rate_limit_n, hub.faults.retry_after, hub.faults.match = (
        1,
        2,
        "^/api/models/org/base",
    )
    report = opengauge.audit("hf://org/tuned", remote=options(hub, tmp_path, sleep=waits.append))
    assert waits == [2] and _by_target(report.target.followed)["hf://org/base"].state == VERIFIED

    hub.faults.server_error_n, hub.faults.server_error_status = 100, 503
    hub.faults.match = "^/api/datasets/org/data"
    report = opengauge.audit("hf://org/tuned", remote=options(hub, tmp_path, sleep=waits.append))
    data = _by_target(report.target.followed)["hf://datasets/org/data"]
    assert data.state == UNREACHABLE and "503" in data.detail


def test_offline_and_no_follow_follow_nothing(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add_repo("org/tuned", {"README.md": FINE_TUNE})
    assert opengauge.audit("hf://org/tuned", remote=options(hub, tmp_path), follow=False)
    assert not [r for r in hub.find(route="model_info") if "org/base" in r.path]
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "README.md").write_text(GITHUB_README)
    report = local_audit(folder, "release", follow=True, remote=options(hub, tmp_path))
    assert report.target.followed == ()


def test_cli_follow_shows_the_combined_release(
    hub: FakeHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "README.md").write_text(GITHUB_README)

    code = main(["audit", str(folder), "--follow", "--format", "json", "--no-progress"])

    assert code in (0, 1)
    followed = json.loads(capsys.readouterr().out)["target"]["followed"]
    states = {row["target"]: row["state"] for row in followed}
    assert states["hf://org/weights"] == VERIFIED
    assert states["hf://datasets/org/gone"] == UNREACHABLE


def _control(report: opengauge.AuditReport, framework: str, control: str) -> str:
    result = next(f for f in report.frameworks if f.framework == framework)
    return next(c.reason for c in result.controls if c.id == control)


def test_followed_links_are_evidence_for_components_and_verdicts(
    hub: FakeHub, tmp_path: Path
) -> None:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "README.md").write_text(GITHUB_README)

    offline = local_audit(folder, "release")
    followed = local_audit(folder, "release", follow=True, remote=options(hub, tmp_path))

    def weights(report: opengauge.AuditReport) -> ComponentResult:
        return next(c for c in report.components if c.component is Component.MODEL_PARAMETERS_FINAL)

    assert all(r.verification is None for c in offline.components for r in c.references)
    assert "(https://huggingface.co/org/weights, not inspected)" in _control(
        offline, "osaid", "osaid.parameters"
    )
    (reference,) = weights(followed).references
    assert reference.verification is not None and reference.verification.state == VERIFIED
    sha = hub.repos[("model", "org/weights")].branches["main"]
    assert f"verified on the Hub at {sha[:12]}, licence cdla-permissive-2.0" in _control(
        followed, "osaid", "osaid.parameters"
    )
    assert "1 verified on the Hub" in _control(followed, "osai", "osai.datasources_endmodel")
    # the open licence on the Hub card now governs the weights, and is cited there
    governance = {
        f.facts["component"]: f for f in followed.findings if f.rule == "licenses.governance"
    }
    weights_terms = governance["Model parameters (Final)"]
    assert weights_terms.status is Status.PASS
    assert [loc.pointer for loc in weights_terms.locations] == [f"hf://org/weights@{sha}:1"]
    # a card licence says nothing of the code published next to the weights
    assert governance["Model architecture"].status is Status.NOT_AVAILABLE
    offline_terms = {
        f.facts["component"]: f.status for f in offline.findings if f.rule == "licenses.governance"
    }
    assert offline_terms["Model parameters (Final)"] is Status.NOT_AVAILABLE


def test_a_fine_tune_more_permissive_than_its_followed_base(hub: FakeHub, tmp_path: Path) -> None:
    hub.add_repo("org/tuned", {"README.md": FINE_TUNE, "LICENSE": APACHE})

    report = opengauge.audit("hf://org/tuned", remote=options(hub, tmp_path))

    (finding,) = [f for f in report.findings if f.rule == "licenses.base_model"]
    sha = hub.repos[("model", "org/base")].branches["main"]
    assert finding.status is Status.FAIL
    assert f"licence found on the Hub card of org/base@{sha}" in finding.message
    assert {loc.path for loc in finding.locations} >= {"README.md", f"hf://org/base@{sha}"}
    unfollowed = opengauge.audit("hf://org/tuned", remote=options(hub, tmp_path), follow=False)
    (finding,) = [f for f in unfollowed.findings if f.rule == "licenses.base_model"]
    assert finding.status is Status.NOT_APPLICABLE  # org/base is in no known family


def test_terminal_and_html_show_the_verification(hub: FakeHub, tmp_path: Path) -> None:
    from opengauge.report import html, terminal

    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "README.md").write_text(GITHUB_README)
    sha = hub.repos[("model", "org/weights")].branches["main"]
    said = f"verified on the Hub at {sha[:12]}, licence cdla-permissive-2.0"

    offline = local_audit(folder, "release")
    followed = local_audit(folder, "release", follow=True, remote=options(hub, tmp_path))

    assert said in terminal.render(followed, width=400)
    assert said in html.render(followed)
    assert "not reachable (" in terminal.render(followed, width=400)
    assert "verified on the Hub" not in terminal.render(offline, width=400)
    assert "verified on the Hub" not in html.render(offline)
