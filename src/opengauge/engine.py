"""evaluate(evidence, ...) -> AuditReport: pure, no I/O, time passed in."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace

from opengauge import __version__
from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.frameworks import Framework, FrameworkInput
from opengauge.model import (
    SCHEMA_VERSION,
    AuditReport,
    CardSummary,
    Component,
    ComponentResult,
    Evidence,
    Finding,
    FrameworkResult,
    ModelSummary,
    Outcome,
    Status,
    Target,
)

log = logging.getLogger(__name__)


def _finding_key(finding: Finding) -> tuple[str, str, str, int, str]:
    loc = finding.locations[0] if finding.locations else None
    return (
        finding.rule,
        loc.path if loc else "",
        loc.member or "" if loc else "",
        (loc.line or loc.offset or 0) if loc else 0,
        finding.message,
    )


def summarise_model(evidence: Evidence, components: tuple[ComponentResult, ...]) -> ModelSummary:
    """Architecture from the shallowest config that names one; size from the final weights."""
    config_path = None
    architectures: tuple[str, ...] = ()
    model_type = None
    for path in sorted(evidence.configs, key=lambda p: (p.count("/"), p)):
        config = evidence.configs[path]
        if not isinstance(config, dict):
            continue
        names = config.get("architectures")
        kind = config.get("model_type")
        if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
            architectures, config_path = tuple(str(n) for n in names[:8]), path
            model_type = kind if isinstance(kind, str) else None
            break
        if isinstance(kind, str) and config_path is None:
            model_type, config_path = kind, path
    final = next((c for c in components if c.component is Component.MODEL_PARAMETERS_FINAL), None)
    files = set(final.files) if final else set()
    weights = [w for w in evidence.weights if w.path in files]
    counts = [w.parameter_count for w in weights if w.parameter_count is not None]
    return ModelSummary(
        architectures=architectures,
        model_type=model_type,
        config=config_path,
        parameter_count=sum(counts) if counts else None,
        counted_files=len(counts),
        weight_formats=tuple(sorted({w.format for w in weights})),
    )


def run_framework(
    framework: Framework, context: Context, findings: tuple[Finding, ...], ran: frozenset[str]
) -> FrameworkResult:
    """One framework's result over the findings it consumes, failing closed.

    A consumed analyzer that did not run or that failed makes the outcome ``error``; a
    truncated listing makes it ``inconclusive``; a framework that raises gives ``error``.
    The audit goes on in every case.
    """
    inputs = tuple(f for f in findings if f.rule in framework.consumes)
    given = FrameworkInput(context.components, inputs, context.name, context.evidence.truncated)
    try:
        result = framework.evaluate(given)
    except Exception as exc:  # a broken framework must not cost the whole report
        result = FrameworkResult(
            framework=framework.id,
            title=framework.title,
            verdict="error",
            outcome=Outcome.ERROR,
            label=framework.title,
            summary=f"framework failed: {type(exc).__name__}: {exc}",
        )
    result = replace(result, inputs=framework.consumes)
    missing = [rule for rule in framework.consumes if rule not in ran]
    failed = [f for f in inputs if f.status is Status.ERROR]
    if missing or failed:
        why = "; ".join(
            [f"{rule} did not run" for rule in missing]
            + [f"{f.rule}: {f.message}" for f in failed[:5]]
        )
        return replace(
            result,
            outcome=Outcome.ERROR,
            passed=None,
            verdict="error",
            summary=f"cannot conclude: {why}",
        )
    if context.evidence.truncated and result.outcome is not Outcome.ERROR:
        return replace(
            result,
            outcome=Outcome.INCONCLUSIVE,
            passed=None,
            verdict=f"not determinable ({result.verdict} on part of the files)",
            summary="the file listing stopped at its cap: this verdict covers "
            f"only part of the release; {result.summary}",
        )
    return result


def evaluate(
    evidence: Evidence,
    analyzers: Iterable[Analyzer],
    frameworks: Iterable[Framework],
    generated_at: str,
    target: Target,
) -> AuditReport:
    """Run every analyzer and framework over ``evidence`` and assemble the report."""
    context = Context.build(evidence, target.name)
    components = context.components
    findings: list[Finding] = []
    ran: set[str] = set()
    chosen = tuple(analyzers)
    log.info("analyze: %d analyzers over %d files", len(chosen), len(evidence.files))
    for analyzer in chosen:
        findings.extend(analyzer.run(context))
        ran.add(analyzer.id)
    ordered = tuple(sorted(findings, key=_finding_key))
    verdicts = tuple(frameworks)
    log.info("evaluate: %d frameworks over %d findings", len(verdicts), len(ordered))
    results = tuple(
        run_framework(framework, context, ordered, frozenset(ran)) for framework in verdicts
    )
    cards = tuple(
        CardSummary(
            path=card.path,
            kind=card.kind,
            metadata=card.metadata,
            metadata_error=card.metadata_error,
            sections=tuple(s.title for s in card.sections[:500]),
            link_count=len(card.links),
        )
        for card in evidence.cards
    )
    return AuditReport(
        schema_version=SCHEMA_VERSION,
        tool_version=__version__,
        generated_at=generated_at,
        target=target,
        files=evidence.files,
        components=components,
        licenses=evidence.licenses,
        weights=evidence.weights,
        cards=cards,
        findings=ordered,
        frameworks=results,
        skipped=evidence.skipped,
        hashed=evidence.hashed,
        model=summarise_model(evidence, components),
    )
