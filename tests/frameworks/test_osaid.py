"""OSAID 1.0 verdicts on releases modelled on the OSI's own judgements, and on the examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES
from tests.frameworks.releases import FAIL, PASS, write

import opengauge
from opengauge.model import AuditReport, FrameworkResult


def _osaid(report: AuditReport) -> FrameworkResult:
    return next(f for f in report.frameworks if f.framework == "osaid")


def _controls(result: FrameworkResult) -> dict[str, Any]:
    return {c.id: c for c in result.controls}


@pytest.mark.parametrize("name", sorted(PASS))
def test_osi_pass_judgements_are_matched(name: str, tmp_path: Path) -> None:
    report = opengauge.audit(write(tmp_path / name, PASS[name]()))
    result = _osaid(report)
    assert result.passed is True, [(c.id, c.passed, c.reason) for c in result.controls]
    assert result.verdict == "passes"
    assert result.to_raise == ()


@pytest.mark.parametrize("name", sorted(FAIL))
def test_osi_fail_judgements_are_matched_for_the_right_reasons(name: str, tmp_path: Path) -> None:
    report = opengauge.audit(write(tmp_path / name, FAIL[name]()))
    result = _osaid(report)
    controls = _controls(result)
    assert result.passed is False and result.verdict == "fails"
    if name == "Llama 2":
        assert controls["osaid.parameters"].passed is False
        assert "restricted-aup" in controls["osaid.parameters"].reason
    else:
        assert controls["osaid.parameters"].passed is True
        assert controls["osaid.data_information"].passed is False
        assert controls["osaid.code_training"].passed is False
    assert result.to_raise
    json_fields = result.details["verdict_fields"]
    assert json_fields["passes"] is False and json_fields["reasons"]


def test_examples_read_right() -> None:
    fully = _osaid(opengauge.audit(EXAMPLES / "fully-open"))
    assert fully.passed is True
    washed = _osaid(opengauge.audit(EXAMPLES / "openwashed"))
    assert washed.passed is False
    assert _controls(washed)["osaid.parameters"].passed is False


def test_every_control_cites_its_findings(tmp_path: Path) -> None:
    result = _osaid(opengauge.audit(write(tmp_path / "p", PASS["Pythia"]())))
    for control in result.controls:
        if control.passed is not None:
            assert control.findings, control.id


def test_mof_controls_cite_inventory_and_licences() -> None:
    report = opengauge.audit(EXAMPLES / "openwashed")
    mof = next(f for f in report.frameworks if f.framework == "mof")
    params = next(c for c in mof.controls if c.title == "Model parameters (Final)")
    assert "components.inventory model.safetensors" in params.findings
    assert "licence LICENSE:1-49" in params.findings
    assert "licence USE_POLICY.md:1-48" in params.findings


def test_unknown_weights_terms_ask_for_the_licence_not_a_relicence(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# Acme LM\n\n## Models\n\nOur weights: [Acme LM 7B](https://huggingface.co/acme/acme-lm-7b)"
        ".\n",
        encoding="utf-8",
    )
    control = _controls(_osaid(opengauge.audit(tmp_path)))["osaid.parameters"]
    assert control.passed is None and control.rating == "not_determinable"
    assert control.remediation is not None
    assert control.remediation.startswith("State the licence of the weights")
    assert "instead of a licence with use restrictions" not in control.remediation


def test_data_described_only_in_a_linked_paper_is_not_determinable(tmp_path: Path) -> None:
    body = (
        "# Acme LM\n\n[Paper](https://arxiv.org/abs/2401.00001)\n\n## Training data\n\n"
        "Download the training data: [corpus](https://data.acme.org/corpus.jsonl.gz).\n"
    )
    (tmp_path / "README.md").write_text(body, encoding="utf-8")
    control = _controls(_osaid(opengauge.audit(tmp_path)))["osaid.data_information"]
    assert control.passed is None and control.rating == "not_determinable"
    assert "research paper (https://arxiv.org/abs/2401.00001)" in control.reason
    no_paper = tmp_path / "no-paper"
    no_paper.mkdir()
    paper = "[Paper](https://arxiv.org/abs/2401.00001)"
    (no_paper / "README.md").write_text(body.replace(paper, ""), encoding="utf-8")
    control = _controls(_osaid(opengauge.audit(no_paper)))["osaid.data_information"]
    assert control.passed is False
