"""Rules that rate each Open Source AI Index dimension from a release's evidence. Pure.

The rules follow the Index's own criteria (osai-index.eu, "Openness Criteria"): what is
not shared is closed, so a release with nothing to show on a dimension is rated closed,
not left out. A rating is "not determinable" (None) only where the evidence points to
something we could not inspect and the criterion depends on it (code documented
elsewhere, data files the documentation names that are not in this copy).

Each rating says why and which findings or component records it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from opengauge.components.followed import followed_counts, shown_reference, state_text
from opengauge.frameworks import FrameworkInput
from opengauge.frameworks.cite import finding_ref, governance
from opengauge.model import Component, ComponentResult, ComponentState, Finding, Status

C = Component
S = ComponentState
AVAILABLE = (S.PRESENT, S.REFERENCED)
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
    "doi.org/10.",
)
# DOIs of archives (Zenodo, figshare) and preprint servers: not a peer-reviewed venue.
_ARCHIVE_DOI = re.compile(r"doi\.org/10\.(5281|6084|48550|1101|2139|21203|31219)/", re.I)
# Weights published as a difference to another model's weights: usable only with the base.
_WEIGHT_DIFF = re.compile(r"(^|[-_/])(w?diff|delta)([-_/.]|$)|weight[- ]diff", re.I)
_OPEN = "open"
_PARTIAL = "partial"
_CLOSED = "closed"


@dataclass(frozen=True)
class Rating:
    """One dimension's rating (None: not determinable), why, and what it rests on."""

    rating: str | None
    reason: str
    cites: tuple[str, ...] = field(default=())
    fix: str | None = None  # what would raise it, when more precise than the dimension's


@dataclass(frozen=True)
class View:
    """What the dimension rules read: the framework input, with shortcuts."""

    given: FrameworkInput

    @property
    def states(self) -> dict[Component, ComponentResult]:
        return {r.component: r for r in self.given.components}

    def result(self, component: Component) -> ComponentResult:
        return self.given.component(component)

    def state(self, component: Component) -> ComponentState:
        return self.given.component(component).state

    def first(self, rule: str) -> Finding | None:
        return next(self.given.of(rule), None)

    def fact(self, rule: str, key: str) -> Any:
        """``facts[key]`` of the first finding of ``rule`` (None when absent)."""
        finding = self.first(rule)
        return finding.facts.get(key) if finding is not None else None

    def base(self) -> tuple[str, str | None, str | None] | None:
        """(base model, its data rating, its weights rating) when the release is a fine-tune."""
        names = self.fact("release.identity", "base_model")
        if not isinstance(names, list) or not names:
            return None
        data = self.fact("release.identity", "base_data")
        weights = self.fact("release.identity", "base_weights")
        return (
            str(names[0]),
            str(data) if isinstance(data, str) else None,
            str(weights) if isinstance(weights, str) else None,
        )

    def base_cite(self) -> tuple[str, ...]:
        """Where the release says what it was fine-tuned from."""
        at = self.fact("release.identity", "base_at")
        return (f"release.identity {at}",) if isinstance(at, str) else ()

    def gated(self) -> list[str]:
        value = self.fact("release.identity", "gated")
        return [str(v) for v in value] if isinstance(value, list) else []

    def card_score(self, kind: str) -> tuple[float, str, Finding] | None:
        best: tuple[float, str, Finding] | None = None
        for f in self.given.of("docs.card_score"):
            if f.facts.get("kind") == kind:
                score = f.facts.get("score")
                if isinstance(score, (int, float)) and (best is None or score > best[0]):
                    best = (float(score), str(f.facts.get("card")), f)
        return best


def _component_cite(result: ComponentResult) -> tuple[str, ...]:
    """A reference to the inventory record of a component: its first file or link."""
    if result.files:
        return (f"components.inventory {result.files[0]}",)
    if result.references:
        return (f"components.inventory {result.references[0].location.pointer}",)
    return (f"components.inventory {result.component.value}: {result.state.value}",)


def _elsewhere(result: ComponentResult) -> str:
    """``<target>, not inspected`` or what following it found (``verified on the Hub ...``)."""
    ref = shown_reference(result)
    return f"{ref.target}, {state_text(ref)}" if ref is not None else "not inspected"


def _cites(*findings: Finding | None) -> tuple[str, ...]:
    return tuple(finding_ref(f) for f in findings if f is not None)


