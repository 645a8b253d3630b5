"""What the two SBOM formats (CycloneDX, SPDX 3) say about a release, worked out once.

The release's identity (name from the Hub id or the card, never the folder when either
says more; the commit as version; a ``pkg:huggingface`` purl; links to its repository,
papers and weights), its datasets with their URLs, the card's evaluation results and
stated limitations, the security findings, and the content id that serial numbers and
document IRIs derive from the document itself. Pure; every list is bounded.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from opengauge.model import (
    AuditReport,
    Component,
    ComponentState,
    Finding,
    Status,
)
from opengauge.report import _view

HUB = "https://huggingface.co"
MAX_DATASETS = 100
MAX_LINKS = 10  # per kind
MAX_METRICS = 500
MAX_VULNERABILITIES = 1000
_CONTENT_NAMESPACE = uuid.UUID("2f0ad5a4-8f5c-5b4e-9d0e-6f70656e6761")
_URL = re.compile(r"^https?://[^\s<>\"'{}|\\^`]{1,2000}$")
_HUB_DATASET = re.compile(r"^https?://huggingface\.co/datasets/([\w.-]+(?:/[\w.-]+)?)", re.I)
_HUB_ID = re.compile(r"^[\w.-]{1,96}(/[\w.-]{1,96})?$")
_LEAD = re.compile(r"\s+[-\u2013\u2014]+\s+|:\s")  # what a heading says before "--" or ": "
_GENERIC_TITLES = frozenset(
    {
        "introduction",
        "overview",
        "about",
        "readme",
        "model card",
        "model details",
        "model description",
        "description",
        "summary",
        "contents",
        "table of contents",
        "news",
        "latest news",
        "updates",
        "latest updates",
        "目录",
        "简介",
        "介绍",
    }
)
# Component references worth a link, as (kind, component), in the order they are kept.
LINK_KINDS: tuple[tuple[str, Component], ...] = (
    ("paper", Component.RESEARCH_PAPER),
    ("report", Component.TECHNICAL_REPORT),
    ("model-card", Component.MODEL_CARD),
    ("weights", Component.MODEL_PARAMETERS_FINAL),
)


@dataclass(frozen=True)
class Link:
    """A place the release points to: ``kind`` is repository, paper, report, model-card
    or weights; ``comment`` says why opengauge took it for one."""

    kind: str
    url: str
    comment: str


@dataclass(frozen=True)
class Identity:
    """Who and what the release is. ``hub_url`` is its Hub page when it came from the
    Hub; ``download`` the pinned tree there; ``supplier`` the Hub organisation."""

    name: str
    version: str | None
    hub_id: str | None
    hub_url: str | None
    purl: str | None
    download: str | None
    supplier: str | None
    supplier_url: str | None
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Dataset:
    """A dataset the release names or links: trained on, tested on, or both."""

    key: str
    name: str
    url: str | None
    trained: bool
    tested: bool
    note: str


PLACEHOLDER = uuid.UUID(int=0)  # where a document's id goes while its content is hashed


def content_id(data: Any) -> uuid.UUID:
    """A UUID5 of a document's own content: its canonical JSON, built with ``PLACEHOLDER``
    as its id.

    The same document gives the same id wherever the release sits and whatever the
    report holds that the document does not show; any change of what it shows (a file,
    a licence, a finding, the audit time) gives a new one.
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return uuid.uuid5(_CONTENT_NAMESPACE, hashlib.sha256(text.encode("utf-8")).hexdigest())


def clean_url(text: str) -> str | None:
    """An http(s) URL fit for an SBOM (BibTeX braces and trailing punctuation removed)."""
    url = text.strip().rstrip("}).,;:'\"]")
    return url if _URL.match(url) and urlsplit(url).hostname else None


def model_metadata(report: AuditReport) -> dict[str, Any]:
    """The model card's metadata (else the README's); {} when there is none."""
    for kind in ("model", "readme"):
        for card in report.cards:
            if card.kind == kind:
                return card.metadata
    return {}


def strings(value: Any) -> list[str]:
    """The non-empty strings of a metadata value (a string or a list)."""
    items = value if isinstance(value, list) else [value]
    return [s.strip() for s in items if isinstance(s, str) and s.strip()]


