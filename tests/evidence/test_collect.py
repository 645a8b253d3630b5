"""Evidence collection: every reader that fails becomes a skip with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengauge.evidence import collect as collect_module
from opengauge.evidence.collect import CollectOptions, card_kind, collect
from opengauge.model import Evidence
from opengauge.sources import ReleaseReader, open_local


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n# m\n")
    (tmp_path / "model.safetensors").write_bytes(b"\x00" * 16)
    (tmp_path / "config.json").write_text('{"architectures": ["BertModel"]}')
    (tmp_path / "LICENSE").write_text("MIT License\n")
    return tmp_path


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("reader exploded")


@pytest.mark.parametrize(
    ("target", "attribute", "reason"),
    [
        (collect_module.weight_reader, "read_weight_header", "weight header unreadable"),
        (collect_module.card_reader, "read_card", "card unreadable"),
        (collect_module.license_reader, "collect_licenses", "licence collection failed"),
    ],
)
def test_a_failing_reader_is_a_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: object, attribute: str, reason: str
) -> None:
    monkeypatch.setattr(target, attribute, _boom)
    evidence = collect(open_local(_folder(tmp_path)))
    assert any(reason in s.reason and "reader exploded" in s.reason for s in evidence.skipped)
    assert {f.path for f in evidence.files} >= {"README.md", "model.safetensors"}


def test_a_failing_extra_collector_is_a_skip(tmp_path: Path) -> None:
    def broken(reader: ReleaseReader, evidence: Evidence) -> Evidence:
        raise ValueError("nope")

    evidence = collect(open_local(_folder(tmp_path)), extra_collectors=(broken,))
    assert any("collector broken failed: nope" in s.reason for s in evidence.skipped)


def test_json_caps_and_head_budget(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "big.json").write_text("[" + "1," * 200 + "1]")
    (folder / "a.py").write_text("x = 1\n" * 100)
    (folder / "b.py").write_text("y = 2\n" * 100)
    options = CollectOptions(json_max_bytes=100, head_total_bytes=700)
    evidence = collect(open_local(folder), options)
    reasons = {s.path: s.reason for s in evidence.skipped}
    assert "size cap" in reasons["big.json"]
    assert "content cues not kept" in " ".join(reasons.values())
    assert "config.json" in evidence.configs


def test_card_kinds() -> None:
    assert card_kind("README.md") == "model"
    assert card_kind("MODEL_CARD.md") == "model"
    assert card_kind("DATASHEET.md") == "dataset"
    assert card_kind("data/README.md") == "dataset"
    assert card_kind("docs/README.md") == "readme"
    assert card_kind("notes.md") == "doc"
    assert card_kind("notes.py") is None
    assert card_kind("README_en.md") == "readme"
    assert card_kind("Bark_Model_Card.md") == "model"
    assert card_kind("model_cards/FLUX.1-dev.md") == "model"
    assert card_kind("model_cards/README.md") == "readme"
    assert card_kind("docs/model_cards/notes.txt") is None
