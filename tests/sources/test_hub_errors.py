"""Gated, private, missing, rate-limited, broken and lying Hubs: one line or a skip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from huggingface_hub import constants
from tests.conftest import EXAMPLES
from tests.fakehub import DEFAULT_TOKEN, FakeHub, record_backoff_sleeps
from tests.fakehub.audits import (
    FIXED_TIME,
    comparable,
    content,
    local_audit,
    options,
    sandboxed_hub,
    sent,
)
from tests.fakehub.sparse import GiB, sparse_torch_zip

import opengauge
from opengauge.cli import main
from opengauge.errors import TargetError
from opengauge.model import AuditReport
from opengauge.sources import hub_http


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    with sandboxed_hub(monkeypatch, tmp_path) as running:
        yield running


@pytest.fixture
def big_repo(hub: FakeHub, tmp_path: Path) -> Path:
    """org/big: a 3 GB sparse torch zip beside a card (cdn files and hub files both served)."""
    folder = tmp_path / "big"
    folder.mkdir()
    sparse_torch_zip(folder / "pytorch_model.bin", 3 * GiB)
    (folder / "README.md").write_text("---\nlicense: mit\n---\n# Big\n")
    hub.add_repo("org/big", folder)
    return folder


def _audit(hub: FakeHub, tmp_path: Path, spec: str = "hf://org/big", **kw: object) -> AuditReport:
    return opengauge.audit(spec, remote=options(hub, tmp_path, **kw), generated_at=FIXED_TIME)


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


# --- repository-level failures: exit 2, one line -------------------------------------------
def test_gated_without_token_names_the_repo_and_how_to_log_in(
    hub: FakeHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_repo("org/gated", EXAMPLES / "openwashed", gated="manual")

    code, err = _cli(["audit", "hf://org/gated"], capsys)

    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "hf://org/gated" in err and "gated" in err and "HF_TOKEN" in err
    assert content(hub) == []  # nothing was tried on the files


def test_gated_with_a_token_without_access(hub: FakeHub, tmp_path: Path) -> None:
    hub.add_repo("org/gated", EXAMPLES / "openwashed", gated="manual", allowed_tokens=["hf_x"])

    with pytest.raises(TargetError, match=r"hf://org/gated: gated repository and this token"):
        _audit(hub, tmp_path, "hf://org/gated", token=DEFAULT_TOKEN)


def test_gated_with_access_is_audited(hub: FakeHub, tmp_path: Path) -> None:
    hub.add_repo("org/gated", EXAMPLES / "openwashed", gated="auto")

    report = _audit(hub, tmp_path, "hf://org/gated", token=DEFAULT_TOKEN)

    assert comparable(report) == comparable(local_audit(EXAMPLES / "openwashed", "org/gated"))
    assert all(r.authorization is None for r in content(hub) if r.server == "cdn")


def test_hf_token_from_the_environment_is_used(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_repo("org/gated", EXAMPLES / "openwashed", gated="manual")
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_IMPLICIT_TOKEN", False)  # as by default
    monkeypatch.setenv("HF_TOKEN", DEFAULT_TOKEN)

    code, err = _cli(["audit", "hf://org/gated", "--format", "json", "-o", "/dev/null"], capsys)

    assert code in (0, 1) and err == ""
    assert all(r.authorization == f"Bearer {DEFAULT_TOKEN}" for r in hub.find(server="hub"))


def test_private_without_token_and_missing_repo(
    hub: FakeHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_repo("org/private", {"README.md": "# p\n"}, private=True)

    code, err = _cli(["audit", "hf://org/private"], capsys)
    assert code == 2 and "not found" in err and "HF_TOKEN" in err
    code, err = _cli(["audit", "hf://org/nothing-here"], capsys)
    assert code == 2 and "hf://org/nothing-here: repository not found" in err
    code, err = _cli(["audit", "hf://datasets/org/private"], capsys)
    assert code == 2 and "hf://datasets/org/private" in err
    assert _audit(hub, tmp_path, "hf://org/private", token=DEFAULT_TOKEN).files


def test_missing_revision(hub: FakeHub, capsys: pytest.CaptureFixture[str]) -> None:
    hub.add_repo("org/m", {"README.md": "# m\n"})

    code, err = _cli(["audit", "hf://org/m@v9"], capsys)

    assert code == 2 and "revision 'v9' not found" in err


def test_no_hub_at_the_endpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with sandboxed_hub(monkeypatch, tmp_path) as hub:
        endpoint = hub.endpoint
    gone = options(hub, tmp_path, endpoint=endpoint)  # the server is closed now

    with pytest.raises(TargetError, match=r"cannot reach .* --offline"):
        opengauge.audit("hf://org/m", remote=gone)


# --- rate limits and server errors -----------------------------------------------------------
def test_rate_limit_is_waited_out_as_retry_after_says(
    hub: FakeHub, tmp_path: Path, big_repo: Path
) -> None:
    waits: list[float] = []
    hub.faults.rate_limit_n, hub.faults.retry_after = 2, 3
    hub.faults.match = "^/api/models/org/big$"

    report = _audit(hub, tmp_path, sleep=waits.append)

    assert waits == [3, 3] and report.files
    assert [r.status for r in hub.find(route="model_info")] == [429, 429, 200]


def test_rate_limit_that_never_ends_is_a_clear_error(
    hub: FakeHub, tmp_path: Path, big_repo: Path
) -> None:
    waits: list[float] = []
    hub.faults.rate_limit_n, hub.faults.retry_after = 100, 1

    with pytest.raises(TargetError, match=r"hf://org/big: .*HTTP 429 after 5 retries"):
        _audit(hub, tmp_path, sleep=waits.append)
    assert waits == [1] * 5
    hub.faults.retry_after = 3600
    with pytest.raises(TargetError, match="asks to wait 3600 s"):
        _audit(hub, tmp_path, sleep=waits.append)
    assert waits == [1] * 5  # an hour is not waited


def test_rate_limited_listing_uses_huggingface_hub_backoff(
    hub: FakeHub, tmp_path: Path, big_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits = record_backoff_sleeps(monkeypatch)
    hub.faults.rate_limit_n, hub.faults.retry_after, hub.faults.match = 2, 2, "/tree/"

    assert _audit(hub, tmp_path).files
    assert waits == [3, 3]  # Retry-After + 1, as huggingface_hub waits
    hub.faults.rate_limit_n = 100
    with pytest.raises(TargetError, match="kept answering HTTP 429; try again later"):
        _audit(hub, tmp_path, "hf://org/big", use_cache=False)


def test_server_errors_on_content_are_retried_with_backoff(
    hub: FakeHub, tmp_path: Path, big_repo: Path
) -> None:
    waits: list[float] = []
    hub.faults.server_error_n, hub.faults.match = 2, "resolve|^/lfs/"

    report = _audit(hub, tmp_path, sleep=waits.append)

    assert waits == [1, 2] and not report.skipped
    assert comparable(report) == comparable(local_audit(big_repo, "org/big"))


def test_server_errors_that_go_on_become_skips(
    hub: FakeHub, tmp_path: Path, big_repo: Path
) -> None:
    hub.faults.server_error_n, hub.faults.server_error_status = 1000, 503
    hub.faults.match = "resolve|^/lfs/"

    report = _audit(hub, tmp_path)

    reasons = {s.path: s.reason for s in report.skipped}
    assert "HTTP 503 after 5 retries" in reasons["pytorch_model.bin"]
    assert "README.md" in reasons


# --- servers that send other bytes than asked ------------------------------------------------
def _skip_for(report: AuditReport, path: str) -> str:
    return " ".join(s.reason for s in report.skipped if s.path == path)


def test_server_ignoring_range_is_stopped_and_skipped(
    hub: FakeHub, tmp_path: Path, big_repo: Path
) -> None:
    hub.faults.ignore_range, hub.faults.match = True, "^/lfs/"

    report = _audit(hub, tmp_path)

    assert "ignored the Range request" in _skip_for(report, "pytorch_model.bin")
    assert report.target.remote is not None and report.target.remote.bytes_read < 64 << 10
    assert sent(hub) < 64 << 20  # at most what the socket took before we hung up
    assert len([r for r in content(hub) if r.server == "cdn"]) == 1  # not asked again


@pytest.mark.parametrize("delta", [-1000, 1000])
def test_server_lying_about_the_size_is_skipped(
    hub: FakeHub, tmp_path: Path, big_repo: Path, delta: int
) -> None:
    hub.faults.lie_content_length, hub.faults.match = delta, "pytorch_model"

    report = _audit(hub, tmp_path)

    assert "bytes, its listing" in _skip_for(report, "pytorch_model.bin")
    assert report.target.remote is not None and report.target.remote.bytes_read < 64 << 10


def test_lying_content_length_on_a_direct_answer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with sandboxed_hub(monkeypatch, tmp_path, cdn=False) as hub:
        hub.add_repo("org/m", {"README.md": "# m\n" * 100_000})
        hub.faults.lie_content_length = 5000

        report = _audit(hub, tmp_path, "hf://org/m")

    assert "announces" in _skip_for(report, "README.md")


def test_server_sending_more_than_asked_is_skipped(
    hub: FakeHub, tmp_path: Path, big_repo: Path
) -> None:
    hub.faults.send_extra_bytes, hub.faults.match = 4096, "^/lfs/"

    report = _audit(hub, tmp_path)

    assert "announces" in _skip_for(report, "pytorch_model.bin")


def test_truncated_transfers_resume(hub: FakeHub, tmp_path: Path, big_repo: Path) -> None:
    waits: list[float] = []
    hub.faults.truncate, hub.faults.file_fault_n, hub.faults.match = 100, 2, "^/lfs/"

    report = _audit(hub, tmp_path, sleep=waits.append)

    assert not report.skipped and waits == [1, 2]
    assert comparable(report) == comparable(local_audit(big_repo, "org/big"))


def test_transfers_that_keep_breaking_become_skips(
    hub: FakeHub, tmp_path: Path, big_repo: Path
) -> None:
    hub.faults.truncate, hub.faults.match = 0, "^/lfs/"

    report = _audit(hub, tmp_path)

    assert "after 5 retries" in _skip_for(report, "pytorch_model.bin")


@pytest.mark.parametrize(
    "fault",
    [
        {"ignore_range": True},
        {"lie_content_length": -7},
        {"lie_content_length": 7},
        {"send_extra_bytes": 3},
        {"truncate": 5},
        {"server_error_n": 3},
        {"rate_limit_n": 3},
    ],
)
def test_cli_never_shows_a_traceback(
    hub: FakeHub,
    tmp_path: Path,
    big_repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fault: dict[str, object],
) -> None:
    monkeypatch.setattr(hub_http, "pause", lambda seconds: None)
    record_backoff_sleeps(monkeypatch)
    for name, value in fault.items():
        setattr(hub.faults, name, value)

    code, _ = _cli(["audit", "hf://org/big", "--format", "json", "-o", str(tmp_path / "r")], capsys)

    assert code in (0, 1, 2)
