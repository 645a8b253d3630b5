"""The MOF definition, read from ``frameworks/definitions/mof.toml`` (frameworks are data)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from opengauge.model import Component, ContentType


@dataclass(frozen=True)
class MofClass:
    """One MOF class: the components it adds (required and optional) on top of the class above."""

    number: int
    label: str
    required: tuple[Component, ...]
    optional: tuple[Component, ...]


@dataclass(frozen=True)
class Substitution:
    """``stand_in`` may take the place of a missing ``component`` (Research paper for report)."""

    component: Component
    stand_in: Component


@dataclass(frozen=True)
class MofDefinition:
    """Classes (entry class III first), content types, substitutions and licence policy data."""

    id: str
    title: str
    framework_version: str
    framework_date: str
    classes: tuple[MofClass, ...]
    unclassified_label: str
    content_types: dict[Component, ContentType]
    descriptions: dict[Component, str]
    substitutions: tuple[Substitution, ...]
    licenses: dict[str, Any]

    def label(self, number: int) -> str:
        """The label of class ``number``; 0 is unclassified."""
        for mof_class in self.classes:
            if mof_class.number == number:
                return mof_class.label
        return self.unclassified_label

    def cumulative_required(self, number: int) -> tuple[Component, ...]:
        """Required components of class ``number`` and every class above it (entry class first)."""
        out: list[Component] = []
        for mof_class in self.classes:
            out.extend(mof_class.required)
            if mof_class.number == number:
                break
        return tuple(out)

    def tier_of(self, component: Component) -> tuple[int, bool] | None:
        """(class number, required?) for a component, or None when the framework ignores it."""
        for mof_class in self.classes:
            if component in mof_class.required:
                return mof_class.number, True
            if component in mof_class.optional:
                return mof_class.number, False
        return None


def _components(names: list[str]) -> tuple[Component, ...]:
    return tuple(Component(name) for name in names)


def parse_definition(data: dict[str, Any]) -> MofDefinition:
    """Build a definition from the parsed TOML table (raises KeyError/ValueError when malformed)."""
    classes = tuple(
        MofClass(
            number=int(row["number"]),
            label=str(row["label"]),
            required=_components(row["required"]),
            optional=_components(row.get("optional", [])),
        )
        for row in data["classes"]
    )
    return MofDefinition(
        id=str(data["id"]),
        title=str(data["title"]),
        framework_version=str(data["framework_version"]),
        framework_date=str(data["framework_date"]),
        classes=classes,
        unclassified_label=str(data["unclassified"]["label"]),
        content_types={Component(k): ContentType(v) for k, v in data["content_types"].items()},
        descriptions={Component(k): str(v) for k, v in data.get("descriptions", {}).items()},
        substitutions=tuple(
            Substitution(Component(row["component"]), Component(row["stand_in"]))
            for row in data.get("substitutions", [])
        ),
        licenses=dict(data["licenses"]),
    )


@cache
def load_definition() -> MofDefinition:
    """The packaged MOF definition (read once)."""
    text = (resources.files("opengauge") / "frameworks" / "definitions" / "mof.toml").read_text(
        encoding="utf-8"
    )
    return parse_definition(tomllib.loads(text))
