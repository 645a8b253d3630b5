"""Helpers for audits read through the fake Hub: options, comparable reports, content logs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from tests.fakehub.hub import FakeHub
from tests.fakehub.records import RecordedRequest
from tests.fakehub.sandbox import hub_sandbox

import opengauge
from opengauge.report.json_format import report_dict
from opengauge.sources import LocalReader, ResolvedTarget
from opengauge.sources.hub import HubOptions

FIXED_TIME = "2026-01-01T00:00:00+00:00"


@contextmanager
def sandboxed_hub(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **kwargs: Any
) -> Iterator[FakeHub]:
    """A running fake Hub that code without ``endpoint=`` reaches (the CLI included), with
    huggingface_hub's cache and opengauge's part cache under ``tmp_path``."""
    monkeypatch.setenv("OPENGAUGE_CACHE", str(tmp_path / "opengauge"))
    with (
        FakeHub(**kwargs) as hub,
        hub_sandbox(monkeypatch, tmp_path / "hf", default_endpoint=hub.endpoint),
    ):
        yield hub


def options(hub: FakeHub, tmp_path: Path, **kwargs: Any) -> HubOptions:
    """HubOptions for the fake Hub: its endpoint, caches under ``tmp_path``, no sleeping."""
    values: dict[str, Any] = {
        "endpoint": kwargs.pop("endpoint", None) or hub.endpoint,
        "cache_dir": tmp_path / "opengauge",
        "hf_cache_dir": tmp_path / "hf" / "hub",
        "sleep": lambda seconds: None,
    }
    values.update(kwargs)
    return HubOptions(**values)


def local_audit(folder: Path, name: str, **kwargs: Any) -> opengauge.model.AuditReport:
    """The audit of a local folder under the Hub name ``name`` (the release's name)."""
    reader = LocalReader(ResolvedTarget(folder, folder, name, "local"))
    return opengauge.audit(reader, generated_at=FIXED_TIME, **kwargs)


def comparable(report: opengauge.model.AuditReport) -> dict[str, Any]:
    """The canonical JSON of a report without what says where the bytes came from."""
    data = report_dict(report)
    data.pop("target")
    data["files"] = [{k: v for k, v in f.items() if k != "sha256"} for f in data["files"]]
    return data


def content(hub: FakeHub) -> list[RecordedRequest]:
    """Requests for file bytes (resolve and storage), after the server is idle."""
    hub.wait_idle()
    return [r for r in hub.requests if r.route in ("resolve", "cdn")]


def sent(hub: FakeHub) -> int:
    """Body bytes of file responses the fake Hub sent."""
    return sum(r.bytes_sent for r in content(hub))
