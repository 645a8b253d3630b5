"""docs.hardware: does the documentation describe the hardware the model was trained on?

Fully: an accelerator, an amount (GPU count or GPU-hours) and the set-up (nodes,
parallelism, batch size per device). Partly: an accelerator alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Finding, Location, Severity, Status, excerpt

ACCELERATOR = re.compile(
    r"\b(A100|H100|H200|H800|A800|V100|B200|L40S?|RTX ?\d{4}|TPU ?v?\d*|"
    r"MI\d{3}X?|Gaudi ?\d?|GPUs?|TPUs?|Trainium|Ascend ?\d*)\b"
)
HARDWARE_AMOUNT = re.compile(
    r"\b(\d[\d,.]*\s*(x\s*)?(GPUs?|TPUs?|nodes|accelerators|cores|chips)|"
    r"\d[\d,.]*\s*(GPU|TPU|accelerator)[- ]hours?|"
    r"(GPU|TPU)[- ]hours?|\d+\s*x\s*(A100|H100|V100)|"
    r"\b\d+\s+(A100|H100|V100|H800|MI\d{3}))",
    re.I,
)
SETUP = re.compile(
    r"\b(nodes?|cluster|interconnect|infiniband|nvlink|data[- ]parallel|"
    r"tensor[- ]parallel|pipeline[- ]parallel|fsdp|deepspeed|megatron|"
    r"batch size|per (gpu|tpu|device|core))\b",
    re.I,
)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    texts = [(c.path, c.body, c.body_start_line) for c in evidence.cards]
    carded = {c.path for c in evidence.cards}
    texts += [
        (f.path, f.head or "", 1)
        for f in evidence.files
        if f.kind == "doc" and f.head and f.path not in carded
    ]
    for path, text, first_line in texts:  # the first document that names an accelerator
        accel = ACCELERATOR.search(text)
        if not accel:
            continue
        line = first_line + _line(text, accel.start()) - 1
        snippet = excerpt(text[accel.start() : accel.start() + 200])
        where = Location(path, line=line, excerpt=snippet)
        amount, setup = HARDWARE_AMOUNT.search(text), SETUP.search(text)
        if amount and setup:
            yield ANALYZER.finding(
                Status.PASS,
                f"{path}: {accel.group(0)}, {amount.group(0)}, {setup.group(0)}",
                [where],
                facts={"level": "full", "accelerator": accel.group(0)},
            )
        else:
            yield ANALYZER.finding(
                Status.FAIL,
                f"{path}: mentions {accel.group(0)} only",
                [where],
                severity=Severity.LOW,
                facts={"level": "partial", "accelerator": accel.group(0)},
            )
        return
    status = Status.FAIL if evidence.cards else Status.NOT_AVAILABLE
    yield ANALYZER.finding(
        status,
        "the documentation does not describe the training hardware",
        severity=Severity.LOW,
        facts={"level": "none"},
    )


ANALYZER = Analyzer(
    id="docs.hardware",
    title="The documentation describes the training hardware",
    rationale="Reproducing or assessing a model needs the compute it took: accelerators, "
    "their number or hours, and the set-up (European Open Source AI Index).",
    remediation="Document the accelerators, how many (or GPU-hours) and the parallel set-up.",
    severity=Severity.LOW,
    check=_check,
    references=("https://osai-index.eu",),
)
