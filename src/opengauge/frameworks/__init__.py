"""Frameworks: pure verdicts from evidence.

``definitions/*.toml`` are data, ``scoring.py`` the arithmetic, ``registry.py`` the list.
"""

from __future__ import annotations

from collections.abc import Callable

from opengauge.model import ComponentResult, Evidence, Finding, FrameworkResult

FrameworkFn = Callable[
    [Evidence, tuple[ComponentResult, ...], tuple[Finding, ...]], FrameworkResult
]