def _facts(report: AuditReport, rule: str) -> dict[str, Any]:
    return next((f.facts for f in report.findings if f.rule == rule), {})


def _hub(report: AuditReport) -> tuple[str | None, str | None]:
    """Hub id and page of a target read from the Hub or its cache."""
    target = report.target
    if target.source not in ("hf-cache", "hf-hub") or not _HUB_ID.match(target.name):
        return None, None
    path = target.path.replace("\\", "/")
    for kind in ("datasets", "spaces"):
        if path.startswith(f"hf://{kind}/") or f"/{kind}--" in path:
            return target.name, f"{HUB}/{kind}/{target.name}"
    return target.name, f"{HUB}/{target.name}"


def _card_name(report: AuditReport) -> str | None:
    names = _facts(report, "release.identity").get("names")
    for name in names if isinstance(names, list) else []:
        if not isinstance(name, str) or name == report.target.name:
            continue
        text = re.sub(r"^model card(\s+for|:)?\s+|\s+model card$", "", name.strip(), flags=re.I)
        lead = _LEAD.split(text, maxsplit=1)[0].lower()  # "Latest updates -- SAM 2: ..."
        if text and len(text) <= 100 and lead not in _GENERIC_TITLES:
            return text
    return None


def _purl(hub_id: str, hub_url: str, revision: str | None) -> str | None:
    from packageurl import PackageURL

    if "/datasets/" in hub_url or "/spaces/" in hub_url:
        return None  # the huggingface purl type names models
    namespace, _, name = hub_id.rpartition("/")
    version = revision.lower() if revision else None
    return str(PackageURL("huggingface", namespace or None, name, version))


def links(report: AuditReport, hub_url: str | None) -> tuple[Link, ...]:
    """The repository (Hub targets), then papers, reports, cards and weights it links."""
    out: dict[str, Link] = {}
    if hub_url is not None:
        out[hub_url] = Link("repository", hub_url, "the Hugging Face repository audited")
    by_component = {result.component: result for result in report.components}
    for kind, component in LINK_KINDS:
        result = by_component.get(component)
        kept = 0
        for ref in result.references if result is not None else ():
            url = clean_url(ref.target)
            if url is None or url in out or kept >= MAX_LINKS:
                continue
            out[url] = Link(kind, url, ref.reason[:200])
            kept += 1
    return tuple(out.values())


def identity(report: AuditReport) -> Identity:
    """The release's identity from the target, the Hub id and the card."""
    hub_id, hub_url = _hub(report)
    revision = report.target.revision
    name = hub_id or _card_name(report) or report.target.name
    supplier = hub_id.split("/")[0] if hub_id and "/" in hub_id else None
    return Identity(
        name=name,
        version=revision,
        hub_id=hub_id,
        hub_url=hub_url,
        purl=_purl(hub_id, hub_url, revision) if hub_id and hub_url else None,
        download=(f"{hub_url}/tree/{revision}" if revision else hub_url) if hub_url else None,
        supplier=supplier,
        supplier_url=f"{HUB}/{supplier}" if supplier else None,
        links=links(report, hub_url),
    )


def _dataset_url(target: str) -> tuple[str, str | None]:
    """(name, URL) of a dataset reference or card entry."""
    if target.startswith("hf://datasets/"):
        hub_id = target.removeprefix("hf://datasets/").strip("/")
        return hub_id, f"{HUB}/datasets/{hub_id}" if _HUB_ID.match(hub_id) else None
    url = clean_url(target)
    if url is None:
        return target, f"{HUB}/datasets/{target}" if _HUB_ID.match(target) else None
    hub = _HUB_DATASET.match(url)
    if hub:
        return hub.group(1), f"{HUB}/datasets/{hub.group(1)}"
    return url.split("://", 1)[1], url


def _tested_names(report: AuditReport) -> list[str]:
    names: list[str] = []
    index = model_metadata(report).get("model-index")
    for model in index if isinstance(index, list) else []:
        results = model.get("results") if isinstance(model, dict) else None
        for result in results if isinstance(results, list) else []:
            dataset = result.get("dataset") if isinstance(result, dict) else None
            if isinstance(dataset, dict):
                names.extend(strings(dataset.get("type") or dataset.get("name")))
    return names