def _datasources_end(view: View) -> Rating:
    data = view.result(C.DATASETS)
    card = view.result(C.DATA_CARD)
    cites = _component_cite(data)
    if data.state is S.PRESENT:
        return Rating(_OPEN, f"training data shipped: {', '.join(data.files[:3])}", cites)
    if data.state is S.REFERENCED:
        count = len(data.references)
        checked = followed_counts(data)
        linked = (
            f"{count} data source(s) linked ({checked})"
            if checked
            else f"{count} data source(s) linked"
        )
        if card.state in AVAILABLE:
            return Rating(
                _OPEN,
                f"{linked} and described in a data card",
                cites + _component_cite(card),
            )
        return Rating(_PARTIAL, f"{linked}, but no data card describes them", cites)
    if data.state is S.CLAIMED_ABSENT:
        return Rating(None, "the documentation names data files that are not in this copy", cites)
    if card.state in AVAILABLE:
        return Rating(
            _CLOSED,
            "the data is described but no source is shared or linked",
            _component_cite(card),
        )
    return Rating(_CLOSED, "no training data source is shared, linked or described", cites)


def _from_base(view: View, data: bool, end: Callable[[View], Rating]) -> Rating:
    """A base-model dimension: the base family's rating when the release is a fine-tune of
    a known family, else the release's own (``end``)."""
    base = view.base()
    rating = None if base is None else base[1] if data else base[2]
    if base is None or rating is None:
        return end(view)
    what = "pre-training data is" if data else "weights are"
    return Rating(
        rating,
        f"fine-tuned from {base[0]}: the {view.fact('release.identity', 'base_family')} "
        f"family's {what} {rating} (known base models table)",
        view.base_cite(),
    )


def _datasources_base(view: View) -> Rating:
    return _from_base(view, True, _datasources_end)


def _weights_end(view: View) -> Rating:
    weights = view.result(C.MODEL_PARAMETERS_FINAL)
    gated = view.gated()
    cites = _component_cite(weights)
    if weights.state is S.PRESENT:
        if gated:
            return Rating(_PARTIAL, f"weights shipped but gated ({', '.join(gated)})", cites)
        return Rating(_OPEN, f"weights shipped: {', '.join(weights.files[:3])}", cites)
    if weights.state is S.REFERENCED:
        targets = [r.target for r in weights.references]
        if all(
            _WEIGHT_DIFF.search(r.target) or "weight difference" in r.reason
            for r in weights.references
        ):
            return Rating(
                _PARTIAL,
                f"only a weight difference is published ({targets[0]}): usable with the "
                "base model's weights",
                cites,
            )
        if gated:
            return Rating(_PARTIAL, f"weights published but gated ({', '.join(gated)})", cites)
        ref = shown_reference(weights)
        if ref is not None and ref.verification is not None:
            where = f"{ref.target} ({state_text(ref)})"
            if ref.verification.gated:
                return Rating(_PARTIAL, f"weights published but gated: {where}", cites)
            return Rating(_OPEN, f"weights published at {where}", cites)
        return Rating(_OPEN, f"weights published at {targets[0]}", cites)
    if weights.state is S.CLAIMED_ABSENT:
        return Rating(None, "the documentation names weight files that are not in this copy")
    return Rating(_CLOSED, "no weights in the release and none linked", cites)


def _weights_base(view: View) -> Rating:
    return _from_base(view, False, _weights_end)


def _training_code(view: View) -> Rating:
    train = view.result(C.TRAINING_CODE)
    prep = view.result(C.DATA_PREPROCESSING_CODE)
    cites = _component_cite(train) + _component_cite(prep)
    if train.state is S.PRESENT and prep.state is S.PRESENT:
        return Rating(_OPEN, "training and data processing code are in the release", cites)
    if train.state in AVAILABLE and prep.state in AVAILABLE:
        # code only linked cannot be seen to be complete: "sparse" is what can be said
        return Rating(
            _PARTIAL,
            "training and data processing code are available, part of it only linked "
            "(published elsewhere, not inspected)",
            cites,
        )
    if train.state in AVAILABLE or prep.state in AVAILABLE:
        have = "training" if train.state in AVAILABLE else "data processing"
        return Rating(_PARTIAL, f"only the {have} code is available", cites)
    if S.CLAIMED_ABSENT in (train.state, prep.state):
        return Rating(None, "the documentation names training code that is not in this copy")
    recipe = _finetune_recipe(view)
    if recipe is not None:
        folders = ", ".join(f + "/" for f in recipe.facts["folders"])
        return Rating(
            _PARTIAL,
            f"only fine-tuning code for users ({folders}); the code that trained the "
            "release is not published",
            _cites(recipe),
        )
    return Rating(_CLOSED, "no training or data processing code shipped or linked", cites)


