"""Pure judgement of one pickle import against the policy in rules.pickle_globals."""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.model import PickleImport, Severity
from opengauge.rules.pickle_globals import (
    DANGEROUS_ATTRIBUTES,
    DENIED_MODULES,
    TOP_LEVEL_DENIED,
    WRAPPERS,
    is_allowed,
)
from opengauge.rules.pickle_globals import normal as _normal


@dataclass(frozen=True)
class Verdict:
    """How dangerous one import is; severity None means allowed."""

    severity: Severity | None
    reason: str


def judge_name(module: str, name: str) -> Verdict:
    """Judge ``module.name`` on its full path and on every segment of it."""
    if "<unresolved>" in (module, name):
        return Verdict(Severity.HIGH, "import built at load time from values we could not resolve")
    if is_allowed(module, name):
        return Verdict(None, "known-safe reconstructor")
    module = _normal(module)
    parts = f"{module}.{name}".split(".")
    for i in range(len(parts), 0, -1):
        denied = DENIED_MODULES.get(".".join(parts[:i]))
        if denied is not None:
            return Verdict(Severity(denied[0]), denied[1])
    for segment in parts[1:]:
        if segment in TOP_LEVEL_DENIED or segment == "builtins":
            return Verdict(Severity.HIGH, f"reaches {segment!r} through an attribute path")
        if segment in DANGEROUS_ATTRIBUTES:
            return Verdict(Severity.HIGH, f"reaches {segment!r} through an attribute path")
    if f"{module}.{name}" in WRAPPERS:
        return Verdict(Severity.HIGH, "builds a callable at load time")
    return Verdict(
        Severity.HIGH,
        "unknown import: not on the allow-list, so loading it runs code nobody reviewed",
    )


def judge(item: PickleImport) -> Verdict:
    """Judge one recorded import, including what wrappers wrap and BUILD overrides."""
    if item.opcode == "BUILD":
        return Verdict(Severity.HIGH, "overrides attributes of an imported module or class")
    verdict = judge_name(item.module, item.name)
    if f"{_normal(item.module)}.{item.name}" in WRAPPERS:
        for arg in item.args:
            inner = judge_name(*arg.rsplit(".", 1)) if "." in arg else None
            if (
                arg in DANGEROUS_ATTRIBUTES
                or arg in TOP_LEVEL_DENIED
                or (inner is not None and inner.severity is not None and inner.severity.rank >= 4)
            ):
                return Verdict(Severity.CRITICAL, f"wraps {arg!r}, which is dangerous")
    return verdict
