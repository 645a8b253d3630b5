"""opengauge: how open and how safe an AI system really is, from its artefacts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from opengauge.model import AuditReport


def audit(path: Any, **kwargs: Any) -> AuditReport:
    """Audit the AI system at ``path``; see :func:`opengauge.api.audit`."""
    from opengauge.api import audit as _audit

    return _audit(path, **kwargs)


__all__ = ["__version__", "audit"]
