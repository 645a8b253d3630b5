"""CI policy: pure ``decide(report, config) -> PolicyResult`` from an ``opengauge.toml``.

```toml
fail_on = "high"            # fail on any unsuppressed failed safety finding >= high
                            # (the default; "never" turns the safety gate off)
min_mof_class = 2           # MOF class 2 or better (1 is the most open; 3 the entry class)
require_osaid = true        # the OSI Open Source AI Definition must pass
fail_on_rules = ["safety.*"]  # which rules fail_on applies to (fnmatch; default: the
                              # Safety verdict's, safety.* and weights.header_valid)
fail_on_error = true        # a verdict that could not be reached (an input failed) fails

[[suppress]]
rule = "safety.pickle_unknown_import"   # fnmatch pattern on the rule id
path = "legacy/*.bin"                    # optional fnmatch pattern on a location path
reason = "converted in v2; tracked in #42"  # mandatory
```

A requirement on a framework the report does not carry fails (with that reason): a CI
gate must not pass because a verdict was missing. A framework whose outcome is ``error``
(an analyzer it consumes failed or did not run) fails the policy unless
``fail_on_error = false``; a safety verdict that is not conclusive (a scan did not run)
fails whenever ``fail_on`` is set. ``fail_on`` is ``"high"`` unless the file says
otherwise, so a policy about openness alone still gates on safety; ``"never"`` turns
that gate off. Without a policy file the default applies: ``fail_on = "high"`` and
``fail_on_error = true``. Suppressed findings stay in the report
(``AuditReport.suppressed`` lists the entries; formatters mark what they match).
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from typing import Any

from opengauge.errors import UsageError
from opengauge.model import AuditReport, Finding, Outcome, Severity, Status, Suppression

MAX_CONFIG_BYTES = 256 * 1024
MAX_SUPPRESSIONS = 1000
CONFIG_NAME = "opengauge.toml"
NEVER = "never"  # the fail_on value that turns the safety gate off
_KEYS = frozenset(
    {"fail_on", "min_mof_class", "require_osaid", "fail_on_rules", "suppress", "fail_on_error"}
)
_SUPPRESS_KEYS = frozenset({"rule", "path", "reason"})


class PolicyError(UsageError):
    """The policy file is malformed (exit code 2)."""


@dataclass(frozen=True)
class PolicyConfig:
    """A parsed policy file."""

    fail_on: Severity | None = Severity.HIGH
    min_mof_class: int | None = None
    require_osaid: bool = False
    # The rules the Safety verdict reads: a malformed weight header is a safety finding too.
    fail_on_rules: tuple[str, ...] = ("safety.*", "weights.header_valid")
    suppress: tuple[Suppression, ...] = ()
    source: str = ""
    fail_on_error: bool = True


DEFAULT = PolicyConfig(fail_on=Severity.HIGH, source="default policy")


@dataclass(frozen=True)
class PolicyResult:
    """Pass or fail, every reason for a failure, and what was suppressed."""

    passed: bool
    reasons: tuple[str, ...] = ()
    suppressed: tuple[Suppression, ...] = ()


def _suppression(entry: Any, index: int, source: str) -> Suppression:
    where = f"{source}: suppress[{index}]"
    if not isinstance(entry, dict):
        raise PolicyError(f"{where}: expected a table")
    unknown = set(entry) - _SUPPRESS_KEYS
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    rule, path, reason = entry.get("rule"), entry.get("path"), entry.get("reason")
    if not isinstance(rule, str) or not rule.strip():
        raise PolicyError(f"{where}: 'rule' is required")
    if not isinstance(reason, str) or not reason.strip():
        raise PolicyError(f"{where}: 'reason' is required (say why {rule} is acceptable)")
    if path is not None and not isinstance(path, str):
        raise PolicyError(f"{where}: 'path' must be a string")
    return Suppression(rule=rule.strip(), reason=" ".join(reason.split()), path=path, source=source)


def parse_config(text: str, source: str = CONFIG_NAME) -> PolicyConfig:
    """Parse policy TOML; raises PolicyError on any mistake (unknown keys included)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_CONFIG_BYTES:
        raise PolicyError(f"{source}: larger than {MAX_CONFIG_BYTES} bytes")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: invalid TOML: {exc}") from None
    unknown = set(data) - _KEYS
    if unknown:
        raise PolicyError(f"{source}: unknown key(s) {', '.join(sorted(unknown))}")
    given = data.get("fail_on", Severity.HIGH.value)
    fail_on: Severity | None = None
    if not isinstance(given, str):
        given = repr(given)
    if given.lower() != NEVER:
        try:
            fail_on = Severity(given.lower())
        except ValueError:
            choices = ", ".join([*(s.value for s in Severity), NEVER])
            raise PolicyError(f"{source}: fail_on must be one of {choices}") from None
    level = data.get("min_mof_class")
    if level is not None and (isinstance(level, bool) or level not in (1, 2, 3)):
        raise PolicyError(f"{source}: min_mof_class must be 1, 2 or 3")
    osaid = data.get("require_osaid", False)
    if not isinstance(osaid, bool):
        raise PolicyError(f"{source}: require_osaid must be true or false")
    on_error = data.get("fail_on_error", True)
    if not isinstance(on_error, bool):
        raise PolicyError(f"{source}: fail_on_error must be true or false")
    rules = data.get("fail_on_rules", list(PolicyConfig.fail_on_rules))
    if not isinstance(rules, list) or not all(isinstance(r, str) and r for r in rules):
        raise PolicyError(f"{source}: fail_on_rules must be a list of rule patterns")
    entries = data.get("suppress", [])
    if not isinstance(entries, list):
        raise PolicyError(f"{source}: use [[suppress]] tables")
    if len(entries) > MAX_SUPPRESSIONS:
        raise PolicyError(f"{source}: more than {MAX_SUPPRESSIONS} suppressions")
    return PolicyConfig(
        fail_on=fail_on,
        min_mof_class=level,
        require_osaid=osaid,
        fail_on_rules=tuple(rules),
        fail_on_error=on_error,
        suppress=tuple(_suppression(e, i, source) for i, e in enumerate(entries)),
        source=source,
    )


