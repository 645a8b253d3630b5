"""docs.hardware: does the documentation describe the hardware the model was trained on?

Only text about training counts: a paragraph that speaks of training (or sits under a
training heading), or a training configuration's comments. "GPU" in an issue template, a
deployment guide or an inference example says nothing about how the model was made.

Fully: a named accelerator with an amount (how many, or accelerator-hours). Partly: a
named accelerator, or an amount of generic GPUs/TPUs. Generic words alone do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Finding, Location, Severity, Status, excerpt

NAMED = (
    r"A100|H100|H200|H800|A800|A6000|A40|A10G?|V100|P100|T4|B200|GB200|L40S?|RTX ?\d{4}|"
    # TPU slices "v3-512", "v5e-256", "v5litepod-16"; not a run name "v0-20240713-090427"
    r"(Cloud )?TPU[- ]?v\d\w*|Cloud TPUs?|v[2-7](?:e|p|litepod)?-\d{1,5}|MI\d{3}X?|Gaudi ?\d?|"
    r"Trainium\d?|Ascend ?\d+\w*"
)
ACCELERATOR = re.compile(rf"\b({NAMED}|GPUs?|TPUs?)\b", re.I)
NAMED_ACCELERATOR = re.compile(rf"\b({NAMED})\b", re.I)
# A count: "8", "1,024", "2.5" - not a version number ("3.4.0") or a list ("3, 4").
_N = r"\d+(?:,\d{3})*(?:\.\d+)?(?![.\d])"
AMOUNT = re.compile(
    rf"\b{_N}(\s*[x×]\s*|\s+)([\w-]+\s+){{0,2}}({NAMED}|GPUs?|TPUs?|nodes|accelerators|"
    rf"chips|machines)\b|\b({NAMED}|GPU|TPU)[- ]?(hours?|days?)\b|"
    rf"\b({_N}\s*(x|×)\s*)+{_N}\s*(x|×)?\s*({NAMED}|GPUs?)\b",
    re.I,
)
TRAINING = re.compile(r"\b(train\w*|pre-?train\w*|fine-?tun\w*|sft|rlhf|dpo)\b", re.I)
# Documents that are not about how the model was made.
NOT_TRAINING_DOC = re.compile(
    r"(^|/)(\.github|\.claude|\.gitlab|tests?|benchmarks?)/|"
    r"(deploy|serv(e|ing)|inference|quantiz|install|contributing|changelog|faq|issue)",
    re.I,
)
TRAINING_CONFIG = re.compile(
    r"(train|pretrain|finetune|fine-tune|sft|recipe|(^|/)(configs?|yamls?)/)", re.I
)
# Sentences about running the code, not about how the released model was trained: "you
# can train with 4 x A100", "tested on an RTX 4090", "114K tokens/s on 8x8 A100".
INSTRUCTION = re.compile(
    r"\b(you|your|can|could|tested|test with|speed|throughput|tokens/s|mfu|benchmark\w*|"
    r"e\.g\.|for example|such as|at least|minimum|recommend\w*|requires?|need|typical|"
    r"suggested)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(*_`\[])|\n(?=\s*[|*-])")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_LEVELS = {"none": 0, "partial": 1, "full": 2}


@dataclass(frozen=True)
class Statement:
    """The best hardware statement of one document."""

    level: str
    path: str
    line: int
    text: str
    accelerator: str
    amount: str | None


def _paragraphs(text: str) -> Iterator[tuple[int, str, str]]:
    """(first line, heading above, paragraph text) of each blank-line separated block."""
    heading, start = "", 0
    block: list[str] = []
    for number, line in enumerate(text.splitlines()[:20_000]):
        title = _HEADING.match(line)
        if title or not line.strip():
            if block:
                yield start, heading, "\n".join(block)
            block = []
            if title:
                heading = title.group(1)
            continue
        if not block:
            start = number
        block.append(line[:2000])
    if block:
        yield start, heading, "\n".join(block)


def best_statement(path: str, text: str, first_line: int, config: bool) -> Statement | None:
    """The most complete training-hardware statement in one document, if any."""
    best: Statement | None = None
    for start, heading, block in _paragraphs(text):
        if not config and not (TRAINING.search(block) or TRAINING.search(heading)):
            continue
        offset = 0
        for sentence in _SENTENCE.split(block):
            at = block.find(sentence, offset)
            offset = max(offset, at)
            row = sentence.lstrip().startswith(("|", "*", "-"))
            if row and not config and not (TRAINING.search(sentence) or TRAINING.search(heading)):
                continue  # a table row or list item speaks for itself, not for its neighbours
            found = _judge(sentence)
            if found is None or (best is not None and _LEVELS[found[0]] <= _LEVELS[best.level]):
                continue
            level, accel, amount = found
            line = first_line + start + block.count("\n", 0, max(at, 0) + accel.start())
            best = Statement(
                level,
                path,
                line,
                excerpt(sentence[max(0, accel.start() - 80) : accel.start() + 160]),
                accel.group(0),
                amount.group(0) if amount else None,
            )
            if level == "full":
                return best
    return best


def _judge(
    sentence: str,
) -> tuple[str, re.Match[str], re.Match[str] | None] | None:
    """(level, accelerator match, amount match) of one sentence about training."""
    if INSTRUCTION.search(sentence):
        return None
    named = NAMED_ACCELERATOR.search(sentence)
    amount = AMOUNT.search(sentence)
    if named and amount:
        return "full", named, amount
    if named:
        return "partial", named, None
    if amount and ACCELERATOR.search(amount.group(0)):
        return "partial", amount, amount
    return None


def _texts(context: Context) -> Iterator[tuple[str, str, int, bool]]:
    evidence = context.evidence
    carded = {c.path for c in evidence.cards}
    for card in evidence.cards:
        if not NOT_TRAINING_DOC.search(card.path):
            yield card.path, card.body, card.body_start_line, False
    for entry in evidence.files:
        if not entry.head or entry.path in carded or NOT_TRAINING_DOC.search(entry.path):
            continue
        if entry.kind == "doc":
            yield entry.path, entry.head, 1, False
        elif entry.kind == "config" and TRAINING_CONFIG.search(entry.path):
            comments = "\n".join(
                line.lstrip()[1:] if line.lstrip().startswith("#") else ""
                for line in entry.head.splitlines()
            )
            yield entry.path, comments, 1, True


def _check(context: Context) -> Iterator[Finding]:
    best: Statement | None = None
    for path, text, first_line, config in _texts(context):
        found = best_statement(path, text, first_line, config)
        if found is not None and (best is None or _LEVELS[found.level] > _LEVELS[best.level]):
            best = found
            if best.level == "full":
                break
    if best is None:
        status = Status.FAIL if context.evidence.cards else Status.NOT_AVAILABLE
        yield ANALYZER.finding(
            status,
            "the documentation does not describe the training hardware",
            severity=Severity.LOW,
            facts={"level": "none"},
        )
        return
    where = Location(best.path, line=best.line, excerpt=best.text)
    facts = {"level": best.level, "accelerator": best.accelerator, "amount": best.amount}
    if best.level == "full":
        yield ANALYZER.finding(
            Status.PASS,
            f"{best.path}:{best.line}: training on {best.amount}",
            [where],
            facts=facts,
        )
    else:
        yield ANALYZER.finding(
            Status.FAIL,
            f"{best.path}:{best.line}: names {best.accelerator} for training, not how many"
            if best.amount is None
            else f"{best.path}:{best.line}: {best.amount} for training, model not named",
            [where],
            severity=Severity.LOW,
            facts=facts,
        )


ANALYZER = Analyzer(
    id="docs.hardware",
    title="The documentation describes the training hardware",
    rationale="Reproducing or assessing a model needs the compute it took: which "
    "accelerators and how many (or accelerator-hours) (European Open Source AI Index).",
    remediation="Document the accelerators the model was trained on and how many "
    "(or accelerator-hours), next to the training description.",
    severity=Severity.LOW,
    check=_check,
    references=("https://osai-index.eu",),
)
