"""Canonical JSON: versioned, sorted keys, deterministic apart from ``generated_at``."""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

from opengauge.model import AuditReport
from opengauge.report.json_load import load_report

__all__ = ["load_report", "render", "report_dict", "to_jsonable"]


def to_jsonable(value: Any) -> Any:
    """Plain JSON data from model objects (dataclasses, enums, tuples, mappings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def report_dict(report: AuditReport) -> dict[str, Any]:
    """The report as JSON-ready data, with ``verdicts`` derived from framework results."""
    data: dict[str, Any] = to_jsonable(report)
    data["verdicts"] = {
        fw["framework"]: {
            "verdict": fw["verdict"],
            "passed": fw["passed"],
            "score": fw["score"],
            "level": fw["level"],
            "summary": fw["summary"],
            **fw["details"].get("verdict_fields", {}),
        }
        for fw in data["frameworks"]
    }
    return data


def render(report: AuditReport) -> str:
    """Sorted, indented JSON of the whole report."""
    return json.dumps(report_dict(report), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