def _suppressed_by(finding: Finding, config: PolicyConfig) -> Suppression | None:
    return next((s for s in config.suppress if s.matches(finding)), None)


def apply_suppressions(report: AuditReport, config: PolicyConfig) -> AuditReport:
    """``report`` with ``suppressed`` set to the config's entries and their match counts."""
    entries = tuple(
        dataclasses.replace(
            s,
            matched=sum(
                1
                for f in report.findings
                if f.status in (Status.FAIL, Status.ERROR) and s.matches(f)
            ),
        )
        for s in config.suppress
    )
    return dataclasses.replace(report, suppressed=entries)


def _level(report: AuditReport, framework_id: str) -> tuple[bool, int | None, bool | None]:
    result = report.framework(framework_id)
    if result is None:
        return False, None, None
    return True, result.level, result.passed


def decide(report: AuditReport, config: PolicyConfig) -> PolicyResult:
    """Hold ``report`` against ``config``: pass or fail with one reason per failure."""
    from fnmatch import fnmatchcase

    reasons: list[str] = []
    if config.fail_on is not None:
        threshold = config.fail_on.rank
        blocking = [
            f
            for f in report.findings
            if f.status is Status.FAIL
            and f.severity.rank >= threshold
            and any(fnmatchcase(f.rule, pattern) for pattern in config.fail_on_rules)
            and _suppressed_by(f, config) is None
        ]
        for f in blocking[:20]:
            where = f" ({f.path})" if f.path else ""
            reasons.append(f"{f.severity.value} {f.rule}{where}: {f.message}")
        if len(blocking) > 20:
            reasons.append(
                f"... {len(blocking) - 20} more finding(s) at or above {config.fail_on.value}"
            )
    if config.fail_on_error:
        for result in report.frameworks:
            if result.outcome is Outcome.ERROR:
                reasons.append(f"{result.title}: no verdict ({result.summary[:200]})")
    if config.fail_on is not None:
        safety = report.safety
        if safety is not None and safety.outcome is Outcome.INCONCLUSIVE:
            reasons.append(f"{safety.title}: not conclusive ({safety.summary[:200]})")
    if config.min_mof_class is not None:
        found, level, _ = _level(report, "mof")
        if not found or level is None:
            reasons.append(
                f"MOF class {config.min_mof_class} required; the report has no MOF verdict"
            )
        elif level == 0 or level > config.min_mof_class:
            got = "unclassified" if level == 0 else f"class {level}"
            reasons.append(f"MOF class {config.min_mof_class} or better required; got {got}")
    if config.require_osaid:
        found, _, passed = _level(report, "osaid")
        if not found:
            reasons.append("OSAID required; the report has no OSAID verdict")
        elif passed is not True:
            reasons.append(
                "OSAID required; the release "
                + ("fails it" if passed is False else "could not be assessed")
            )
    suppressed = apply_suppressions(report, config).suppressed
    return PolicyResult(passed=not reasons, reasons=tuple(reasons), suppressed=suppressed)
