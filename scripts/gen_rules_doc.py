"""Regenerate docs/rules.md from the rule catalogue (tests fail when it is stale)."""

from __future__ import annotations

from pathlib import Path

from opengauge.analyzers.catalogue import markdown

OUT = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

if __name__ == "__main__":
    OUT.write_text(markdown(), encoding="utf-8")
    print(f"wrote {OUT}")
