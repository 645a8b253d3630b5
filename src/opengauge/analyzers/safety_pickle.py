"""safety.pickle_imports: what would loading the pickles in this release import and call?"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.analyzers.safety_judge import judge
from opengauge.model import Confidence, Finding, Severity, Status

REMEDIATION = (
    "Convert the weights to safetensors; until then load them only through torch's "
    "restricted unpickler (weights_only=True) and never unpickle this file otherwise."
)


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    safety = evidence.safety
    if safety is None:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "safety scan was not run")
        return
    pickles = sum(s.pickles for s in safety.scanned)
    failed = 0
    for item in safety.imports:
        verdict = judge(item)
        if verdict.severity is None:
            continue
        failed += 1
        target = f"{item.module}.{item.name}"
        action = f"would call {item.call}" if item.call else f"imports {target}"
        yield ANALYZER.finding(
            Status.FAIL,
            f"{item.opcode} {target}: {verdict.reason}; {action}",
            [item.location],
            severity=verdict.severity,
            confidence=Confidence.HIGH if verdict.severity.rank >= 3 else Confidence.MEDIUM,
            facts={
                "module": item.module,
                "name": item.name,
                "opcode": item.opcode,
                "count": item.count,
                "call": item.call,
            },
        )
    if not failed:
        status = Status.PASS if pickles else Status.NOT_APPLICABLE
        yield ANALYZER.finding(
            status, f"{pickles} pickle stream(s) import only known-safe reconstructors"
        )


ANALYZER = Analyzer(
    id="safety.pickle_imports",
    title="Pickled files import only known-safe reconstructors",
    rationale="Unpickling calls whatever the stream imports: a pickle can run any code on load.",
    remediation=REMEDIATION,
    severity=Severity.HIGH,
    check=_check,
    references=("https://docs.python.org/3/library/pickle.html#restricting-globals",),
    cwe=502,
)
