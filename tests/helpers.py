"""Small shared helpers for tests: the safety scan as ``opengauge scan`` runs it."""

from __future__ import annotations

from pathlib import Path

import opengauge
from opengauge.model import Finding, Skipped
from opengauge.sources import LocalReader, WalkLimits, open_local


def scan_findings(path: Path) -> tuple[tuple[Finding, ...], tuple[Skipped, ...]]:
    """What ``opengauge scan PATH`` reports: the audit narrowed to safety."""
    report = opengauge.audit(
        path, select="safety", allow_file=True, generated_at="2026-01-01T00:00:00+00:00"
    )
    return report.findings, report.skipped


def folder_reader(root: Path) -> LocalReader:
    """A listed local reader for a folder (what the audit builds)."""
    reader = open_local(root)
    reader.list(WalkLimits())
    return reader


def file_reader(path: Path) -> LocalReader:
    """A listed local reader for one file; the file is known by its base name."""
    reader = open_local(path, allow_file=True)
    reader.list(WalkLimits())
    return reader
