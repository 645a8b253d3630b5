"""What every human-facing format shows, extracted once from an ``AuditReport``. Pure.

Formatters stay generic: frameworks, findings and licences are listed as they come, so a
new framework or rule shows up without changes here. ``FrameworkResult.details`` is read
defensively (any key may be absent or of another shape).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from opengauge.model import (
    AuditReport,
    Component,
    ComponentState,
    Finding,
    FrameworkResult,
    LicenseMatch,
    Location,
    Outcome,
    Severity,
    Status,
    Suppression,
)

PROBLEM = (Status.FAIL, Status.ERROR)
# Findings that restate the component table; shown there, not as problems.
RESTATED_RULES = frozenset({"components.inventory"})
STATE_LABEL = {
    ComponentState.PRESENT: "present",
    ComponentState.REFERENCED: "referenced",
    ComponentState.CLAIMED_ABSENT: "claimed, absent",
    ComponentState.MISSING: "missing",
}
# MOF classes, entry class first, used when the report has no MOF details (data from
# frameworks/definitions/mof.toml, mirrored here so formatters never need the framework).
_FALLBACK_LADDER: tuple[tuple[int, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        3,
        "Class III - Open Model",
        (
            "Model architecture",
            "Model parameters (Final)",
            "Technical report",
            "Evaluation results",
            "Model card",
            "Data card",
        ),
        ("Sample model outputs",),
    ),
    (
        2,
        "Class II - Open Tooling Model",
        ("Training code", "Inference code", "Evaluation code", "Evaluation data"),
        ("Supporting libraries and tools",),
    ),
    (
        1,
        "Class I - Open Science Model",
        (
            "Datasets",
            "Data preprocessing code",
            "Model parameters (Intermediate)",
            "Research paper",
        ),
        ("Model metadata",),
    ),
)


def framework(report: AuditReport, framework_id: str) -> FrameworkResult | None:
    """The result of framework ``framework_id`` ("mof", "osaid", ...), if it was evaluated."""
    return report.framework(framework_id)


def main_reason(result: FrameworkResult) -> str:
    """One line saying why: the summary, else the first failing control's reason."""
    if result.summary:
        return result.summary
    for control in result.controls:
        if control.passed is False:
            return f"{control.title}: {control.reason}" if control.reason else control.title
    return ""


def where(location: Location) -> str:
    """``path!member:line`` or ``path!member@offset``."""
    return location.pointer


def suppression_for(report: AuditReport, finding: Finding) -> Suppression | None:
    """The policy suppression that covers ``finding``, if any."""
    for entry in report.suppressed:
        if entry.matches(finding):
            return entry
    return None


def problems(
    report: AuditReport, prefix: str | None = None, exclude: Iterable[str] = ()
) -> list[Finding]:
    """Failed or errored findings (optionally of rule prefix ``prefix``), worst first."""
    skip = tuple(exclude)
    found = [
        f
        for f in report.findings
        if f.status in PROBLEM
        and f.rule not in RESTATED_RULES
        and (prefix is None or f.rule.startswith(prefix))
        and not (skip and f.rule.startswith(skip))
    ]
    return sorted(found, key=lambda f: -f.severity.rank)  # stable: engine order within a rank


@dataclass(frozen=True)
class Rung:
    """One MOF class on the ladder: the components it adds, each with its state."""

    number: int
    label: str
    reached: bool
    # (component, required, state, licence, MOF status: included, conditional, invalid...)
    items: tuple[tuple[str, bool, str, str, str], ...]


def mof_ladder(report: AuditReport) -> tuple[Rung, ...]:
    """Class III -> II -> I with each component's state and licence verdict when known."""
    mof = report.mof
    states = {r.component.value: r.state for r in report.components}
    licence: dict[str, tuple[str, str]] = {}
    classes: dict[int, tuple[list[str], list[str]]] = {}
    details = mof.details if mof else {}
    for entry in details.get("components", ()) if isinstance(details, dict) else ():
        if not isinstance(entry, dict) or not isinstance(entry.get("component"), str):
            continue
        name = entry["component"]
        status, lic = entry.get("status"), entry.get("license")
        licence[name] = (str(lic) if lic else "", str(status) if status else "")
        number = entry.get("class")
        if isinstance(number, int):
            bucket = classes.setdefault(number, ([], []))
            bucket[0 if entry.get("required") else 1].append(name)
    level = mof.level if mof and isinstance(mof.level, int) else None
    rungs = []
    for number, label, required, optional in _FALLBACK_LADDER:
        req, opt = classes.get(number, (list(required), list(optional)))
        items = tuple(
            (
                name,
                name in req,
                STATE_LABEL[states.get(name, ComponentState.MISSING)],
                *licence.get(name, ("", "")),
            )
            for name in (*req, *opt)
        )
        reached = level is not None and level != 0 and level <= number
        rungs.append(Rung(number, label, reached, items))
    return tuple(rungs)


def component_name(value: str) -> str:
    """A component's display name (unknown strings pass through)."""
    try:
        return Component(value).value
    except ValueError:
        return value


def licences_by_scope(report: AuditReport) -> dict[str, list[LicenseMatch]]:
    """Licences grouped by what they govern (code, weights, data, documentation, all...)."""
    groups: dict[str, list[LicenseMatch]] = {}
    for match in report.licenses:
        groups.setdefault(match.component or "unknown", []).append(match)
    return dict(sorted(groups.items()))


