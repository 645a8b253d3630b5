"""weights.header_valid: weight files have well-formed headers (read without loading).

A weight file that could not be read at all (a Git LFS pointer, a ``.bin`` that is no
format we know) is ``not_available``: the safety verdict is then not determinable.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Evidence, Finding, Location, Severity, Status


def _external_data(evidence: Evidence) -> set[str]:
    """Files an ONNX model names as its external tensor data (raw bytes, never unpickled)."""
    out = set()
    for info in evidence.weights:
        if info.format == "onnx":
            folder = posixpath.dirname(info.path)
            for location in info.details.get("external_data", []):
                out.add(posixpath.normpath(posixpath.join(folder, str(location))))
    return out


def _unread(evidence: Evidence, judged: set[str]) -> Iterator[Finding]:
    """Weight files that could not be read (not fetched, not parseable): not determinable.

    A weight-named file nobody could read is not passed: its safety is unknown.
    """
    reasons: dict[str, list[str]] = {}
    for skip in evidence.skipped:
        reasons.setdefault(skip.path.split("!", 1)[0], []).append(skip.reason)
    external = _external_data(evidence)
    for entry in evidence.files:
        why = reasons.get(entry.path)
        if (
            why
            and entry.kind == "weights"
            and entry.size
            and entry.path not in judged
            and entry.path not in external
        ):
            yield ANALYZER.finding(
                Status.NOT_AVAILABLE,
                f"{entry.path}: " + "; ".join(dict.fromkeys(why))[:300],
                [Location(entry.path, excerpt=why[0][:240])],
                facts={"format": entry.format, "unread": True},
            )


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    judged = {w.path for w in evidence.weights if w.details.get("error")}
    yield from _unread(evidence, judged)
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
