"""Inputs and outputs of the MOF evaluator: per-component facts in, class and progress out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from opengauge.model import Component, ContentType


@dataclass(frozen=True)
class ComponentFacts:
    """What is known about one component of a release.

    ``licenses``: licence strings (SPDX ids, names or expressions) that govern it; several
    means all of them apply (a dataset built from many sources), so the most restrictive
    decides. ``source`` says where the licence came from (e.g. ``component``, ``global:code``,
    ``audit:weights``); ``evidence`` is carried into the result's reasons.
    """

    component: Component
    included: bool
    licenses: tuple[str, ...] = ()
    source: str = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class MofFacts:
    """Facts about every component, plus the MOF conventions a release may rely on.

    A component without an entry is not included. The flags follow MOT's README:
    ``data_card_in_model_card``: the model card holds the data information, so the data card
    counts as included (with the model card's licence). ``evaluation_results_in``: the
    evaluation results live inside that component. ``report_covers_paper``: a detailed
    technical report stands in for the research paper. (The reverse, a research paper
    standing in for a missing technical report, is part of the MOF rules and automatic.)
    """

    components: tuple[ComponentFacts, ...] = ()
    data_card_in_model_card: bool = False
    evaluation_results_in: Component | None = None
    report_covers_paper: bool = False

    def get(self, component: Component) -> ComponentFacts:
        """The facts for ``component`` (the last entry wins); not included when absent."""
        found = ComponentFacts(component, included=False)
        for facts in self.components:
            if facts.component is component:
                found = facts
        return found


class ComponentStatus(StrEnum):
    """A component's outcome. ``included`` and ``conditional`` count towards the class."""

    INCLUDED = "included"
    CONDITIONAL = "conditional"
    MISSING = "missing"
    UNLICENSED = "unlicensed"
    INVALID = "invalid"


@dataclass(frozen=True)
class ComponentVerdict:
    """The MOF outcome for one component, why, and what would fix it.

    ``mof_class`` is the class that first needs (or optionally lists) the component;
    ``counts`` says whether it counts towards that class (directly or through a stand-in).
    """

    component: Component
    content_type: ContentType
    mof_class: int
    required: bool
    status: ComponentStatus
    license: str | None
    normalized_license: str | None
    source: str
    counts: bool
    stand_in: Component | None = None
    reasons: tuple[str, ...] = ()
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible form."""
        return {
            "component": self.component.value,
            "content_type": self.content_type.value,
            "class": self.mof_class,
            "required": self.required,
            "status": self.status.value,
            "license": self.license,
            "normalized_license": self.normalized_license,
            "license_source": self.source,
            "counts": self.counts,
            "stand_in": self.stand_in.value if self.stand_in else None,
            "reasons": list(self.reasons),
            "fix": self.fix,
        }


@dataclass(frozen=True)
class MofResult:
    """The MOF verdict: class (0 unclassified, 1 most open), progress per class, components.

    ``progress`` maps "1", "2", "3" to percentages (0-100, capped, gated: a class shows 0
    until every class above it is complete). ``to_raise`` lists the steps to the next class.
    """

    mof_class: int
    label: str
    progress: dict[str, float]
    components: tuple[ComponentVerdict, ...]
    to_raise: tuple[str, ...]
    advisories: tuple[str, ...]
    strict_mot: bool
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible form: ``class``, ``label``, ``progress``, ``components``, ..."""
        return {
            "framework": "mof",
            "mode": "mot-compatible" if self.strict_mot else "default",
            "class": self.mof_class,
            "label": self.label,
            "progress": dict(self.progress),
            "components": [c.to_dict() for c in self.components],
            "to_raise": list(self.to_raise),
            "advisories": list(self.advisories),
            "notes": list(self.notes),
        }
