"""The remote reader against the fake Hub: same report as a local audit, few bytes, caching."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from huggingface_hub import hf_hub_download, snapshot_download
from tests.conftest import EXAMPLES
from tests.fakehub import FakeHub
from tests.fakehub.audits import (
    FIXED_TIME,
    comparable,
    content,
    local_audit,
    options,
    sandboxed_hub,
    sent,
)
from tests.fakehub.sparse import (
    GiB,
    sparse_gguf,
    sparse_legacy_torch,
    sparse_safetensors,
    sparse_torch_zip,
)

import opengauge
from opengauge.cli import main
from opengauge.errors import TargetError
from opengauge.model import HubMetadata, Outcome
from opengauge.sources.hub import HubReader
from opengauge.sources.hub_id import parse_hub_spec
from opengauge.sources.hub_open import hub_metadata, open_hub
from opengauge.sources.reader import WalkLimits


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    with sandboxed_hub(monkeypatch, tmp_path) as running:
        yield running


@pytest.fixture(scope="module")
def sparse_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 12 GB release of sparse weights in four formats, with a card and a licence."""
    folder = tmp_path_factory.mktemp("sparse-release")
    sparse_safetensors(folder / "model.safetensors", 3 * GiB)
    sparse_torch_zip(folder / "pytorch_model.bin", 5 * GiB)
    sparse_gguf(folder / "model-q8.gguf", 2 * GiB)
    sparse_legacy_torch(folder / "legacy.pt", 2 * GiB)
    (folder / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# Sparse\n\nWeights released under Apache 2.0.\n"
    )
    (folder / "LICENSE").write_text((EXAMPLES / "_texts" / "Apache-2.0.txt").read_text())
    (folder / "config.json").write_text('{"architectures": ["LlamaForCausalLM"]}')
    return folder


