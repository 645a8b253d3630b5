"""docs.card_metadata: the card's front matter states the key facts.

license, datasets, base_model, language, pipeline_tag and library_name; unreadable
front matter is reported with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.docs.metadata import KEY_FIELDS, field_values
from opengauge.model import Finding, Location, Severity, Status

# base_model only applies to fine-tuned models; its absence is not a gap on its own.
_OPTIONAL = {"base_model"}
_SEVERITY = {"license": Severity.HIGH, "datasets": Severity.MEDIUM}


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    card = evidence.model_card
    if card is None:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "no model card, so no card metadata")
        return
    where = Location(card.path, 1)
    if card.metadata_error:
        yield ANALYZER.finding(
            Status.FAIL,
            f"the front matter of {card.path} cannot be used: {card.metadata_error}",
            [where],
            facts={"card": card.path, "error": card.metadata_error},
        )
    values = field_values(card.metadata)
    for key in KEY_FIELDS:
        facts = {"card": card.path, "field": key, "value": values.get(key)}
        if key in values:
            yield ANALYZER.finding(
                Status.PASS,
                f"{key}: {values[key]}",
                [Location(card.path, 1, excerpt=f"{key}: {values[key]}"[:240])],
                facts=facts,
            )
        elif key in _OPTIONAL:
            yield ANALYZER.finding(
                Status.NOT_APPLICABLE,
                f"no {key} in the card metadata (only needed for fine-tuned models)",
                [where],
                facts=facts,
            )
        else:
            yield ANALYZER.finding(
                Status.FAIL,
                f"no {key} in the card metadata of {card.path}",
                [where],
                severity=_SEVERITY.get(key, Severity.LOW),
                remediation=f"Add `{key}:` to the YAML front matter of {card.path}.",
                facts=facts,
            )


ANALYZER = Analyzer(
    id="docs.card_metadata",
    title="The card metadata states licence, datasets, language, task and library",
    rationale="The Hub and downstream tools read the YAML front matter, not the prose: a "
    "licence or dataset named only in the text is invisible to them.",
    remediation="Add the missing keys to the card's YAML front matter "
    "(https://huggingface.co/docs/hub/model-cards#model-card-metadata).",
    severity=Severity.LOW,
    check=_check,
    references=("https://github.com/huggingface/hub-docs/blob/main/modelcard.md",),
)
