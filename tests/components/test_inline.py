from __future__ import annotations

from opengauge.components.inline import documents_model, in_document
from opengauge.components.release import Release
from opengauge.evidence.cards import parse_card
from opengauge.model import Component

C = Component
RELEASE = Release(frozenset({"m"}), frozenset())


def _found(text: str, path: str = "README.md", kind: str = "model") -> set[Component]:
    return {p.component for p in in_document(parse_card(text, path, kind), RELEASE)}


def test_a_readme_that_documents_the_model_is_its_card() -> None:
    model = parse_card(
        "# M\n## Model details\nx\n## Evaluation results\nx\n## Limitations\n"
        "x\n## Installation\nx\n",
        "README.md",
        "model",
    )
    assert documents_model(model)[0]
    library = parse_card(
        "# Lib\n## Installation\nx\n## Features\nx\n## Contributing\nx\n"
        "## Pretrained models\nx\n## Configuration\nx\n",
        "README.md",
        "model",
    )
    assert not documents_model(library)[0]
    how_to = parse_card(
        "# M\n## How to train on a large dataset\nx\n## Performance\nx\n", "README.md", "model"
    )
    assert not documents_model(how_to)[0]


def test_results_outputs_data_and_usage_inside_documents() -> None:
    text = (
        "# M\n## Benchmark results\n| task | score |\n|---|---|\n"
        "| a | 1.0 |\n| b | 2.0 |\n| c | 3 |\n"
        "## Training data\nWe used 2T tokens collected from web crawls, deduplicated and "
        "filtered for quality, mixed with code and papers from public sources in several "
        "languages, with personal data removed before training began in earnest.\n"
        "## Usage\n```python\nmodel = AutoModel.from_pretrained('m')\nprint(response)\n```\n\n"
        "Hello! I am the assistant, how can I help you today?\n"
        "![sample1](assets/000.jpg)\n"
    )
    assert _found(text) >= {
        C.EVALUATION_RESULTS,
        C.DATA_CARD,
        C.INFERENCE_CODE,
        C.SAMPLE_MODEL_OUTPUTS,
    }


def test_what_is_not_a_component() -> None:
    text = (
        "# M\n## Dataset Handling\nUse the webdataset loader to stream shards; you can "
        "download the files and point the loader at them with the options below to "
        "train your own models on any data you like.\n"
        "## Performance limitations\nBenchmarking is ongoing: 1, 2, 3 runs so far.\n"
        "![logo](assets/logo.png)\n"
    )
    assert _found(text) & {C.EVALUATION_RESULTS, C.DATA_CARD, C.SAMPLE_MODEL_OUTPUTS} == set()
    tool = "## Data\nWe used 2T tokens collected from crawls, filtered and deduplicated.\n" * 3
    assert {
        p.component
        for p in in_document(
            parse_card(tool, "tools/README.md", "readme"),
            Release(frozenset(), frozenset(), code_dirs=frozenset({"tools"})),
        )
    } == set()


def test_an_image_the_release_holds_is_the_evidence_itself() -> None:
    release = Release(
        frozenset({"m"}),
        frozenset(),
        paths=frozenset({"assets/000.jpg", "assets/eval chart.png", "docs/img/out.png"}),
    )
    text = (
        "# M\n![sample](assets/000.jpg)\n![results](/assets/eval%20chart.png)\n"
        "![samples](https://github.com/acme/m/raw/main/docs/img/out.png)\n"
        "![sample](assets/missing.jpg)\n"
    )
    places = {
        (p.path, p.component)
        for p in in_document(parse_card(text, "README.md", "model"), release)
        if p.component in (C.SAMPLE_MODEL_OUTPUTS, C.EVALUATION_RESULTS)
    }
    assert places == {
        ("assets/000.jpg", C.SAMPLE_MODEL_OUTPUTS),
        ("assets/eval chart.png", C.EVALUATION_RESULTS),
        ("docs/img/out.png", C.SAMPLE_MODEL_OUTPUTS),
        ("README.md", C.SAMPLE_MODEL_OUTPUTS),  # missing.jpg: the document shows it
    }
    nested = parse_card("# M\n![sample](../assets/000.jpg)\n", "docs/README.md", "readme")
    assert {p.path for p in in_document(nested, release)} >= {"assets/000.jpg"}


def test_a_print_at_the_end_of_a_code_block_shows_no_output() -> None:
    text = (
        "# M\n## Usage\n```python\nresult = model.generate(prompt)\nprint(result)\n```\n\n"
        "- *Multimodal Instruction Following*: the model follows instructions with images.\n"
    )
    assert C.SAMPLE_MODEL_OUTPUTS not in _found(text)


def test_the_answer_printed_after_a_code_block_is_an_output() -> None:
    text = (
        "# M\n## Usage\n```python\nresponse = model.chat(prompt)\nprint(response)\n```\n\n"
        "Hello! I am the assistant, how can I help you today?\n"
    )
    assert C.SAMPLE_MODEL_OUTPUTS in _found(text)
