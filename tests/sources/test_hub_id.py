"""hf:// ids: what a Hub target may name, and the one-line error for the rest."""

from __future__ import annotations

import pytest

from opengauge.errors import TargetError
from opengauge.sources.hub_id import HubRepo, parse_hub_spec


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("hf://org/name", HubRepo("model", "org/name")),
        ("hf://gpt2", HubRepo("model", "gpt2")),
        ("hf://models/org/name@v1.0", HubRepo("model", "org/name", "v1.0")),
        ("hf://datasets/org/d@refs/pr/1", HubRepo("dataset", "org/d", "refs/pr/1")),
        ("hf://spaces/org/s", HubRepo("space", "org/s")),
        ("hf://org/n@" + "a" * 40, HubRepo("model", "org/n", "a" * 40)),
    ],
)
def test_specs(spec: str, expected: HubRepo) -> None:
    repo = parse_hub_spec(spec)
    assert repo == expected
    assert parse_hub_spec(repo.spec()) == repo


@pytest.mark.parametrize(
    "spec",
    ["hf://", "hf://../../etc", "hf://a/b/c", "hf://org/.hidden", "hf://org/n@", "hf://o/n@../x",
     "hf://org/n@-rf", "hf://org//n", "hf://datasets/"],
)  # fmt: skip
def test_bad_specs_are_one_line_errors(spec: str) -> None:
    with pytest.raises(TargetError, match=r"^hf://"):
        parse_hub_spec(spec)


def test_cache_folder_and_spec() -> None:
    repo = HubRepo("dataset", "org/d")
    assert repo.cache_folder == "datasets--org--d"
    assert repo.spec("f" * 40) == "hf://datasets/org/d@" + "f" * 40
