"""docs.card_metadata, docs.eval_results, docs.data_card_sections and docs.disclosure."""

from __future__ import annotations

from pathlib import Path

from huggingface_hub import DatasetCard, DatasetCardData

from opengauge.analyzers.context import Context
from opengauge.analyzers.docs_card_metadata import ANALYZER as METADATA
from opengauge.analyzers.docs_data_card import ANALYZER as DATA_CARD
from opengauge.analyzers.docs_disclosure import ANALYZER as DISCLOSURE
from opengauge.analyzers.docs_eval_results import ANALYZER as EVAL
from opengauge.docs.check import check_card
from opengauge.evidence.cards import parse_card
from opengauge.model import Card, Evidence, Status

CARDS = Path(__file__).parent.parent / "data" / "cards"


def _evidence(text: str, kind: str = "model") -> Evidence:
    return Evidence(root="/x", cards=(parse_card(text, "README.md", kind),))


def _read(name: str) -> Card:
    return parse_card((CARDS / name).read_text(encoding="utf-8"), "README.md", "model")


def test_metadata_fields() -> None:
    findings = {
        f.facts.get("field"): f
        for f in METADATA.run(
            Context.build(_evidence("---\nlicense: mit\ndatasets: [c4]\n---\n# x\n"))
        )
    }
    assert findings["license"].status is Status.PASS
    assert findings["datasets"].status is Status.PASS
    assert findings["language"].status is Status.FAIL
    assert findings["base_model"].status is Status.NOT_APPLICABLE


def test_metadata_error_is_reported() -> None:
    findings = list(METADATA.run(Context.build(_evidence("---\n- a\n---\n"))))
    assert any("not a mapping" in f.message for f in findings)
    assert all(f.status is not Status.ERROR for f in findings)


MODEL_INDEX = """---
model-index:
- name: m
  results:
  - task: {type: text-classification}
    dataset: {name: IMDB, type: imdb}
    metrics:
    - {type: accuracy, value: 0.93, verified: false}
    - {type: f1}
  - task: {}
    dataset: {name: SST2}
    metrics: [{type: accuracy, value: 0.9}]
  - 42
---
"""


def test_eval_results_table_and_malformed_entries() -> None:
    findings = list(EVAL.run(Context.build(_evidence(MODEL_INDEX))))
    passed = [f for f in findings if f.status is Status.PASS]
    failed = sorted(f.facts["problem"] for f in findings if f.status is Status.FAIL)
    assert passed[0].facts["results"][0] == {
        "model": "m",
        "task": "text-classification",
        "dataset": "IMDB",
        "metric": "accuracy",
        "value": 0.93,
        "verified": False,
    }
    assert len(passed[0].facts["results"]) == 2
    assert failed == [
        "model-index[0].results[0].metrics[1] has no value",
        "model-index[0].results[1].task has no type",
        "model-index[0].results[2] is not a mapping",
    ]
    assert [f.status for f in EVAL.run(Context.build(_evidence("# no metadata")))] == [Status.FAIL]


def test_data_card_template_is_template_and_filled_card_fills() -> None:
    template = str(DatasetCard.from_template(DatasetCardData(), pretty_name="d"))
    check = check_card(parse_card(template, "README.md", "dataset"))
    assert check.score < 10
    filled = """# My dataset
## Motivation
We built it to test parsers against hostile input.
## Composition
It holds 10,000 README files, one per row, with a label column.
## Collection process
Collected from public GitHub repositories in 2024 by a crawler.
## Preprocessing
Deduplicated by hash and filtered for binary files.
## Uses
Testing parsers only.
## Distribution
- **License:** CC-BY-4.0
## Maintenance
Maintained by the opengauge team; open an issue to report errors.
"""
    check = check_card(parse_card(filled, "DATASHEET.md", "dataset"))
    states = {r.spec.id: r.state.value for r in check.items if r.spec.standard("gebru")}
    assert states == dict.fromkeys(
        [
            "motivation",
            "composition",
            "collection",
            "preprocessing",
            "uses",
            "distribution",
            "maintenance",
        ],
        "filled",
    )
    findings = list(DATA_CARD.run(Context.build(_evidence(filled, "dataset"))))
    assert findings and all(f.status is not Status.ERROR for f in findings)
    assert [f.status for f in DATA_CARD.run(Context.build(_evidence("# x")))] == [
        Status.NOT_APPLICABLE
    ]


# Written by hand from reading each card: which topics it discusses, and on which line.
DISCLOSED = {
    "stable_diffusion_v1_model_card.md": {
        "data_quality": 70,
        "known_biases": 56,
        "limitations": 56,
        "out_of_scope_use": 36,
        "environmental_impact": 123,
        "disaggregated_results": None,
        "contact_maintenance": None,
    },
    "llama1_model_card.md": {
        "out_of_scope_use": 38,
        "disaggregated_results": 41,
        "contact_maintenance": 25,
        "data_quality": 152,
        "environmental_impact": None,
    },
    "gpt2_model_card.md": {
        "limitations": 63,
        "out_of_scope_use": 45,
        "contact_maintenance": 26,
        "data_quality": 55,
        "environmental_impact": None,
        "disaggregated_results": None,
    },
}


def test_disclosure_on_real_cards() -> None:
    for name, expected in DISCLOSED.items():
        findings = {
            f.facts["topic"]: f
            for f in DISCLOSURE.run(Context.build(Evidence(root="/x", cards=(_read(name),))))
        }
        for topic, line in expected.items():
            finding = findings[topic]
            if line is None:
                assert finding.status is Status.FAIL, (name, topic)
            else:
                assert finding.status is Status.PASS, (name, topic)
                assert finding.locations[0].line == line, (name, topic)
                assert finding.locations[0].excerpt


def test_template_text_is_not_a_disclosure() -> None:
    from huggingface_hub import ModelCard, ModelCardData

    text = str(ModelCard.from_template(ModelCardData()))
    findings = list(DISCLOSURE.run(Context.build(_evidence(text))))
    assert [f.status for f in findings] == [Status.FAIL] * len(findings)


def test_every_hf_template_heading_is_covered_by_the_tables() -> None:
    from opengauge.docs.tables import card_items, card_subitems, normalise, title_matches
    from opengauge.docs.template import dataset_template, model_template

    for kind, template in (("model", model_template()), ("dataset", dataset_template())):
        specs = card_items(kind) + card_subitems(kind)
        for _, heading in template.headings:
            key = normalise(heading)
            assert any(title_matches(key, s.names, s.phrases) for s in specs), (kind, heading)
        for spec in card_items(kind):
            hf = spec.standard("hf")
            assert hf is None or any(normalise(hf) == normalise(h) for _, h in template.headings)


def test_files_with_almost_no_code_do_not_count_for_code_documentation() -> None:
    from opengauge.analyzers.docs_code_comments import trivial
    from opengauge.model import FileEntry

    init = "from .train import main\nfrom .data import load\n\n__all__ = ['main', 'load']\n"
    assert trivial(FileEntry("pkg/__init__.py", len(init), kind="code", head=init))
    body = "".join(f"x{i} = compute({i})\n" for i in range(12))
    assert not trivial(FileEntry("pkg/steps.py", len(body), kind="code", head=body))
    # a file longer than its head was not read whole: it is judged as usual
    assert not trivial(FileEntry("pkg/big.py", 10 * len(init), kind="code", head=init))
    assert trivial(FileEntry("pkg/empty/__init__.py", 0, kind="code"))
