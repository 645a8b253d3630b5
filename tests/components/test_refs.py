from __future__ import annotations

import pytest

from opengauge.components.refs import (
    Use,
    code_references,
    config_references,
    fenced_lines,
    judge,
    mentioned_files,
    references,
)
from opengauge.components.release import Release
from opengauge.model import Card, Component, FileEntry, Link, Location, Section

C = Component
RELEASE = Release(frozenset({"yi"}), frozenset({"01-ai"}))


def _use(
    url: str,
    text: str = "",
    section: str = "Models",
    line: str = "",
    *,
    header: bool = False,
    root: bool = True,
    path: str = "README.md",
    lead: str = "",
) -> Use:
    line = line.replace("(x)", f"({url})") if line else f"[{text}]({url})"
    return Use(url, text, Location(path, line=50), section, line, header, False, root, lead)


@pytest.mark.parametrize(
    ("use", "expected"),
    [
        # the release's own weights, and someone else's
        (_use("https://huggingface.co/01-ai/Yi-34B", "Yi-34B"), [C.MODEL_PARAMETERS_FINAL]),
        (
            _use(
                "https://huggingface.co/TheBloke/Yi-34B-GGUF",
                "GGUF",
                section="How to use Yi? / Quick start",
            ),
            [],
        ),
        (
            _use("https://huggingface.co/01-ai/Yi-34B/tree/step-1000", "step 1000"),
            [C.MODEL_PARAMETERS_INTERMEDIATE],
        ),
        (
            _use(
                "https://docs-assets.example.com/ckpt/checkpoint_epoch_0_iter_49999.pt",
                "Link",
                section="Checkpoints",
            ),
            [C.MODEL_PARAMETERS_INTERMEDIATE],
        ),
        # data: training data, data to try the model on, evaluation data
        (_use("https://huggingface.co/datasets/org/mix", "mix", "Training data"), [C.DATASETS]),
        (
            _use(
                "https://huggingface.co/datasets/BAAI/COIG",
                "COIG",
                "How to use Yi? / Quick start / Fine-tuning",
            ),
            [],
        ),
        (
            _use("https://huggingface.co/datasets/cais/mmlu", "MMLU", "Evaluation"),
            [C.EVALUATION_DATA],
        ),
        # papers: the release's own (and a report), related work, a data paper
        (
            _use("https://arxiv.org/abs/2403.04652", "Yi Tech Report", "Yi", header=True),
            [C.RESEARCH_PAPER, C.TECHNICAL_REPORT],
        ),
        (  # a bibliography entry in the header cites others' work (stanford_alpaca:39)
            _use(
                "https://arxiv.org/abs/2302.13971v1",
                "",
                "Overview",
                "[1]: LLaMA: Open and Efficient Foundation Language Models. https://arxiv.org/abs/2302.13971v1",
                header=True,
            ),
            [],
        ),
        (
            _use(
                "https://arxiv.org/abs/2209.03143",
                "AudioLM",
                "Details",
                "It follows a GPT style architecture similar to [AudioLM](x)",
            ),
            [],
        ),
        (
            _use(
                "https://arxiv.org/abs/2101.00027",
                "The Pile",
                "Training data / Pre-training",
                "trained on [The Pile](x)",
            ),
            [C.DATA_CARD, C.DATASETS],
        ),
        (
            _use(
                "https://arxiv.org/abs/2306.02254",
                "Emergent memorization",
                "Publications",
                lead="EleutherAI and collaborators have used it in the following publications",
            ),
            [],
        ),
        # blogs: a launch post is the technical report; someone else's post is not
        (
            _use("https://ai.meta.com/blog/segment-anything/", "Blog", "x", header=True),
            [C.TECHNICAL_REPORT],
        ),
        (
            _use(
                "https://blog.openai.com/language-unsupervised/",
                "Generative Pre-Training",
                "Related",
            ),
            [],
        ),
        # code the release was made with, and code it merely mentions
        (
            _use(
                "https://github.com/young-geng/EasyLM",
                "EasyLM",
                "Dataset and Training",
                "We train the models on TPUs using [EasyLM](x), a JAX pipeline we developed",
            ),
            [C.TRAINING_CODE, C.SUPPORTING_LIBRARIES],
        ),
        (
            _use(
                "https://github.com/EleutherAI/lm-evaluation-harness",
                "lm-evaluation-harness",
                "Evaluation",
                "We evaluated OpenLLaMA on many tasks using [lm-evaluation-harness](x)",
            ),
            [C.EVALUATION_CODE],
        ),
        (
            _use(
                "https://github.com/huggingface/peft",
                "peft",
                "Fine-tuning",
                "for now the [peft](x) codebase can be a useful resource",
            ),
            [],
        ),
        (
            _use(
                "https://github.com/huggingface/transformers/issues/1",
                "issue",
                "Usage",
                "avoid using the fast tokenizer, see [issue](x)",
            ),
            [],
        ),
        (_use("https://github.com/yi/yi/blob/main/LICENSE", "licence", "x"), []),  # itself
        (_use("https://wandb.ai/org/run", "logs", "Training"), [C.MODEL_METADATA]),
    ],
)
def test_judge(use: Use, expected: list[C]) -> None:
    assert [c for c, _ in judge(use, RELEASE)] == expected


