"""docs.eval_results: evaluation results are published as model-index metadata."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.docs.metadata import eval_results
from opengauge.model import Finding, Location, Severity, Status


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    card = evidence.model_card
    if card is None:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "no model card")
        return
    rows, problems = eval_results(card.metadata)
    where = [Location(card.path, 1)]
    for problem in problems:
        yield ANALYZER.finding(
            Status.FAIL,
            f"malformed evaluation result in {card.path}: {problem}",
            where,
            facts={"card": card.path, "problem": problem},
        )
    if rows:
        yield ANALYZER.finding(
            Status.PASS,
            f"{len(rows)} evaluation result(s) in model-index of {card.path}",
            where,
            facts={"card": card.path, "results": [asdict(row) for row in rows]},
        )
    elif not problems:
        yield ANALYZER.finding(
            Status.FAIL,
            f"no model-index evaluation results in {card.path}",
            where,
            facts={"card": card.path},
        )


ANALYZER = Analyzer(
    id="docs.eval_results",
    title="Evaluation results are published as machine-readable model-index metadata",
    rationale="Results in model-index (task, dataset, metric, value) can be compared and "
    "verified; results only in prose or images cannot.",
    remediation="Add a model-index block to the card's front matter "
    "(https://huggingface.co/docs/hub/model-cards#evaluation-results).",
    severity=Severity.LOW,
    check=_check,
    references=("https://github.com/huggingface/hub-docs/blob/main/modelcard.md",),
)
