"""Formatters: pure ``render(report) -> str``, one module per format, registered here."""

from __future__ import annotations

import importlib
from typing import Protocol

from opengauge.errors import UsageError
from opengauge.model import AuditReport

# format name -> module in opengauge.report exposing render(report) -> str
FORMATS: dict[str, str] = {
    "terminal": "terminal",
    "json": "json_format",
    "markdown": "markdown",
    "html": "html",
    "cyclonedx": "cyclonedx",
    "spdx3": "spdx3",
    "sarif": "sarif",
}


class _Renderer(Protocol):
    def __call__(self, report: AuditReport) -> str: ...


def renderer(name: str) -> _Renderer:
    """The render function of format ``name``."""
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r}; choose from {', '.join(sorted(FORMATS))}")
    module = importlib.import_module(f"opengauge.report.{FORMATS[name]}")
    render: _Renderer = module.render
    return render


def render(report: AuditReport, name: str) -> str:
    """Render ``report`` in format ``name``."""
    return renderer(name)(report)