def test_references_bibtex_and_metadata() -> None:
    body = (
        "# M\n\n## Citation\n\n```\n@article{m2024,\n  title = {M: A Technical Report},\n"
        "  journal = {arXiv preprint arXiv:2401.00001},\n}\n```\n"
    )
    card = Card(
        path="README.md",
        kind="model",
        metadata={"datasets": ["a/b"]},
        body=body,
        body_start_line=1,
        sections=(Section("M", 1, 1, ""), Section("Citation", 2, 3, "", ("M",))),
    )
    found = {(r.component, r.target) for r in references(card, RELEASE)}
    assert (C.RESEARCH_PAPER, "citation: M: A Technical Report") in found
    assert (C.TECHNICAL_REPORT, "citation: M: A Technical Report") in found
    assert (C.DATASETS, "hf://datasets/a/b") in found
    software = Card(
        path="README.md",
        kind="model",
        body_start_line=1,
        body=("@misc{alpaca,\n  title = {Alpaca},\n  journal = {GitHub repository},\n}\n"),
    )
    assert list(references(software, RELEASE)) == []


def test_code_and_config_references() -> None:
    code = FileEntry(
        "bark/generation.py",
        100,
        kind="code",
        head='REMOTE = {\n    "text": {\n        "repo_id": "suno/bark",\n    }\n}\n',
    )
    refs = list(code_references(code, Release(frozenset({"bark"}), frozenset())))
    assert [(r.component, r.target) for r in refs] == [
        (C.MODEL_PARAMETERS_FINAL, "https://huggingface.co/suno/bark")
    ]
    assert refs[0].location.pointer == "bark/generation.py:3"
    evals = FileEntry(
        "src/eval/download_evalsets.py",
        100,
        kind="code",
        head='URL = "https://huggingface.co/datasets/x/y/resolve/main/a.jsonl"\n',
    )
    assert list(code_references(evals, RELEASE)) == []
    config = FileEntry(
        "yamls/finetune/mpt-7b.yaml",
        100,
        kind="config",
        head="train_loader:\n  dataset:\n    hf_name: mosaicml/instruct-v3\n",
    )
    assert [r.target for r in config_references(config, RELEASE)] == [
        "hf://datasets/mosaicml/instruct-v3"
    ]


def test_vendored_and_test_documents_are_not_the_release() -> None:
    card = Card(
        path="third_party/lib/README.md",
        kind="readme",
        body="x",
        body_start_line=1,
        links=(Link("https://arxiv.org/abs/1234.56789", "Lib paper", "x", 1),),
    )
    assert list(references(card, RELEASE)) == []


def test_mentions_and_fences() -> None:
    body = (
        "The script is in this repository: `train.py`.\n```\npython other.py\n```\n"
        "Also [notes](docs/notes.md).\n"
    )
    card = Card(path="README.md", kind="model", body=body, body_start_line=1)
    mentions = {name: here for name, _, here in mentioned_files(card)}
    assert mentions == {"train.py": True, "docs/notes.md": True}
    assert fenced_lines(body.splitlines()) == {1, 2, 3}


