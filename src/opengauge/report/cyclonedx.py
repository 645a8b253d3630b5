"""CycloneDX 1.6 ML-BOM (JSON): the model, its datasets, its files, security findings.

``cyclonedx-python-lib`` builds the BOM (metadata, components, licences, purl, supplier,
external references, hashes, vulnerabilities, dependencies); it cannot write
``modelCard`` nor ``data`` yet, so those are added to its JSON output here. What the
release is, which licences govern what and which datasets it names come from
``_sbom``/``_sbom_licences``, which SPDX 3 reads too. The serial number is a UUID of the
BOM's own content (never of where the release sits on disk), so the same audit gives
byte-identical output. Imported lazily: only this format needs it.
"""

from __future__ import annotations

import json
import uuid
import warnings
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from opengauge.model import AuditReport, Severity
from opengauge.report import _sbom, _view
from opengauge.report._sbom_licences import (
    MODEL_SCOPES,
    Licence,
    dataset_licences,
    expression,
    file_licences,
    governing,
)

if TYPE_CHECKING:
    from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression

MODEL_REF = "model"
BOM_VERSION = 1
_LINK_TYPES = {
    "repository": "VCS",
    "paper": "DOCUMENTATION",
    "report": "DOCUMENTATION",
    "model-card": "MODEL_CARD",
    "weights": "DISTRIBUTION",
    "dataset": "DISTRIBUTION",
    "data": "OTHER",  # on the model: a dataset it was trained or tested on (no type says so)
}


def serial_number(report: AuditReport) -> uuid.UUID:
    """The BOM's serial number: a UUID5 of the BOM itself, built with a nil serial."""
    return _sbom.content_id(_document(report, _sbom.PLACEHOLDER))


def bom_link(serial: uuid.UUID, bom_ref: str) -> str:
    """A CycloneDX BOM-Link to one element of this BOM."""
    return f"urn:cdx:{serial}/{BOM_VERSION}#{quote(bom_ref, safe='')}"


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


class _Licensing:
    """Turns ``Licence`` rows into CycloneDX licence choices for this BOM."""

    def __init__(self, report: AuditReport, serial: uuid.UUID) -> None:
        self.serial = serial
        self.paths = {entry.path for entry in report.files}

    def url(self, lic: Licence) -> str | None:
        """Its public URL, else a BOM-Link to the release file holding it."""
        if lic.url:
            return lic.url
        return bom_link(self.serial, f"file:{lic.path}") if lic.path in self.paths else None

    def single(self, lic: Licence, acknowledged: str, url: str | None) -> DisjunctiveLicense:
        """One licence object: an SPDX id, else the ``LicenseRef-`` as name with its URL."""
        from cyclonedx.model import XsUri
        from cyclonedx.model.license import DisjunctiveLicense, LicenseAcknowledgement
        from cyclonedx.spdx import fixup_id

        ack = LicenseAcknowledgement(acknowledged)
        listed = None if lic.custom else fixup_id(lic.id)
        if listed is not None:
            return DisjunctiveLicense(id=listed, acknowledgement=ack)
        return DisjunctiveLicense(name=lic.id, url=XsUri(url) if url else None, acknowledgement=ack)

    def choice(
        self, licences: tuple[Licence, ...], acknowledged: str = "concluded"
    ) -> tuple[list[DisjunctiveLicense | LicenseExpression], list[tuple[str, str]]]:
        """Licences that govern a component (``acknowledged``: concluded by opengauge, or
        declared by the thing itself), and the ``LicenseRef-`` definitions an expression
        cannot carry (as property name/value pairs)."""
        from cyclonedx.model.license import LicenseAcknowledgement, LicenseExpression

        if len(licences) == 1:
            return [self.single(licences[0], acknowledged, self.url(licences[0]))], []
        text = expression(licences)
        if text is None:
            return [], []
        defined = [
            (f"opengauge:license:{lic.id}", url)
            for lic in licences
            if lic.custom and (url := self.url(lic))
        ]
        ack = LicenseAcknowledgement(acknowledged)
        return [LicenseExpression(text, acknowledgement=ack)], defined


def _external_references(links: Iterable[_sbom.Link]) -> list[Any]:
    from cyclonedx.model import ExternalReference, ExternalReferenceType, XsUri

    return [
        ExternalReference(
            type=getattr(ExternalReferenceType, _LINK_TYPES[link.kind]),
            url=XsUri(link.url),
            comment=f"{link.kind}: {link.comment}",
        )
        for link in links
    ]


def _vulnerabilities(report: AuditReport, files: set[str]) -> list[Any]:
    from cyclonedx.model import Property
    from cyclonedx.model.vulnerability import (
        BomTarget,
        Vulnerability,
        VulnerabilityRating,
        VulnerabilityScoreSource,
        VulnerabilitySeverity,
        VulnerabilitySource,
    )

    source = VulnerabilitySource(name="opengauge")
    out = []
    for number, finding in enumerate(_sbom.security_findings(report), 1):
        affected = [MODEL_REF] + [
            f"file:{p}" for p in dict.fromkeys(loc.path for loc in finding.locations) if p in files
        ]
        props = [Property(name="opengauge:confidence", value=finding.confidence.value)]
        suppression = _view.suppression_for(report, finding)
        if suppression is not None:
            props.append(Property(name="opengauge:suppressed", value=suppression.reason))
        out.append(
            Vulnerability(
                bom_ref=f"finding-{number}",
                id=_sbom.rule_id(finding),
                source=source,
                ratings=[
                    VulnerabilityRating(
                        source=source,
                        severity=VulnerabilitySeverity(finding.severity.value),
                        method=VulnerabilityScoreSource.OTHER,
                    )
                ],
                cwes=[finding.cwe] if finding.cwe else None,
                description=finding.message,
                detail="; ".join(
                    loc.pointer + (f": {loc.excerpt}" if loc.excerpt else "")
                    for loc in finding.locations[:5]
                )
                or None,
                recommendation=finding.remediation,
                affects=[BomTarget(ref=ref) for ref in affected],
                properties=props,
            )
        )
    return out


