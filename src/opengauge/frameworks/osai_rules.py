"""Rules that rate each Open Source AI Index dimension from a release's evidence. Pure.

Each rule returns a Rating: open, partial, closed, or None ("not determinable") with the
reason. Where the evidence cannot decide, the rating is None; we never guess "closed".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from opengauge.frameworks import FrameworkInput
from opengauge.frameworks.cite import governance
from opengauge.model import Component, ComponentResult, ComponentState

C = Component
AVAILABLE = (ComponentState.PRESENT, ComponentState.REFERENCED)
PREPRINT_HOSTS = (
    "arxiv.org",
    "biorxiv.org",
    "medrxiv.org",
    "ssrn.com",
    "openreview.net",
    "chemrxiv.org",
    "techrxiv.org",
    "zenodo.org",
)
PEER_REVIEWED_HOSTS = (
    "aclanthology.org",
    "aclweb.org",
    "neurips.cc",
    "nips.cc",
    "jmlr.org",
    "mlr.press",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "transacl.org",
    "springer.com",
    "openreview.net/forum",
    "aaai.org",
    "ijcai.org",
    "cvf.com",
    "doi.org",
)


@dataclass(frozen=True)
class Rating:
    """One dimension's rating (None: not determinable) and why."""

    rating: str | None
    reason: str


@dataclass(frozen=True)
class View:
    """What the dimension rules read: the framework input, with shortcuts."""

    given: FrameworkInput

    @property
    def states(self) -> dict[Component, ComponentResult]:
        return {r.component: r for r in self.given.components}

    def state(self, component: Component) -> ComponentState:
        return self.given.component(component).state

    def has_card(self) -> bool:
        return self.state(C.MODEL_CARD) is ComponentState.PRESENT

    def fact(self, rule: str, key: str) -> Any:
        """``facts[key]`` of the first finding of ``rule`` (None when absent)."""
        finding = next(self.given.of(rule), None)
        return finding.facts.get(key) if finding is not None else None

    def base_model(self) -> str | None:
        value = self.fact("release.identity", "base_model")
        return str(value[0]) if isinstance(value, list) and value else None

    def gated(self) -> list[str]:
        value = self.fact("release.identity", "gated")
        return [str(v) for v in value] if isinstance(value, list) else []

    def card_score(self, kind: str) -> tuple[float, str] | None:
        best: tuple[float, str] | None = None
        for f in self.given.of("docs.card_score"):
            if f.facts.get("kind") == kind:
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
    gated = view.gated()
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


def _code_docs(view: View) -> Rating:
    total = view.fact("docs.code_comments", "total")
    good = view.fact("docs.code_comments", "documented")
    if not total:
        if view.state(C.TRAINING_CODE) is ComponentState.REFERENCED:
            return Rating(
                None,
                "training code is published elsewhere: its documentation is not in the release",
            )
        return (
            Rating(None, "no training code to inspect")
            if not view.has_card()
            else Rating("closed", "no training code, so no code documentation")
        )
    if good == total:
        return Rating("open", f"all {total} training/processing code file(s) documented")
    if good:
        return Rating("partial", f"{good} of {total} code files documented")
    return Rating("closed", "training code has no docstrings or comments")


def _hardware(view: View) -> Rating:
    finding = next(view.given.of("docs.hardware"), None)
    level = finding.facts.get("level") if finding is not None else None
    if finding is not None and level == "full":
        return Rating("open", finding.message)
    if finding is not None and level == "partial":
        return Rating("partial", finding.message)
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
    rating = (
        "open"
        if value >= limits["card_open"]
        else "partial"
        if value >= limits["card_partial"]
        else "closed"
    )
    return Rating(rating, f"{path} documentation score {value:.0f}/100")


def _datasheet(view: View, spec: dict[str, Any]) -> Rating:
    score = view.card_score("dataset")
    limits = spec["thresholds"]
    if score is not None:
        value, path = score
        rating = (
            "open"
            if value >= limits["card_open"]
            else "partial"
            if value >= limits["card_partial"]
            else "closed"
        )
        return Rating(rating, f"datasheet {path} scores {value:.0f}/100")
    data_card = view.states[C.DATA_CARD]
    if data_card.state is ComponentState.PRESENT:
        return Rating("partial", f"data information without a datasheet: {data_card.reasons[0]}")
    if not view.has_card():
        return _unknown_without_card(view, "datasheet")
    return Rating("closed", "no datasheet and no data information")


def _licenses(view: View) -> Rating:
    parts = {
        "weights": C.MODEL_PARAMETERS_FINAL,
        "training code": C.TRAINING_CODE,
        "data": C.DATASETS,
    }
    open_parts: list[str] = []
    closed_parts: list[str] = []
    for label, component in parts.items():
        if view.state(component) is not ComponentState.PRESENT:
            continue
        judged = governance(view.given.findings, component)
        if judged is None or judged.facts.get("open") is None:
            continue
        reason = str(judged.facts.get("reason", ""))
        (open_parts if judged.facts["open"] else closed_parts).append(f"{label} ({reason})")
    if not (open_parts or closed_parts):
        if view.has_card() and not any(
            f.facts.get("licenses") for f in view.given.of("licenses.governance")
        ):
            return Rating("closed", "no licence found")
        return Rating(None, "no licensed component in the release to judge")
    if not closed_parts:
        return Rating("open", "; ".join(open_parts))
    if len(open_parts) >= 2:
        return Rating(
            "partial", "open: " + "; ".join(open_parts) + " — not open: " + "; ".join(closed_parts)
        )
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