def test_withheld_data_and_weight_differences() -> None:
    from opengauge.evidence.cards import parse_card

    # a section that says the data will not be released links substitutes
    dump = _use(
        "https://dumps.wikimedia.org/enwiki/latest/enwiki-latest-pages-articles.xml.bz2",
        "the latest dump",
        section="Pre-training data",
        line="download [the latest dump](x), extract the text",
        lead="We will **not** be able to release the pre-processed datasets used in the paper.",
    )
    assert C.DATASETS not in [c for c, _ in judge(dump, RELEASE)]
    shared = _use(dump.url, "the dump", section="Pre-training data", line="[the dump](x)")
    assert [c for c, _ in judge(shared, RELEASE)] == [C.DATASETS]
    # a bare URL under "The weight diff is located at:" is a weight difference
    card = parse_card(
        "# Yi\n\n## Weights\n\nThe weight diff is located at:\n"
        "    https://huggingface.co/01-ai/yi-7b/tree/main\n\n"
        "Full weights: [Yi-34B](https://huggingface.co/01-ai/Yi-34B)\n",
        "README.md",
        "readme",
    )
    reasons = {r.target: r.reason for r in references(card, RELEASE)}
    assert "weight difference" in reasons["https://huggingface.co/01-ai/yi-7b/tree/main"]
    assert "weight difference" not in reasons["https://huggingface.co/01-ai/Yi-34B"]


def test_an_html_banner_is_the_documents_header() -> None:
    from opengauge.components.refs import uses_of
    from opengauge.evidence.cards import parse_card

    banner = (
        '<div align="center">\n<img src="logo.png"/>\n<h3 align="center">The tagline</h3>\n'
        "</div>\n\n" + "<p>\n</p>\n" * 20 + '<p align="center">\n  Read the '
        '<a href="https://arxiv.org/abs/2403.04652">Yi Tech Report</a>\n</p>\n\n'
        "- [What is Yi?](#what-is-yi)\n\n# What is Yi?\n\nText.\n"
    )
    card = parse_card(banner, "README.md", "model")
    (use,) = [u for u in uses_of(card, RELEASE) if "arxiv" in u.url]
    assert use.header and use.text == "Yi Tech Report"
    prose = "Some prose first.\n\n" + banner
    card = parse_card(prose, "README.md", "model")
    (use,) = [u for u in uses_of(card, RELEASE) if "arxiv" in u.url]
    assert not use.header  # beyond the first 40 lines, after prose: not a banner


def test_partners_and_sponsors_are_not_tools() -> None:
    partner = _use(
        "https://stability.ai/",
        "Stability AI",
        section="News",
        line="The 13B model is trained in collaboration with [Stability AI](x).",
    )
    assert judge(partner, RELEASE) == []
    sponsor = _use(
        "https://stability.ai/",
        "stability.ai",
        section="Training",
        line="ViT-B/32 was trained on 112 GPUs. Compute generously provided by [stability.ai](x).",
    )
    assert judge(sponsor, RELEASE) == []
    tool = _use(
        "https://www.composer.dev/",
        "Composer",
        section="Training",
        line="The model was trained with [Composer](x).",
    )
    assert C.TRAINING_CODE in [c for c, _ in judge(tool, RELEASE)]
    # a general-purpose framework is a dependency, not the release's training code
    torch = _use(
        "https://pytorch.org/",
        "PyTorch",
        section="Setup",
        line="We used Python 3.9.9 and [PyTorch](x) 1.10.1 to train and test our models.",
    )
    assert [c for c, _ in judge(torch, RELEASE)] == [C.SUPPORTING_LIBRARIES]


