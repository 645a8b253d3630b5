"""weights.header_valid: weight files have well-formed headers (read without loading)."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Finding, Location, Severity, Status


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    for info in evidence.weights:
        problems = list(info.details.get("problems") or [])
        error = info.details.get("error")
        if error:
            problems.insert(0, str(error))
        facts = {"format": info.format, "parameter_count": info.parameter_count}
        if problems:
            yield ANALYZER.finding(
                Status.FAIL,
                f"{info.format} header of {info.path} is malformed: "
                + "; ".join(str(p) for p in problems[:5]),
                [Location(info.path, offset=0, excerpt=str(problems[0])[:240])],
                facts=facts,
            )
        else:
            count = f"{info.parameter_count:,} parameters" if info.parameter_count else "no count"
            yield ANALYZER.finding(
                Status.PASS,
                f"{info.path}: {info.format}, {count}",
                [Location(info.path)],
                facts=facts,
            )


ANALYZER = Analyzer(
    id="weights.header_valid",
    title="Weight file headers are well formed",
    rationale="A malformed header (offsets out of range, overlapping tensors, absurd lengths) "
    "marks a truncated, corrupted or crafted file.",
    remediation="Re-export the weights with the format's reference library.",
    severity=Severity.MEDIUM,
    check=_check,
)
