"""Rules that rate each Open Source AI Index dimension from a release's evidence. Pure.

Each rule returns a Rating: open, partial, closed, or None ("not determinable") with the
reason. Where the evidence cannot decide, the rating is None; we never guess "closed".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from opengauge.frameworks.licensing import licensing
from opengauge.model import (
    Card,
    Component,
    ComponentResult,
    ComponentState,
    Evidence,
    Finding,
)

C = Component
AVAILABLE = (ComponentState.PRESENT, ComponentState.REFERENCED)
ACCELERATOR = re.compile(r"\b(A100|H100|H200|H800|A800|V100|B200|L40S?|RTX ?\d{4}|TPU ?v?\d*|"
                         r"MI\d{3}X?|Gaudi ?\d?|GPUs?|TPUs?|Trainium|Ascend ?\d*)\b")
HARDWARE_AMOUNT = re.compile(r"\b(\d[\d,.]*\s*(x\s*)?(GPUs?|TPUs?|nodes|accelerators|cores|chips)|"
                             r"\d[\d,.]*\s*(GPU|TPU|accelerator)[- ]hours?|"
                             r"(GPU|TPU)[- ]hours?|\d+\s*x\s*(A100|H100|V100)|"
                             r"\b\d+\s+(A100|H100|V100|H800|MI\d{3}))", re.I)
SETUP = re.compile(r"\b(nodes?|cluster|interconnect|infiniband|nvlink|data[- ]parallel|"
                   r"tensor[- ]parallel|pipeline[- ]parallel|fsdp|deepspeed|megatron|"
                   r"batch size|per (gpu|tpu|device|core))\b", re.I)
PREPRINT_HOSTS = ("arxiv.org", "biorxiv.org", "medrxiv.org", "ssrn.com", "openreview.net",
                  "chemrxiv.org", "techrxiv.org", "zenodo.org")
PEER_REVIEWED_HOSTS = ("aclanthology.org", "aclweb.org", "neurips.cc", "nips.cc", "jmlr.org",
                       "mlr.press", "dl.acm.org", "ieeexplore.ieee.org", "transacl.org",
                       "springer.com", "openreview.net/forum", "aaai.org", "ijcai.org",
                       "cvf.com", "doi.org")
GATING_KEYS = ("extra_gated_prompt", "extra_gated_fields", "extra_gated_heading", "gated")


@dataclass(frozen=True)
class Rating:
    """One dimension's rating (None: not determinable) and why."""

    rating: str | None
    reason: str


@dataclass(frozen=True)
class View:
    evidence: Evidence
    states: dict[Component, ComponentResult]
    findings: tuple[Finding, ...]

    def state(self, component: Component) -> ComponentState:
        return self.states[component].state

    def has_card(self) -> bool:
        return self.state(C.MODEL_CARD) is ComponentState.PRESENT

    def model_card(self) -> Card | None:
        return self.evidence.model_card

    def base_model(self) -> str | None:
        card = self.model_card()
        value = card.metadata.get("base_model") if card else None
        if isinstance(value, list):
            value = value[0] if value else None
        return str(value) if value else None

    def card_score(self, kind: str) -> tuple[float, str] | None:
        best: tuple[float, str] | None = None
        for f in self.findings:
            if f.rule == "docs.card_score" and f.facts.get("kind") == kind:
                score = f.facts.get("score")
                if isinstance(score, (int, float)) and (best is None or score > best[0]):
                    best = (float(score), str(f.facts.get("card")))
        return best


def _unknown_without_card(view: View, what: str) -> Rating:
    return Rating(None, f"no model card and no {what} in the release: nothing to rate from")


def _datasources_end(view: View) -> Rating:
    data = view.states[C.DATASETS]
    described = view.state(C.DATA_CARD) in AVAILABLE
    if data.state is ComponentState.PRESENT:
        return Rating("open", f"training data shipped: {', '.join(data.files[:3])}")
    if data.state is ComponentState.REFERENCED:
        count = len(data.references)
        if described:
            return Rating("open", f"{count} data source(s) linked and described in a data card")
        return Rating("partial", f"{count} data source(s) linked, but no data card describes them")
    if data.state is ComponentState.CLAIMED_ABSENT:
        return Rating(None, "the documentation names data files that are not in the release")
    if not view.has_card():
        return _unknown_without_card(view, "data")
    if described:
        return Rating("closed", "data is described but no source is shared or linked")
    return Rating("closed", "no training data source is shared, linked or described")


