"""Links and mentions in documentation: components published elsewhere, or claimed here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from opengauge.model import Card, Component, Location, Reference, excerpt

C = Component

PAPER_HOSTS = re.compile(
    r"(^|\.)(arxiv\.org|aclanthology\.org|aclweb\.org|doi\.org|openreview\.net|neurips\.cc|"
    r"nips\.cc|semanticscholar\.org|transacl\.org|springer\.com|dl\.acm\.org|ieeexplore\.ieee\.org|"
    r"jmlr\.org|mlr\.press|biorxiv\.org|ssrn\.com|papers\.ssrn\.com|proceedings\.mlr\.press)$"
)
CODE_HOSTS = re.compile(r"(^|\.)(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)$")
DATA_HOSTS = re.compile(r"(^|\.)(kaggle\.com|zenodo\.org|data\.world|figshare\.com)$")
LOG_HOSTS = re.compile(r"(^|\.)(wandb\.ai|tensorboard\.dev|comet\.com|neptune\.ai)$")

DATA_WORDS = re.compile(r"\b(data|dataset|datasets|corpus|corpora|training tuples)\b", re.I)
TRAIN_WORDS = re.compile(r"\b(train(ing)?|fine-?tun\w*|pre-?train\w*)\b", re.I)
TRAIN_CODE_WORDS = re.compile(
    r"\b(train(ing)? (code|script)s?|fine-?tuning (code|script)s?|"
    r"training recipe|training procedure)\b",
    re.I,
)
EVAL_WORDS = re.compile(r"\b(eval\w*|benchmark\w*|leaderboard)\b", re.I)
PREP_WORDS = re.compile(
    r"\b(pre-?process\w*|data (processing|pipeline|preparation)|"
    r"dedup\w*|filtering)\b",
    re.I,
)
INFER_WORDS = re.compile(r"\b(inference|usage|how to use|demo|serving|quick ?start)\b", re.I)
REPORT_WORDS = re.compile(r"\b(technical report|tech report|system card|white ?paper)\b", re.I)

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


def _section_context(card: Card, line: int) -> str:
    """Titles of the section a line stands in, outermost first."""
    current = None
    for section in card.sections:
        if section.line <= line:
            current = section
        else:
            break
    if current is None:
        return ""
    return " / ".join((*current.parents, current.title))


def _line_text(lines: list[str], card: Card, line: int) -> str:
    index = line - card.body_start_line
    return lines[index] if 0 <= index < len(lines) else ""


def classify_link(url: str, section: str, line_text: str) -> tuple[Component, str] | None:
    """Which component a link points to, judged by host, path and surrounding words."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    context = f"{section} {line_text}"
    in_data_section = bool(DATA_WORDS.search(section))
    if host.endswith("huggingface.co") or host.endswith("hf.co"):
        if path.startswith("/datasets/"):
            if EVAL_WORDS.search(section) and not in_data_section:
                return C.EVALUATION_DATA, "Hugging Face dataset linked under evaluation"
            return C.DATASETS, "Hugging Face dataset"
        return None
    if PAPER_HOSTS.search(host):
        if in_data_section:
            return C.DATASETS, "paper describing a training dataset"
        if REPORT_WORDS.search(context):
            return C.TECHNICAL_REPORT, "technical report"
        return C.RESEARCH_PAPER, "paper"
    if LOG_HOSTS.search(host):
        return C.MODEL_METADATA, "training logs / run records"
    if DATA_HOSTS.search(host) or "/datasets/" in path:
        return C.DATASETS, "dataset host"
    if CODE_HOSTS.search(host):
        if PREP_WORDS.search(context):
            return C.DATA_PREPROCESSING_CODE, "repository with data processing code"
        if in_data_section or (
            DATA_WORDS.search(line_text) and not TRAIN_CODE_WORDS.search(line_text)
        ):
            return C.DATASETS, "repository holding a dataset"
        if TRAIN_CODE_WORDS.search(context) or TRAIN_WORDS.search(line_text):
            return C.TRAINING_CODE, "repository with training code"
        if EVAL_WORDS.search(context):
            return C.EVALUATION_CODE, "repository with evaluation code"
        if INFER_WORDS.search(context):
            return C.INFERENCE_CODE, "repository with inference code"
        return C.SUPPORTING_LIBRARIES, "code repository"
    return None


def references(card: Card) -> Iterator[Reference]:
    """Components a card shows to be published elsewhere (links, dataset metadata)."""
    lines = card.body.splitlines()
    for link in card.links:
        if not link.url.lower().startswith(("http://", "https://")):
            continue
        section = _section_context(card, link.line)
        text = _line_text(lines, card, link.line)
        hit = classify_link(link.url, section, text)
        if hit is None:
            continue
        component, why = hit
        where = f" in section '{section}'" if section else ""
        yield Reference(
            component,
            link.url,
            f"{why}{where}",
            Location(card.path, line=link.line, excerpt=excerpt(text or link.text)),
        )
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
            name = match.group(1).split("#", 1)[0].strip("<>")
            if name:
                yield name, Location(card.path, line=line, excerpt=excerpt(text)), True
        if LOCAL_FILE.search(text):
            local = bool(LOCALITY.search(text))
            for match in LOCAL_FILE.finditer(text):
                yield match.group(1), Location(card.path, line=line, excerpt=excerpt(text)), local
