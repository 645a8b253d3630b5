"""opengauge: how open and how safe an AI system really is, from its artefacts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from opengauge.api import audit


def __getattr__(name: str) -> Any:
    # ``opengauge.audit`` is ``opengauge.api.audit`` itself (its real signature and
    # docstring), imported on first use so ``import opengauge`` stays cheap for the CLI.
    if name == "audit":
        from opengauge.api import audit

        return audit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["__version__", "audit"]
