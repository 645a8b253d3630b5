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


def test_openwashed_is_mostly_closed_and_base_model_rated_from_its_family() -> None:
    result = _osai(opengauge.audit(EXAMPLES / "openwashed"))
    ratings = _ratings(result)
    controls = {c.id.removeprefix("osai."): c for c in result.controls}
    # fine-tuned from Llama 3.1: the base dimensions are the Llama 3 family's (closed data,
    # gated weights), cited at the card metadata that says so
    assert ratings["datasources_basemodel"] == "closed"
    assert ratings["weights_basemodel"] == "partial"
    assert controls["weights_basemodel"].findings == ("release.identity README.md:1",)
    # every part under Llama terms, nothing fully open: closed, as the Index rates Llama
    assert ratings["licenses"] == "closed"
    assert ratings["trainingcode"] == "closed"
    assert result.score is not None and result.score < 0.3


def test_what_is_not_shared_is_closed(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"")
    result = _osai(opengauge.audit(tmp_path))
    ratings = _ratings(result)
    assert ratings["trainingcode"] == "closed"
    assert ratings["hardware_architecture"] == "closed"
    assert ratings["modelcard"] == "closed"
    assert ratings["paper"] == "closed" and ratings["preprint"] == "closed"
    assert ratings["weights_endmodel"] == "open"
    assert result.details["verdict_fields"]["not_determinable"] == []


def _release(
    tmp_path: Path, readme: str, files: dict[str, str] | None = None
) -> dict[str, str | None]:
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    for name, text in (files or {}).items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return _ratings(_osai(opengauge.audit(tmp_path)))


def test_referenced_model_card_is_partial_and_weight_diff_is_partial(tmp_path: Path) -> None:
    ratings = _release(
        tmp_path,
        "# Alpaca\n\nAlpaca is fine-tuned from LLaMA 7B.\n\n## Weights\n\nWe release the "
        "weight diff at https://huggingface.co/tatsu-lab/alpaca-7b-wdiff and the model card "
        "on [the Hub](https://huggingface.co/tatsu-lab/alpaca-7b-wdiff).\n",
    )
    assert ratings["weights_endmodel"] == "partial"
    assert ratings["datasources_basemodel"] == "closed"  # LLaMA's data was never shared
    # a repository whose name does not say "diff", under a line that does
    bare = _release(
        tmp_path,
        "# Alpaca\n\nAlpaca is fine-tuned from LLaMA 7B.\n\n## Weights\n\nThe weight diff is "
        "located at:\n\nhttps://huggingface.co/tatsu-lab/alpaca-7b/tree/main\n",
    )
    assert bare["weights_endmodel"] == "partial"


def test_licences_partial_with_one_open_part_and_the_fix_names_the_rest(tmp_path: Path) -> None:
    mit = (EXAMPLES / "fully-open" / "LICENSE").read_text(encoding="utf-8")
    ratings = _release(
        tmp_path,
        "# Tool\n\nTraining code for language models.\n",
        {"LICENSE": mit, "train/train_model.py": '"""Train the model."""\n'},
    )
    # code open, weights and data licences not shared: partly open (the Index rates Bark,
    # Dolly and Vicuna so); the openwashed example, with nothing fully open, is closed
    assert ratings["licenses"] == "partial"
    fix = next(
        c.remediation for c in _osai(opengauge.audit(tmp_path)).controls if c.id == "osai.licenses"
    )
    assert fix is not None and "weights and data" in fix and "code" not in fix.split("(")[0]


def test_index_record_shown_beside_ours(tmp_path: Path) -> None:
    result = _osai(opengauge.audit(write(tmp_path / "Pythia", PASS["Pythia"]())))
    record = result.details["index_record"]
    assert record["name"] == "Pythia"
    assert set(record["ratings"]) <= {c.id.removeprefix("osai.") for c in result.controls}
    assert "the index rates Pythia" in result.summary
    assert "may rate another version" in result.summary
    assert record["matched_on"] and record["model"]
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


def test_training_code_only_linked_is_partial() -> None:
    from opengauge.frameworks import FrameworkInput
    from opengauge.frameworks.osai_rules import RULES, View
    from opengauge.model import Component, ComponentResult, ComponentState, Location, Reference

    def linked(component: Component) -> ComponentResult:
        ref = Reference(
            component,
            "https://github.com/young-geng/EasyLM",
            "training code",
            Location("README.md", line=5),
        )
        return ComponentResult(component, ComponentState.REFERENCED, references=(ref,))

    here = ComponentResult(Component.TRAINING_CODE, ComponentState.PRESENT, files=("train.py",))
    prep = ComponentResult(
        Component.DATA_PREPROCESSING_CODE, ComponentState.PRESENT, files=("prep.py",)
    )
    rate = RULES["trainingcode"]
    assert rate(View(FrameworkInput((here, prep), ())), {}).rating == "open"
    mixed = (here, linked(Component.DATA_PREPROCESSING_CODE))
    assert rate(View(FrameworkInput(mixed, ())), {}).rating == "partial"
    assert rate(View(FrameworkInput((here,), ())), {}).rating == "partial"
    assert rate(View(FrameworkInput((), ())), {}).rating == "closed"


def test_fine_tuning_code_for_users_is_partial_training_code(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# M\n\nWeights: https://huggingface.co/org/m\n")
    demo = tmp_path / "finetune_demo"
    demo.mkdir()
    (demo / "finetune.py").write_text('"""Fine-tune M on your data."""\nimport torch\n')
    (demo / "README.md").write_text("# Fine-tune M\n\nRun finetune.py.\n")
    result = _osai(opengauge.audit(tmp_path))
    controls = {c.id.removeprefix("osai."): c for c in result.controls}
    assert controls["trainingcode"].rating == "partial"
    assert "finetune_demo/" in controls["trainingcode"].reason
    assert controls["code"].rating == "partial"
    (demo / "README.md").unlink()
    (demo / "finetune.py").write_text("import torch\n")
    controls = {c.id.removeprefix("osai."): c for c in _osai(opengauge.audit(tmp_path)).controls}
    assert controls["trainingcode"].rating == "partial"
    assert controls["code"].rating == "closed"
