"""Verdicts fail closed: a framework whose input failed or did not run never passes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.conftest import EXAMPLES

from opengauge.analyzers.context import Context
from opengauge.analyzers.registry import BUILTIN
from opengauge.api import SELECTIONS, _chosen
from opengauge.engine import evaluate
from opengauge.evidence.collect import collect
from opengauge.evidence.serialization.collector import collect_safety
from opengauge.frameworks.registry import BUILTIN_FRAMEWORKS
from opengauge.model import Evidence, Finding, Outcome, Target
from opengauge.policy import DEFAULT, decide
from opengauge.sources import open_local

STAMP = "2026-01-01T00:00:00+00:00"


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return collect(open_local(EXAMPLES / "fully-open"), extra_collectors=(collect_safety,))


def _boom(context: Context) -> list[Finding]:
    raise RuntimeError("analyzer exploded")


def test_every_consumed_analyzer_exists() -> None:
    ids = {a.id for a in BUILTIN}
    for framework in BUILTIN_FRAMEWORKS:
        assert framework.consumes, framework.id
        assert set(framework.consumes) <= ids, (framework.id, set(framework.consumes) - ids)


def test_narrowed_audits_run_what_their_frameworks_consume() -> None:
    for name, selection in SELECTIONS.items():
        analyzers, frameworks = _chosen(selection)
        ran = {a.id for a in analyzers}
        for framework in frameworks:
            assert set(framework.consumes) <= ran, (name, framework.id)


@pytest.mark.parametrize("broken", [a.id for a in BUILTIN])
def test_a_failing_analyzer_makes_its_frameworks_error_and_the_policy_fail(
    evidence: Evidence, broken: str
) -> None:
    analyzers = [replace(a, check=_boom) if a.id == broken else a for a in BUILTIN]
    report = evaluate(evidence, analyzers, BUILTIN_FRAMEWORKS, STAMP, Target("x", "x", "local"))
    consumers = [r for r in report.frameworks if broken in r.inputs]
    for result in consumers:
        assert result.outcome is Outcome.ERROR, (broken, result.framework)
        assert result.passed is None and "analyzer exploded" in result.summary
    for result in report.frameworks:
        if result not in consumers:
            assert result.outcome is not Outcome.ERROR, (broken, result.framework)
    if consumers:
        assert not decide(report, DEFAULT).passed


@pytest.mark.parametrize("missing", sorted({r for f in BUILTIN_FRAMEWORKS for r in f.consumes}))
def test_an_analyzer_that_did_not_run_is_an_error_not_a_pass(
    evidence: Evidence, missing: str
) -> None:
    analyzers = [a for a in BUILTIN if a.id != missing]
    report = evaluate(evidence, analyzers, BUILTIN_FRAMEWORKS, STAMP, Target("x", "x", "local"))
    for result in report.frameworks:
        if missing in result.inputs:
            assert result.outcome is Outcome.ERROR and "did not run" in result.summary
    assert not decide(report, DEFAULT).passed


def test_a_truncated_listing_is_inconclusive(evidence: Evidence) -> None:
    report = evaluate(
        replace(evidence, truncated=True),
        BUILTIN,
        BUILTIN_FRAMEWORKS,
        STAMP,
        Target("x", "x", "local"),
    )
    assert {r.outcome for r in report.frameworks} == {Outcome.INCONCLUSIVE}
    assert all(r.passed is None for r in report.frameworks)
