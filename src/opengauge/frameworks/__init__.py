"""Frameworks: pure verdicts from findings and the component inventory.

A framework never reads raw evidence: it reads the findings of the analyzers it
declares in ``consumes`` and the inventory. The engine checks those inputs: a consumed
analyzer that did not run or that failed makes the verdict ``error``, never a pass.
``definitions/*.toml`` are data, ``scoring.py`` the arithmetic, ``registry.py`` the list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from opengauge.model import Component, ComponentResult, ComponentState, Finding, FrameworkResult


@dataclass(frozen=True)
class FrameworkInput:
    """What a framework may read: the inventory, its consumed findings, the release name.

    ``truncated`` is True when the listing stopped at a cap: a verdict about the whole
    release cannot be concluded from part of it.
    """

    components: tuple[ComponentResult, ...]
    findings: tuple[Finding, ...]
    name: str = ""
    truncated: bool = False

    def component(self, component: Component) -> ComponentResult:
        """The inventory entry of ``component`` (missing when absent from the input)."""
        for result in self.components:
            if result.component is component:
                return result
        return ComponentResult(component, ComponentState.MISSING)

    def of(self, rule: str) -> Iterator[Finding]:
        """The findings of analyzer ``rule``."""
        return (f for f in self.findings if f.rule == rule)


@dataclass(frozen=True)
class Framework:
    """One framework: its id, what it consumes, and its pure evaluation."""

    id: str
    title: str
    consumes: tuple[str, ...]
    evaluate: Callable[[FrameworkInput], FrameworkResult]
