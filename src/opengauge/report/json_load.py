"""Canonical JSON back to an ``AuditReport`` (for ``opengauge diff`` and round-trip tests).

The loader is driven by the model's type hints, so new fields with defaults load without
changes here. Unknown keys (``verdicts``, keys from a newer version) are ignored; missing
keys take the field's default. Malformed input raises :class:`ReportFormatError`.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union

from opengauge.errors import UsageError
from opengauge.model import SCHEMA_VERSION, AuditReport

T = TypeVar("T")
MAX_REPORT_CHARS = 256 << 20  # a canonical report of a 100k-file target is far below this
_MAX_DEPTH = 200


class ReportFormatError(UsageError):
    """The text is not an opengauge JSON report this version can read."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any, where: str, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        raise ReportFormatError(f"{where}: nested too deeply")
    if tp is Any:
        return value
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        non_none = [a for a in args if a is not type(None)]
        return _convert(non_none[0], value, where, depth + 1)
    if origin is tuple:
        if not isinstance(value, list):
            raise ReportFormatError(f"{where}: expected a list")
        item = typing.get_args(tp)[0]
        return tuple(_convert(item, v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise ReportFormatError(f"{where}: expected an object")
        return dict(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, value, where, depth + 1)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError as exc:
            raise ReportFormatError(f"{where}: unknown value {value!r}") from exc
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(tp, type) and not isinstance(value, tp):
        raise ReportFormatError(f"{where}: expected {tp.__name__}")
    return value


def _dataclass(cls: type[T], value: Any, where: str, depth: int) -> T:
    if not isinstance(value, dict):
        raise ReportFormatError(f"{where}: expected an object")
    hints = _hints(cls)  # type: ignore[arg-type]  # classes are hashable
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name not in value:
            no_default = (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            )
            if no_default:
                raise ReportFormatError(f"{where}: missing {field.name!r}")
            continue
        kwargs[field.name] = _convert(
            hints[field.name], value[field.name], f"{where}.{field.name}", depth
        )
    return cls(**kwargs)


def load_report(text: str) -> AuditReport:
    """Parse canonical JSON (``--format json``) into an ``AuditReport``.

    Raises ReportFormatError (a UsageError, exit code 2 in the CLI) when the text is
    too large, not JSON, or not shaped like a report.
    """
    if len(text) > MAX_REPORT_CHARS:
        raise ReportFormatError("report too large")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ReportFormatError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise ReportFormatError("not an opengauge report (no schema_version)")
    major = str(data["schema_version"]).split(".", 1)[0]
    if major != SCHEMA_VERSION.split(".", 1)[0]:
        raise ReportFormatError(f"unsupported schema_version {data['schema_version']!r}")
    return _dataclass(AuditReport, data, "report", 0)
