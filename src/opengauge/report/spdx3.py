"""SPDX 3.0.1 JSON-LD with the AI and Dataset profiles, built with ``spdx-python-model``.

One ``ai_AIPackage`` (the target) with its metrics, limitations and safety risk; one
``dataset_DatasetPackage`` per dataset the card names; ``trainedOn`` (card ``datasets:``)
and ``testedOn`` (datasets of ``model-index`` results) relationships; licences as
``hasDeclaredLicense`` (what the release states: card metadata, README statements) and
``hasConcludedLicense`` (what opengauge identified from licence texts); files with SHA-256
when hashed; framework verdicts as review ``Annotation``s. The library checks types,
patterns and cardinalities while the document is built and encoded. Ids are IRIs under a
UUID5 of target + generated_at, so output is reproducible. Imported lazily.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from opengauge.model import AuditReport, LicenseMatch, Severity
from opengauge.report import _view
from opengauge.report.cyclonedx import dataset_ids, metrics

_NAMESPACE = uuid.UUID("6b0d1b7e-3c55-5d1e-8a2c-73706478336f")
_DECLARED_SOURCES = frozenset({"card-metadata", "readme-statement", "package-metadata"})
_RISK = {
    Severity.CRITICAL: "serious",
    Severity.HIGH: "high",
    Severity.MEDIUM: "medium",
    Severity.LOW: "low",
}
_MODEL_SCOPES = ("weights", "all")


def _tested_on(report: AuditReport) -> list[str]:
    meta = next((c.metadata for c in report.cards if c.kind == "model"), {})
    names: list[str] = []
    index = meta.get("model-index")
    for model in index if isinstance(index, list) else []:
        results = model.get("results") if isinstance(model, dict) else None
        for result in results if isinstance(results, list) else []:
            dataset = result.get("dataset") if isinstance(result, dict) else None
            if isinstance(dataset, dict):
                name = dataset.get("type") or dataset.get("name")
                if isinstance(name, str) and name.strip():
                    names.append(name)
    return list(dict.fromkeys(names))[:200]


def expression(match: LicenseMatch) -> str | None:
    """An SPDX licence expression for one match (a ``LicenseRef-`` for unlisted names)."""
    if match.id:
        return match.id
    if match.name:
        slug = re.sub(r"[^A-Za-z0-9.-]+", "-", match.name).strip("-")[:80]
        return f"LicenseRef-opengauge-{slug}" if slug else None
    return None


def _expressions(matches: list[LicenseMatch], scopes: tuple[str, ...]) -> list[str]:
    found = [expression(m) for m in matches if m.component in scopes]
    return list(dict.fromkeys(e for e in found if e))


def _created(report: AuditReport) -> datetime:
    try:
        stamp = datetime.fromisoformat(report.generated_at)
    except ValueError:
        stamp = datetime(1970, 1, 1, tzinfo=UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).replace(microsecond=0)


def build(report: AuditReport) -> Any:
    """The SPDX object set (``SHACLObjectSet``) of the report."""
    from spdx_python_model import v3_0_1 as spdx

    from opengauge import __version__

    seed = f"{report.target.path}\n{report.generated_at}"
    base = f"https://opengauge.dev/spdx/{uuid.uuid5(_NAMESPACE, seed)}"
    counter = iter(range(1, 1 << 30))
    objects = spdx.SHACLObjectSet()
    agent = objects.add(
        spdx.SoftwareAgent(spdxId=f"{base}#agent", name="opengauge", creationInfo="_:creation")
    )
    info = spdx.CreationInfo(
        _id="_:creation",
        specVersion="3.0.1",
        created=_created(report),
        createdBy=[agent],
        comment=f"opengauge {__version__}",
    )
    agent.creationInfo = info

    def add(obj: Any) -> Any:
        obj.creationInfo = info
        return objects.add(obj)

    def relate(kind: str, src: Any, targets: list[Any]) -> None:
        if targets:
            add(
                spdx.Relationship(
                    spdxId=f"{base}#rel-{next(counter)}",
                    from_=src,
                    to=targets,
                    relationshipType=getattr(spdx.RelationshipType, kind),
                )
            )

    meta = next((c.metadata for c in report.cards if c.kind == "model"), {})
    model = add(spdx.ai_AIPackage(spdxId=f"{base}#model", name=report.target.name))
    model.software_primaryPurpose = spdx.software_SoftwarePurpose.model
    tag = meta.get("pipeline_tag")
    if isinstance(tag, str) and tag:
        model.ai_domain = [tag]
    for metric in metrics(report):
        model.ai_metric.append(
            spdx.DictionaryEntry(
                key=f"{metric['type']} ({metric['slice']})"
                if "slice" in metric
                else metric["type"],
                value=metric["value"],
            )
        )
    safety = _view.problems(report, "safety.")
    if safety:
        model.ai_limitation = "; ".join(f"{f.severity.value}: {f.message}" for f in safety[:50])
        worst = _RISK.get(safety[0].severity)
        if worst:
            model.ai_safetyRiskAssessment = getattr(spdx.ai_SafetyRiskAssessmentType, worst)

    datasets: dict[str, Any] = {}
    trained, tested = dataset_ids(report), _tested_on(report)
    for name in dict.fromkeys([*trained, *tested]):
        data = add(spdx.dataset_DatasetPackage(spdxId=f"{base}#dataset-{next(counter)}", name=name))
        data.software_primaryPurpose = spdx.software_SoftwarePurpose.data
        data.dataset_datasetType = [spdx.dataset_DatasetType.noAssertion]
        datasets[name] = data
    relate("trainedOn", model, [datasets[n] for n in trained])
    relate("testedOn", model, [datasets[n] for n in tested])

    declared = [m for m in report.licenses if m.source in _DECLARED_SOURCES]
    concluded = [m for m in report.licenses if m.source not in _DECLARED_SOURCES]
    for kind, matches in (("hasDeclaredLicense", declared), ("hasConcludedLicense", concluded)):
        for scopes, subjects in ((_MODEL_SCOPES, [model]), (("data",), list(datasets.values()))):
            for text in _expressions(matches, scopes):
                lic = add(
                    spdx.simplelicensing_LicenseExpression(
                        spdxId=f"{base}#license-{next(counter)}",
                        simplelicensing_licenseExpression=text,
                    )
                )
                for subject in subjects:
                    relate(kind, subject, [lic])

    files = []
    for entry in report.files:
        item = add(spdx.software_File(spdxId=f"{base}#file-{next(counter)}", name=entry.path))
        if report.hashed and entry.sha256:
            item.verifiedUsing = [
                spdx.Hash(algorithm=spdx.HashAlgorithm.sha256, hashValue=entry.sha256)
            ]
        files.append(item)
    relate("contains", model, files)

    for name, value in _verdicts(report):
        add(
            spdx.Annotation(
                spdxId=f"{base}#verdict-{next(counter)}",
                annotationType=spdx.AnnotationType.review,
                subject=model,
                statement=f"opengauge:{name} = {value}",
            )
        )
    elements = sorted(
        (o for o in objects.objects if isinstance(o, spdx.Element)), key=lambda o: str(o.get_id())
    )  # a set underneath: sort for stable output
    document = spdx.SpdxDocument(
        spdxId=f"{base}#document",
        name=f"opengauge audit of {report.target.name}",
        creationInfo=info,
        rootElement=[model],
        element=elements,
        profileConformance=[
            getattr(spdx.ProfileIdentifierType, p)
            for p in ("core", "software", "ai", "dataset", "simpleLicensing")
        ],
    )
    objects.add(document)
    return objects


def _verdicts(report: AuditReport) -> list[tuple[str, str]]:
    out = [("mof.class", _view.mof_text(report)), ("osaid.result", _view.osaid_text(report))]
    out += [(f"{fw.framework}.verdict", fw.verdict) for fw in report.frameworks]
    return out


def document(report: AuditReport) -> dict[str, Any]:
    """The JSON-LD data of the document."""
    from spdx_python_model import v3_0_1 as spdx

    data: dict[str, Any] = spdx.JSONLDSerializer().serialize_data(build(report))
    return data


def render(report: AuditReport) -> str:
    """SPDX 3.0.1 JSON-LD, sorted keys."""
    return json.dumps(document(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