def _bom(report: AuditReport, serial: uuid.UUID) -> tuple[Any, list[_sbom.Dataset]]:
    from cyclonedx.model import HashAlgorithm, HashType, Property, XsUri
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType
    from cyclonedx.model.contact import OrganizationalEntity
    from cyclonedx.model.tool import ToolRepository
    from packageurl import PackageURL

    from opengauge import __version__

    who = _sbom.identity(report)
    licensing = _Licensing(report, serial)
    bom = Bom(serial_number=serial, version=BOM_VERSION)
    bom.metadata.timestamp = datetime.fromisoformat(report.generated_at)
    bom.metadata.tools = ToolRepository(
        components=[
            Component(type=ComponentType.APPLICATION, name="opengauge", version=__version__)
        ]
    )
    licences, defined = licensing.choice(governing(report, MODEL_SCOPES, who.hub_url).concluded)
    found = _sbom.datasets(report)
    data_links = [
        _sbom.Link("data", d.url, f"{'trained' if d.trained else 'tested'} on {d.name}")
        for d in found
        if d.url
    ]
    model = Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=who.name,
        version=who.version,
        bom_ref=MODEL_REF,
        purl=PackageURL.from_string(who.purl) if who.purl else None,
        supplier=OrganizationalEntity(
            name=who.supplier, urls=[XsUri(who.supplier_url)] if who.supplier_url else None
        )
        if who.supplier
        else None,
        licenses=licences,
        external_references=_external_references([*who.links, *data_links]),
        properties=[Property(name=n, value=v) for n, v in verdict_properties(report) + defined],
    )
    bom.metadata.component = model
    governed = dataset_licences(report, found, who.hub_url)
    for dataset in found:
        refs = []
        if dataset.url:
            refs = [_sbom.Link("dataset", dataset.url, dataset.note)]
        terms = governed.get(dataset.key)
        data_licences, data_defined = (
            licensing.choice(terms.concluded, "declared" if terms.declared else "concluded")
            if terms
            else ([], [])
        )
        bom.components.add(
            Component(
                type=ComponentType.DATA,
                name=dataset.name,
                bom_ref=f"dataset:{dataset.key}",
                licenses=data_licences,
                external_references=_external_references(refs),
                properties=[Property(name=n, value=v) for n, v in data_defined],
            )
        )
    texts = file_licences(report, who.hub_url)
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
                licenses=[
                    licensing.single(lic, "declared", lic.url) for lic in texts.get(entry.path, [])
                ],
                properties=[
                    Property(name="opengauge:file.kind", value=entry.kind),
                    Property(name="opengauge:file.size", value=str(entry.size)),
                ],
            )
        )
    for vulnerability in _vulnerabilities(report, licensing.paths):
        bom.vulnerabilities.add(vulnerability)
    bom.register_dependency(model, [c for c in bom.components if c.type is ComponentType.DATA])
    return bom, found


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


def _model_card(report: AuditReport, datasets: list[_sbom.Dataset]) -> dict[str, Any]:
    meta = _sbom.model_metadata(report)
    params: dict[str, Any] = {}
    task = _sbom.strings(meta.get("pipeline_tag"))
    if task:
        params["task"] = task[0]
    if report.model.architectures:
        params["modelArchitecture"] = ", ".join(report.model.architectures)
    if report.model.model_type:
        params["architectureFamily"] = report.model.model_type
    if datasets:
        params["datasets"] = [{"ref": f"dataset:{d.key}"} for d in datasets]
    io_formats = PIPELINE_IO.get(task[0]) if task else None
    if io_formats:
        params["inputs"] = [{"format": io_formats[0]}]
        params["outputs"] = [{"format": io_formats[1]}]
    card: dict[str, Any] = {"bom-ref": "model-card", "modelParameters": params}
    if report.model.parameter_count is not None:
        card["properties"] = [
            {"name": "opengauge:parameter_count", "value": str(report.model.parameter_count)}
        ]
    found = _sbom.metrics(report)
    if found:
        card["quantitativeAnalysis"] = {"performanceMetrics": found}
    limits = _sbom.card_limitations(report)
    if limits:
        card["considerations"] = {"technicalLimitations": limits}
    return card


def document(report: AuditReport) -> dict[str, Any]:
    """The BOM as JSON data (library output plus ``modelCard`` and ``data``)."""
    return _document(report, serial_number(report))


def _document(report: AuditReport, serial: uuid.UUID) -> dict[str, Any]:
    from cyclonedx.output.json import JsonV1Dot6

    bom, datasets = _bom(report, serial)
    with warnings.catch_warnings():
        # "root component has no dependencies": true of a model trained on no named dataset.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"cyclonedx\.")
        data: dict[str, Any] = json.loads(JsonV1Dot6(bom).output_as_string())
    data["metadata"]["component"]["modelCard"] = _model_card(report, datasets)
    by_ref = {f"dataset:{d.key}": d for d in datasets}
    for component in data.get("components", []):
        dataset = by_ref.get(component.get("bom-ref", ""))
        if dataset is not None:
            entry: dict[str, Any] = {
                "type": "dataset",
                "name": dataset.name,
                "description": dataset.note,
            }
            if dataset.url:
                entry["contents"] = {"url": dataset.url}
            component["data"] = [entry]
    return data


def render(report: AuditReport) -> str:
    """CycloneDX 1.6 JSON, sorted keys, two-space indent."""
    return json.dumps(document(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
