from __future__ import annotations

from opengauge.analyzers.claimed_files import ANALYZER
from opengauge.analyzers.context import Context
from opengauge.model import Card, Evidence, FileEntry, Status


def _run(body: str, *paths: str) -> list[Status]:
    files = tuple(FileEntry(path=p, size=1, kind="code") for p in paths)
    card = Card(path="README.md", kind="model", body=body)
    return [
        f.status
        for f in ANALYZER.run(Context.build(Evidence(root="/x", files=files, cards=(card,))))
    ]


def test_present_file_passes() -> None:
    assert _run("The script is included: `train.py`.", "train.py") == [Status.PASS]


def test_absent_file_fails_each_time() -> None:
    body = "See `eval.py` for evaluation.\nData prep in [prep](scripts/prepare_data.py).\n"
    assert _run(body) == [Status.FAIL, Status.FAIL]


def test_mentions_without_locality_are_not_claims() -> None:
    assert _run("Upstream ships `train.py` in their repo on GitHub.") == [Status.PASS]


def test_code_blocks_are_not_claims() -> None:
    assert _run("```\npython train.py\n```\n") == [Status.PASS]
