"""Turn item checks into findings; shared by the model card and data card analyzers."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.docs.blocks import State
from opengauge.docs.check import CardCheck, ItemResult
from opengauge.model import Finding, Location, Status

_MESSAGE = {
    State.FILLED: "{title} is documented ({reason})",
    State.TEMPLATE: "{title} is left as template text ({reason})",
    State.MISSING: "{title} is missing",
}


def standards_text(result: ItemResult) -> str:
    """'Mitchell: X; HF template: Y; Gebru: Z' for the item's standards."""
    names = {"mitchell": "Mitchell et al.", "hf": "HF template", "gebru": "Gebru et al."}
    return "; ".join(f"{names[s]}: {title}" for s, title in result.spec.standards)


def item_findings(analyzer: Analyzer, check: CardCheck) -> Iterator[Finding]:
    """One finding per scored item of ``check`` (optional items are only in facts)."""
    for result in check.items:
        if result.spec.weight <= 0 and result.state is not State.FILLED:
            continue
        facts = {
            "card": check.path,
            "item": result.spec.id,
            "state": result.state.value,
            "standards": dict(result.spec.standards),
            "weight": result.spec.weight,
            "subitems": {sub.spec.id: sub.state.value for sub in result.subitems},
        }
        if result.state is State.NOT_APPLICABLE:
            yield analyzer.finding(
                Status.NOT_APPLICABLE, f"{result.spec.title}: not applicable", facts=facts
            )
            continue
        message = _MESSAGE[result.state].format(title=result.spec.title, reason=result.reason)
        message += f" in {check.path} [{standards_text(result)}]"
        status = Status.PASS if result.state is State.FILLED else Status.FAIL
        locations = [result.location] if result.location else [Location(check.path)]
        remediation = f"Add a '{result.spec.title}' section: {result.spec.guidance}"
        yield analyzer.finding(status, message, locations, remediation=remediation, facts=facts)
