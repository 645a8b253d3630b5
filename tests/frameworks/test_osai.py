"""Open Source AI Index dimensions from evidence; the index's own rating beside ours."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES
from tests.frameworks.releases import PASS, write

import opengauge
from opengauge.frameworks.index_records import lookup, normalise, records
from opengauge.frameworks.scoring import index_score
from opengauge.model import AuditReport, FrameworkResult


def _osai(report: AuditReport) -> FrameworkResult:
    return next(f for f in report.frameworks if f.framework == "osai")


def _ratings(result: FrameworkResult) -> dict[str, str | None]:
    return {c.id.removeprefix("osai."): c.rating for c in result.controls}


def test_twelve_dimensions_and_score_formula() -> None:
    result = _osai(opengauge.audit(EXAMPLES / "fully-open"))
    ratings = _ratings(result)
    assert len(ratings) == 12
    assert ratings["weights_endmodel"] == "open"
    assert ratings["trainingcode"] == "open"
    assert ratings["datasheet"] == "open"
    assert ratings["licenses"] == "open"
    assert result.score == index_score(ratings.values())
    assert result.details["verdict_fields"]["score"] == result.score


def test_openwashed_is_mostly_closed_and_base_model_not_guessed() -> None:
    result = _osai(opengauge.audit(EXAMPLES / "openwashed"))
    ratings = _ratings(result)
    # fine-tuned from Llama 3.1: the base model's data and weights are not rated from here
    assert ratings["datasources_basemodel"] is None
    assert ratings["weights_basemodel"] is None
    assert ratings["licenses"] == "closed"
    assert ratings["trainingcode"] == "closed"
    assert "Base model data" in result.details["verdict_fields"]["not_determinable"]
    assert result.score is not None and result.score < 0.3


def test_no_card_means_not_determinable_not_closed(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"")
    ratings = _ratings(_osai(opengauge.audit(tmp_path)))
    assert ratings["trainingcode"] is None
    assert ratings["hardware_architecture"] is None
    assert ratings["modelcard"] == "closed"


def test_index_record_shown_beside_ours(tmp_path: Path) -> None:
    result = _osai(opengauge.audit(write(tmp_path / "Pythia", PASS["Pythia"]())))
    record = result.details["index_record"]
    assert record["name"] == "Pythia"
    assert set(record["ratings"]) <= {c.id.removeprefix("osai.") for c in result.controls}
    assert "the index rates Pythia" in result.summary
    for line in record["disagreements"]:
        assert "ours" in line and "index" in line


def test_index_records_load_and_match_by_name() -> None:
    table = records()
    assert len({r.name for r in table.values()}) >= 150
    assert normalise("OLMo-7B Instruct") == "olmo7binstruct"
    found = lookup(["unknown", "OLMo"])
    assert found is not None and found.name == "OLMo"
    assert lookup(["nothing-like-it"]) is None


def test_index_disagreements_reach_every_human_format(tmp_path: Path) -> None:
    from opengauge.report import render

    report = opengauge.audit(write(tmp_path / "Pythia", PASS["Pythia"]()))
    differences = _osai(report).details["index_record"]["disagreements"]
    assert differences, "the fixture differs from the index on some dimension"
    for fmt in ("terminal", "markdown", "html"):
        out = render(report, fmt)
        assert "Pythia" in out and differences[0].split(":")[0] in out, fmt