def _datasources_base(view: View) -> Rating:
    base = view.base_model()
    if base:
        return Rating(None, f"fine-tuned from {base}: rate the base model's own release")
    return _datasources_end(view)


def _weights_end(view: View) -> Rating:
    weights = view.states[C.MODEL_PARAMETERS_FINAL]
    card = view.model_card()
    gated = [k for k in GATING_KEYS if card is not None and k in card.metadata]
    if weights.state is ComponentState.PRESENT:
        if gated:
            return Rating("partial", f"weights shipped but gated ({', '.join(gated)})")
        return Rating("open", f"weights shipped: {', '.join(weights.files[:3])}")
    if weights.state is ComponentState.REFERENCED:
        return Rating("open", f"weights published at {weights.references[0].target}")
    if not view.has_card():
        return _unknown_without_card(view, "weights")
    return Rating("closed", "no weights in the release and none linked")


def _weights_base(view: View) -> Rating:
    base = view.base_model()
    if base:
        return Rating(None, f"fine-tuned from {base}: rate the base model's own release")
    return _weights_end(view)


def _training_code(view: View) -> Rating:
    train = view.state(C.TRAINING_CODE)
    prep = view.state(C.DATA_PREPROCESSING_CODE)
    if train in AVAILABLE and prep in AVAILABLE:
        return Rating("open", "training and data processing code are available")
    if train in AVAILABLE or prep in AVAILABLE:
        have = "training" if train in AVAILABLE else "data processing"
        return Rating("partial", f"only the {have} code is available")
    if ComponentState.CLAIMED_ABSENT in (train, prep):
        return Rating(None, "the documentation names training code that is not in this copy")
    if not view.has_card():
        return _unknown_without_card(view, "code")
    return Rating("closed", "no training or data processing code shipped or linked")


def _documented(head: str | None) -> bool:
    if not head:
        return False
    return '"""' in head or "'''" in head or head.count("\n#") >= 3


def _code_docs(view: View) -> Rating:
    files = [*view.states[C.TRAINING_CODE].files, *view.states[C.DATA_PREPROCESSING_CODE].files]
    code = [view.evidence.file(p) for p in files if p.endswith((".py", ".sh", ".ipynb"))]
    entries = [e for e in code if e is not None]
    if not entries:
        if view.state(C.TRAINING_CODE) is ComponentState.REFERENCED:
            return Rating(None, "training code is published elsewhere: its documentation is not "
                          "in the release")
        return Rating(None, "no training code to inspect") if not view.has_card() else Rating(
            "closed", "no training code, so no code documentation")
    documented = [e.path for e in entries if _documented(e.head)]
    if len(documented) == len(entries):
        return Rating("open", f"all {len(entries)} training/processing code file(s) documented")
    if documented:
        return Rating("partial", f"{len(documented)} of {len(entries)} code files documented")
    return Rating("closed", "training code has no docstrings or comments")


def _hardware(view: View) -> Rating:
    texts = [(c.path, c.body) for c in view.evidence.cards]
    texts += [(f.path, f.head or "") for f in view.evidence.files
              if f.kind == "doc" and f.head and not any(f.path == c.path for c in
                                                         view.evidence.cards)]
    for path, text in texts:
        accel = ACCELERATOR.search(text)
        if not accel:
            continue
        amount = HARDWARE_AMOUNT.search(text)
        setup = SETUP.search(text)
        if amount and setup:
            return Rating("open", f"{path}: {accel.group(0)}, {amount.group(0)}, "
                          f"{setup.group(0)}")
        return Rating("partial", f"{path}: mentions {accel.group(0)} only")
    if not view.has_card():
        return _unknown_without_card(view, "documentation")
    return Rating("closed", "the documentation does not describe the training hardware")


