"""What the Hugging Face card templates contain, read from the installed huggingface_hub.

Reading the template (instead of copying it) keeps "left as template" detection in step
with the huggingface_hub version in use: its fixed sentences, default values and
placeholders are what an untouched card still contains.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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


def _parse(path: Path) -> Template:
    text = path.read_text(encoding="utf-8")
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


def _hub_template(name: str) -> Path:
    """A template file shipped inside huggingface_hub, found without importing it (slow)."""
    spec = importlib.util.find_spec("huggingface_hub")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("huggingface_hub is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "templates" / name


@cache
def model_template() -> Template:
    """The model card template shipped with huggingface_hub."""
    return _parse(_hub_template("modelcard_template.md"))


@cache
def dataset_template() -> Template:
    """The dataset card template shipped with huggingface_hub."""
    return _parse(_hub_template("datasetcard_template.md"))


@cache
def all_boilerplate() -> frozenset[str]:
    """Normalised template lines of both templates, plus the placeholders."""
    return (
        model_template().boilerplate
        | dataset_template().boilerplate
        | frozenset(normalise(p) for p in PLACEHOLDERS)
    )
