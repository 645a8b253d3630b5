"""Links and mentions: components published elsewhere, or claimed here (pure).

A link counts for a component only when it points at that artefact of *this* release:
``components.links`` says what sits at the other end (a Hub model repo, a paper, a blog
post, a bucket ...); the words around it say which component it serves and whether it is
the release's own (its weights, its paper) or someone else's (a library it builds on, a
related paper, an example image). Sources: the release's documents, the first BibTeX entry
of its README (the release citing itself), and URLs and Hub repo ids in its code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from opengauge.components.links import Target, classify_url
from opengauge.components.release import Release
from opengauge.licenses.bound import sentence_at
from opengauge.model import Card, Component, FileEntry, Location, Reference, excerpt

C = Component

DATA_WORDS = re.compile(
    r"\b(data|dataset|datasets|corpus|corpora|pre-?training data|"
    r"training mix(ture)?|tokens)\b",
    re.I,
)
EVAL_WORDS = re.compile(
    r"\b(eval\w*|benchmark\w*|leaderboard|test set|held-?out|mt-bench|"
    r"arena)\b",
    re.I,
)
WEIGHT_WORDS = re.compile(
    r"\b(weights?|checkpoints?|ckpts?|models?|download\w*|released?|"
    r"pre-?trained|hugging ?face|hub|model zoo|variants?)\b",
    re.I,
)
INTERMEDIATE_WORDS = re.compile(
    r"\b(intermediate|preview|step[-_ ]?\d+|\d+(\.\d+)?\s*[bt]\s*tokens|\d+bt|iter(ation)?s? \d+|"
    r"every \d+[kK]? (steps|iterations|tokens)|earlier (epoch|checkpoint)s?|partially trained|"
    r"training checkpoints?)\b",
    re.I,
)
REPORT_WORDS = re.compile(
    r"\b(technical report|tech(nical)? ?report|report|system card|"
    r"white ?paper)\b",
    re.I,
)
PAPER_TEXT = re.compile(r"\b(paper|arxiv|preprint|publication|report|pdf)\b", re.I)
CITED_ENTRY = re.compile(r"\s{0,3}\[\^?\d{1,3}\]:?\s")
BLOG_TEXT = re.compile(r"\b(blog|post|announcement|announcing|introducing|release notes?)\b", re.I)
OWN_SECTIONS = re.compile(
    r"\b(paper|publications?|citation|cite|citing|report|research|"
    r"tech|news|updates?|introduction|overview|about|models?|weights|"
    r"release)\b",
    re.I,
)
OTHERS_SECTIONS = re.compile(
    r"\b(acknowledg\w*|references?|related|appreciation|credits?|"
    r"inspir\w*|ecosystem|community|downstream|upstream|"
    r"friends|projects using|built with|trained with|building on|builds on|used by|"
    r"papers using|adoption)\b",
    re.I,
)
USED = re.compile(
    r"\b(we (use|used|employ(ed)?|adopt(ed)?|rel(y|ied) on|buil[dt] on)|(was|were|is|are) "
    r"(trained|evaluated|fine-?tuned|built|implemented|done|performed|conducted) (with|using|"
    r"on|in)|using (our|the)|our [\w -]{0,40}(framework|library|pipeline|codebase|engine|"
    r"project|toolkit|code)|developed (by us|for training)|recommend using|used (for|to|in) "
    r"(train|evaluat|fine|pre|process|tokeni))",
    re.I,
)
TRAIN_WORDS = re.compile(r"\b(train\w*|fine-?tun\w*|pre-?train\w*|instruction[- ]tun\w*)\b", re.I)
PREP_WORDS = re.compile(
    r"\b(pre-?process\w*|data ?pipelines?|data (processing|preparation)|"
    r"dedup\w*|filter\w*|tokeni[sz]\w*)\b",
    re.I,
)
HEADER_LINES = 40
INTERMEDIATE_URL = re.compile(
    r"(step|epoch|iter|ckpt|preview)[-_]?\d+|\d+bt[-_]preview|"
    r"[-_]\d+(bt|b-tokens)\b",
    re.I,
)
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Sections that tell users how to run or adapt the model: the data and weights linked
# there are examples (a dataset to fine-tune on, a community quantisation), not the release.
USAGE_WORDS = re.compile(
    r"\b(how to use|quick ?start|usage|getting started|tutorials?|examples?|deployment|deploy|"
    r"faq|your own|custom (data|dataset)|community|ecosystem|downstream)\b|部署|使用",
    re.I,
)
FINETUNE_WORDS = re.compile(r"\b(fine-?tun\w*|finetun\w*)\b|微调", re.I)
# ... unless the section says what the authors did ("we fine-tune our model on ...").
AUTHORS_DID = re.compile(
    r"\bwe (fine-?tune[ds]?|train(ed)?|use[ds]?|collect(ed)?|pre-?train(ed)?)\b|"
    r"\b(was|were) (trained|fine-?tuned) on\b",
    re.I,
)
LEAD_IN_OTHERS = re.compile(
    r"\b((have|has) used (it|this|gpt-neox|our library)|projects? "
    r"(using|built)|built (with|on) (it|this)|trained with (it|this)|"
    r"models trained (with|using))\b",
    re.I,
)
HUB_ID = re.compile(
    r"""(?:hf_hub_download|snapshot_download|from_pretrained|repo_id|hf_hub_id|model_id|"""
    r"""repo)["']?\s*[=:(]\s*f?["']([A-Za-z0-9][\w.-]{0,95}/[\w.-]{1,95})["']"""
)
URL_LITERAL = re.compile(r"""["'](https?://[^"'\s]{8,500})["']""")


@dataclass(frozen=True)
class Use:
    """One link in a document, with what surrounds it."""

    url: str
    text: str
    location: Location
    section: str
    line: str
    header: bool
    image: bool
    root: bool
    lead: str = ""
    before: str = ""  # the line above, when the link's own line is only the link


def _section_of(card: Card, line: int) -> str:
    current = card.section_at(line)
    return "" if current is None else " / ".join((*current.parents, current.title))


def _first_h2(card: Card) -> int:
    return next((s.line for s in card.sections if s.level >= 2), 10**9)


_MD_HEADING = re.compile(r"^#{1,6}\s")


def _banner_end(lines: list[str]) -> int:
    """Where an HTML banner ends: the first Markdown heading after the top, when everything
    above it is HTML (centred logos, badges, a tagline in <h3>) - at most 150 lines."""
    for index, text in enumerate(lines[:150]):
        stripped = text.strip()
        if index and _MD_HEADING.match(stripped):
            return index
        banner_like = (
            not stripped
            or stripped.startswith(("<", "[![", "![", "---"))
            or (index == 0 and _MD_HEADING.match(stripped))
            or _HTML_LINE.search(stripped)
            or _TOC_LINE.match(stripped)
        )
        if not banner_like:
            return 0  # prose before any heading: a README, not a banner
    return 0


_HTML_LINE = re.compile(r"</?[a-z][\w-]*[^>]*>|&\w+;|^\W*$", re.I)
_TOC_LINE = re.compile(r"^[-*+]\s*\[[^\]]*\]\(#[^)]*\)\s*$")  # "- [What is Yi?](#what-is-yi)"


def uses_of(card: Card, release: Release) -> Iterator[Use]:
    """Every http(s) link of a card with its section, line and place in the document."""
    lines = card.body.splitlines()
    first_h2 = _first_h2(card)
    banner = _banner_end(lines)
    root = release.is_root_doc(card.path) or card.kind in ("model", "dataset")
    for link in card.links:
        if not link.url.lower().startswith(("http://", "https://", "s3://", "gs://", "magnet:")):
            continue
        index = link.line - card.body_start_line
        text = lines[index] if 0 <= index < len(lines) else ""
        header = link.line < first_h2 or index < HEADER_LINES or index < banner
        current = card.section_at(link.line)
        yield Use(
            link.url,
            link.text,
            Location(card.path, line=link.line, excerpt=excerpt(text or link.text)),
            _section_of(card, link.line),
            text,
            header,
            link.image,
            root,
            current.text[:400] if current is not None else "",
            _line_above(lines, index) if _BARE_LINK.match(text) else "",
        )


_BARE_LINK = re.compile(r"^\s*(?:[-*>]\s*)?<?(?:https?|s3|gs)://\S+>?\s*$")


def _line_above(lines: list[str], index: int) -> str:
    """The nearest non-empty line above ``index`` (a bare URL's label: "located at:")."""
    for above in range(index - 1, max(-1, index - 3), -1):
        if lines[above].strip():
            return lines[above][:400]
    return ""


def _usage(use: Use) -> bool:
    """The link stands in a section that tells users how to run or adapt the model."""
    if USAGE_WORDS.search(use.section):
        return True
    return bool(FINETUNE_WORDS.search(use.section)) and not AUTHORS_DID.search(use.lead)


def _self_link(target: Target, release: Release) -> bool:
    return target.kind == "code" and (target.name or "").lower() in release.names


def _paper_is_own(use: Use, target: Target) -> bool:
    """The release's own paper, not related work: where and how it is linked."""
    if (OTHERS_SECTIONS.search(use.section) or LEAD_IN_OTHERS.search(use.lead)) and not use.header:
        return False
    if CITED_ENTRY.match(use.line):
        return False  # "[1]: Title. Authors. URL": a bibliography entry cites others' work
    words = len(use.text.split())
    generic = use.text.lower().strip(" .:") in ("here", "link", "this", "this link", "pdf")
    titled = (
        words >= 4
        or bool(PAPER_TEXT.search(use.text))
        or not use.text
        or (generic and bool(PAPER_TEXT.search(use.line)))
    )
    if use.header and titled and (use.root or (use.location.line or 0) <= 12):
        return True
    return use.root and titled and bool(OWN_SECTIONS.search(use.section))


DOWNLOAD_SECTION = re.compile(
    r"\bdownload\w*\b.{0,30}\b(?:models?|weights|checkpoints?)\b|"
    r"\b(?:models?|weights|checkpoints?)\b.{0,30}\bdownload\w*\b",
    re.I,
)
HUB_LOGS = re.compile(r"(?:tensorboard|codecarbon|wandb|[-_]logs?)(?:$|[-_/@#?])", re.I)
# "The weight diff is located at: <url>": weights usable only on top of a base model's
WEIGHT_DIFF_WORDS = re.compile(r"\bweights?[- ]diff(?:erence)?s?\b|\bdelta weights?\b", re.I)

# "We will not be able to release the pre-processed datasets used in the paper. For
# Wikipedia, ... download the latest dump": what the section then links is a substitute
WITHHELD = re.compile(
    r"\b(?:will not|won't|cannot|can't|can not|are not able to|do not|don't)\s+"
    r"(?:be able to\s+)?(?:publicly\s+)?(?:release|share|publish|distribute)\b|"
    r"\bno longer (?:have it\s+)?(?:publicly\s+)?available\b",
    re.I,
)


def judge(use: Use, release: Release) -> list[tuple[Component, str]]:
    """The components one link makes referenced, each with the reason.

    A dataset link in a section that says the data used will not be released stands for
    a substitute (the latest dump, a similar public set), not the training data."""
    found = _judge(use, release)
    if release.in_eval_dir(use.location.path or ""):
        # a README about how evaluation data was prepared: its datasets are evaluation
        # sets and the tools it links prepared them, not the training data
        return [
            (C.EVALUATION_DATA if c is C.DATASETS else c, why)
            for c, why in found
            if c not in (C.TRAINING_CODE, C.DATA_PREPROCESSING_CODE, C.DATA_CARD)
        ]
    plain = re.sub(r"[*_`]", "", use.lead)  # "will **not** be able to release"
    if WITHHELD.search(plain) and any(c is C.DATASETS for c, _ in found):
        return [(c, why) for c, why in found if c is not C.DATASETS]
    return found


def _judge(use: Use, release: Release) -> list[tuple[Component, str]]:
    if use.image or LICENCE_LINK.search(f"{use.text} {use.url}"):
        return []  # a licence text (even one hosted in a Hub dataset) is no artefact
    target = classify_url(use.url)
    if target is None or _self_link(target, release):
        return []
    context = f"{use.section} {use.line}"
    kind = target.kind
    if kind in ("hub-model", "hub-collection") or (kind == "weights-file"):
        own = (target.org or "").lower() in release.own_orgs
        on_hub = target.host == "huggingface.co"
        if not (own or WEIGHT_WORDS.search(context) or (kind == "weights-file" and not on_hub)):
            return []
        if on_hub and not own and (_usage(use) or not (use.root or use.header)):
            return []
        if on_hub and HUB_LOGS.search(target.key):
            # "bigscience/tr11-176B-logs", "…-tensorboard": run records, not weights
            return [(C.MODEL_METADATA, "training logs published on the Hub")]
        if (
            target.revision
            or INTERMEDIATE_WORDS.search(f"{use.text} {use.line}")
            or INTERMEDIATE_URL.search(use.url)
            or re.search(r"[-_]checkpoints?(?:$|[-_/@#?])", target.key, re.I)
        ):
            return [
                (
                    C.MODEL_PARAMETERS_INTERMEDIATE,
                    "intermediate checkpoint published at " + target.host,
                )
            ]
        where = (
            "Hugging Face model repository"
            if kind == "hub-model"
            else ("Hugging Face collection" if kind == "hub-collection" else "weights download")
        )
        if WEIGHT_DIFF_WORDS.search(f"{use.text} {use.line} {use.before}"):
            where = f"weight difference to a base model ({where})"
        return [(C.MODEL_PARAMETERS_FINAL, where)]
    if kind == "hub-dataset" or kind == "dataset-page":
        if _usage(use) or release.role(use.location.path) != "own":
            return []
        if release.tool_doc(use.location.path):
            if EVAL_WORDS.search(context):
                return [(C.EVALUATION_DATA, "dataset an evaluation tool of the release uses")]
            return []
        if EVAL_WORDS.search(context) and not DATA_WORDS.search(use.section):
            return [(C.EVALUATION_DATA, "dataset linked for evaluation")]
        return [(C.DATASETS, "dataset repository" if kind == "hub-dataset" else "dataset page")]
    if kind == "data-file" and (
        EVAL_WORDS.search(f"{use.text} {use.line} {use.section}")
        or re.search(r"(^|[/_-])(dev|test|valid\w*)[-_.]", use.url.lower())
    ):
        return [(C.EVALUATION_DATA, "evaluation data download")]
    if kind in ("data-file", "archive-file") and _usage(use):
        return []  # data to fine-tune or try the model on, not the training data
    if kind in ("data-file", "bucket", "torrent", "archive-file"):
        if (
            kind == "archive-file"
            and WEIGHT_WORDS.search(f"{use.url} {use.text} {use.line}")
            and not DATA_WORDS.search(use.text)
        ):
            return [(C.MODEL_PARAMETERS_FINAL, "checkpoint archive download")]
        if DATA_WORDS.search(f"{context} {use.url}"):
            if EVAL_WORDS.search(use.line):
                return [(C.EVALUATION_DATA, "evaluation data download")]
            return [(C.DATASETS, "data download")]
        return []
    if (
        kind == "media"
        and re.search(r"\.(webm|mp4|mov|wav|mp3|flac|ogg|m4a)$", use.url.lower().split("?", 1)[0])
        and (use.root or use.header)
    ):
        return [(C.SAMPLE_MODEL_OUTPUTS, "audio or video the model generated")]
    if kind == "hub-space":
        if re.search(r"\b(leaderboard|arena|results)\b", f"{use.text} {use.line}", re.I):
            return [(C.EVALUATION_RESULTS, "results published in a Hub space")]
        if re.search(r"\bbenchmark\b", use.line, re.I):
            return [(C.EVALUATION_DATA, "benchmark hosted in a Hub space")]
        return []
    if (
        kind in ("site", "blog")
        and (
            re.fullmatch(r"\W*(the )?(\w+[ -])?dataset\W*", use.text, re.I)
            or "/datasets/" in target.key
        )
        and not _usage(use)
    ):
        return [(C.DATASETS, "dataset page")]
    if (
        kind in ("code", "site", "paper", "blog", "dataset-page")
        and use.line.lstrip().startswith("|")
        and DATA_HEADING.search(use.section)
        and not _usage(use)
    ):
        found = [(C.DATASETS, "a training dataset listed in the data table")]
        if kind == "paper":
            found.append((C.DATA_CARD, "paper documenting a training dataset"))
        return found
    if kind == "code" and use.root and not _usage(use):
        # "[Training Code](github.com/LLM360/amber-train)", "[Data Preparation](..)": a
        # companion repository the release labels by what it holds
        for pattern, component, why in LABELLED_CODE:
            if pattern.fullmatch(use.text.strip(" *_`:")):
                return [(component, why)]
    if kind == "paper":
        if (
            DATA_WORDS.search(use.section)
            and not use.header
            and not _usage(use)
            and not OTHERS_SECTIONS.search(use.section)
        ):
            found = [(C.DATA_CARD, "paper documenting the training data")]
            # "as described in [the accompanying paper](..)": the release's own paper
            # describes the data; it is not a dataset's paper
            if not OWN_PAPER_TEXT.search(f"{use.text} {_before(use)[-60:]}"):
                found.append((C.DATASETS, "paper of a training dataset"))
            return found
        if not _paper_is_own(use, target):
            return []
        found = [(C.RESEARCH_PAPER, "the release's paper")]
        if REPORT_WORDS.search(f"{use.text} {use.line}"):
            found.append((C.TECHNICAL_REPORT, "technical report"))
        return found
    if (
        kind in ("blog", "site")
        and BLOG_TEXT.search(use.text)
        and (
            use.header
            or re.search(r"\b(introduc|announc|releas|launch)\w*", use.line, re.I)
            or use.text.lower().startswith("blog")
        )
    ):
        return [(C.TECHNICAL_REPORT, "launch blog post")]
    if (
        kind in ("site", "blog")
        and use.root
        and DOWNLOAD_SECTION.search(use.section.rsplit(" / ", 1)[-1])
        and not _usage(use)
    ):
        # "### Downloading the models: To download the model weights, see [our
        # documentation](..)": where the release says to get its weights
        return [(C.MODEL_PARAMETERS_FINAL, "where to download the weights (documentation page)")]
    if kind == "logs":
        return [(C.MODEL_METADATA, "training logs / run records")]
    docs_site = (
        target.host.startswith(("docs.", "readthedocs"))
        or "/docs" in target.key
        or target.host.endswith("readthedocs.io")
        or target.key.startswith("hf:")
    )
    plain = MARKDOWN_LINK.sub(r"\1", use.line)
    before = _before(use)
    if PARTNER_BEFORE.search(before):
        return []  # "trained in collaboration with [Stability AI](..)": a partner, not a tool
    if LICENCE_LINK.search(f"{use.text} {use.url}") or RULES_TEXT.search(use.text):
        return []  # "[Apache 2.0 license](..)", "[IBM's AI Ethics principles](..)": not tools
    # a site (not a code repository) counts only by its own sentence, not the whole
    # paragraph line: "Our framework is based on Megatron ... in use at [Oak Ridge](..)"
    at = plain.find(use.text) if use.text else -1
    sentence = sentence_at(plain, at) if kind == "site" and at >= 0 else plain
    if (kind == "code" or (kind == "site" and not docs_site)) and (
        USED.search(sentence) or (USED_BEFORE.search(before) and WORK_WORDS.search(sentence))
    ):
        return _code_use(use, sentence)
    return []


RULES_TEXT = re.compile(
    r"\b(?:principles|polic(?:y|ies)|guidelines|ethics|terms of (?:use|service)|"
    r"code of conduct|privacy)\b",
    re.I,
)
LICENCE_LINK = re.compile(r"\blicen[cs]es?\b|/licen[cs]es?/|opensource\.org|spdx\.org", re.I)


PARTNER_BEFORE = re.compile(
    r"\b(?:in (?:collaboration|partnership|cooperation) with|thanks? (?:to|you)|"
    r"(?:supported|sponsored|funded|provided|hosted|powered) by|courtesy of|partners?(?:ed)? "
    r"with)\s+(?:the\s+)?$",
    re.I,
)
GENERAL_FRAMEWORK = re.compile(
    r"^https?://(?:www\.)?(?:pytorch\.org|tensorflow\.org|python\.org|numpy\.org|"
    r"deepspeed\.ai|jax\.readthedocs\.io|keras\.io|"
    r"github\.com/(?:pytorch/pytorch|tensorflow/tensorflow|google/jax|jax-ml/jax|numpy/numpy|"
    r"microsoft/deepspeed|huggingface/(?:transformers|accelerate|peft|datasets))(?:[/#?]|$)|"
    r"huggingface\.co/docs/(?:transformers|accelerate|peft|datasets))",
    re.I,
)
DEPENDS = re.compile(r"\b(?:depends? on|dependenc\w+|requires?|install\w*)\b", re.I)
OWN_PAPER_TEXT = re.compile(
    r"\b(?:our|the|accompanying|this) (?:accompanying )?(?:paper|report|preprint)\b|"
    r"^\W*(?:paper|report|preprint)\W*$",
    re.I,
)
LABELLED_CODE = tuple(
    (re.compile(pattern, re.I), component, why)
    for pattern, component, why in (
        (
            r"(?:pre-?)?train(?:ing)?(?: code| scripts?| recipes?)?|fine-?tuning code",
            C.TRAINING_CODE,
            "the release's training code, linked by name",
        ),
        (
            r"data[- ]?(?:prep(?:aration)?|processing|pipeline)(?: code)?",
            C.DATA_PREPROCESSING_CODE,
            "the release's data preparation code, linked by name",
        ),
        (
            r"eval(?:uation)?(?: code| harness| scripts?)?|metrics",
            C.EVALUATION_CODE,
            "the release's evaluation code, linked by name",
        ),
        (r"inference(?: code)?", C.INFERENCE_CODE, "the release's inference code, linked by name"),
    )
)
USED_BEFORE = re.compile(
    r"\b(using|with|via|use|uses|used|employ\w*|adopt\w*|rel(y|ies) "
    r"on|leverag\w*)\s+(the\s+|our\s+)?$",
    re.I,
)
WORK_WORDS = re.compile(
    r"\b(evaluat\w*|train\w*|fine-?tun\w*|pre-?process\w*|benchmark\w*|"
    r"tokeni[sz]\w*|filter\w*|dedup\w*)\b",
    re.I,
)


def _before(use: Use) -> str:
    """The words of the line before the link."""
    line = use.line
    at = line.find("](" + use.url) if use.url else -1
    if at < 0:
        at = line.find(use.url)
    start = line.rfind("[", 0, at) if at > 0 else -1
    return MARKDOWN_LINK.sub(r"\1", line[: start if start >= 0 else max(at, 0)])


def _code_use(use: Use, line: str) -> list[tuple[Component, str]]:
    """A code repository (or tool site) the docs say the release was made with.

    A general-purpose framework (PyTorch, TensorFlow, JAX, Transformers, DeepSpeed...) or a
    library the code depends on ("depends on [tiktoken] for its tokenizer") is a
    dependency: a supporting library at most, never the release's training, evaluation or
    data-processing code."""
    if GENERAL_FRAMEWORK.search(use.url) or DEPENDS.search(_before(use)):
        return [(C.SUPPORTING_LIBRARIES, "a general framework or dependency the code uses")]
    if EVAL_WORDS.search(line):
        return [(C.EVALUATION_CODE, "evaluation framework the release used")]
    if PREP_WORDS.search(line) or re.search(r"\bdata\b", use.text, re.I):
        return [(C.DATA_PREPROCESSING_CODE, "data pipeline the release used")]
    if TRAIN_WORDS.search(line):
        return [
            (C.TRAINING_CODE, "training framework the release used"),
            (C.SUPPORTING_LIBRARIES, "the framework the release was developed with"),
        ]
    return []


def bibtex_references(card: Card) -> Iterator[Reference]:
    """The README's first citation entry: how the release asks to be cited.

    A paper-like entry (article, inproceedings, an arXiv eprint) is its research paper,
    also its technical report when the title says so; a citation of a web page or blog is
    its launch write-up, counted as the technical report.
    """
    lines = card.body.splitlines()
    for index, text in enumerate(lines):
        entry = re.match(r"\s*@(\w+)\s*\{", text)
        if not entry:
            continue
        kind = entry.group(1).lower()
        block = "\n".join(lines[index : index + 25]).split("\n}", 1)[0]
        title = re.search(r"title\s*=\s*[{\"]+([^}\"]{3,300})", block, re.I)
        name = title.group(1) if title else kind
        where = Location(card.path, line=card.body_start_line + index, excerpt=excerpt(name))
        url = re.search(
            r"(url|howpublished)\s*=\s*[{\"]+\\?(?:url\{)?(https?://[^}\"\s]+)", block, re.I
        )
        arxiv = re.search(
            r"(eprint\s*=\s*[{\"]?\d{4}\.\d{4,5}|arxiv|journal\s*=\s*[{\"]"
            r"(?!\s*(github|software|repository))|booktitle\s*=)",
            block,
            re.I,
        )
        if (
            kind
            in ("article", "inproceedings", "conference", "incollection", "techreport", "phdthesis")
            or arxiv
        ):
            yield Reference(
                C.RESEARCH_PAPER,
                f"citation: {name}",
                f"the README's citation entry is a paper (@{kind})",
                where,
            )
            if kind == "techreport" or REPORT_WORDS.search(name):
                yield Reference(
                    C.TECHNICAL_REPORT,
                    f"citation: {name}",
                    "the README's citation entry is a technical report",
                    where,
                )
        elif (
            url
            and (target := classify_url(url.group(2))) is not None
            and target.kind in ("blog", "site")
        ):
            yield Reference(
                C.TECHNICAL_REPORT,
                url.group(2),
                f"the README cites the release's announcement (@{kind})",
                where,
            )
        return


def code_references(entry: FileEntry, release: Release) -> Iterator[Reference]:
    """Hub repo ids a loader downloads, and artefact URLs, written in the release's code."""
    head = entry.head or ""
    if not head or release.role(entry.path) != "own":
        return
    if re.search(r"(^|/)([^/]*[-_])?(eval|test|bench)\w*[/_.]", entry.path.lower()):
        return  # evaluation tooling downloads benchmarks, not the release's artefacts
    for match in HUB_ID.finditer(head):
        org, _, repo = match.group(1).lower().partition("/")
        if (
            org in release.own_orgs
            or any(n in org or n == repo for n in release.names)
            or re.search(
                r"hf_hub_download|snapshot_download", head[max(0, match.start() - 80) : match.end()]
            )
        ):
            line = head.count("\n", 0, match.start()) + 1
            yield Reference(
                C.MODEL_PARAMETERS_FINAL,
                f"https://huggingface.co/{match.group(1)}",
                "the code downloads the weights from this Hub repository",
                Location(entry.path, line=line, excerpt=excerpt(match.group(0))),
            )
    for match in URL_LITERAL.finditer(head):
        target = classify_url(match.group(1))
        if target is None:
            continue
        line = head.count("\n", 0, match.start()) + 1
        where = Location(entry.path, line=line, excerpt=excerpt(match.group(1)))
        if target.kind == "weights-file" or (
            target.kind == "hub-model" and (target.org or "").lower() in release.own_orgs
        ):
            yield Reference(
                C.MODEL_PARAMETERS_FINAL,
                match.group(1),
                "the code downloads weights from here",
                where,
            )
        elif target.kind in (
            "data-file",
            "archive-file",
            "bucket",
            "hub-dataset",
        ) and DATA_WORDS.search(f"{entry.path} {match.group(1)}"):
            yield Reference(
                C.DATASETS, match.group(1), "the code downloads training data from here", where
            )


CONFIG_DATASET = re.compile(
    r"""^\s*["']?(hf_name|dataset_name|dataset_id|dataset|hf_dataset|data_path|path)["']?\s*[:=]"""
    r"""\s*["']?([A-Za-z0-9][\w.-]{1,95}/[\w.-]{1,95})["']?\s*,?\s*$""",
    re.M,
)
DATA_HEADING = re.compile(
    r"\b(training data|pre-?training data|datasets?|data sources?|"
    r"data mixture)\b",
    re.I,
)
TRAIN_CONFIG = re.compile(r"(train|finetune|fine-tune|pretrain|sft|dpo|recipe)", re.I)


def config_references(entry: FileEntry, release: Release) -> Iterator[Reference]:
    """Hub dataset ids a training configuration names: the data the release trained on."""
    if (
        entry.kind != "config"
        or not entry.head
        or release.role(entry.path) != "own"
        or not TRAIN_CONFIG.search(entry.path)
    ):
        return
    for match in CONFIG_DATASET.finditer(entry.head):
        name = match.group(2)
        if (
            name.startswith((".", "/"))
            or "/" not in name
            or re.search(
                r"\.(json|ya?ml|txt|"
                r"jsonl|py)$",
                name,
            )
        ):
            continue
        line = entry.head.count("\n", 0, match.start()) + 1
        yield Reference(
            C.DATASETS,
            f"hf://datasets/{name}",
            "a training configuration names this Hub dataset",
            Location(entry.path, line=line, excerpt=excerpt(match.group(0).strip())),
        )


def references(card: Card, release: Release) -> Iterator[Reference]:
    """Components a card shows to be published elsewhere (links, dataset metadata)."""
    if release.role(card.path) in ("vendored", "test"):
        return
    for use in uses_of(card, release):
        for component, why in judge(use, release):
            where = f" in section '{use.section}'" if use.section else ""
            yield Reference(component, use.url, f"{why}{where}", use.location)
    if release.is_root_doc(card.path):
        yield from bibtex_references(card)
        yield from revision_references(card)
    datasets = card.metadata.get("datasets")
    if isinstance(datasets, str):
        datasets = [datasets]
    if isinstance(datasets, list):
        for name in datasets[:1000]:
            if isinstance(name, str) and name.strip():
                yield Reference(
                    C.DATASETS,
                    f"hf://datasets/{name.strip()}",
                    "card metadata lists this dataset",
                    Location(card.path, line=1, excerpt=f"datasets: {name}"),
                )


REVISION = re.compile(
    r"""\brevision\s*=\s*f?["'](?P<rev>(?:step|ckpt|checkpoint|iter|epoch|global_step)"""
    r"""[-_]?\d+)["']""",
    re.I,
)


def revision_references(card: Card) -> Iterator[Reference]:
    """Intermediate checkpoints published as Hub revisions, shown in usage code:
    ``from_pretrained("EleutherAI/pythia-70m", revision="step3000")``."""
    lines = card.body.splitlines()[:20_000]
    for index, line in enumerate(lines):
        found = REVISION.search(line[:2000])
        if not found:
            continue
        window = "\n".join(lines[max(0, index - 5) : index + 1])[-4000:]
        repos = HUB_ID.findall(window)
        if not repos:
            continue
        where = Location(
            card.path, line=card.body_start_line + index, excerpt=excerpt(line.strip())
        )
        yield Reference(
            C.MODEL_PARAMETERS_INTERMEDIATE,
            f"hf://{repos[-1]}@{found.group('rev')}",
            "an intermediate checkpoint published as a revision of the Hub repository",
            where,
        )
        return  # one is enough to show the release publishes them


# --- files the documentation says are here ------------------------------------------------

LOCAL_FILE = re.compile(
    r"`(\.?/?[\w][\w./-]*\.(?:py|sh|ipynb|json|ya?ml|toml|txt|md|pdf|csv|jsonl|parquet|"
    r"safetensors|bin|pt|pth|ckpt|gguf|onnx))`"
)
RELATIVE_LINK = re.compile(r"\]\((?!https?:|#|mailto:|//)([^)\s]+)\)")
LOCALITY = re.compile(
    r"\b(this (current )?(repo|repository|folder|directory|model repo)|included|provided|"
    r"can be found (in|at)|available (in|at)|accessible|see|located|shipped)\b",
    re.I,
)


def fenced_lines(lines: list[str]) -> set[int]:
    """0-based indices of lines inside fenced code blocks."""
    inside: set[int] = set()
    fence: str | None = None
    for index, text in enumerate(lines):
        stripped = text.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            inside.add(index)
        elif fence is not None:
            inside.add(index)
            if stripped.startswith(fence):
                fence = None
    return inside


def mentioned_files(card: Card) -> Iterator[tuple[str, Location, bool]]:
    """Local file names a card mentions: (name, where, said to be here).

    'Said to be here' means a relative link, or a sentence with a locality phrase
    ("in this repository", "included", "see").
    """
    lines = card.body.splitlines()
    skip = fenced_lines(lines)
    for index, text in enumerate(lines[:200_000]):
        if index in skip or ("`" not in text and "](" not in text):
            continue
        line = card.body_start_line + index
        for match in RELATIVE_LINK.finditer(text):
            name = match.group(1).split("#", 1)[0].split("?", 1)[0].strip("<>")
            if name:
                yield name, Location(card.path, line=line, excerpt=excerpt(text)), True
        if LOCAL_FILE.search(text):
            local = bool(LOCALITY.search(text))
            for match in LOCAL_FILE.finditer(text):
                yield match.group(1), Location(card.path, line=line, excerpt=excerpt(text)), local