def _finetune_recipe(view: View) -> Finding | None:
    """The release's fine-tuning code for users, when it ships some."""
    finding = view.first("code.finetune_recipe")
    if finding is None or finding.status is not Status.PASS:
        return None
    return finding


def _code_docs(view: View, spec: dict[str, Any]) -> Rating:
    finding = view.first("docs.code_comments")
    total = view.fact("docs.code_comments", "total")
    good = view.fact("docs.code_comments", "documented") or 0
    if not total:
        if view.state(C.TRAINING_CODE) is S.REFERENCED:
            return Rating(
                None,
                "the training code is published elsewhere: its documentation is not in the release",
                _component_cite(view.result(C.TRAINING_CODE)),
            )
        recipe = _finetune_recipe(view)
        if recipe is not None and recipe.facts.get("documented"):
            return Rating(
                _PARTIAL,
                "only the fine-tuning code for users is there, and it is documented",
                _cites(recipe),
            )
        return Rating(_CLOSED, "no training code, so no code documentation", _cites(finding))
    share = good / total
    if share >= spec["thresholds"]["code_open"]:
        return Rating(
            _OPEN, f"{good} of {total} training/processing code files documented", _cites(finding)
        )
    if good:
        return Rating(
            _PARTIAL,
            f"{good} of {total} training/processing code files documented",
            _cites(finding),
        )
    return Rating(_CLOSED, "the training code has no docstrings or comments", _cites(finding))


def _hardware(view: View) -> Rating:
    finding = view.first("docs.hardware")
    level = finding.facts.get("level") if finding is not None else None
    if finding is not None and level == "full":
        return Rating(_OPEN, finding.message, _cites(finding))
    if finding is not None and level == "partial":
        return Rating(_PARTIAL, finding.message, _cites(finding))
    return Rating(
        _CLOSED, "the documentation does not describe the training hardware", _cites(finding)
    )


def _paper_refs(view: View) -> list[tuple[str, str]]:
    """(link, location) of the release's paper and report references."""
    found = [*view.result(C.RESEARCH_PAPER).references, *view.result(C.TECHNICAL_REPORT).references]
    return [(r.target, r.location.pointer) for r in found]


def _preprint(view: View) -> Rating:
    links = [(u, at) for u, at in _paper_refs(view) if any(h in u for h in PREPRINT_HOSTS)]
    if links:
        return Rating(
            _OPEN, f"preprint linked: {links[0][0]}", (f"components.inventory {links[0][1]}",)
        )
    files = [*view.result(C.RESEARCH_PAPER).files, *view.result(C.TECHNICAL_REPORT).files]
    if files:
        return Rating(
            _OPEN, f"paper or report shipped: {files[0]}", (f"components.inventory {files[0]}",)
        )
    publication = view.first("docs.publication")
    if publication is not None and publication.facts.get("preprint"):
        return Rating(_OPEN, "the README cites an arXiv preprint", _cites(publication))
    return Rating(_CLOSED, "no preprint shipped or linked", _cites(publication))


def _paper(view: View) -> Rating:
    publication = view.first("docs.publication")
    level = publication.facts.get("level") if publication is not None else None
    if level == "peer-reviewed":
        return Rating(_OPEN, publication.message if publication else "", _cites(publication))
    links = [
        (u, at)
        for u, at in _paper_refs(view)
        if any(h in u for h in PEER_REVIEWED_HOSTS) and not _ARCHIVE_DOI.search(u)
    ]
    if links:
        return Rating(
            _OPEN, f"publication linked: {links[0][0]}", (f"components.inventory {links[0][1]}",)
        )
    if level == "workshop" and publication is not None:
        return Rating(_PARTIAL, publication.message, _cites(publication))
    return Rating(_CLOSED, "no peer-reviewed publication cited or linked", _cites(publication))


def _level(value: float, spec: dict[str, Any]) -> str:
    return _OPEN if value >= spec["thresholds"]["card_open"] else _PARTIAL


def _model_card(view: View, spec: dict[str, Any]) -> Rating:
    card = view.result(C.MODEL_CARD)
    score = view.card_score("model")
    if card.state is S.PRESENT and score is not None:
        value, path, finding = score
        return Rating(
            _level(value, spec),
            f"model card {path}: documentation score {value:.0f}/100",
            _cites(finding),
        )
    if card.state is S.PRESENT:
        return Rating(_PARTIAL, "a model card exists but was not scored", _component_cite(card))
    if card.state is S.REFERENCED:
        return Rating(
            _PARTIAL,
            f"model cards are published elsewhere ({_elsewhere(card)})",
            _component_cite(card),
        )
    return Rating(_CLOSED, "no model card", _component_cite(card))


