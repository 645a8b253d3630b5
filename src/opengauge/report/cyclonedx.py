"""CycloneDX 1.6 ML-BOM (JSON): the model, its datasets, its files, our verdicts as properties.

``cyclonedx-python-lib`` builds the BOM (metadata, components, licences, hashes,
properties, dependencies); it cannot write ``modelCard`` nor ``data`` yet, so those are
added to its JSON output here. The serial number is a UUID5 of target + generated_at, so
the same audit gives byte-identical output. Imported lazily: only this format needs it.
"""

from __future__ import annotations

import json
import uuid
import warnings
from datetime import datetime
from typing import TYPE_CHECKING, Any

from opengauge.model import AuditReport, LicenseMatch, Severity
from opengauge.report import _view

if TYPE_CHECKING:
    from cyclonedx.model.license import DisjunctiveLicense

MODEL_REF = "model"
_MAX_DATASETS = 200
_MAX_METRICS = 500
_NAMESPACE = uuid.UUID("2f0ad5a4-8f5c-5b4e-9d0e-6f70656e6761")  # opengauge's own namespace


def serial_number(report: AuditReport) -> uuid.UUID:
    """Deterministic BOM serial number: UUID5 of target path and generation time."""
    return uuid.uuid5(_NAMESPACE, f"{report.target.path}\n{report.generated_at}")


def _model_metadata(report: AuditReport) -> dict[str, Any]:
    for card in report.cards:
        if card.kind == "model":
            return card.metadata
    for card in report.cards:
        if card.kind == "readme":
            return card.metadata
    return {}


def _strings(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [s for s in items if isinstance(s, str) and s.strip()]


def dataset_ids(report: AuditReport) -> list[str]:
    """Datasets named in the model card metadata (``datasets:``), first occurrence order."""
    return list(dict.fromkeys(_strings(_model_metadata(report).get("datasets"))))[:_MAX_DATASETS]


def metrics(report: AuditReport) -> list[dict[str, str]]:
    """Evaluation results from the card's ``model-index`` as CycloneDX performance metrics."""
    out: list[dict[str, str]] = []
    index = _model_metadata(report).get("model-index")
    for model in index if isinstance(index, list) else []:
        results = model.get("results") if isinstance(model, dict) else None
        for result in results if isinstance(results, list) else []:
            if not isinstance(result, dict):
                continue
            found_dataset = result.get("dataset")
            dataset = found_dataset if isinstance(found_dataset, dict) else {}
            label = " / ".join(str(dataset[k]) for k in ("name", "split") if dataset.get(k))
            found = result.get("metrics")
            for metric in found if isinstance(found, list) else []:
                if isinstance(metric, dict) and "value" in metric and len(out) < _MAX_METRICS:
                    entry = {
                        "type": str(metric.get("type") or metric.get("name") or "metric"),
                        "value": str(metric["value"]),
                    }
                    if label:
                        entry["slice"] = label
                    out.append(entry)
    return out


def _license(match: LicenseMatch) -> DisjunctiveLicense | None:
    from cyclonedx.model.license import DisjunctiveLicense, LicenseAcknowledgement
    from cyclonedx.spdx import fixup_id

    spdx = fixup_id(match.id) if match.id else None
    name = match.name or match.id
    if spdx is None and not name:
        return None  # the engine abstained: nothing to declare
    if spdx is not None:
        return DisjunctiveLicense(id=spdx, acknowledgement=LicenseAcknowledgement.DECLARED)
    return DisjunctiveLicense(name=name, acknowledgement=LicenseAcknowledgement.DECLARED)


def _licences(report: AuditReport, scopes: tuple[str, ...]) -> list[DisjunctiveLicense]:
    chosen = [m for m in report.licenses if m.component in scopes]
    out: dict[str, DisjunctiveLicense] = {}
    for match in chosen:
        lic = _license(match)
        if lic is not None:
            out.setdefault(str(lic.id or lic.name), lic)
    return list(out.values())


def verdict_properties(report: AuditReport) -> list[tuple[str, str]]:
    """``opengauge:*`` name/value pairs: every framework verdict, safety counts, skips."""
    props = [
        ("opengauge:tool.version", report.tool_version),
        ("opengauge:schema.version", report.schema_version),
        ("opengauge:mof.class", _view.mof_text(report)),
        ("opengauge:osaid.result", _view.osaid_text(report)),
    ]
    for fw in report.frameworks:
        props.append((f"opengauge:{fw.framework}.verdict", fw.verdict))
        if fw.score is not None:
            props.append((f"opengauge:{fw.framework}.score", f"{fw.score:g}"))
        if fw.passed is not None:
            props.append((f"opengauge:{fw.framework}.passed", str(fw.passed).lower()))
    safety = _view.problems(report, "safety.")
    for severity in Severity:
        count = sum(1 for f in safety if f.severity is severity)
        if count:
            props.append((f"opengauge:safety.{severity.value}", str(count)))
    props.append(("opengauge:skipped", str(len(report.skipped))))
    for result in report.components:
        props.append((f"opengauge:component.{result.component.value}", result.state.value))
    return props


def _bom(report: AuditReport) -> Any:
    from cyclonedx.model import HashAlgorithm, HashType, Property
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType
    from cyclonedx.model.tool import ToolRepository

    from opengauge import __version__

    bom = Bom(serial_number=serial_number(report))
    bom.metadata.timestamp = datetime.fromisoformat(report.generated_at)
    bom.metadata.tools = ToolRepository(
        components=[
            Component(type=ComponentType.APPLICATION, name="opengauge", version=__version__)
        ]
    )
    model = Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=report.target.name,
        bom_ref=MODEL_REF,
        licenses=_licences(report, ("weights", "all")) or _licences(report, ("unknown",)),
        properties=[Property(name=n, value=v) for n, v in verdict_properties(report)],
    )
    bom.metadata.component = model
    datasets = []
    for name in dataset_ids(report):
        data = Component(
            type=ComponentType.DATA,
            name=name,
            bom_ref=f"dataset:{name}",
            licenses=_licences(report, ("data",)),
        )
        datasets.append(data)
        bom.components.add(data)
    for entry in report.files:
        hashes = (
            [HashType(alg=HashAlgorithm.SHA_256, content=entry.sha256)]
            if report.hashed and entry.sha256
            else []
        )
        bom.components.add(
            Component(
                type=ComponentType.FILE,
                name=entry.path,
                bom_ref=f"file:{entry.path}",
                hashes=hashes,
                properties=[
                    Property(name="opengauge:file.kind", value=entry.kind),
                    Property(name="opengauge:file.size", value=str(entry.size)),
                ],
            )
        )
    bom.register_dependency(model, datasets)
    return bom


