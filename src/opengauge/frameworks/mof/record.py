"""MOT records (the Model Openness Tool's YAML format) as typed data, and their facts.

Pure: ``sources/mot.py`` reads and writes the YAML; this module turns a schema-valid mapping
into a :class:`MotRecord`, a record into :class:`MofFacts` (with MOT's licence resolution), and
facts back into a record mapping.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from opengauge.frameworks.mof.definition import MofDefinition, load_definition
from opengauge.frameworks.mof.evaluate import apply_conventions
from opengauge.frameworks.mof.types import ComponentFacts, MofFacts
from opengauge.model import Component

GLOBAL_KINDS = ("distribution", "code", "data", "document")
_NAMES = {c.value: c for c in Component if c is not Component.OTHER}


@dataclass(frozen=True)
class MotComponent:
    """One ``release.components`` entry. ``license`` is None when the key is absent."""

    name: str
    description: str = ""
    license: str | None = None
    license_path: str | None = None
    component_path: str | None = None

    @property
    def component(self) -> Component | None:
        """The MOF component this entry names (exact, case-sensitive), or None."""
        return _NAMES.get(self.name)


@dataclass(frozen=True)
class MotRecord:
    """A MOT record. ``global_licenses`` maps distribution/code/data/document to a name or None."""

    name: str
    producer: str
    components: tuple[MotComponent, ...]
    global_licenses: dict[str, str | None] = field(default_factory=dict)
    version: str = ""
    date: str | None = None
    framework_version: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def unknown_components(self) -> tuple[str, ...]:
        """Entry names that are not MOF component names (MOT ignores them)."""
        return tuple(c.name for c in self.components if c.component is None)


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _optional(value: Any) -> str | None:
    return None if value is None else _text(value)


def record_from_dict(doc: dict[str, Any]) -> MotRecord:
    """Build a record from a schema-valid mapping (see ``sources.mot.parse_record``)."""
    release = doc["release"]
    licenses = release.get("license") or {}
    global_licenses: dict[str, str | None] = {}
    for kind in GLOBAL_KINDS:
        entry = licenses.get(kind)
        global_licenses[kind] = _optional(entry.get("name")) if isinstance(entry, dict) else None
    components = tuple(
        MotComponent(
            name=_text(entry.get("name")),
            description=_text(entry.get("description")),
            license=_optional(entry.get("license")),
            license_path=_optional(entry.get("license_path")),
            component_path=_optional(entry.get("component_path")),
        )
        for entry in release.get("components") or ()
    )
    return MotRecord(
        name=_text(release.get("name")),
        producer=_text(release.get("producer")),
        components=components,
        global_licenses=global_licenses,
        version=_text(release.get("version")),
        date=_optional(release.get("date")),
        framework_version=_text((doc.get("framework") or {}).get("version")),
        raw=doc,
    )


def facts_from_record(record: MotRecord, definition: MofDefinition | None = None) -> MofFacts:
    """Per-component facts, with MOT's licence resolution (first match wins).

    1. the component's own ``license`` (an empty value or ``unlicensed``: included, no
       licence, and no inheritance); 2. the global licence for its content type;
    3. the global distribution licence; 4. none (unlicensed).
    """
    definition = definition or load_definition()
    facts: list[ComponentFacts] = []
    for entry in record.components:
        component = entry.component
        if component is None:
            continue
        if entry.license is not None:
            license, source = entry.license, "component"
        else:
            kind = definition.content_types[component].value
            license, source = None, "none"
            for key in (kind, "distribution"):
                if record.global_licenses.get(key):
                    license, source = record.global_licenses[key], f"global:{key}"
                    break
        facts.append(ComponentFacts(component, True, (license,) if license else (), source))
    return MofFacts(components=tuple(facts))


def to_mot_record(
    facts: MofFacts,
    *,
    name: str,
    producer: str = "",
    version: str = "",
    date: str | None = None,
    extra: dict[str, str] | None = None,
    definition: MofDefinition | None = None,
) -> dict[str, Any]:
    """A MOT record mapping (valid against mof_schema.json) for the included components.

    Every included component carries its own licence (several are joined with AND, an SPDX
    expression; none is written as ``unlicensed``), so nothing depends on inheritance.
    ``extra`` adds release fields such as type, architecture, repository, huggingface.
    """
    definition = definition or load_definition()
    facts = apply_conventions(facts)
    components: list[dict[str, str]] = []
    for component in definition.content_types:
        entry = facts.get(component)
        if not entry.included:
            continue
        licenses = [lic for lic in entry.licenses if lic]
        license = " AND ".join(licenses) if licenses else str(definition.licenses["unlicensed"])
        components.append(
            {
                "name": component.value,
                "description": definition.descriptions.get(component, ""),
                "license": license,
            }
        )
    release: dict[str, Any] = {"name": name, "version": version}
    if date:
        release["date"] = date
    release.update(extra or {})
    release.update({"license": {}, "producer": producer, "components": components})
    return {
        "framework": {
            "name": definition.title,
            "version": definition.framework_version,
            "date": definition.framework_date,
        },
        "release": release,
    }
