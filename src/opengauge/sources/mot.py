"""Read and write Model Openness Tool (MOT) YAML records, bounded and schema-checked.

Records are untrusted input: the file size is capped, the YAML event stream is checked for
depth and alias use before anything is built (a "billion laughs" document is rejected, not
expanded), only ``yaml.safe_load`` builds objects, and the result must match MOT's
``mof_schema.json``. Every failure is a :class:`MotRecordError`, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from opengauge.errors import UsageError
from opengauge.frameworks.mof.record import MotRecord, record_from_dict

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_ALIASES = 16  # MOT records use none; a few are tolerated, a bomb needs many
MAX_NODES = 200_000  # counted after alias expansion


class MotRecordError(UsageError):
    """A MOT record that cannot be read: too large, not YAML, or not a valid record."""


@cache
def record_schema() -> dict[str, Any]:
    """MOT's mof_schema.json (lfai/model_openness_tool @ 8b5d30e), bundled."""
    text = (resources.files("opengauge") / "data" / "mot" / "mof_schema.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def _check_events(text: str, source: str) -> None:
    """Bound nesting depth, aliases and the *expanded* node count before building objects.

    Sizes are tracked per anchor, so an alias costs what it would expand to: a billion-laughs
    document is refused here without ever being expanded.
    """
    anchors: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = [(None, 0)]
    aliases = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append((event.anchor, 1))
                if len(stack) > MAX_DEPTH:
                    raise MotRecordError(f"{source}: nested deeper than {MAX_DEPTH} levels")
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor is not None:
                    anchors[anchor] = size
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor is not None:
                    anchors[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise MotRecordError(f"{source}: more than {MAX_ALIASES} YAML aliases")
                if any(open_anchor == event.anchor for open_anchor, _ in stack):
                    raise MotRecordError(f"{source}: recursive YAML alias")
                size = anchors.get(str(event.anchor), 1)
            else:
                continue
            anchor, total = stack[-1]
            stack[-1] = (anchor, total + size)
            if stack[-1][1] > MAX_NODES:
                raise MotRecordError(f"{source}: expands to more than {MAX_NODES} YAML nodes")
    except yaml.YAMLError as exc:
        raise MotRecordError(f"{source}: not valid YAML: {_short(exc)}") from None


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def _plain(value: Any) -> Any:
    """Dates become ISO strings (YAML reads unquoted 2024-06-13 as a date; MOT keeps strings)."""
    if isinstance(value, dict):
        return {str(k) if isinstance(k, dt.date) else k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validate_record(doc: object, source: str = "record") -> None:
    """Raise MotRecordError unless ``doc`` matches MOT's record schema."""
    if not isinstance(doc, dict):
        raise MotRecordError(f"{source}: a MOT record is a mapping, got {type(doc).__name__}")
    import jsonschema  # type: ignore[import-untyped]  # lazy: slow to import

    validator = jsonschema.Draft7Validator(record_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise MotRecordError(f"{source}: not a valid MOT record at {where}: {_short(error)}"[:500])


def parse_record(data: bytes | str, *, source: str = "record") -> MotRecord:
    """Parse and validate one MOT record from its YAML bytes or text."""
    if len(data) > MAX_BYTES:
        raise MotRecordError(f"{source}: larger than {MAX_BYTES} bytes")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise MotRecordError(f"{source}: not UTF-8 text") from None
    _check_events(data, source)
    try:
        doc = yaml.safe_load(data)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise MotRecordError(f"{source}: not valid YAML: {_short(exc)}") from None
    doc = _plain(doc)
    validate_record(doc, source)
    try:
        return record_from_dict(doc)
    except (AttributeError, KeyError, TypeError) as exc:  # pragma: no cover - schema guards this
        raise MotRecordError(f"{source}: unexpected record layout: {_short(exc)}") from None


def read_record(path: str | Path) -> MotRecord:
    """Read a MOT record file (at most MAX_BYTES) and parse it."""
    path = Path(path)
    try:
        if not path.is_file():
            raise MotRecordError(f"{path}: no such record file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise MotRecordError(f"{path}: larger than {MAX_BYTES} bytes")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise MotRecordError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_record(data, source=str(path))


def dump_record(record: dict[str, Any]) -> str:
    """YAML text of a record mapping, after checking it against MOT's schema."""
    validate_record(record, "generated record")
    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