# Hugging Face pipeline tags -> (input, output) formats for modelParameters.
PIPELINE_IO = {
    "text-generation": ("text", "text"),
    "text2text-generation": ("text", "text"),
    "summarization": ("text", "text"),
    "translation": ("text", "text"),
    "fill-mask": ("text", "text"),
    "question-answering": ("text", "text"),
    "text-classification": ("text", "label"),
    "token-classification": ("text", "labels"),
    "zero-shot-classification": ("text", "label"),
    "feature-extraction": ("text", "embedding vector"),
    "sentence-similarity": ("text", "embedding vector"),
    "image-classification": ("image", "label"),
    "object-detection": ("image", "boxes"),
    "image-segmentation": ("image", "mask"),
    "text-to-image": ("text", "image"),
    "image-to-text": ("image", "text"),
    "automatic-speech-recognition": ("audio", "text"),
    "text-to-speech": ("text", "audio"),
    "audio-classification": ("audio", "label"),
}


def _model_card(report: AuditReport, datasets: list[str]) -> dict[str, Any]:
    meta = _model_metadata(report)
    params: dict[str, Any] = {}
    task = _strings(meta.get("pipeline_tag"))
    if task:
        params["task"] = task[0]
    if report.model.architectures:
        params["modelArchitecture"] = ", ".join(report.model.architectures)
    if report.model.model_type:
        params["architectureFamily"] = report.model.model_type
    if datasets:
        params["datasets"] = [{"ref": f"dataset:{name}"} for name in datasets]
    io_formats = PIPELINE_IO.get(task[0]) if task else None
    if io_formats:
        params["inputs"] = [{"format": io_formats[0]}]
        params["outputs"] = [{"format": io_formats[1]}]
    card: dict[str, Any] = {"bom-ref": "model-card", "modelParameters": params}
    if report.model.parameter_count is not None:
        card["properties"] = [
            {"name": "opengauge:parameter_count", "value": str(report.model.parameter_count)}
        ]
    found = metrics(report)
    if found:
        card["quantitativeAnalysis"] = {"performanceMetrics": found}
    limits = [f"{f.severity.value}: {f.message}" for f in _view.problems(report, "safety.")]
    limits += [f"documentation: {f.message}" for f in _view.problems(report, "docs.")][:50]
    considerations: dict[str, Any] = {}
    if limits:
        considerations["technicalLimitations"] = limits
    if considerations:
        card["considerations"] = considerations
    return card


def document(report: AuditReport) -> dict[str, Any]:
    """The BOM as JSON data (library output plus ``modelCard`` and ``data``)."""
    from cyclonedx.output.json import JsonV1Dot6

    bom = _bom(report)
    with warnings.catch_warnings():
        # "root component has no dependencies": true of a model trained on no named dataset.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"cyclonedx\.")
        data: dict[str, Any] = json.loads(JsonV1Dot6(bom).output_as_string())
    datasets = dataset_ids(report)
    data["metadata"]["component"]["modelCard"] = _model_card(report, datasets)
    for component in data.get("components", []):
        if component.get("type") == "data":
            component["data"] = [
                {
                    "type": "dataset",
                    "name": component["name"],
                    "description": "named in the model card metadata",
                }
            ]
    return data


def render(report: AuditReport) -> str:
    """CycloneDX 1.6 JSON, sorted keys, two-space indent."""
    return json.dumps(document(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
