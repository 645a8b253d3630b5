"""End to end on real data: the all-MiniLM-L6-v2 snapshot, audited as a careful human would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import FIXED_TIME, validate_report_json

import opengauge
from opengauge.errors import TargetError
from opengauge.model import AuditReport, Component, ComponentState, Status
from opengauge.report import render


def _component(report: AuditReport, component: Component) -> Any:
    return next(c for c in report.components if c.component is component)


@pytest.fixture(scope="module")
def minilm(minilm_dir: Path) -> AuditReport:
    return opengauge.audit(minilm_dir, generated_at=FIXED_TIME)


def test_minilm_weights_present_with_exact_parameter_count(minilm: AuditReport) -> None:
    params = _component(minilm, Component.MODEL_PARAMETERS_FINAL)
    assert params.state is ComponentState.PRESENT
    assert params.files == ("model.safetensors",)
    (weights,) = minilm.weights
    assert weights.format == "safetensors"
    assert weights.parameter_count == 22_713_728


def test_minilm_model_summary(minilm: AuditReport) -> None:
    assert minilm.model.architectures == ("BertModel",)
    assert minilm.model.model_type == "bert" and minilm.model.config == "config.json"
    assert minilm.model.parameter_count == 22_713_728 and minilm.model.counted_files == 1
    assert minilm.model.weight_formats == ("safetensors",)


def test_minilm_model_card_present_with_licence_and_21_datasets(minilm: AuditReport) -> None:
    card = _component(minilm, Component.MODEL_CARD)
    assert card.state is ComponentState.PRESENT and card.files == ("README.md",)
    (summary,) = [c for c in minilm.cards if c.path == "README.md"]
    assert summary.metadata["license"] == "apache-2.0"
    assert len(summary.metadata["datasets"]) == 21


def test_minilm_architecture_from_config(minilm: AuditReport) -> None:
    arch = _component(minilm, Component.MODEL_ARCHITECTURE)
    assert arch.state is ComponentState.PRESENT
    assert "config.json" in arch.files
    assert any("BertModel" in reason for reason in arch.reasons)


def test_minilm_datasets_referenced_not_present(minilm: AuditReport) -> None:
    datasets = _component(minilm, Component.DATASETS)
    assert datasets.state is ComponentState.REFERENCED
    assert datasets.files == ()
    targets = {ref.target for ref in datasets.references}
    # all 21 metadata datasets, plus the links of the training-data table (30+ sets)
    expected = {f"hf://datasets/{n}" for n in ("s2orc", "ms_marco", "embedding-data/QQP")}
    assert expected <= targets
    assert sum(t.startswith("hf://datasets/") for t in targets) == 21
    table_links = [r for r in datasets.references if not r.target.startswith("hf://")]
    assert len(table_links) >= 30
    assert all(r.location.path == "README.md" and r.location.line for r in table_links)


def test_minilm_data_information_present(minilm: AuditReport) -> None:
    data_card = _component(minilm, Component.DATA_CARD)
    assert data_card.state is ComponentState.PRESENT
    assert "data_config.json" in data_card.files
    assert any("training data files" in r for r in data_card.reasons)


def test_minilm_training_code_is_claimed_but_absent(minilm: AuditReport) -> None:
    training = _component(minilm, Component.TRAINING_CODE)
    assert training.state is ComponentState.CLAIMED_ABSENT
    (claim,) = training.claims
    assert claim.target == "train_script.py"
    assert claim.location.path == "README.md"
    assert "train_script.py" in (claim.location.excerpt or "")
    assert "accessible in this current repository" in (claim.location.excerpt or "")
    failing = [
        f
        for f in minilm.findings
        if f.rule == "docs.claimed_files_exist" and f.status is Status.FAIL
    ]
    assert len(failing) == 1 and failing[0].locations[0].line == claim.location.line


def test_minilm_nothing_else_invented(minilm: AuditReport) -> None:
    for component in (
        Component.RESEARCH_PAPER,
        Component.MODEL_PARAMETERS_INTERMEDIATE,
        Component.EVALUATION_CODE,
        Component.DATA_PREPROCESSING_CODE,
    ):
        assert _component(minilm, component).state is ComponentState.MISSING, component
    assert minilm.skipped == ()


def test_minilm_json_validates_and_is_deterministic(
    minilm: AuditReport, minilm_dir: Path, report_schema: dict[str, Any]
) -> None:
    text = render(minilm, "json")
    data = validate_report_json(text, report_schema)
    assert data["schema_version"] == "1.0"
    assert data["generated_at"] == FIXED_TIME
    again = render(opengauge.audit(minilm_dir, generated_at=FIXED_TIME), "json")
    assert again == text


def test_package_audit_is_the_api_function_with_its_signature() -> None:
    import inspect

    import opengauge.api

    assert opengauge.audit is opengauge.api.audit
    parameters = inspect.signature(opengauge.audit).parameters
    assert list(parameters)[:3] == ["target", "hash_files", "max_files"]
    assert parameters["hash_files"].kind is inspect.Parameter.KEYWORD_ONLY
    with pytest.raises(AttributeError):
        opengauge.no_such_name  # noqa: B018


def test_minilm_verdicts_through_the_typed_accessors(minilm: AuditReport) -> None:
    assert minilm.safety is not None and minilm.safety.framework == "safety"
    assert minilm.mof is not None and isinstance(minilm.mof.level, int)
    assert minilm.osaid is not None and minilm.index is not None


def test_missing_target_raises_target_error(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="no such file"):
        opengauge.audit(tmp_path / "nope")
    (tmp_path / "f").write_text("x")
    with pytest.raises(TargetError, match="not a folder"):
        opengauge.audit(tmp_path / "f")


def test_hf_cache_layout_is_resolved(tmp_path: Path) -> None:
    repo = tmp_path / "models--acme--tiny"
    (repo / "blobs").mkdir(parents=True)
    (repo / "blobs" / "b1").write_text('{"architectures": ["BertModel"], "model_type": "bert"}')
    snap = repo / "snapshots" / "0123abc"
    snap.mkdir(parents=True)
    (snap / "config.json").symlink_to(repo / "blobs" / "b1")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abc")
    report = opengauge.audit(repo)
    assert report.target.name == "acme/tiny"
    assert report.target.source == "hf-cache"
    assert [f.path for f in report.files] == ["config.json"]
    assert _component(report, Component.MODEL_ARCHITECTURE).state is ComponentState.PRESENT


def test_hub_id_resolves_from_the_local_cache_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    repo = tmp_path / "models--acme--tiny"
    snap = repo / "snapshots" / "abc123"
    snap.mkdir(parents=True)
    (snap / "config.json").write_text('{"architectures": ["BertModel"]}')
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    report = opengauge.audit("hf://acme/tiny", offline=True)  # online: the Hub's listing
    assert report.target.name == "acme/tiny" and report.target.source == "hf-cache"
    assert opengauge.audit("hf://acme/tiny@main", offline=True).target.path == str(snap)
    with pytest.raises(TargetError, match="not in the local Hugging Face cache"):
        opengauge.audit("hf://acme/missing", offline=True)  # online: read on the Hub
    with pytest.raises(TargetError, match="revision 'v9'"):
        opengauge.audit("hf://acme/tiny@v9", offline=True)
    with pytest.raises(TargetError, match="not a Hugging Face repository id"):
        opengauge.audit("hf://../../etc")
