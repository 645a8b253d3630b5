"""SPDX 3.0.1 JSON-LD with the AI, Dataset and Security profiles (``spdx-python-model``).

One ``ai_AIPackage`` (the release: name from the Hub id or card, commit as version, purl,
download location, supplier, links to its papers and weights, domain, type of model,
metrics, what it shows of its training, limitations its card states); one
``dataset_DatasetPackage`` per dataset it names or links, with ``trainedOn`` / ``testedOn``;
licences as one ``AND`` expression per thing: ``hasDeclaredLicense`` (what the release
states) and ``hasConcludedLicense`` (what opengauge concludes governs it, inherited base
model licences included), each ``LicenseRef-`` mapped to its text in
``simplelicensing_customIdToUri``; a dataset's are what its own Hub card declares, else
(concluded only) the release's data licences when it is the one training dataset
(``_sbom_licences.dataset_licences``); ``software_File``s with the licence texts they hold;
security findings as ``security_Vulnerability`` (CWE as an external reference) linked by
``hasAssociatedVulnerability``; framework verdicts as review ``Annotation``s.

``ai_safetyRiskAssessment`` is the EU AI Act risk class: nothing opengauge reads decides
it, so it is left out. Ids are IRIs ``<namespace><content id>#...``: the namespace is a
parameter (default ``DEFAULT_NAMESPACE``) and the content id a UUID5 of the document's
own content, so output is reproducible and never depends on where the release sits.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from opengauge.errors import UsageError
from opengauge.model import AuditReport
from opengauge.report import _sbom, _view
from opengauge.report._sbom_licences import (
    MODEL_SCOPES,
    Licence,
    dataset_licences,
    expression,
    file_licences,
    governing,
)

DEFAULT_NAMESPACE = "https://opengauge.dev/spdx/"
_NAMESPACE = re.compile(r"^(https?://[^\s#<>\"{}|\\^`]+|urn:[A-Za-z0-9][^\s#<>\"{}|\\^`]*)$")
_LINK_TYPES = {
    "repository": "vcs",
    "paper": "documentation",
    "report": "documentation",
    "model-card": "documentation",
    "weights": "altDownloadLocation",
}


def check_namespace(namespace: str) -> str:
    """``namespace`` as the prefix of document IRIs (``/`` added); UsageError if unfit."""
    if not _NAMESPACE.match(namespace):
        raise UsageError(
            f"SPDX namespace {namespace!r} is not an absolute http(s) or urn IRI without '#'"
        )
    return namespace if namespace.endswith(("/", ":")) else namespace + "/"


def _created(report: AuditReport) -> datetime:
    try:
        stamp = datetime.fromisoformat(report.generated_at)
    except ValueError:
        stamp = datetime(1970, 1, 1, tzinfo=UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).replace(microsecond=0)


class _Builder:
    """Adds elements with sequential ids under one base IRI."""

    def __init__(self, spdx: Any, base: str, info: Any, objects: Any) -> None:
        self.spdx, self.base, self.info, self.objects = spdx, base, info, objects
        self.counts: dict[str, int] = {}
        self.expressions: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}

    def new_id(self, kind: str) -> str:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return f"{self.base}#{kind}-{self.counts[kind]}"

    def add(self, obj: Any) -> Any:
        obj.creationInfo = self.info
        return self.objects.add(obj)

    def relate(self, kind: str, src: Any, targets: list[Any]) -> None:
        if targets:
            self.add(
                self.spdx.Relationship(
                    spdxId=self.new_id("rel"),
                    from_=src,
                    to=targets,
                    relationshipType=getattr(self.spdx.RelationshipType, kind),
                )
            )

    def licence(self, licences: tuple[Licence, ...], files: dict[str, Any]) -> Any | None:
        """One LicenseExpression for ``licences`` (shared by every subject it governs)."""
        text = expression(licences)
        if text is None:
            return None
        uris: list[tuple[str, str]] = []
        for lic in licences:
            where = files.get(lic.path)
            uri = lic.url or (where.spdxId if where is not None else None)
            if lic.custom and uri:
                uris.append((lic.id, uri))
        key = (text, tuple(uris))
        if key not in self.expressions:
            self.expressions[key] = self.add(
                self.spdx.simplelicensing_LicenseExpression(
                    spdxId=self.new_id("license"),
                    simplelicensing_licenseExpression=text,
                    simplelicensing_customIdToUri=[
                        self.spdx.DictionaryEntry(key=k, value=v) for k, v in uris
                    ],
                )
            )
        return self.expressions[key]


def _model(b: _Builder, report: AuditReport, who: _sbom.Identity) -> Any:
    spdx = b.spdx
    model = b.add(spdx.ai_AIPackage(spdxId=f"{b.base}#model", name=who.name))
    model.software_primaryPurpose = spdx.software_SoftwarePurpose.model
    if who.version:
        model.software_packageVersion = who.version
    if who.purl:
        model.software_packageUrl = who.purl
    if who.download:
        model.software_downloadLocation = who.download
    if who.hub_url:
        model.software_homePage = who.hub_url
    if who.supplier:
        supplier = b.add(spdx.Organization(spdxId=f"{b.base}#supplier", name=who.supplier))
        if who.supplier_url:
            supplier.externalRef = [
                spdx.ExternalRef(
                    externalRefType=spdx.ExternalRefType.other, locator=[who.supplier_url]
                )
            ]
        model.suppliedBy = supplier
    model.externalRef = [
        spdx.ExternalRef(
            externalRefType=getattr(spdx.ExternalRefType, _LINK_TYPES[link.kind]),
            locator=[link.url],
            comment=f"{link.kind}: {link.comment}",
        )
        for link in who.links
    ]
    tag = _sbom.strings(_sbom.model_metadata(report).get("pipeline_tag"))
    if tag:
        model.ai_domain = tag[:1]
    kinds = [
        *report.model.architectures,
        *([report.model.model_type] if report.model.model_type else []),
    ]
    model.ai_typeOfModel = list(dict.fromkeys(kinds))
    for metric in _sbom.metrics(report):
        key = f"{metric['type']} ({metric['slice']})" if "slice" in metric else metric["type"]
        model.ai_metric.append(spdx.DictionaryEntry(key=key, value=metric["value"]))
    limits = _sbom.card_limitations(report)
    if limits:
        model.ai_limitation = "\n".join(limits)
    training = _sbom.training_information(report)
    if training:
        model.ai_informationAboutTraining = training
    model.ai_autonomyType = spdx.PresenceType.noAssertion  # nothing in a release says
    return model


def _vulnerabilities(b: _Builder, report: AuditReport, model: Any, files: dict[str, Any]) -> None:
    spdx = b.spdx
    found = []
    for finding in _sbom.security_findings(report):
        vulnerability = b.add(
            spdx.security_Vulnerability(
                spdxId=b.new_id("vulnerability"),
                name=_sbom.rule_id(finding),
                summary=f"{finding.severity.value}: {finding.message}",
                description="; ".join(
                    [
                        f"severity {finding.severity.value}, confidence {finding.confidence.value}",
                        *(loc.pointer for loc in finding.locations[:5]),
                        *([f"remediation: {finding.remediation}"] if finding.remediation else []),
                    ]
                ),
            )
        )
        if finding.cwe:
            vulnerability.externalRef = [
                spdx.ExternalRef(
                    externalRefType=spdx.ExternalRefType.cwe,
                    locator=[f"https://cwe.mitre.org/data/definitions/{finding.cwe}.html"],
                    comment=f"CWE-{finding.cwe}",
                )
            ]
        for path in dict.fromkeys(loc.path for loc in finding.locations):
            if path in files:
                b.relate("hasAssociatedVulnerability", files[path], [vulnerability])
        found.append(vulnerability)
    b.relate("hasAssociatedVulnerability", model, found)


def build(report: AuditReport, namespace: str = DEFAULT_NAMESPACE) -> Any:
    """The SPDX object set (``SHACLObjectSet``) of the report; its ids are under
    ``<namespace><UUID5 of the document built with a nil UUID there>``."""
    from spdx_python_model import v3_0_1 as spdx

    prefix = check_namespace(namespace)
    draft = spdx.JSONLDSerializer().serialize_data(_build(report, f"{prefix}{_sbom.PLACEHOLDER}"))
    return _build(report, f"{prefix}{_sbom.content_id(draft)}")


def _build(report: AuditReport, base: str) -> Any:
    from spdx_python_model import v3_0_1 as spdx

    from opengauge import __version__

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
    b = _Builder(spdx, base, info, objects)
    who = _sbom.identity(report)
    model = _model(b, report, who)

    files: dict[str, Any] = {}
    for entry in report.files:
        item = b.add(spdx.software_File(spdxId=b.new_id("file"), name=entry.path))
        if report.hashed and entry.sha256:
            item.verifiedUsing = [
                spdx.Hash(algorithm=spdx.HashAlgorithm.sha256, hashValue=entry.sha256)
            ]
        files[entry.path] = item
    b.relate("contains", model, list(files.values()))
    for path, texts in file_licences(report, who.hub_url).items():
        if path in files:
            b.relate("hasDeclaredLicense", files[path], [b.licence(tuple(texts), files)])

    datasets = _sbom.datasets(report)
    packages = []
    for dataset in datasets:
        data = b.add(spdx.dataset_DatasetPackage(spdxId=b.new_id("dataset"), name=dataset.name))
        data.software_primaryPurpose = spdx.software_SoftwarePurpose.data
        data.dataset_datasetType = [spdx.dataset_DatasetType.noAssertion]
        data.comment = dataset.note
        if dataset.url:
            data.software_downloadLocation = dataset.url
        packages.append(data)
    b.relate("trainedOn", model, [p for d, p in zip(datasets, packages, strict=True) if d.trained])
    b.relate("testedOn", model, [p for d, p in zip(datasets, packages, strict=True) if d.tested])

    found = governing(report, MODEL_SCOPES, who.hub_url)
    governed = dataset_licences(report, datasets, who.hub_url)
    subjects = [(model, found)] + [
        (package, governed[d.key])
        for d, package in zip(datasets, packages, strict=True)
        if d.key in governed
    ]
    for subject, licences in subjects:
        for kind, chosen in (
            ("hasDeclaredLicense", licences.declared),
            ("hasConcludedLicense", licences.concluded),
        ):
            expression_element = b.licence(chosen, files)
            if expression_element is not None:
                b.relate(kind, subject, [expression_element])

    _vulnerabilities(b, report, model, files)
    for name, value in _verdicts(report):
        b.add(
            spdx.Annotation(
                spdxId=b.new_id("verdict"),
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
        name=f"opengauge audit of {who.name}",
        creationInfo=info,
        rootElement=[model],
        element=elements,
        profileConformance=[
            getattr(spdx.ProfileIdentifierType, p)
            for p in ("core", "software", "ai", "dataset", "security", "simpleLicensing")
        ],
    )
    objects.add(document)
    return objects


def _verdicts(report: AuditReport) -> list[tuple[str, str]]:
    out = [("mof.class", _view.mof_text(report)), ("osaid.result", _view.osaid_text(report))]
    out += [(f"{fw.framework}.verdict", fw.verdict) for fw in report.frameworks]
    return out


def document(report: AuditReport, namespace: str = DEFAULT_NAMESPACE) -> dict[str, Any]:
    """The JSON-LD data of the document."""
    from spdx_python_model import v3_0_1 as spdx

    data: dict[str, Any] = spdx.JSONLDSerializer().serialize_data(build(report, namespace))
    return data


def render(report: AuditReport, namespace: str = DEFAULT_NAMESPACE) -> str:
    """SPDX 3.0.1 JSON-LD, sorted keys. ``namespace`` prefixes every element IRI."""
    text = json.dumps(document(report, namespace), indent=2, sort_keys=True, ensure_ascii=False)
    return text + "\n"
