"""release.identity: what the release says it is: its names, its base model, its gate."""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.licenses.base_models import family_of, find_bases
from opengauge.model import Finding, Location, Severity, Status

GATING_KEYS = ("extra_gated_prompt", "extra_gated_fields", "extra_gated_heading", "gated")


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    names = [context.name] if context.name else []
    card = evidence.model_card
    base: list[str] = []
    gated: list[str] = []
    locations = []
    if card is not None:
        index = card.metadata.get("model-index")
        if isinstance(index, list) and index and isinstance(index[0], dict):
            names.append(str(index[0].get("name", ""))[:200])
        names.extend(s.title[:200] for s in card.sections[:1])
        value = card.metadata.get("base_model")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                base.append(item.strip()[:200])
        gated = [k for k in GATING_KEYS if k in card.metadata]
        locations.append(Location(card.path, line=1))
    documents = [
        (c.path, c.body, c.body_start_line) for c in evidence.cards if c.kind in ("model", "readme")
    ]
    configs = [(f.path, f.head) for f in evidence.files if f.kind == "config" and f.head]
    stated = find_bases(documents, configs)
    base_at = f"{card.path}:1" if base and card is not None else None
    families = [family_of(b) for b in base]
    family = next((f for f in families if f is not None), None)
    if stated:
        base.extend(s.name for s in stated if s.name not in base)
        family = family or stated[0].family
        where = Location(stated[0].path, line=stated[0].line, excerpt=stated[0].sentence)
        locations.append(where)
        base_at = base_at or where.pointer
    shown = [n for n in dict.fromkeys(names) if n]
    facts: dict[str, object] = {
        "names": shown,
        "base_model": base[:10],
        "base_family": family.name if family else None,
        "base_data": family.data if family else None,
        "base_weights": family.weights if family else None,
        "base_at": base_at,
        "gated": gated,
    }
    said = f"names: {', '.join(shown[:3]) or 'none'}"
    if base:
        said += f"; fine-tuned from {', '.join(base[:3])}"
    if gated:
        said += f"; access gated ({', '.join(gated)})"
    yield ANALYZER.finding(
        Status.PASS if card is not None else Status.NOT_AVAILABLE, said, locations, facts=facts
    )


ANALYZER = Analyzer(
    id="release.identity",
    title="The release says what model it is",
    rationale="Verdicts compare a release with published ratings and its base model: that "
    "needs the model's name, its base model and whether access is gated.",
    remediation="State the model's name and its base_model in the model card metadata.",
    severity=Severity.INFO,
    check=_check,
)
