"""The real huggingface_hub client against the fake Hub: metadata, listings, bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from huggingface_hub import HfApi, HfFileSystem, get_hf_file_metadata, hf_hub_download, hf_hub_url
from tests.conftest import EXAMPLES
from tests.fakehub import DEFAULT_TOKEN, FakeHub, build_repo_from_folder, hub_sandbox

GiB = 1 << 30
OLD, NEW = "1" * 40, "2" * 40


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _sparse(path: Path, size: int, marks: dict[int, bytes]) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
        for offset, data in marks.items():
            handle.seek(offset)
            handle.write(data)
    return path


def test_model_info_with_files_metadata(fake_hub: FakeHub, minilm_dir: Path) -> None:
    fake_hub.add_repo("sentence-transformers/all-MiniLM-L6-v2", minilm_dir)
    api = HfApi(endpoint=fake_hub.endpoint)

    info = api.model_info("sentence-transformers/all-MiniLM-L6-v2", files_metadata=True)

    siblings = {s.rfilename: s for s in info.siblings or []}
    weights = siblings["model.safetensors"]
    assert weights.lfs is not None
    assert weights.lfs.sha256 == _sha256(minilm_dir / "model.safetensors")
    assert weights.size == weights.lfs.size == (minilm_dir / "model.safetensors").stat().st_size
    assert siblings["config.json"].lfs is None and siblings["config.json"].blob_id
    assert info.sha is not None and len(info.sha) == 40
    assert info.card_data is not None and info.card_data.license == "apache-2.0"
    assert info.library_name == "sentence-transformers" and info.gated is False
    assert info.safetensors is not None and info.safetensors.total > 20_000_000
    assert "license:apache-2.0" in (info.tags or []) and info.last_modified is not None
    assert fake_hub.requests[-1].path.endswith("?blobs=true")
    plain = api.model_info("sentence-transformers/all-MiniLM-L6-v2")
    assert {s.rfilename for s in plain.siblings or []} == set(siblings)
    assert all(s.size is None for s in plain.siblings or [])


def test_dataset_info_tree_and_hf_download(fake_hub: FakeHub, tmp_path: Path) -> None:
    rows = b'{"text": "hello"}\n' * 100
    fake_hub.add_repo(
        "org/corpus",
        {"README.md": "---\nlicense: cc-by-4.0\n---\n# corpus\n", "data/train.jsonl": rows},
        kind="dataset",
    )
    api = HfApi(endpoint=fake_hub.endpoint)

    info = api.dataset_info("org/corpus", files_metadata=True)
    assert info.card_data is not None and info.card_data.license == "cc-by-4.0"
    assert {s.rfilename: s.size for s in info.siblings or []}["data/train.jsonl"] == len(rows)
    listed = api.list_repo_tree("org/corpus", recursive=True, repo_type="dataset")
    assert sorted(e.path for e in listed) == ["README.md", "data", "data/train.jsonl"]
    local = hf_hub_download(
        "org/corpus", "data/train.jsonl", repo_type="dataset", endpoint=fake_hub.endpoint
    )
    assert Path(local).read_bytes() == rows
    assert "datasets--org--corpus" in local and str(tmp_path) in local
    with HfFileSystem(endpoint=fake_hub.endpoint).open("datasets/org/corpus/data/train.jsonl") as f:
        assert f.read(8) == rows[:8]


def test_list_repo_tree_paginates_and_lists_subfolders(fake_hub: FakeHub) -> None:
    fake_hub.add_repo("org/open", EXAMPLES / "fully-open")
    fake_hub.tree_page_size = 4
    api = HfApi(endpoint=fake_hub.endpoint)
    expected = build_repo_from_folder(EXAMPLES / "fully-open")

    entries = list(api.list_repo_tree("org/open", recursive=True))

    files = {e.path: e for e in entries if not hasattr(e, "tree_id")}
    assert set(files) == set(expected)
    assert files["model.safetensors"].lfs is not None  # RepoFile.lfs parsed from {oid, size}
    pages = fake_hub.find(route="tree")
    assert len(pages) == -(-len(entries) // 4) > 1
    assert all("cursor=" in p.path for p in pages[1:])
    sub = api.list_repo_tree("org/open", path_in_repo="checkpoints/step-500")
    assert [e.path for e in sub] == ["checkpoints/step-500/model.safetensors"]
    assert "/tree/main/checkpoints%2Fstep-500" in fake_hub.requests[-1].path


def test_get_paths_info(fake_hub: FakeHub) -> None:
    fake_hub.add_repo("org/open", EXAMPLES / "fully-open")
    api = HfApi(endpoint=fake_hub.endpoint)

    found = api.get_paths_info("org/open", ["README.md", "checkpoints", "missing.bin"])

    assert [(type(e).__name__, e.path) for e in found] == [
        ("RepoFile", "README.md"),
        ("RepoFolder", "checkpoints"),
    ]
    assert fake_hub.requests[-1].method == "POST"


def test_hf_hub_download_small_and_lfs_files_into_tmp_cache(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    commit = fake_hub.add_repo("org/open", EXAMPLES / "fully-open", gated="manual")
    cache = tmp_path / "cache"

    readme = Path(
        hf_hub_download(
            "org/open",
            "README.md",
            endpoint=fake_hub.endpoint,
            cache_dir=cache,
            token=DEFAULT_TOKEN,
        )
    )
    weights = Path(
        hf_hub_download(
            "org/open",
            "model.safetensors",
            endpoint=fake_hub.endpoint,
            cache_dir=cache,
            token=DEFAULT_TOKEN,
        )
    )

    assert readme.read_bytes() == (EXAMPLES / "fully-open/README.md").read_bytes()
    assert readme.resolve().name == commit.files["README.md"].git_oid  # blob named by the etag
    assert weights.resolve().name == _sha256(EXAMPLES / "fully-open/model.safetensors")
    assert weights.parent.name == commit.sha
    assert (cache / "models--org--open/refs/main").read_text() == commit.sha
    cdn = fake_hub.find(server="cdn")
    assert len(cdn) == 1 and cdn[0].authorization is None  # token not sent to the CDN host
    assert all(r.authorization == f"Bearer {DEFAULT_TOKEN}" for r in fake_hub.find(server="hub"))


def test_hf_file_system_reads_one_range_of_a_10gb_sparse_file(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    big = _sparse(
        tmp_path / "big.safetensors", 10 * GiB, {5 * GiB: b"MIDDLE", 10 * GiB - 4: b"TAIL"}
    )
    fake_hub.add_repo("org/big", {"model.safetensors": big}, sha256={"model.safetensors": "f" * 64})
    fs = HfFileSystem(endpoint=fake_hub.endpoint)

    with fs.open("org/big/model.safetensors", "rb", cache_type="none") as f:
        assert f.size == 10 * GiB
        f.seek(5 * GiB)
        assert f.read(6) == b"MIDDLE"
        f.seek(-4, 2)
        assert f.read(4) == b"TAIL"

    fake_hub.wait_idle()
    data = fake_hub.find(server="cdn")
    assert [r.range for r in data] == [
        f"bytes={5 * GiB}-{5 * GiB + 5}",
        f"bytes={10 * GiB - 4}-{10 * GiB - 1}",
    ]
    assert [r.status for r in data] == [206, 206]
    assert sum(r.bytes_sent for r in fake_hub.requests) < 64 * 1024  # JSON + 10 bytes of data


def test_revision_pinning(fake_hub: FakeHub, tmp_path: Path) -> None:
    fake_hub.add_repo("org/m", {"config.json": '{"v": 1}'}, revision_sha=OLD, git_tags=["v1.0"])
    fake_hub.add_repo("org/m", {"config.json": '{"v": 2}'}, revision_sha=NEW)
    api = HfApi(endpoint=fake_hub.endpoint)

    assert api.model_info("org/m").sha == NEW
    assert api.model_info("org/m", revision=OLD).sha == OLD
    assert api.model_info("org/m", revision="v1.0").sha == OLD
    url = hf_hub_url("org/m", "config.json", revision=OLD, endpoint=fake_hub.endpoint)
    assert get_hf_file_metadata(url).commit_hash == OLD
    old = hf_hub_download("org/m", "config.json", revision=OLD, endpoint=fake_hub.endpoint)
    new = hf_hub_download("org/m", "config.json", endpoint=fake_hub.endpoint)
    assert (Path(old).read_text(), Path(new).read_text()) == ('{"v": 1}', '{"v": 2}')
    assert Path(old).parent.name == OLD and Path(new).parent.name == NEW
    fs = HfFileSystem(endpoint=fake_hub.endpoint)
    assert fs.cat(f"org/m@{OLD}/config.json") == b'{"v": 1}'
    refs = api.list_repo_refs("org/m")
    assert [(b.name, b.target_commit) for b in refs.branches] == [("main", NEW)]
    assert [(t.name, t.target_commit) for t in refs.tags] == [("v1.0", OLD)]


def test_build_repo_from_folder_hashes_lazily_and_fakes_huge_files(
    tmp_path: Path, minilm_dir: Path
) -> None:
    files = build_repo_from_folder(minilm_dir)
    assert files["model.safetensors"].lfs and not files["tokenizer.json"].lfs
    assert not files["README.md"].lfs and "1_Pooling/config.json" in files
    assert files["model.safetensors"].sha256 == _sha256(minilm_dir / "model.safetensors")

    _sparse(tmp_path / "huge.bin", 10 * GiB, {})
    (tmp_path / "notes.txt").write_text("x")
    given = build_repo_from_folder(tmp_path, sha256={"huge.bin": "e" * 64})
    assert given["huge.bin"].sha256 == "e" * 64 and not given["huge.bin"].sha256_is_fake
    faked = build_repo_from_folder(tmp_path)["huge.bin"]
    assert faked.sha256_is_fake and len(faked.sha256) == 64  # instant: nothing hashed
    assert build_repo_from_folder(tmp_path, lfs=["notes.txt"])["notes.txt"].lfs


@pytest.mark.parametrize("cdn", [True, False])
def test_lfs_headers_with_and_without_cdn_redirect(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cdn: bool
) -> None:
    with hub_sandbox(monkeypatch, tmp_path / "hf"), FakeHub(cdn=cdn) as hub:
        commit = hub.add_repo("org/w", {"w.safetensors": b"\0" * 64})
        entry = commit.files["w.safetensors"]
        url = hf_hub_url("org/w", "w.safetensors", endpoint=hub.endpoint)
        meta = get_hf_file_metadata(url)
        assert (meta.etag, meta.size, meta.commit_hash) == (entry.sha256, 64, commit.sha)
        assert meta.location.startswith(hub.cdn_endpoint)
        assert hub.requests[-1].status == (302 if cdn else 200)
