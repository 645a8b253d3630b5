"""Bounded YAML front matter: find it the way the Hub does, vet it, then parse it.

The Hub's rule (``huggingface_hub.repocard.REGEX_YAML_BLOCK``) is: optional leading
whitespace, a line that is exactly ``---``, the YAML, then a line starting ``---``
followed only by spaces or tabs. We find the block line by line with the same rule so
line numbers stay exact and a 2 MB body is never scanned by a lazy regex.

The YAML is vetted with PyYAML's *scanner* (tokens only: nothing is built) before any
parser sees it: size, nesting depth and alias count are capped. After ``yaml.safe_load``
the result is copied into plain JSON-compatible values under a node budget, so an alias
graph that would expand exponentially (billion laughs) is reported, never expanded.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

MAX_FRONT_MATTER_CHARS = 256 * 1024
MAX_YAML_DEPTH = 64
MAX_YAML_ALIASES = 100
MAX_YAML_NODES = 100_000

_CLOSING = re.compile(r"---[ \t]*")
_OPENERS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSERS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


@dataclass(frozen=True)
class FrontMatter:
    """Where the front matter stands and what it holds.

    ``yaml_text`` is None when there is no block (or it could not be delimited).
    ``body_start`` is the 0-based index of the first body line.
    """

    yaml_text: str | None
    body_start: int
    metadata: dict[str, Any]
    error: str | None
    notes: tuple[str, ...] = ()


class _BudgetExceededError(Exception):
    pass


def split_front_matter(lines: list[str]) -> tuple[str | None, int, str | None]:
    """Return (yaml_text, body_start_index, error) for lines without line endings."""
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or lines[first].lstrip() != "---":
        return None, 0, None
    size = 0
    for index in range(first + 1, len(lines)):
        if _CLOSING.fullmatch(lines[index]):
            if size > MAX_FRONT_MATTER_CHARS:
                return (
                    None,
                    index + 1,
                    (
                        f"front matter too large ({size} characters > {MAX_FRONT_MATTER_CHARS}); "
                        "not parsed"
                    ),
                )
            return "\n".join(lines[first + 1 : index]), index + 1, None
        size += len(lines[index]) + 1
    # Like the Hub: without a closing line the whole file is body.
    return None, 0, f"unterminated front matter: '---' on line {first + 1} is never closed"


def vet_yaml(text: str) -> tuple[str | None, int]:
    """Scan ``text`` without building anything.

    Returns (why it is refused or None, number of aliases seen).
    """
    if len(text) > MAX_FRONT_MATTER_CHARS:
        return f"front matter too large ({len(text)} characters)", 0
    depth = deepest = aliases = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AliasToken):
                aliases += 1
            elif isinstance(token, _OPENERS):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > MAX_YAML_DEPTH:
                    return f"YAML nested deeper than {MAX_YAML_DEPTH} levels; not parsed", aliases
            elif isinstance(token, _CLOSERS):
                depth -= 1
    except yaml.YAMLError as error:
        return f"YAML error: {_one_line(error)}", aliases
    if aliases > MAX_YAML_ALIASES:
        return f"YAML bomb suspected: {aliases} aliases", aliases
    return None, aliases


def load_yaml(text: str) -> tuple[dict[str, Any], str | None, tuple[str, ...]]:
    """Vet, then ``yaml.safe_load`` a front matter block into plain values.

    Returns (metadata, error, notes). On any error metadata is empty.
    """
    refused, aliases = vet_yaml(text)
    if refused:
        return {}, refused, ()
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return {}, f"YAML error: {_one_line(error)}", ()
    except RecursionError:
        return {}, "YAML nested too deeply; not parsed", ()
    if loaded is None:
        return {}, None, ()
    if not isinstance(loaded, dict):
        return {}, f"front matter is not a mapping (it is a {_yaml_type(loaded)})", ()
    notes: list[str] = []
    budget = [MAX_YAML_NODES]
    try:
        plain = _plain(loaded, budget, 0, notes)
    except _BudgetExceededError:
        return (
            {},
            (f"YAML bomb suspected: {aliases} aliases expand beyond {MAX_YAML_NODES} values"),
            (),
        )
    assert isinstance(plain, dict)
    return plain, None, tuple(dict.fromkeys(notes))


def _plain(value: Any, budget: list[int], depth: int, notes: list[str]) -> Any:
    """Copy into JSON-compatible values, spending one unit of budget per node."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_YAML_DEPTH:
        raise _BudgetExceededError
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                notes.append("non-string metadata keys were converted to strings")
            out[str(key)] = _plain(item, budget, depth + 1, notes)
        return out
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [_plain(item, budget, depth + 1, notes) for item in items]
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<binary, {len(value)} bytes>"
    return str(value)


def _yaml_type(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:300]
