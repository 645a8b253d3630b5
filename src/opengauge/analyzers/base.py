"""The analyzer contract: one question, pure, complete findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from opengauge.analyzers.context import Context
from opengauge.model import Confidence, Finding, Location, Severity, Status


@dataclass(frozen=True)
class Analyzer:
    """Metadata and check function of one analyzer.

    ``id`` is stable (``<domain>.<question>``); ``title`` is phrased so that PASS
    reads naturally ("Weights are stored in a safe format").
    ``check`` is pure: it reads only the Context (evidence and inventory) it is given.
    """

    id: str
    title: str
    rationale: str
    remediation: str
    severity: Severity
    check: Callable[[Context], Iterable[Finding]]
    references: tuple[str, ...] = ()
    cwe: int | None = None

    def run(self, context: Context) -> list[Finding]:
        """Run the check; a check that raises gives one ``error`` finding instead.

        The error finding is HIGH: whatever consumes this analyzer cannot conclude, and
        the frameworks built on it report ``error`` (they never pass on a crashed input).
        """
        try:
            return list(self.check(context))
        except Exception as exc:  # one analyzer must never stop the audit
            return [
                Finding(
                    rule=self.id,
                    status=Status.ERROR,
                    severity=Severity.HIGH,
                    confidence=Confidence.HIGH,
                    message=f"analyzer failed: {type(exc).__name__}: {exc}",
                )
            ]

    def finding(
        self,
        status: Status,
        message: str,
        locations: Iterable[Location] = (),
        *,
        severity: Severity | None = None,
        confidence: Confidence = Confidence.HIGH,
        remediation: str | None = None,
        facts: dict[str, Any] | None = None,
        cwe: int | None = None,
        subrule: str | None = None,
    ) -> Finding:
        """Build a finding with this analyzer's defaults.

        Passing findings default to severity ``info``; failing ones to the
        analyzer's default severity.
        """
        if severity is None:
            severity = self.severity if status is Status.FAIL else Severity.INFO
        return Finding(
            rule=self.id,
            status=status,
            severity=severity,
            confidence=confidence,
            message=message,
            locations=tuple(locations),
            remediation=(remediation or self.remediation) if status is Status.FAIL else remediation,
            cwe=cwe if cwe is not None else self.cwe,
            facts=dict(facts or {}),
            subrule=subrule,
        )
