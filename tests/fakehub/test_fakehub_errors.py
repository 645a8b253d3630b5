"""Hub errors, access rules, retries, fault switches and the network guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from huggingface_hub import (
    HfApi,
    HfFileSystem,
    get_hf_file_metadata,
    get_session,
    hf_hub_download,
    hf_hub_url,
)
from huggingface_hub.errors import (
    EntryNotFoundError,
    GatedRepoError,
    HfHubHTTPError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from tests.fakehub import DEFAULT_TOKEN, FakeHub, NetworkBlockedError, hub_sandbox

DATA = bytes(range(256)) * 40  # 10 240 bytes


@pytest.fixture
def hub(fake_hub: FakeHub) -> FakeHub:
    fake_hub.add_repo("org/m", {"a.txt": DATA, "w.safetensors": DATA, "README.md": "# m\n"})
    return fake_hub


def _download(hub: FakeHub, filename: str) -> bytes:
    return Path(hf_hub_download("org/m", filename, endpoint=hub.endpoint)).read_bytes()


def test_missing_repo_revision_and_entry_raise_the_real_exceptions(hub: FakeHub) -> None:
    api = HfApi(endpoint=hub.endpoint)
    with pytest.raises(RepositoryNotFoundError) as anonymous:
        api.model_info("org/nope")
    assert anonymous.value.response.status_code == 401
    with pytest.raises(RepositoryNotFoundError) as authenticated:
        api.model_info("org/nope", token=DEFAULT_TOKEN)
    assert authenticated.value.response.status_code == 404
    with pytest.raises(RepositoryNotFoundError):
        hf_hub_download("org/nope", "a.txt", endpoint=hub.endpoint)
    with pytest.raises(RevisionNotFoundError):
        api.model_info("org/m", revision="nope")
    with pytest.raises(RevisionNotFoundError):
        hf_hub_download("org/m", "a.txt", revision="nope", endpoint=hub.endpoint)
    with pytest.raises(EntryNotFoundError):
        hf_hub_download("org/m", "missing.txt", endpoint=hub.endpoint)
    with pytest.raises(EntryNotFoundError):
        list(api.list_repo_tree("org/m", path_in_repo="no/such/dir"))


def test_gated_and_private_repos_check_the_token(hub: FakeHub) -> None:
    hub.add_repo("org/gated", {"w.bin": b"w"}, gated="auto", allowed_tokens=["hf_granted"])
    hub.add_repo("org/private", {"w.bin": b"p"}, private=True)
    api = HfApi(endpoint=hub.endpoint)

    assert api.model_info("org/gated").gated == "auto"  # metadata stays public
    assert [e.path for e in api.list_repo_tree("org/gated")] == ["w.bin"]
    with pytest.raises(GatedRepoError) as no_token:
        hf_hub_download("org/gated", "w.bin", endpoint=hub.endpoint)
    assert no_token.value.response.status_code == 401
    with pytest.raises(GatedRepoError) as not_granted:
        hf_hub_download("org/gated", "w.bin", endpoint=hub.endpoint, token=DEFAULT_TOKEN)
    assert not_granted.value.response.status_code == 403
    assert "not in the authorized list" in str(not_granted.value)
    granted = hf_hub_download("org/gated", "w.bin", endpoint=hub.endpoint, token="hf_granted")
    assert Path(granted).read_bytes() == b"w"

    with pytest.raises(RepositoryNotFoundError):
        api.model_info("org/private")
    assert api.model_info("org/private", token=DEFAULT_TOKEN).private is True
    with pytest.raises(HfHubHTTPError) as bad:
        api.model_info("org/m", token="hf_wrong")
    assert bad.value.response.status_code == 401
    assert not isinstance(bad.value, RepositoryNotFoundError)


def test_429_with_retry_after_then_success(hub: FakeHub, backoff_sleeps: list[float]) -> None:
    api = HfApi(endpoint=hub.endpoint)
    hub.faults.rate_limit_n, hub.faults.retry_after = 2, 3

    assert len(list(api.list_repo_tree("org/m"))) == 3  # paginated calls use http_backoff

    assert [r.status for r in hub.find(route="tree")] == [429, 429, 200]
    assert backoff_sleeps == [4, 4]  # Retry-After + 1 s, as _http_backoff_base waits
    hub.faults.rate_limit_n = 1
    with pytest.raises(HfHubHTTPError) as once:  # model_info does not retry
        api.model_info("org/m")
    assert once.value.response.status_code == 429
    assert once.value.response.headers["Retry-After"] == "3"


def test_server_error_then_success(hub: FakeHub, backoff_sleeps: list[float]) -> None:
    hub.faults.server_error_n = 1

    assert _download(hub, "a.txt") == DATA

    assert [(r.method, r.status, r.fault) for r in hub.requests] == [
        ("HEAD", 500, "server_error"),
        ("HEAD", 200, None),
        ("GET", 200, None),
    ]
    assert backoff_sleeps == []  # hf_hub_download re-asks at once, with retries on


def test_ignore_range_and_send_extra_bytes(hub: FakeHub) -> None:
    url = hf_hub_url("org/m", "a.txt", endpoint=hub.endpoint)
    hub.faults.ignore_range = True
    whole = get_session().get(url, headers={"Range": "bytes=0-9"})
    assert (whole.status_code, len(whole.content)) == (200, len(DATA))

    hub.faults.reset()
    hub.faults.send_extra_bytes = 5
    extra = get_session().get(url, headers={"Range": "bytes=0-9"})
    assert extra.status_code == 206 and extra.headers["Content-Range"] == f"bytes 0-9/{len(DATA)}"
    assert extra.content == DATA[:10] + b"XXXXX"
    assert [r.fault for r in hub.requests] == ["ignore_range", "send_extra_bytes=5"]
    with pytest.raises(OSError, match="Consistency check failed"):  # HEAD size != GET body
        _download(hub, "a.txt")


def test_truncate_then_hf_hub_download_retries(hub: FakeHub, backoff_sleeps: list[float]) -> None:
    hub.faults.truncate, hub.faults.file_fault_n = 100, 1

    assert _download(hub, "w.safetensors") == DATA

    cdn = hub.find(server="cdn")
    assert [(r.status, r.bytes_sent, r.fault) for r in cdn] == [
        (200, 100, "truncate=100"),
        (200, len(DATA), None),
    ]
    assert backoff_sleeps == [1]  # http_get waits 1 s before trying again


def test_lie_content_length_is_trusted_by_the_client(hub: FakeHub) -> None:
    hub.faults.lie_content_length = -10
    meta = get_hf_file_metadata(hf_hub_url("org/m", "w.safetensors", endpoint=hub.endpoint))
    assert meta.size == len(DATA) - 10  # X-Linked-Size lied

    # Short by 10 bytes, and no error: a reader must check sizes/hashes itself.
    assert _download(hub, "a.txt") == DATA[:-10]
    declared = [(r.method, r.content_length) for r in hub.requests if r.path.endswith("/a.txt")]
    assert declared == [("HEAD", len(DATA) - 10), ("GET", len(DATA) - 10)]


def test_faults_can_be_scoped_to_paths(hub: FakeHub, backoff_sleeps: list[float]) -> None:
    hub.faults.server_error_n, hub.faults.match = 1, r"/tree/"
    api = HfApi(endpoint=hub.endpoint)
    assert api.model_info("org/m").sha  # not matched: no fault spent
    assert len(list(api.list_repo_tree("org/m"))) == 3
    assert [r.status for r in hub.requests] == [200, 500, 200]
    assert backoff_sleeps == [1]


def test_range_edge_cases(hub: FakeHub) -> None:
    url = hf_hub_url("org/m", "a.txt", endpoint=hub.endpoint)

    def get(value: str) -> tuple[int, bytes, str | None]:
        r = get_session().get(url, headers={"Range": value})
        return r.status_code, r.content, r.headers.get("Content-Range")

    assert get("bytes=-4") == (206, DATA[-4:], f"bytes {len(DATA) - 4}-{len(DATA) - 1}/{len(DATA)}")
    assert get("bytes=10240-") == (416, b"", f"bytes */{len(DATA)}")
    assert get("bytes=10000-99999")[1] == DATA[10000:]
    assert get("bytes=0-1,4-5")[0] == 200  # multi-range: ignored, whole file (S3-like)


def test_requests_off_loopback_are_blocked(hub: FakeHub) -> None:
    with pytest.raises(NetworkBlockedError):
        HfApi(endpoint="https://huggingface.co").model_info("org/m")
    with pytest.raises(NetworkBlockedError):
        HfApi().model_info("org/m")  # default endpoint: not patched by the fixture


def test_default_endpoint_sandbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from huggingface_hub import model_info

    with FakeHub() as hub, hub_sandbox(monkeypatch, tmp_path, default_endpoint=hub.endpoint):
        hub.add_repo("org/m", {"a.txt": b"a"})
        assert HfApi().model_info("org/m").id == "org/m"
        assert model_info("org/m").id == "org/m"  # the module-level HfApi too
        assert Path(hf_hub_download("org/m", "a.txt")).read_bytes() == b"a"
        assert HfFileSystem().cat("org/m/a.txt") == b"a"
        assert all(r.route != "unknown" for r in hub.requests)  # no agent-harnesses call