def datasets(report: AuditReport) -> list[Dataset]:
    """Training datasets (card ``datasets:``, the inventory's dataset links) and test
    datasets (``model-index`` results, evaluation data links), first mention first."""
    found: dict[str, Dataset] = {}

    def add(target: str, trained: bool, note: str) -> None:
        name, url = _dataset_url(target)
        key = name.lower()
        if key in found:
            old = found[key]
            found[key] = Dataset(
                key,
                old.name,
                old.url or url,
                old.trained or trained,
                old.tested or not trained,
                old.note,
            )
        elif len(found) < MAX_DATASETS:
            found[key] = Dataset(key, name, url, trained, not trained, note[:200])

    for name in strings(model_metadata(report).get("datasets")):
        add(name, True, "named in the model card metadata (datasets:)")
    by_component = {result.component: result for result in report.components}
    for component, trained in ((Component.DATASETS, True), (Component.EVALUATION_DATA, False)):
        result = by_component.get(component)
        for ref in result.references if result is not None else ():
            if not ref.reason.startswith("paper") and (
                ref.target.startswith("hf://datasets/") or clean_url(ref.target)
            ):
                add(ref.target, trained, ref.reason)
    for name in _tested_names(report):
        add(name, False, "evaluation results in the card's model-index")
    return list(found.values())


def datasets_shipped(report: AuditReport) -> bool:
    """Whether the release holds its training data (blanket licences then cover it)."""
    return any(
        r.component is Component.DATASETS and r.state is ComponentState.PRESENT
        for r in report.components
    )


def metrics(report: AuditReport) -> list[dict[str, str]]:
    """Evaluation results from the card's ``model-index``: type, value, slice."""
    out: list[dict[str, str]] = []
    index = model_metadata(report).get("model-index")
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
                if isinstance(metric, dict) and "value" in metric and len(out) < MAX_METRICS:
                    entry = {
                        "type": str(metric.get("type") or metric.get("name") or "metric"),
                        "value": str(metric["value"]),
                    }
                    if label:
                        entry["slice"] = label
                    out.append(entry)
    return out


def card_limitations(report: AuditReport) -> list[str]:
    """The limitations the model card states in a section of its own, with the place."""
    cards = {c.path for c in report.cards if c.kind in ("model", "readme") and "/" not in c.path}
    out: list[str] = []
    for finding in report.findings:
        facts = finding.facts
        if (
            finding.rule == "docs.disclosure"
            and finding.status is Status.PASS
            and facts.get("topic") == "limitations"
            and str(facts.get("how", "")).startswith("section")
        ):
            for location in finding.locations[:1]:
                if location.path in cards and location.excerpt:
                    out.append(f"{location.excerpt} ({location.pointer})")
    return out


def security_findings(report: AuditReport) -> list[Finding]:
    """Failed findings about what loading or running the release would do, worst first."""
    from opengauge.analyzers.catalogue import rule_of

    found = [f for f in _view.problems(report) if f.status is Status.FAIL]
    return [f for f in found if rule_of(f).security][:MAX_VULNERABILITIES]


def rule_id(finding: Finding) -> str:
    """The finding's catalogue id (``safety.shipped_code.og101``)."""
    from opengauge.analyzers.catalogue import rule_of

    return rule_of(finding).id


_TRAINING = (
    Component.TRAINING_CODE,
    Component.DATA_PREPROCESSING_CODE,
    Component.DATASETS,
    Component.MODEL_PARAMETERS_INTERMEDIATE,
)


def training_information(report: AuditReport) -> str | None:
    """What the release shows of its training: code, data and checkpoints, and where."""
    parts: list[str] = []
    for result in report.components:
        if result.component not in _TRAINING or result.state is ComponentState.MISSING:
            continue
        if result.state is ComponentState.PRESENT and result.files:
            more = len(result.files) - 5
            where = "in the release: " + ", ".join(result.files[:5])
            where += f" and {more} more" if more > 0 else ""
        elif result.state is ComponentState.REFERENCED:
            urls = [u for u in (clean_url(r.target) for r in result.references) if u]
            where = "published elsewhere" + (f": {', '.join(urls[:3])}" if urls else "")
        elif result.state is ComponentState.CLAIMED_ABSENT:
            where = "the documentation says it is in the release; it is not"
        else:
            where = result.state.value
        parts.append(f"{result.component.value}: {where}")
    return "; ".join(parts) or None
