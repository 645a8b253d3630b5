from __future__ import annotations

from opengauge.analyzers.components import ANALYZER
from opengauge.analyzers.context import Context
from opengauge.model import Card, Evidence, FileEntry, Severity, Status


def _evidence(*paths: str, card_body: str = "") -> Evidence:
    files = tuple(
        FileEntry(path=p, size=1, kind="weights" if p.endswith(".safetensors") else "code")
        for p in paths
    )
    cards = (Card(path="README.md", kind="model", metadata={"license": "mit"}, body=card_body),)
    return Evidence(root="/x", files=(*files, FileEntry("README.md", 1, kind="doc")), cards=cards)


def test_one_finding_per_component_with_states() -> None:
    findings = list(ANALYZER.run(Context.build(_evidence("model.safetensors", "train.py"))))
    assert len(findings) == 17
    by = {f.facts["component"]: f for f in findings}
    assert by["Model parameters (Final)"].status is Status.PASS
    assert by["Model parameters (Final)"].locations[0].path == "model.safetensors"
    assert by["Training code"].status is Status.PASS
    assert by["Datasets"].status is Status.NOT_AVAILABLE
    assert by["Datasets"].remediation


def test_claimed_absent_is_a_medium_failure() -> None:
    body = "The training script is included in this repository: `train_script.py`.\n"
    findings = list(ANALYZER.run(Context.build(_evidence("model.safetensors", card_body=body))))
    training = next(f for f in findings if f.facts["component"] == "Training code")
    assert training.status is Status.FAIL
    assert training.severity is Severity.MEDIUM
    assert training.facts["state"] == "claimed_absent"
    assert "train_script.py" in training.message
