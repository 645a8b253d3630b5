"""The 17 Model Openness Framework components and their states in a target."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opengauge.model.common import Location


class Component(StrEnum):
    """MOF components, with the exact names the Model Openness Tool uses."""

    MODEL_ARCHITECTURE = "Model architecture"
    MODEL_PARAMETERS_FINAL = "Model parameters (Final)"
    TECHNICAL_REPORT = "Technical report"
    EVALUATION_RESULTS = "Evaluation results"
    MODEL_CARD = "Model card"
    DATA_CARD = "Data card"
    SAMPLE_MODEL_OUTPUTS = "Sample model outputs"
    TRAINING_CODE = "Training code"
    INFERENCE_CODE = "Inference code"
    EVALUATION_CODE = "Evaluation code"
    EVALUATION_DATA = "Evaluation data"
    SUPPORTING_LIBRARIES = "Supporting libraries and tools"
    DATASETS = "Datasets"
    DATA_PREPROCESSING_CODE = "Data preprocessing code"
    MODEL_PARAMETERS_INTERMEDIATE = "Model parameters (Intermediate)"
    RESEARCH_PAPER = "Research paper"
    MODEL_METADATA = "Model metadata"
    OTHER = "Other"


class ContentType(StrEnum):
    """What kind of artefact a component is; decides which licences suit it."""

    CODE = "code"
    DATA = "data"
    DOCUMENT = "document"


CONTENT_TYPE: dict[Component, ContentType] = {
    Component.MODEL_ARCHITECTURE: ContentType.CODE,
    Component.MODEL_PARAMETERS_FINAL: ContentType.DATA,
    Component.TECHNICAL_REPORT: ContentType.DOCUMENT,
    Component.EVALUATION_RESULTS: ContentType.DOCUMENT,
    Component.MODEL_CARD: ContentType.DOCUMENT,
    Component.DATA_CARD: ContentType.DOCUMENT,
    Component.SAMPLE_MODEL_OUTPUTS: ContentType.DOCUMENT,
    Component.TRAINING_CODE: ContentType.CODE,
    Component.INFERENCE_CODE: ContentType.CODE,
    Component.EVALUATION_CODE: ContentType.CODE,
    Component.EVALUATION_DATA: ContentType.DATA,
    Component.SUPPORTING_LIBRARIES: ContentType.CODE,
    Component.DATASETS: ContentType.DATA,
    Component.DATA_PREPROCESSING_CODE: ContentType.CODE,
    Component.MODEL_PARAMETERS_INTERMEDIATE: ContentType.DATA,
    Component.RESEARCH_PAPER: ContentType.DOCUMENT,
    Component.MODEL_METADATA: ContentType.DATA,
}

MOF_COMPONENTS: tuple[Component, ...] = tuple(c for c in Component if c is not Component.OTHER)


class ComponentState(StrEnum):
    """How a component shows up in the target.

    present: in the folder. referenced: published elsewhere, linked from the docs.
    claimed_absent: the documentation says it is here, and it is not.
    missing: no trace.
    """

    PRESENT = "present"
    REFERENCED = "referenced"
    CLAIMED_ABSENT = "claimed_absent"
    MISSING = "missing"


@dataclass(frozen=True)
class Placement:
    """Why one file was placed in one component."""

    path: str
    component: Component
    reason: str


# FollowedLink states
FOLLOWED_VERIFIED = "referenced, verified"
FOLLOWED_UNREACHABLE = "referenced, not reachable"
FOLLOWED_LINKED = "referenced, linked"


@dataclass(frozen=True)
class FollowedLink:
    """A part of the release published elsewhere that the audit followed.

    ``target``: ``hf://org/name``, ``hf://datasets/org/name`` or ``arxiv:<id>``;
    ``relation``: base_model, datasets (card metadata) or link (a README link);
    ``component``: the MOF component it serves, when known. ``state``: "referenced,
    verified" (found on the Hub at ``revision``, its ``licence`` read from its card
    metadata), "referenced, not reachable" (``detail`` says why) or "referenced, linked"
    (cited by id only: arXiv papers are not fetched).
    """

    target: str
    relation: str
    state: str
    component: str | None = None
    revision: str | None = None
    licence: tuple[str, ...] = ()
    gated: bool = False
    detail: str = ""


@dataclass(frozen=True)
class Reference:
    """A link or mention that points to a component published elsewhere or claimed here."""

    component: Component
    target: str
    reason: str
    location: Location
    # What following the link found (``opengauge.follow``); None when it was not followed.
    verification: FollowedLink | None = None


@dataclass(frozen=True)
class ComponentResult:
    """The state of one MOF component, with every piece of evidence behind it."""

    component: Component
    state: ComponentState
    files: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    claims: tuple[Reference, ...] = ()
