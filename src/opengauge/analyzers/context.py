"""The evaluation context: what every analyzer reads, built once per audit. Pure.

The component inventory is computed here once (no module-level cache: contexts are
values, safe under threads and worker processes) and handed to every analyzer.
"""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.components import assess
from opengauge.model import Component, ComponentResult, ComponentState, Evidence


@dataclass(frozen=True)
class Context:
    """Evidence plus what is derived from it once: the component inventory.

    ``name`` is the release's name as the source knows it (folder name or Hub id).
    """

    evidence: Evidence
    components: tuple[ComponentResult, ...]
    name: str = ""

    @classmethod
    def build(cls, evidence: Evidence, name: str = "") -> Context:
        """The context of ``evidence``: assesses the components once."""
        name = name or evidence.root.rstrip("/").rsplit("/")[-1]
        return cls(evidence, assess(evidence, name), name)

    def component(self, component: Component) -> ComponentResult:
        """The inventory entry of ``component``."""
        for result in self.components:
            if result.component is component:
                return result
        return ComponentResult(component, ComponentState.MISSING)