def _total(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("example", ["fully-open", "openwashed", "unsafe-pickle", "minilm"])
def test_remote_audit_equals_local_audit(
    hub: FakeHub, tmp_path: Path, minilm_dir: Path, example: str
) -> None:
    folder = minilm_dir if example == "minilm" else EXAMPLES / example
    commit = hub.add_repo(f"org/{example}", folder)

    # follow=False: following the card's datasets adds evidence a local audit lacks
    remote = opengauge.audit(
        f"hf://org/{example}", remote=options(hub, tmp_path), generated_at=FIXED_TIME, follow=False
    )
    local = local_audit(folder, f"org/{example}")

    assert comparable(remote) == comparable(local)
    assert remote.target.source == "hf-hub" and remote.target.revision == commit.sha
    assert remote.target.path == f"hf://org/{example}@{commit.sha}"
    read = remote.target.remote
    assert read is not None and read.bytes_total == _total(folder)
    assert read.bytes_read == sent(hub) > 0  # what we count is what the server sent
    assert read.content_requests == len(content(hub))


def test_multi_gigabyte_release_reads_under_one_percent(
    hub: FakeHub, tmp_path: Path, sparse_release: Path
) -> None:
    hub.add_repo("org/sparse", sparse_release)

    remote = opengauge.audit(
        "hf://org/sparse", remote=options(hub, tmp_path), generated_at=FIXED_TIME
    )

    total = _total(sparse_release)
    assert total > 12 * GiB
    read = remote.target.remote
    assert read is not None and read.bytes_total == total
    assert sent(hub) == read.bytes_read < total // 100
    assert read.bytes_read < 4 << 20  # headers, directories and pickles, never tensors
    assert comparable(remote) == comparable(local_audit(sparse_release, "org/sparse"))
    formats = {w.path: w.format for w in remote.weights}
    assert set(formats.values()) >= {"safetensors", "pytorch-zip", "gguf", "pytorch-legacy"}
    assert not remote.skipped
    ranges = [r.range for r in content(hub) if r.method == "GET" and r.status == 206]
    assert ranges and all(r is not None for r in ranges)


def test_unsafe_pickle_in_a_sparse_zip_is_found_remotely(hub: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    sparse_torch_zip(folder / "pytorch_model.bin", 3 * GiB, evil=True)
    hub.add_repo("org/evil", folder)

    report = opengauge.audit(
        "hf://org/evil", remote=options(hub, tmp_path), select="safety", generated_at=FIXED_TIME
    )

    safety = next(f for f in report.frameworks if f.framework == "safety")
    assert safety.outcome is Outcome.FAIL
    assert any("os.system" in f.message for f in report.findings)
    assert sent(hub) < 1 << 20


def test_second_audit_of_a_revision_makes_no_content_request(
    hub: FakeHub, tmp_path: Path, sparse_release: Path
) -> None:
    commit = hub.add_repo("org/sparse", sparse_release)
    first = opengauge.audit(
        "hf://org/sparse", remote=options(hub, tmp_path), generated_at=FIXED_TIME
    )
    assert content(hub)
    hub.clear_requests()

    again = opengauge.audit(
        "hf://org/sparse", remote=options(hub, tmp_path), generated_at=FIXED_TIME
    )

    assert content(hub) == []
    assert [r.route for r in hub.requests] == ["model_info"]  # the branch is asked where it is
    assert comparable(again) == comparable(first)
    assert again.target.remote is not None and again.target.remote.bytes_read == 0
    hub.clear_requests()
    pinned = opengauge.audit(
        f"hf://org/sparse@{commit.sha}", remote=options(hub, tmp_path), generated_at=FIXED_TIME
    )
    assert hub.requests == []  # a commit never changes: nothing to ask
    assert comparable(pinned) == comparable(first)


def test_byte_cap_stops_reading_and_records_skips(
    hub: FakeHub, tmp_path: Path, sparse_release: Path
) -> None:
    hub.add_repo("org/sparse", sparse_release)
    cap = 40_000

    report = opengauge.audit(
        "hf://org/sparse", remote=options(hub, tmp_path, max_bytes=cap), generated_at=FIXED_TIME
    )

    assert report.target.remote is not None and report.target.remote.max_bytes == cap
    assert sent(hub) == report.target.remote.bytes_read <= cap
    budget = [s for s in report.skipped if "budget" in s.reason]
    assert budget and all("--max-remote-bytes" in s.reason for s in budget)
    assert "pytorch_model.bin" in {s.path for s in budget}


def test_revision_tag_and_commit_are_pinned(hub: FakeHub, tmp_path: Path) -> None:
    old = hub.add_repo("org/m", {"README.md": "# v1\n"}, revision_sha="1" * 40, git_tags=["v1"])
    new = hub.add_repo("org/m", {"README.md": "# version 2\n"}, revision_sha="2" * 40)
    opts = options(hub, tmp_path)

    assert opengauge.audit("hf://org/m", remote=opts).target.revision == new.sha
    tagged = opengauge.audit("hf://org/m@v1", remote=opts)
    assert tagged.target.revision == old.sha and tagged.files[0].size == len("# v1\n")
    assert opengauge.audit(f"hf://org/m@{old.sha}", remote=opts).target.revision == old.sha


def test_hub_metadata_is_recorded(hub: FakeHub, tmp_path: Path) -> None:
    st = tmp_path / "model.safetensors"
    sparse_safetensors(st, 1 << 20)
    header = int.from_bytes(st.read_bytes()[:8], "little")
    card = "---\nlicense: apache-2.0\nbase_model: org/base\n---\n# Tuned\n"
    tags = ["license:apache-2.0", "base_model:finetune:org/base", "dataset:org/d", "text"]
    hub.add_repo("org/m", {"README.md": card, "model.safetensors": st}, tags=tags,
                 library_name="transformers", pipeline_tag="text-generation")  # fmt: skip

    report = opengauge.audit("hf://org/m", remote=options(hub, tmp_path), follow=False)

    assert report.target.hub == HubMetadata(
        licence=("apache-2.0",),
        base_model=("org/base",),
        datasets=("org/d",),
        library_name="transformers",
        pipeline_tag="text-generation",
        parameters=((1 << 20) - 8 - header) // 2,  # F16: two bytes each
    )
    assert opengauge.audit(EXAMPLES / "fully-open").target.hub is None


def test_hub_metadata_falls_back_to_the_card_the_hub_parsed() -> None:
    info = {"gated": "manual", "card_data": {"license": ["mit", 3], "datasets": "org/d"}}
    assert hub_metadata(info) == HubMetadata(gated="manual", licence=("mit",), datasets=("org/d",))


def test_dataset_repository(hub: FakeHub, tmp_path: Path) -> None:
    card = "---\nlicense: cc-by-4.0\n---\n# Corpus\n\nA dataset.\n"
    hub.add_repo("org/corpus", {"README.md": card, "data/train.jsonl": b'{"t": 1}\n' * 50},
                 kind="dataset")  # fmt: skip

    report = opengauge.audit("hf://datasets/org/corpus", remote=options(hub, tmp_path))

    assert report.target.name == "org/corpus" and report.target.path.startswith("hf://datasets/")
    assert [f.path for f in report.files] == ["README.md", "data/train.jsonl"]
    assert all("/datasets/org/corpus/resolve/" in r.path for r in content(hub))


def test_files_in_the_hugging_face_cache_are_not_fetched(hub: FakeHub, tmp_path: Path) -> None:
    commit = hub.add_repo("org/fully-open", EXAMPLES / "fully-open")
    hf_hub_download("org/fully-open", "README.md", endpoint=hub.endpoint)
    hub.clear_requests()

    report = opengauge.audit("hf://org/fully-open", remote=options(hub, tmp_path))

    assert report.target.source == "hf-hub"  # a partial snapshot: the Hub lists the rest
    assert report.target.revision == commit.sha
    assert not any(r.path.endswith("/README.md") for r in content(hub))
    assert any(r.path.endswith("/LICENSE") for r in content(hub))


def test_a_complete_cached_snapshot_is_audited_without_the_network(
    hub: FakeHub, tmp_path: Path
) -> None:
    hub.add_repo("org/openwashed", EXAMPLES / "openwashed")
    snapshot_download("org/openwashed", endpoint=hub.endpoint)
    hub.clear_requests()

    report = opengauge.audit("hf://org/openwashed", remote=options(hub, tmp_path))

    assert report.target.source == "hf-cache" and hub.requests == []


def test_offline_keeps_to_the_cache(hub: FakeHub, tmp_path: Path) -> None:
    hub.add_repo("org/m", {"README.md": "# m\n"})
    with pytest.raises(TargetError, match="not in the local Hugging Face cache"):
        opengauge.audit("hf://org/m", offline=True, remote=options(hub, tmp_path))
    assert hub.requests == []


def test_listing_uses_the_hub_lfs_sha256_and_hashes_small_files(
    hub: FakeHub, tmp_path: Path
) -> None:
    big = tmp_path / "w.safetensors"
    sparse_safetensors(big, 1 * GiB)
    commit = hub.add_repo(
        "org/h", {"w.safetensors": big, "config.json": "{}"}, sha256={"w.safetensors": "e" * 64}
    )
    reader = open_hub(parse_hub_spec("hf://org/h"), options(hub, tmp_path))

    listing = reader.list(WalkLimits(hash_files=True))

    digests = {f.path: f.sha256 for f in listing.files}
    assert digests["w.safetensors"] == "e" * 64  # from the Hub, not by reading 1 GB
    assert digests["config.json"] == hashlib.sha256(b"{}").hexdigest()
    assert reader.transfer().bytes_read == 2
    assert reader.revision == commit.sha


def test_hostile_listing_names_are_skipped(hub: FakeHub, tmp_path: Path) -> None:
    hub.add_repo("org/n", {"README.md": "# n\n", "a\x01b.txt": "x", ".git/config": "x"})
    reader = open_hub(parse_hub_spec("hf://org/n"), options(hub, tmp_path))
    assert isinstance(reader, HubReader)

    listing = reader.list(WalkLimits())

    assert [f.path for f in listing.files] == ["README.md"]
    reasons = {s.path: s.reason for s in listing.skipped}
    assert "unsafe name" in reasons["a\\x01b.txt"] and ".git" in reasons


def test_cli_audits_a_hub_repository(
    hub: FakeHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo("org/fully-open", EXAMPLES / "fully-open")

    code = main(
        ["audit", "hf://org/fully-open", "--format", "json", "--max-remote-bytes", "9000000"]
    )

    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["target"]["revision"] == commit.sha
    assert data["target"]["remote"]["max_bytes"] == 9_000_000
    assert 0 < data["target"]["remote"]["bytes_read"] <= data["target"]["remote"]["bytes_total"]
    assert main(["audit", "hf://org/fully-open", "--offline"]) == 2
    assert "not in the local Hugging Face cache" in capsys.readouterr().err
    assert main(["audit", "hf://org/fully-open", "--max-remote-bytes", "0"]) == 2
