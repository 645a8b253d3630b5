"""Regenerate src/opengauge/schema/audit-report.schema.json from the model types.

Run: python scripts/gen_schema.py   (tests fail when the shipped schema is stale)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from opengauge.model import AuditReport

OUT = Path(__file__).resolve().parents[1] / "src/opengauge/schema/audit-report.schema.json"


def _strict(node: Any) -> None:
    """Forbid unknown keys in every object that lists its properties."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _strict(value)
    elif isinstance(node, list):
        for value in node:
            _strict(value)


def build() -> dict[str, Any]:
    """The JSON Schema of the canonical report (draft 2020-12)."""
    schema: dict[str, Any] = TypeAdapter(AuditReport).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://opengauge.dev/schema/audit-report.schema.json"
    schema["title"] = "opengauge audit report"
    schema["properties"]["verdicts"] = {
        "type": "object",
        "description": "One entry per framework: verdict, passed, score, level, summary, "
        "plus framework-specific fields (mof.class, osaid.passes, osai.score, "
        "openwashing.detected).",
        "additionalProperties": {"type": "object"},
    }
    schema["required"] = sorted({*schema.get("required", []), "verdicts"})
    _strict(schema)
    return schema


def main() -> int:
    text = json.dumps(build(), indent=2, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
