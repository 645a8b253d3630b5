"""What the Hugging Face card templates contain: fixed sentences, defaults, placeholders.

The templates are pinned in the package (``data/docs/hub_templates/``, copied from
huggingface_hub 2.4.0; see NOTICE) so "left as template" detection does not change with
whichever huggingface_hub is installed. An untouched card still contains their lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from opengauge.docs.tables import normalise

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_DEFAULT = re.compile(r"default\(\s*\"((?:[^\"\\]|\\.)*)\"")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
PLACEHOLDERS = (
    "[More Information Needed]",
    "More Information Needed",
    "[optional]",
    "[TODO]",
    "TODO",
    "TBD",
    "Coming soon",
    "Lorem ipsum",
)


@dataclass(frozen=True)
class Template:
    """Headings (level, title) and the normalised boilerplate lines of one template."""

    headings: tuple[tuple[int, str], ...]
    boilerplate: frozenset[str]


def _parse(text: str) -> Template:
    boilerplate = {normalise(m.group(1)) for m in _DEFAULT.finditer(text)}
    headings: list[tuple[int, str]] = []
    body = _COMMENT.sub("", text.split("---", 2)[-1])
    for line in body.splitlines():
        heading = _HEADING.fullmatch(line.strip())
        if heading:
            if "{{" not in line:
                headings.append((len(heading.group(1)), heading.group(2).strip()))
            continue
        fixed = normalise(_JINJA.sub("", line))
        if fixed:
            boilerplate.add(fixed)
    boilerplate.discard("")
    return Template(tuple(headings), frozenset(boilerplate))


def _hub_template(name: str) -> str:
    """The text of a template pinned in ``data/docs/hub_templates``."""
    folder = resources.files("opengauge") / "data" / "docs" / "hub_templates"
    return (folder / name).read_text(encoding="utf-8")


@cache
def model_template() -> Template:
    """The Hugging Face model card template."""
    return _parse(_hub_template("modelcard_template.md"))


@cache
def dataset_template() -> Template:
    """The Hugging Face dataset card template."""
    return _parse(_hub_template("datasetcard_template.md"))


@cache
def all_boilerplate() -> frozenset[str]:
    """Normalised template lines of both templates, plus the placeholders."""
    return (
        model_template().boilerplate
        | dataset_template().boilerplate
        | frozenset(normalise(p) for p in PLACEHOLDERS)
    )
