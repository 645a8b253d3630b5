"""The engine: analyzers and frameworks that fail become visible errors, not crashes."""

from __future__ import annotations

from opengauge.analyzers.registry import BUILTIN
from opengauge.engine import evaluate
from opengauge.frameworks import Framework, FrameworkInput
from opengauge.model import Evidence, FrameworkResult, Outcome, Target


def _boom(given: FrameworkInput) -> FrameworkResult:
    raise KeyError("boom")


def test_a_failing_framework_is_an_error_verdict() -> None:
    broken = Framework("broken", "Broken", (), _boom)
    report = evaluate(
        Evidence(root="/x"), BUILTIN, (broken,), "2026-01-01T00:00:00Z", Target("/x", "x", "local")
    )
    (result,) = report.frameworks
    assert result.framework == "broken" and result.verdict == "error"
    assert result.outcome is Outcome.ERROR
    assert "KeyError" in result.summary
    assert report.findings  # the analyzers still ran
