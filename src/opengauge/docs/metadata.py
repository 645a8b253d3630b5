"""Card metadata: the key fields, and model-index evaluation results as a table.

Malformed model-index entries are returned as problems with their position, never
dropped silently (huggingface_hub's ModelCardData drops the whole index instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KEY_FIELDS = ("license", "datasets", "base_model", "language", "pipeline_tag", "library_name")
MAX_RESULTS = 2000


@dataclass(frozen=True)
class EvalRow:
    """One reported result: task, dataset, metric, value, verified."""

    model: str | None
    task: str | None
    dataset: str | None
    metric: str | None
    value: Any
    verified: bool | None


def field_values(metadata: dict[str, Any]) -> dict[str, Any]:
    """The key fields present with a non-empty value (license_name stands in for license)."""
    out: dict[str, Any] = {}
    for key in KEY_FIELDS:
        value = metadata.get(key)
        if key == "license" and value in (None, "", "other") and metadata.get("license_name"):
            value = f"{value or 'other'} ({metadata['license_name']})"
        if value not in (None, "", [], {}):
            out[key] = value
    return out


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("type")
    return None if value is None else str(value)


def eval_results(metadata: dict[str, Any]) -> tuple[list[EvalRow], list[str]]:
    """Rows of ``model-index`` and the problems found, as human-readable strings."""
    index = metadata.get("model-index")
    if index is None:
        return [], []
    if not isinstance(index, list):
        return [], [f"model-index is a {type(index).__name__}, not a list"]
    rows: list[EvalRow] = []
    problems: list[str] = []
    for m, model in enumerate(index):
        if not isinstance(model, dict):
            problems.append(f"model-index[{m}] is not a mapping")
            continue
        results = model.get("results")
        if not isinstance(results, list) or not results:
            problems.append(f"model-index[{m}] has no results list")
            continue
        for r, result in enumerate(results):
            where = f"model-index[{m}].results[{r}]"
            if not isinstance(result, dict):
                problems.append(f"{where} is not a mapping")
                continue
            task, dataset = result.get("task"), result.get("dataset")
            metrics = result.get("metrics")
            if not isinstance(task, dict) or not task.get("type"):
                problems.append(f"{where}.task has no type")
            if not isinstance(dataset, dict) or not (dataset.get("type") or dataset.get("name")):
                problems.append(f"{where}.dataset has no type or name")
            if not isinstance(metrics, list) or not metrics:
                problems.append(f"{where}.metrics is missing or empty")
                continue
            for k, metric in enumerate(metrics):
                if not isinstance(metric, dict) or "value" not in metric:
                    problems.append(f"{where}.metrics[{k}] has no value")
                    continue
                if not (metric.get("type") or metric.get("name")):
                    problems.append(f"{where}.metrics[{k}] has no type or name")
                verified = metric.get("verified")
                rows.append(
                    EvalRow(
                        model=_name(model.get("name")),
                        task=_name(task),
                        dataset=_name(dataset),
                        metric=_name(metric),
                        value=metric.get("value"),
                        verified=verified if isinstance(verified, bool) else None,
                    )
                )
                if len(rows) >= MAX_RESULTS:
                    problems.append(f"more than {MAX_RESULTS} results; the rest are not listed")
                    return rows, problems
    return rows, problems