def licence_label(match: LicenseMatch) -> str:
    """SPDX id, else name, else 'unidentified'."""
    return match.id or match.name or "unidentified"


def detail(result: FrameworkResult | None, key: str, default: Any = None) -> Any:
    """``result.details[key]`` or ``default``, tolerant of missing results and odd shapes."""
    if result is None or not isinstance(result.details, dict):
        return default
    return result.details.get(key, default)


def index_disagreements(report: AuditReport) -> tuple[str | None, list[str]]:
    """The index's own record name for this system (if rated) and where it differs from us."""
    record = detail(report.index, "index_record")
    if not isinstance(record, dict):
        return None, []
    lines = record.get("disagreements")
    name = record.get("name")
    return (
        str(name) if name else None,
        [str(x) for x in lines[:20]] if isinstance(lines, list) else [],
    )


def mof_text(report: AuditReport) -> str:
    """Short MOF verdict for badges: 'Class II', 'unclassified' or 'not rated'."""
    mof = report.mof
    if mof is None:
        return "not rated"
    if isinstance(mof.level, int) and mof.level in (1, 2, 3):
        return "Class " + "I" * mof.level
    if mof.level == 0:
        return "unclassified"
    return mof.verdict or "not rated"


def osaid_text(report: AuditReport) -> str:
    """Short OSAID verdict for badges: 'passes', 'fails' or 'not rated'."""
    osaid = report.osaid
    if osaid is None:
        return "not rated"
    if osaid.passed is True:
        return "passes"
    if osaid.passed is False:
        return "fails"
    return osaid.verdict or "inconclusive"


# Headings that name a section, not the model; "Model Card for X" names X.
_GENERIC_HEADINGS = frozenset(
    {
        "model card",
        "model details",
        "overview",
        "introduction",
        "description",
        "readme",
        "table of contents",
        "contents",
        "目录",  # "contents" (Chinese READMEs open with it)
    }
)
_NAME_PREFIXES = ("model card for ", "model card: ", "model card - ", "introduction to ")
_NAME_SUFFIXES = (" model card",)


def _clean_name(text: object) -> str:
    """A heading that reads as a name ("Model Card: X", "X: a tagline" give X), else ''."""
    flat = " ".join(str(text).split())
    flat = flat.lstrip("".join(c for c in flat[:3] if not c.isalnum()) + " ")  # an emoji
    for prefix in _NAME_PREFIXES:
        if flat.lower().startswith(prefix):
            flat = flat[len(prefix) :]
    for suffix in _NAME_SUFFIXES:
        if flat.lower().endswith(suffix):
            flat = flat[: -len(suffix)]
    head, colon, _ = flat.partition(": ")
    if colon and len(head.split()) <= 3:
        flat = head  # "OpenLLaMA: An Open Reproduction of LLaMA"
    if flat.lower() in _GENERIC_HEADINGS or len(flat) > 60 or len(flat.split()) > 6:
        return ""  # a tagline or a sentence, not a name
    return flat


def _stated_names(report: AuditReport) -> list[object]:
    """The names the release gives itself: the release.identity analyzer's, else the card's."""
    for finding in report.findings:
        names = finding.facts.get("names") if finding.rule == "release.identity" else None
        if isinstance(names, list):
            return list(names)
    out: list[object] = []
    for card in report.cards:
        if card.kind == "model" and "/" not in card.path:
            index = card.metadata.get("model-index")
            first = index[0] if isinstance(index, list) and index else None
            out.append(first.get("name") if isinstance(first, dict) else None)
            out.extend(card.sections[:1])
    return out


def model_name(report: AuditReport) -> str:
    """What the release calls itself: the Hub id, else the card's name, else the folder name.

    The card's names are release.identity's (``model-index[0].name``, the model card's
    first heading); a heading that reads as a sentence is not taken for a name.
    """
    target = report.target
    if target.source != "local" and target.name:
        return target.name
    for value in _stated_names(report):
        if isinstance(value, str) and value != target.name and _clean_name(value):
            return _clean_name(value)
    return target.name


def safety_problems(report: AuditReport) -> list[Finding]:
    """Failed or errored safety findings, worst first, those not suppressed ahead."""
    found = problems(report, "safety.")
    return sorted(found, key=lambda f: suppression_for(report, f) is not None)


def unsafe(report: AuditReport) -> Severity | None:
    """The worst severity when the release is unsafe to load, else None.

    The "safety" framework decides when it ran; otherwise a failed safety finding of high
    severity or worse (the framework's default threshold) that no policy suppressed.
    """
    result = report.safety
    if result is not None:
        if result.outcome is not Outcome.FAIL:
            return None
        worst = detail(result, "verdict_fields", {})
        value = worst.get("worst_severity") if isinstance(worst, dict) else None
        if value in {s.value for s in Severity}:
            return Severity(value)
    ranked = [
        f.severity
        for f in problems(report, "safety.")
        if suppression_for(report, f) is None and f.severity.rank >= Severity.HIGH.rank
    ]
    if ranked:
        return max(ranked, key=lambda s: s.rank)
    return Severity.HIGH if result is not None else None


def serious(report: AuditReport, floor: Severity = Severity.HIGH) -> list[Finding]:
    """Problems of severity ``floor`` or worse, any rule, worst first."""
    return [f for f in problems(report) if f.severity.rank >= floor.rank]
