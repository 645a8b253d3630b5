"""What changed between two audits of a release (for release reviews). Pure.

Findings are matched by rule + first location path + message with line numbers and
offsets removed, so moving a line does not read as "resolved one, found another".
Only problems (failed or errored findings) are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from opengauge.model import AuditReport, Finding, FrameworkResult, Status

_NUMBERS = re.compile(r"(?i)(?::\d+(?:-\d+)?\b|@\d+\b|\bline \d+\b|\boffset \d+\b)")


@dataclass(frozen=True)
class VerdictChange:
    """One framework's verdict before and after; ``direction`` up, down, same, new, gone."""

    framework: str
    title: str
    old: str | None
    new: str | None
    direction: str


@dataclass(frozen=True)
class FindingChange:
    """A problem that appeared or went away."""

    rule: str
    severity: str
    path: str | None
    message: str


@dataclass(frozen=True)
class ComponentChange:
    """A MOF component whose state changed."""

    component: str
    old: str
    new: str


@dataclass(frozen=True)
class ReportDiff:
    """Everything that changed between ``old`` and ``new``."""

    old_target: str
    new_target: str
    verdicts: tuple[VerdictChange, ...]
    new_findings: tuple[FindingChange, ...]
    resolved_findings: tuple[FindingChange, ...]
    licences_added: tuple[str, ...]
    licences_removed: tuple[str, ...]
    components: tuple[ComponentChange, ...]

    @property
    def changed(self) -> bool:
        """True when anything differs."""
        return bool(
            any(v.direction != "same" for v in self.verdicts)
            or self.new_findings
            or self.resolved_findings
            or self.licences_added
            or self.licences_removed
            or self.components
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible form."""
        from opengauge.report.json_format import to_jsonable

        data: dict[str, Any] = to_jsonable(self)
        data["changed"] = self.changed
        return data


def finding_key(finding: Finding) -> tuple[str, str, str]:
    """(rule, path, message without line numbers or offsets)."""
    return (finding.rule, finding.path or "", _NUMBERS.sub("", finding.message))


def _rank(result: FrameworkResult) -> tuple[float, ...]:
    if result.framework == "mof" and isinstance(result.level, int):
        return (0.0 if result.level == 0 else 4.0 - result.level,)  # class 1 is the most open
    passed = {True: 1.0, None: 0.5, False: 0.0}[result.passed]
    return (passed, result.score if result.score is not None else 0.0)


def _verdicts(old: AuditReport, new: AuditReport) -> list[VerdictChange]:
    before = {f.framework: f for f in old.frameworks}
    after = {f.framework: f for f in new.frameworks}
    out = []
    for fid in dict.fromkeys([*before, *after]):
        a, b = before.get(fid), after.get(fid)
        title = (b or a).title if (b or a) else fid  # type: ignore[union-attr]
        if a is None or b is None:
            direction = "new" if a is None else "gone"
        elif _rank(b) > _rank(a):
            direction = "up"
        elif _rank(b) < _rank(a):
            direction = "down"
        else:
            direction = "same" if a.verdict == b.verdict else "changed"
        out.append(
            VerdictChange(fid, title, a.verdict if a else None, b.verdict if b else None, direction)
        )
    return out


def _problems(report: AuditReport) -> dict[tuple[str, str, str], Finding]:
    found: dict[tuple[str, str, str], Finding] = {}
    for f in report.findings:
        if f.status in (Status.FAIL, Status.ERROR) and f.rule != "components.inventory":
            found.setdefault(finding_key(f), f)
    return found


def _change(f: Finding) -> FindingChange:
    return FindingChange(f.rule, f.severity.value, f.path, f.message)


def _licences(report: AuditReport) -> set[str]:
    return {f"{m.id or m.name or 'unidentified'} ({m.component})" for m in report.licenses}


def diff(old: AuditReport, new: AuditReport) -> ReportDiff:
    """Compare two reports of (usually) the same release."""
    before, after = _problems(old), _problems(new)
    worst_first = lambda f: (-f.severity.rank, f.rule, f.path or "")  # noqa: E731
    states_old = {c.component.value: c.state.value for c in old.components}
    states_new = {c.component.value: c.state.value for c in new.components}
    components = [
        ComponentChange(name, states_old.get(name, "missing"), states_new.get(name, "missing"))
        for name in dict.fromkeys([*states_old, *states_new])
        if states_old.get(name, "missing") != states_new.get(name, "missing")
    ]
    lic_old, lic_new = _licences(old), _licences(new)
    return ReportDiff(
        old_target=old.target.name,
        new_target=new.target.name,
        verdicts=tuple(_verdicts(old, new)),
        new_findings=tuple(
            _change(f)
            for f in sorted((after[k] for k in after.keys() - before.keys()), key=worst_first)
        ),
        resolved_findings=tuple(
            _change(f)
            for f in sorted((before[k] for k in before.keys() - after.keys()), key=worst_first)
        ),
        licences_added=tuple(sorted(lic_new - lic_old)),
        licences_removed=tuple(sorted(lic_old - lic_new)),
        components=tuple(components),
    )


_ARROW = {"up": "↑", "down": "↓", "same": "=", "changed": "~", "new": "+", "gone": "-"}


def render_text(result: ReportDiff) -> str:
    """A plain-text summary for a release review."""
    lines = [f"opengauge diff: {result.old_target} → {result.new_target}"]
    if not result.changed:
        return "\n".join([*lines, "no change"]) + "\n"
    for v in result.verdicts:
        if v.direction != "same":
            lines.append(f"{_ARROW[v.direction]} {v.title}: {v.old or '—'} → {v.new or '—'}")
    for title, items in (
        ("new findings", result.new_findings),
        ("resolved findings", result.resolved_findings),
    ):
        if items:
            lines.append(f"{title} ({len(items)}):")
            lines += [
                f"  {f.severity:8} {f.rule}  {f.message}" + (f"  [{f.path}]" if f.path else "")
                for f in items
            ]
    for title, names in (
        ("licences added", result.licences_added),
        ("licences removed", result.licences_removed),
    ):
        if names:
            lines.append(f"{title}: {', '.join(names)}")
    if result.components:
        lines.append("components:")
        lines += [f"  {c.component}: {c.old} → {c.new}" for c in result.components]
    return "\n".join(lines) + "\n"