def _paper_links(view: View) -> list[str]:
    result = view.states[C.RESEARCH_PAPER].references + view.states[C.TECHNICAL_REPORT].references
    return [r.target for r in result]


def _preprint(view: View) -> Rating:
    links = [u for u in _paper_links(view) if any(h in u for h in PREPRINT_HOSTS)]
    if links:
        return Rating("open", f"preprint linked: {links[0]}")
    files = [*view.states[C.RESEARCH_PAPER].files, *view.states[C.TECHNICAL_REPORT].files]
    if files:
        return Rating("open", f"paper or report shipped: {files[0]}")
    if not view.has_card():
        return _unknown_without_card(view, "paper")
    return Rating("closed", "no preprint shipped or linked")


def _paper(view: View) -> Rating:
    links = [u for u in _paper_links(view) if any(h in u for h in PEER_REVIEWED_HOSTS)]
    if links:
        return Rating("open", f"publication linked: {links[0]}")
    if not view.has_card():
        return _unknown_without_card(view, "paper")
    return Rating("closed", "no peer-reviewed publication linked")


def _model_card(view: View, spec: dict[str, Any]) -> Rating:
    score = view.card_score("model")
    if score is None:
        if view.has_card():
            return Rating("partial", "a model card exists but was not scored")
        return Rating("closed", "no model card")
    value, path = score
    limits = spec["thresholds"]
    rating = ("open" if value >= limits["card_open"] else
              "partial" if value >= limits["card_partial"] else "closed")
    return Rating(rating, f"{path} documentation score {value:.0f}/100")


def _datasheet(view: View, spec: dict[str, Any]) -> Rating:
    score = view.card_score("dataset")
    limits = spec["thresholds"]
    if score is not None:
        value, path = score
        rating = ("open" if value >= limits["card_open"] else
                  "partial" if value >= limits["card_partial"] else "closed")
        return Rating(rating, f"datasheet {path} scores {value:.0f}/100")
    data_card = view.states[C.DATA_CARD]
    if data_card.state is ComponentState.PRESENT:
        return Rating("partial", f"data information without a datasheet: {data_card.reasons[0]}")
    if not view.has_card():
        return _unknown_without_card(view, "datasheet")
    return Rating("closed", "no datasheet and no data information")


def _licenses(view: View) -> Rating:
    parts = {"weights": C.MODEL_PARAMETERS_FINAL, "training code": C.TRAINING_CODE,
             "data": C.DATASETS}
    open_parts: list[str] = []
    closed_parts: list[str] = []
    for label, component in parts.items():
        if view.state(component) is not ComponentState.PRESENT:
            continue
        verdict = licensing(component, view.evidence.licenses)
        (open_parts if verdict.open else closed_parts).append(f"{label} ({verdict.reason})")
    if not view.evidence.licenses or not (open_parts or closed_parts):
        if not view.evidence.licenses and view.has_card():
            return Rating("closed", "no licence found")
        return Rating(None, "no licensed component in the release to judge")
    if not closed_parts:
        return Rating("open", "; ".join(open_parts))
    if len(open_parts) >= 2:
        return Rating("partial", "open: " + "; ".join(open_parts) + " — not open: "
                      + "; ".join(closed_parts))
    return Rating("closed", "not open: " + "; ".join(closed_parts))


RULES: dict[str, Callable[[View, dict[str, Any]], Rating]] = {
    "datasources_basemodel": lambda v, _: _datasources_base(v),
    "datasources_endmodel": lambda v, _: _datasources_end(v),
    "weights_basemodel": lambda v, _: _weights_base(v),
    "weights_endmodel": lambda v, _: _weights_end(v),
    "trainingcode": lambda v, _: _training_code(v),
    "code": lambda v, _: _code_docs(v),
    "hardware_architecture": lambda v, _: _hardware(v),
    "preprint": lambda v, _: _preprint(v),
    "paper": lambda v, _: _paper(v),
    "modelcard": _model_card,
    "datasheet": _datasheet,
    "licenses": lambda v, _: _licenses(v),
}