def test_a_site_counts_by_its_own_sentence_and_terms_are_not_tools() -> None:
    ds, oak = "https://www.composer.dev", "https://www.olcf.ornl.gov/summit/"
    line = (
        f"Our training framework is based on Megatron and augmented with techniques from "
        f"[Composer]({ds}). This library is in use at labs such as [Oak Ridge]({oak})."
    )

    def use(url: str, text: str) -> Use:
        return Use(url, text, Location("README.md", line=6), "GPT-NeoX", line, False, False, True)

    assert C.TRAINING_CODE in [c for c, _ in judge(use(ds, "Composer"), RELEASE)]
    assert judge(use(oak, "Oak Ridge"), RELEASE) == []
    ethics = _use(
        "https://www.ibm.com/impact/ai-ethics",
        "IBM's AI Ethics principles",
        section="Introduction",
        line="All our models are trained on data following [IBM's AI Ethics principles](x).",
    )
    assert judge(ethics, RELEASE) == []
    licence = _use(
        "https://www.apache.org/licenses/LICENSE-2.0",
        "Apache 2.0 license",
        section="Introduction",
        line="Our models are trained with care and released under an [Apache 2.0 license](x).",
    )
    assert judge(licence, RELEASE) == []


def test_a_download_section_points_at_the_weights() -> None:
    docs = _use(
        "https://gemma-llm.readthedocs.io/en/latest/checkpoints.html",
        "our documentation",
        section="Gemma / Downloading the models",
        line="[our documentation](x).",
    )
    assert [c for c, _ in judge(docs, RELEASE)] == [C.MODEL_PARAMETERS_FINAL]
    elsewhere = _use(docs.url, "our documentation", section="Contributing", line="[docs](x).")
    assert judge(elsewhere, RELEASE) == []


def test_licence_links_and_the_releases_own_paper_are_not_datasets() -> None:
    licence = _use(
        "https://huggingface.co/datasets/choosealicense/licenses/blob/main/markdown/apache-2.0.md",
        "apache-2.0",
        section="Models",
        line="| autoencoder | [apache-2.0](x) |",
    )
    assert judge(licence, RELEASE) == []
    own = _use(
        "https://arxiv.org/abs/2212.04356",
        "the accompanying paper",
        section="Training Data",
        line="Trained on 680,000 hours of audio, as described in [the accompanying paper](x).",
    )
    assert [c for c, _ in judge(own, RELEASE)] == [C.DATA_CARD]
    pile = _use(
        "https://arxiv.org/abs/2101.00027",
        "The Pile",
        section="Training Data",
        line="We train on [The Pile](x).",
    )
    assert [c for c, _ in judge(pile, RELEASE)] == [C.DATA_CARD, C.DATASETS]


def test_companion_repositories_labelled_by_what_they_hold() -> None:
    def labelled(text: str, url: str) -> list[C]:
        use = _use(url, text, section="Model Description", line=f"  - [{text}](x)")
        return [c for c, _ in judge(use, RELEASE)]

    assert labelled("Training Code", "https://github.com/LLM360/amber-train") == [C.TRAINING_CODE]
    assert labelled("Data Preparation", "https://github.com/LLM360/amber-data-prep") == [
        C.DATA_PREPROCESSING_CODE
    ]
    assert labelled("Metrics", "https://github.com/LLM360/Analysis360") == [C.EVALUATION_CODE]
    assert labelled("our website", "https://github.com/LLM360/site") == []


def test_hub_revisions_logs_and_checkpoint_repositories() -> None:
    from opengauge.components.refs import revision_references
    from opengauge.evidence.cards import parse_card

    body = (
        "# Pythia\n\n```python\nmodel = GPTNeoXForCausalLM.from_pretrained(\n"
        '  "EleutherAI/pythia-70m-deduped",\n  revision="step3000",\n)\n```\n'
    )
    (ref,) = revision_references(parse_card(body, "README.md", "readme"))
    assert ref.component is C.MODEL_PARAMETERS_INTERMEDIATE
    assert ref.target == "hf://EleutherAI/pythia-70m-deduped@step3000"
    plain = body.replace('revision="step3000"', 'revision="main"')
    assert list(revision_references(parse_card(plain, "README.md", "readme"))) == []
    logs = _use("https://huggingface.co/01-ai/tr11-176B-logs", "logs", section="Models")
    assert [c for c, _ in judge(logs, RELEASE)] == [C.MODEL_METADATA]
    ckpts = _use("https://huggingface.co/01-ai/bloom-checkpoints", "checkpoints", section="Models")
    assert [c for c, _ in judge(ckpts, RELEASE)] == [C.MODEL_PARAMETERS_INTERMEDIATE]
