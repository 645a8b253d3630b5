"""Pure analyzers: Evidence -> Findings, one question per module.

Every analyzer is registered in ``BUILTIN`` (``analyzers/registry.py``); the engine runs
them in that order. ``BUILTIN`` is loaded on first use so that a command needing one
analyzer does not import them all.
"""

from __future__ import annotations

from typing import Any

from opengauge.analyzers.base import Analyzer


def __getattr__(name: str) -> Any:
    if name == "BUILTIN":
        from opengauge.analyzers.registry import BUILTIN

        return BUILTIN
    raise AttributeError(f"module 'opengauge.analyzers' has no attribute {name!r}")


__all__ = ["BUILTIN", "Analyzer"]
