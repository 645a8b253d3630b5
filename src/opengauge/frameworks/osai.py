"""European Open Source AI Index: 12 dimensions rated open / partial / closed from evidence.

The per-dimension rules live in ``osai_rules``; this module runs them, computes the index's
score and sets the index's own rating (if it rated the system) beside ours.
"""

from __future__ import annotations

from typing import Any

from opengauge.frameworks import Framework, FrameworkInput
from opengauge.frameworks.cite import refs
from opengauge.frameworks.definitions import load
from opengauge.frameworks.index_records import match
from opengauge.frameworks.osai_rules import RULES, View
from opengauge.frameworks.scoring import index_score
from opengauge.model import ControlResult, FrameworkResult, Outcome

SPEC = load("osai")


def evaluate(given: FrameworkInput) -> FrameworkResult:
    """Rate the 12 index dimensions and compare with the index's own rating, if it has one."""
    spec = SPEC
    view = View(given)
    findings = given.findings
    used = tuple(refs(findings, "components.")) + tuple(refs(findings, "docs.card_score"))
    names = next((f.facts.get("names") for f in given.of("release.identity")), None)
    found = match([given.name, *(names if isinstance(names, list) else [])])
    record, matched = found if found else (None, "")
    controls = []
    disagreements = []
    for dim in spec["dimensions"]:
        rating = RULES[dim["id"]](view, spec)
        theirs = record.ratings.get(dim["id"]) if record else None
        reason = rating.reason
        if record is not None and theirs and rating.rating and theirs != rating.rating:
            disagreements.append(f"{dim['title']}: ours {rating.rating}, index {theirs}")
            reason += f" (index: {theirs})"
        controls.append(
            ControlResult(
                id=f"osai.{dim['id']}",
                title=dim["title"],
                passed=None if rating.rating is None else rating.rating == "open",
                rating=rating.rating,
                reason=reason,
                findings=rating.cites or used,
                remediation=None if rating.rating == "open" else rating.fix or dim["remediation"],
            )
        )
    score = index_score(c.rating for c in controls)
    rated = [c for c in controls if c.rating is not None]
    undetermined = [c.title for c in controls if c.rating is None]
    counts = {r: sum(c.rating == r for c in controls) for r in ("open", "partial", "closed")}
    summary = f"{counts['open']} open, {counts['partial']} partial, {counts['closed']} closed" + (
        f", {len(undetermined)} not determinable (score over {len(rated)} of "
        f"{len(controls)} dimensions: not comparable with complete ones)"
        if undetermined
        else ""
    )
    verdict = f"score {score:.2f}" if score is not None else "not determinable"
    details: dict[str, Any] = {
        "verdict_fields": {
            "score": score,
            "rated": len(rated),
            "not_determinable": undetermined,
            "reasons": [
                f"{c.title}: {c.rating or 'not determinable'} — {c.reason}" for c in controls
            ],
        },
        "reference": spec["reference"],
    }
    if record is not None:
        details["index_record"] = {
            "name": record.name,
            "score": record.score,
            "ratings": record.ratings,
            "disagreements": disagreements,
            "model": record.model,
            "released": record.released,
            "matched_on": matched,
        }
        rated_model = f" ({record.model}, {record.released})" if record.model else ""
        summary += (
            f"; the index rates {record.name}{rated_model} {record.score:.2f}, matched on the "
            f"name '{matched}': it may rate another version than this release"
        )
    to_raise = tuple(c.remediation for c in controls if c.remediation and c.rating != "open")
    return FrameworkResult(
        framework="osai",
        title=spec["title"],
        verdict=verdict,
        score=score,
        summary=summary,
        controls=tuple(controls),
        to_raise=to_raise,
        details=details,
        label=spec["label"],
        score_unit="index points 0-1",
        outcome=Outcome.INCONCLUSIVE
        if score is None
        else (Outcome.PASS if score >= spec["open_at"] else Outcome.FAIL),
        goal="to raise the Open Source AI Index score",
    )


FRAMEWORK = Framework(SPEC["id"], SPEC["title"], tuple(SPEC["consumes"]), evaluate)