def _datasheet(view: View, spec: dict[str, Any]) -> Rating:
    score = view.card_score("dataset")
    if score is not None:
        value, path, finding = score
        return Rating(
            _level(value, spec), f"datasheet {path} scores {value:.0f}/100", _cites(finding)
        )
    card = view.result(C.DATA_CARD)
    if card.state is S.PRESENT:
        why = card.reasons[0] if card.reasons else ", ".join(card.files[:2])
        return Rating(
            _PARTIAL, f"data information without a datasheet: {why}", _component_cite(card)
        )
    if card.state is S.REFERENCED:
        return Rating(
            _PARTIAL,
            f"the data is documented elsewhere ({_elsewhere(card)})",
            _component_cite(card),
        )
    return Rating(_CLOSED, "no datasheet and no data information", _component_cite(card))


def _licence_part(view: View, components: tuple[Component, ...]) -> tuple[bool, str, str | None]:
    """(open, what was found, the finding cited) for one part of the system."""
    for component in components:
        if view.state(component) not in AVAILABLE:
            continue
        judged = governance(view.given.findings, component)
        if judged is None:
            continue
        if not judged.facts.get("licenses") and judged.facts.get("open") is None:
            continue
        return (
            judged.facts.get("open") is True,
            str(judged.facts.get("reason", "")),
            finding_ref(judged),
        )
    return False, "no licence found", None


def _licenses(view: View) -> Rating:
    weights_exist = any(
        view.state(c) in AVAILABLE
        for c in (C.MODEL_PARAMETERS_FINAL, C.MODEL_PARAMETERS_INTERMEDIATE)
    )
    parts: dict[str, tuple[Component, ...]] = {}
    if weights_exist or view.state(C.DATASETS) not in AVAILABLE:
        parts["weights"] = (C.MODEL_PARAMETERS_FINAL, C.MODEL_PARAMETERS_INTERMEDIATE)
    parts["code"] = (
        C.TRAINING_CODE,
        C.DATA_PREPROCESSING_CODE,
        C.INFERENCE_CODE,
        C.MODEL_ARCHITECTURE,
    )
    parts["data"] = (C.DATASETS,)
    opened: dict[str, bool] = {}
    shown: list[str] = []
    cites: list[str] = []
    for label, components in parts.items():
        is_open, reason, cite = _licence_part(view, components)
        opened[label] = is_open
        shown.append(f"{label}: {reason}")
        if cite:
            cites.append(cite)
    reason = "; ".join(shown)
    lacking = [label for label, is_open in opened.items() if not is_open]
    fix = (
        f"Put the {' and '.join(lacking)} under open licences (OSI-approved for code, "
        "e.g. Apache-2.0; CDLA-Permissive-2.0 or CC-BY-4.0 for data and weights) and state "
        "them in the release."
        if lacking
        else None
    )
    if not lacking:
        return Rating(_OPEN, reason, tuple(cites))
    cited = tuple(cites)
    # Partly open: at least one of weights, code and data under open terms. Weights under
    # use restrictions with nothing else open are closed, as the Index rates Llama and Gemma.
    # The criterion's text asks for "at least two (partially or fully)"; one agrees better
    # with the Index's own ratings (Bark, Dolly, Vicuna) and the corpus labels: 14/22
    # against 10/22 (docs/validity.md, Decisions).
    if len(lacking) < len(opened):
        return Rating(_PARTIAL, reason, cited, fix)
    return Rating(_CLOSED, reason, cited, fix)


RULES: dict[str, Callable[[View, dict[str, Any]], Rating]] = {
    "datasources_basemodel": lambda v, _: _datasources_base(v),
    "datasources_endmodel": lambda v, _: _datasources_end(v),
    "weights_basemodel": lambda v, _: _weights_base(v),
    "weights_endmodel": lambda v, _: _weights_end(v),
    "trainingcode": lambda v, _: _training_code(v),
    "code": _code_docs,
    "hardware_architecture": lambda v, _: _hardware(v),
    "preprint": lambda v, _: _preprint(v),
    "paper": lambda v, _: _paper(v),
    "modelcard": _model_card,
    "datasheet": _datasheet,
    "licenses": lambda v, _: _licenses(v),
}
