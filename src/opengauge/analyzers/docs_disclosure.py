"""docs.disclosure: the documentation discusses risk and quality topics.

Data quality, known biases, limitations, out-of-scope use, disaggregated results,
environmental impact, contact and maintenance: each a finding quoting the passage.
"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.docs.disclosure import disclosures
from opengauge.model import Confidence, Finding, Severity, Status


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    cards = tuple(evidence.cards)
    if not cards:
        yield ANALYZER.finding(Status.FAIL, "no documentation to read", severity=Severity.HIGH)
        return
    for found in disclosures(cards):
        topic = found.topic
        facts = {"topic": topic.id, "question": topic.question, "how": found.how}
        if found.location is None:
            yield ANALYZER.finding(
                Status.FAIL,
                f"{topic.title}: not discussed in the documentation",
                severity=Severity(topic.severity),
                remediation=f"Add a passage answering: {topic.question}",
                facts=facts,
            )
            continue
        # A heading that names the topic is stronger evidence than a word in passing.
        confidence = Confidence.MEDIUM if found.how == "text mention" else Confidence.HIGH
        yield ANALYZER.finding(
            Status.PASS,
            f"{topic.title}: discussed ({found.how}, {found.location.path} line "
            f"{found.location.line})",
            [found.location],
            confidence=confidence,
            facts=facts,
        )


ANALYZER = Analyzer(
    id="docs.disclosure",
    title="The documentation discusses data quality, biases, limitations and other risks",
    rationale="Limitations, evaluation and environmental impact are the least filled parts "
    "of model documentation, and most projects never discuss data quality.",
    remediation="Add a passage on each topic not discussed.",
    severity=Severity.MEDIUM,
    check=_check,
)
