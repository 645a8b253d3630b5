"""evaluate(evidence, ...) -> AuditReport: pure, no I/O, time passed in."""

from __future__ import annotations

from collections.abc import Iterable

from opengauge import __version__
from opengauge.analyzers.base import Analyzer
from opengauge.components import assess
from opengauge.frameworks import FrameworkFn
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
    Target,
)


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


def _run_framework(framework: FrameworkFn, evidence: Evidence,
                   components: tuple[ComponentResult, ...],
                   findings: tuple[Finding, ...]) -> FrameworkResult:
    """A framework's result; one that raises gives an "error" verdict and the audit goes on."""
    try:
        return framework(evidence, components, findings)
    except Exception as exc:  # a broken framework must not cost the whole report
        name = getattr(framework, "__name__", "framework").removesuffix("_framework")
        return FrameworkResult(framework=name, title=name, verdict="error",
                               summary=f"framework failed: {type(exc).__name__}: {exc}")


def evaluate(
    evidence: Evidence,
    analyzers: Iterable[Analyzer],
    frameworks: Iterable[FrameworkFn],
    generated_at: str,
    target: Target,
) -> AuditReport:
    """Run every analyzer and framework over ``evidence`` and assemble the report."""
    components = assess(evidence)
    findings: list[Finding] = []
    for analyzer in analyzers:
        findings.extend(analyzer.run(evidence))
    ordered = tuple(sorted(findings, key=_finding_key))
    results = tuple(_run_framework(framework, evidence, components, ordered)
                    for framework in frameworks)
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
