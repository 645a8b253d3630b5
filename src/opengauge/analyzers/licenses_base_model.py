"""licenses.base_model: a fine-tune's own licence is no more permissive than its base's.

A fine-tune's weights derive from its base model's weights, so the base licence's terms
bind them: a card that says apache-2.0 over a Llama 2 base grants rights it does not
have. The base licence comes from the Hub card of the ``base_model`` the audit followed
(``--follow``, or an ``hf://`` target's own base), else from the known base models table
(``licenses.base_models``). Both places are cited.
"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.analyzers.licenses_identified import location
from opengauge.licenses import governs
from opengauge.licenses.base_models import family_of, inherited_row
from opengauge.licenses.hub_card import hub_licences
from opengauge.model import Confidence, Finding, LicenseCategory, LicenseMatch, Severity, Status

_OWN = {"file", "card-metadata", "readme-statement"}  # what the release itself states
_FOR_WEIGHTS = {governs.WEIGHTS, governs.ALL}
_BINDING = {
    LicenseCategory.RESTRICTED_AUP,
    LicenseCategory.NONCOMMERCIAL,
    LicenseCategory.PROPRIETARY,
}


def _from_metadata(context: Context) -> list[LicenseMatch]:
    """The family table's licence for each ``base_model`` a top-level card names."""
    rows = []
    for card in context.evidence.cards:
        if "/" in card.path:
            continue
        value = card.metadata.get("base_model")
        names = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
        for name in names[:10]:
            family = family_of(name)
            if family is None or family.licence_id is None:
                continue
            rows.append(
                inherited_row(
                    family,
                    card.path,
                    1,
                    f"base_model: {name[:200]}",
                    f"base_model {name[:200]} is a {family.name} model, under the "
                    f"{family.licence_name} (known base models table)",
                )
            )
    return rows


def base_licences(context: Context) -> list[LicenseMatch]:
    """The base model's licences: its followed Hub card's, then the family table's (the
    base a document states, and the ``base_model`` card metadata names)."""
    followed = [
        match
        for row in context.evidence.followed
        if row.relation == "base_model"
        for match in hub_licences(row, governs.WEIGHTS)
    ]
    table = [m for m in context.evidence.licenses if m.source == "base-model"]
    table += [m for m in _from_metadata(context) if m.id not in {t.id for t in table}]
    return [m for m in (*followed, *table) if m.category is not LicenseCategory.UNKNOWN]


def _check(context: Context) -> Iterator[Finding]:
    bases = base_licences(context)
    if not bases:
        yield ANALYZER.finding(Status.NOT_APPLICABLE, "no base model licence is known")
        return
    own = [
        m
        for m in context.evidence.licenses
        if m.source in _OWN
        # licence files in sub-folders speak for what is there (model_licenses/pythia.txt)
        and not (m.source == "file" and "/" in m.path)
        # the root card's ``license:`` is the Hub's licence of the repository, weights too
        and (m.component in _FOR_WEIGHTS or (m.source == "card-metadata" and "/" not in m.path))
        and m.id
        and m.category is not LicenseCategory.UNKNOWN
    ]
    if not own:
        yield ANALYZER.finding(
            Status.NOT_APPLICABLE, "the release states no licence of its own for its weights"
        )
        return
    base = max(bases, key=lambda m: m.category.rank)
    why = (base.reason or base.excerpt or "").strip()
    name = base.name if base.source == "base-model" else base.id  # a Hub card's name is its raw tag
    base_said = f"{name} ({base.category.value}; {why}; {base.location.pointer})"
    own = list({(m.path, m.start_line, m.id): m for m in own}.values())
    # an open base grants the rights a fine-tune needs; only restrictive terms bind it
    wider = [m for m in own if base.category in _BINDING and m.category.rank < base.category.rank]
    facts = {
        "base_licenses": sorted({m.id for m in bases if m.id}),
        "own_licenses": sorted({m.id for m in own if m.id}),
        "base_cited": [m.location.pointer for m in bases[:5]],
    }
    if not wider:
        yield ANALYZER.finding(
            Status.PASS,
            f"the release's licences are no more permissive than its base model's {base_said}",
            [location(base)],
            facts=facts,
        )
        return
    for claim in wider[:10]:
        yield ANALYZER.finding(
            Status.FAIL,
            f"{claim.location.pointer} states {claim.id} ({claim.category.value}) but the "
            f"weights derive from a base model under {base_said}: its terms bind the fine-tune",
            [location(claim), location(base)],
            confidence=Confidence.HIGH if base.source == "hub-card" else Confidence.MEDIUM,
            facts={**facts, "claim": claim.id},
        )


ANALYZER = Analyzer(
    id="licenses.base_model",
    title="The release's licence is no more permissive than its base model's",
    rationale="A fine-tune's weights are a derivative of its base model's weights: the base "
    "licence's terms bind them, so a fine-tune stating a more permissive licence (apache-2.0 "
    "over a Llama base) grants rights it does not have and misleads users.",
    remediation="State the base model's licence for the weights (and any terms the base "
    "licence requires to be passed on), or fine-tune an openly licensed base model.",
    severity=Severity.HIGH,
    check=_check,
)
