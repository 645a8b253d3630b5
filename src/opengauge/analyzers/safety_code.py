"""safety.shipped_code: does Python shipped with the model make dangerous calls?

Code that runs when the model is loaded with ``trust_remote_code`` (``modeling_*.py``,
``configuration_*.py``, ``tokenization_*.py``..., the modules an ``auto_map`` names,
and what they import relatively) is judged at the rule's severity. Training and
tooling scripts, notebooks and tests do not run on load: their findings are one step
lower. Repeated findings of one rule in one file are one finding with a count, so a
repository's scripts do not drown the signal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import CodeIssue, Confidence, Evidence, Finding, Location, Severity, Status

REMOTE_CODE = re.compile(
    r"(modeling|configuration|tokenization|processing|image_processing|feature_extraction|"
    r"video_processing|generation)_[\w.-]*\.py"
)
RELATIVE_IMPORT = re.compile(r"^\s*from\s+\.([\w.]*)\s+import\s", re.MULTILINE)
LOWER = {
    Severity.CRITICAL: Severity.HIGH,
    Severity.HIGH: Severity.MEDIUM,
    Severity.MEDIUM: Severity.LOW,
    Severity.LOW: Severity.LOW,
    Severity.INFO: Severity.INFO,
}
SHOWN_LOCATIONS = 5


def _auto_map_modules(value: Any, out: set[str]) -> None:
    """Module names in an auto_map ("modeling_x.Class", "repo--modeling_x.Class", lists)."""
    if isinstance(value, str):
        ref = value.split("--", 1)[-1]
        if "." in ref:
            out.add(ref.rsplit(".", 1)[0])
    elif isinstance(value, (list, tuple)):
        for item in value:
            _auto_map_modules(item, out)
    elif isinstance(value, dict):
        for item in value.values():
            _auto_map_modules(item, out)


def remote_code(evidence: Evidence) -> set[str]:
    """Paths of the Python files a loader runs with trust_remote_code."""
    code = {f.path: f for f in evidence.files if f.path.endswith(".py")}
    loaded = {p for p in code if REMOTE_CODE.fullmatch(p.rsplit("/", 1)[-1])}
    for path, config in evidence.configs.items():
        if not isinstance(config, dict) or "auto_map" not in config:
            continue
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        modules: set[str] = set()
        _auto_map_modules(config["auto_map"], modules)
        loaded |= {p for m in modules if (p := folder + m.replace(".", "/") + ".py") in code}
    pending = list(loaded)
    while pending:  # transformers also fetches the modules remote code imports relatively
        path = pending.pop()
        head = code[path].head or ""
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        for match in RELATIVE_IMPORT.finditer(head):
            target = folder + match.group(1).replace(".", "/") + ".py"
            if target in code and target not in loaded:
                loaded.add(target)
                pending.append(target)
    return loaded


def _grouped(issues: tuple[CodeIssue, ...]) -> dict[tuple[str, str], list[CodeIssue]]:
    groups: dict[tuple[str, str], list[CodeIssue]] = {}
    for issue in issues:
        groups.setdefault((issue.path, issue.rule), []).append(issue)
    return groups


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    safety = evidence.safety
    if safety is None:
        yield ANALYZER.finding(Status.NOT_AVAILABLE, "safety scan was not run")
        return
    loaded = remote_code(evidence)
    for (path, rule), issues in _grouped(safety.code_issues).items():
        first = issues[0]
        severity = Severity(first.severity)
        runs_on_load = path in loaded or bool(REMOTE_CODE.fullmatch(path.rsplit("/", 1)[-1]))
        if not runs_on_load:
            severity = LOWER[severity]
        where = "runs on load (trust_remote_code)" if runs_on_load else "not loaded with the model"
        more = f" ({len(issues)} places in this file)" if len(issues) > 1 else ""
        locations: tuple[Location, ...] = tuple(i.location for i in issues[:SHOWN_LOCATIONS])
        yield ANALYZER.finding(
            Status.FAIL,
            f"{rule}: {first.message}{more}; {where}",
            locations,
            severity=severity,
            confidence=Confidence(first.confidence),
            facts={
                "rule": rule,
                "source": first.source,
                "count": len(issues),
                "lines": [i.line for i in issues[:100]],
                "runs_on_load": runs_on_load,
            },
            cwe=first.cwe,
            subrule=rule,
        )
    if not safety.code_issues:
        yield ANALYZER.finding(
            Status.PASS if safety.code_files else Status.NOT_APPLICABLE,
            f"{safety.code_files} Python file(s) without dangerous calls",
        )


ANALYZER = Analyzer(
    id="safety.shipped_code",
    title="Shipped Python code makes no dangerous calls",
    rationale="modeling_*.py files run with trust_remote_code; scripts run on users' machines.",
    remediation=(
        "Load weights with weights_only=True, avoid pickle/exec/shell=True, pin hub "
        "downloads to a revision."
    ),
    severity=Severity.MEDIUM,
    check=_check,
)
