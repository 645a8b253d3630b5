"""Reports for formatter tests: real example audits, plus an 'enriched' variant.

The enriched variant adds what other parts of opengauge fill in as they land (licences,
safety findings, MOF / OSAID / OSAI verdicts) so every section of every format is
exercised even before those analyzers are wired into the audit.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import opengauge
from opengauge.model import (
    AuditReport,
    Clause,
    Confidence,
    ControlResult,
    Finding,
    FrameworkResult,
    LicenseCategory,
    LicenseMatch,
    Location,
    Severity,
    Status,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXED_TIME = "2026-01-01T00:00:00+00:00"
EXAMPLE_NAMES = ("fully-open", "openwashed", "unsafe-pickle")

OSAI_DIMENSIONS = (
    "Base model data",
    "End model data",
    "Base model weights",
    "End model weights",
    "Training code",
    "Code documentation",
    "Hardware architecture",
    "Preprint",
    "Paper",
    "Model card",
    "Datasheet",
    "Licence",
)


def example_report(name: str) -> AuditReport:
    """The real audit of a bundled example, with the fixed timestamp."""
    report = opengauge.audit(EXAMPLES / name, generated_at=FIXED_TIME)
    # The absolute path and the commit checked out differ between clones; golden files
    # must not.
    return dataclasses.replace(
        report,
        target=dataclasses.replace(report.target, path=f"examples/{name}", revision=None),
    )


def _licence(
    path: str,
    spdx: str | None,
    name: str,
    category: LicenseCategory,
    component: str,
    clauses: tuple[Clause, ...] = (),
) -> LicenseMatch:
    return LicenseMatch(
        path=path,
        start_line=1,
        end_line=40,
        id=spdx,
        name=name,
        category=category,
        confidence=0.97,
        method="fingerprint",
        component=component,
        clauses=clauses,
    )


def _osai(open_count: int) -> FrameworkResult:
    ratings = ["open"] * open_count + ["partial", "closed"] * 6
    controls = tuple(
        ControlResult(
            id=f"osai.{i}", title=t, passed=None, rating=ratings[i], reason=f"{t}: {ratings[i]}"
        )
        for i, t in enumerate(OSAI_DIMENSIONS)
    )
    score = sum({"open": 1.0, "partial": 0.5}.get(c.rating or "", 0.0) for c in controls) / len(
        controls
    )
    return FrameworkResult(
        framework="osai",
        title="Open Source AI Index",
        verdict=f"{score:.0%} open",
        score=score,
        controls=controls,
        summary=f"{open_count} of 12 dimensions open",
    )


def enriched(report: AuditReport) -> AuditReport:
    """``report`` with licences, safety findings and framework verdicts filled in."""
    from opengauge.frameworks.mof.audit import facts_from_audit
    from opengauge.frameworks.mof.evaluate import evaluate
    from opengauge.frameworks.mof.result import to_framework_result

    licences = (
        _licence("LICENSE", "Apache-2.0", "Apache License 2.0", LicenseCategory.OSI_OPEN, "code"),
        _licence(
            "LICENSE-DOCS",
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0",
            LicenseCategory.OPEN_CONTENT,
            "documentation",
        ),
        _licence(
            "LICENSE-DATA",
            "CDLA-Permissive-2.0",
            "CDLA Permissive 2.0",
            LicenseCategory.OPEN_DATA,
            "data",
        ),
        _licence(
            "LICENSE",
            "LicenseRef-llama-3.1",
            "Llama 3.1 Community License",
            LicenseCategory.RESTRICTED_AUP,
            "weights",
            (Clause("mau-cap", 12, "700 million monthly active users"),),
        ),
    )
    mof = to_framework_result(evaluate(facts_from_audit(report.components, licences)))
    osaid = FrameworkResult(
        framework="osaid",
        title="OSI Open Source AI Definition 1.0",
        verdict="fails",
        passed=False,
        summary="parameters are not under OSI-approved terms",
        controls=(
            ControlResult(
                "osaid.parameters",
                "Parameters",
                False,
                reason="Llama 3.1 Community License is not OSD-conformant",
            ),
        ),
        to_raise=("release the weights under an OSI-approved licence",),
    )
    safety = (
        Finding(
            rule="safety.pickle_dangerous_import",
            status=Status.FAIL,
            severity=Severity.CRITICAL,
            confidence=Confidence.HIGH,
            message="pickle calls os.system when loaded",
            locations=(
                Location(
                    path="pytorch_model.bin",
                    member="archive/data.pkl",
                    offset=42,
                    excerpt="os.system('echo pwned')",
                ),
            ),
            remediation="convert the weights to safetensors",
            cwe=502,
        ),
        Finding(
            rule="safety.remote_code",
            status=Status.FAIL,
            severity=Severity.MEDIUM,
            confidence=Confidence.MEDIUM,
            message="modeling file calls subprocess.run",
            locations=(Location(path="modeling_tinygpt.py", line=7),),
            cwe=78,
        ),
    )
    return dataclasses.replace(
        report,
        licenses=licences,
        findings=report.findings + safety,
        frameworks=(mof, osaid, _osai(5)),
    )


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def hostile(report: AuditReport) -> AuditReport:
    """``report`` with attacker-controlled text everywhere a target can put it."""
    from opengauge.model import CardSummary, FileEntry, Skipped

    base = enriched(report)
    name = f"{XSS}|`x`\n[link](https://evil.example)"
    files = (*base.files, FileEntry(path=f"weights/{name}.bin", size=1, kind="weights"))
    cards = (
        *base.cards,
        CardSummary(
            path="README.md",
            kind="model",
            metadata={
                "datasets": [XSS],
                "pipeline_tag": XSS,
                "model-index": [
                    {
                        "results": [
                            {"dataset": {"name": XSS}, "metrics": [{"type": XSS, "value": XSS}]}
                        ]
                    }
                ],
            },
            metadata_error=None,
            sections=(XSS,),
            link_count=0,
        ),
    )
    licences = (
        *base.licenses,
        _licence(
            f"LICENSE-{name}",
            None,
            name,
            LicenseCategory.UNKNOWN,
            "weights",
            (Clause(XSS, 1, XSS),),
        ),
    )
    finding = Finding(
        rule="safety.pickle_dangerous_import",
        status=Status.FAIL,
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        message=f"imports {name}",
        remediation=XSS,
        locations=(Location(path=f"weights/{name}.bin", member=XSS, offset=1, excerpt=XSS),),
    )
    frameworks = tuple(
        dataclasses.replace(f, summary=f"{f.summary} {XSS}", to_raise=(*f.to_raise, XSS))
        for f in base.frameworks
    )
    return dataclasses.replace(
        base,
        target=dataclasses.replace(base.target, name=name),
        files=files,
        cards=cards,
        licenses=licences,
        findings=(*base.findings, finding),
        frameworks=frameworks,
        skipped=(*base.skipped, Skipped(path=name, reason=XSS)),
    )
