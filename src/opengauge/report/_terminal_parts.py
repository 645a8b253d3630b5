"""The terminal's lists: components, weights, licences, findings (tables or records).

A table is used only when every column that names something (a file, a licence, a
location) fits whole at the console's width; otherwise each row becomes a record: a head
line, then the details wrapped under a hanging indent.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from opengauge.components.followed import shown_reference, state_text
from opengauge.model import (
    MOF_COMPONENTS,
    AuditReport,
    ComponentResult,
    ComponentState,
    Finding,
    Severity,
)
from opengauge.report import _view

STATE_STYLE = {
    ComponentState.PRESENT: ("present", "bold green"),
    ComponentState.REFERENCED: ("referenced", "cyan"),
    ComponentState.CLAIMED_ABSENT: ("claimed, absent", "bold yellow"),
    ComponentState.MISSING: ("missing", "red"),
}
SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
MAX_FINDINGS = 40
SEVERITY_WIDTH = 8  # CRITICAL


def _evidence(result: ComponentResult) -> str:
    if result.state is ComponentState.PRESENT:
        shown = ", ".join(result.files[:3])
        more = f" (+{len(result.files) - 3} more)" if len(result.files) > 3 else ""
        why = result.reasons[0].split(": ", 1)[-1] if result.reasons else ""
        return f"{shown}{more} — {why}"
    if result.state is ComponentState.REFERENCED:
        ref = shown_reference(result) or result.references[0]
        more = f" (+{len(result.references) - 1} more)" if len(result.references) > 1 else ""
        checked = f"; {state_text(ref)}" if ref.verification else ""  # --follow
        return f"{ref.target}{more} — {ref.reason}{checked}"
    if result.state is ComponentState.CLAIMED_ABSENT:
        claim = result.claims[0]
        return f"{claim.location.pointer} names {claim.target}; not in folder"
    return "no file, no link"


def record(head: Text, detail: Text | None, indent: int = 2, hang: int = 6) -> list[Padding]:
    """A row as a record: the head, then the detail wrapped under a hanging indent."""
    lines = [Padding(head, (0, 0, 0, indent))]
    if detail is not None and detail.plain:
        lines.append(Padding(detail, (0, 0, 0, hang)))
    return lines


def fits(console: Console, widths: list[int], rest: int = 20) -> bool:
    """Whether a boxed table of columns this wide, plus a flexible one, fits the console."""
    return sum(widths) + 3 * (len(widths) + 1) + 1 + rest <= console.width


def components(console: Console, report: AuditReport) -> list[RenderableType]:
    results = [r for r in report.components if r.component in MOF_COMPONENTS]
    title = Text("Components (Model Openness Framework)", style="bold")
    names = [len(r.component.value) for r in results] or [9]
    if fits(console, [max(names), 15], rest=40):
        table = Table(title=title, title_justify="left")
        table.add_column("Component", no_wrap=True)
        table.add_column("State", no_wrap=True)
        table.add_column("Evidence", overflow="fold")
        for result in results:
            label, style = STATE_STYLE[result.state]
            table.add_row(result.component.value, Text(label, style=style), _evidence(result))
        return [table]
    out: list[RenderableType] = [title]
    for result in results:
        label, style = STATE_STYLE[result.state]
        head = Text(result.component.value.ljust(max(names) + 2))
        head.append(label, style=style)
        shown = None if result.state is ComponentState.MISSING else Text(_evidence(result))
        out.extend(record(head, shown, hang=4))
    return out


def weights(console: Console, report: AuditReport) -> list[RenderableType]:
    title = Text("Weights (headers only, nothing loaded)", style="bold")
    rows = [
        (
            info.path,
            info.format,
            f"{info.parameter_count:,}" if info.parameter_count is not None else "?",
            str(info.tensor_count) if info.tensor_count is not None else "?",
            ", ".join(info.dtypes[:4]),
        )
        for info in report.weights
    ]
    headers = ("File", "Format", "Parameters", "Tensors", "Dtypes")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    if fits(console, widths, rest=0):
        table = Table(title=title, title_justify="left")
        for header in headers:
            table.add_column(header, no_wrap=True)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        return [table]
    out: list[RenderableType] = [title]
    for path, fmt, params, tensors, dtypes in rows:
        detail = f"{fmt} · {params} parameters · {tensors} tensors" + (
            f" · {dtypes}" if dtypes else ""
        )
        out.extend(record(Text(path), Text(detail, style="dim"), hang=4))
    return out


def licences(console: Console, report: AuditReport) -> list[RenderableType]:
    title = Text("Licences", style="bold")
    rows = [
        (
            lic.location.pointer,
            _view.licence_label(lic),
            lic.category.value,
            lic.component,
            ", ".join(sorted({c.kind for c in lic.clauses})),
        )
        for lic in report.licenses
    ]
    headers = ("Where", "Licence", "Category", "Governs", "Clauses")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:4])]
    if fits(console, widths):
        table = Table(title=title, title_justify="left")
        for header in headers[:4]:
            table.add_column(header, no_wrap=True)
        table.add_column(headers[4], overflow="fold")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        return [table]
    out: list[RenderableType] = [title]
    for where, label, category, governs, clauses in rows:
        head = Text(label, style="bold")
        head.append(f"  {category}")
        detail = f"governs {governs} · {where}" + (f" · clauses: {clauses}" if clauses else "")
        out.extend(record(head, Text(detail, style="dim")))
    return out


def _row(severity: Text | str, body: Text) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=SEVERITY_WIDTH)
    grid.add_column(overflow="fold")
    grid.add_row(severity, body)
    return grid


def findings(console: Console, report: AuditReport, items: list[Finding]) -> list[Table | Padding]:
    """Severity and rule, the location, then the message under a hanging indent.

    The location goes beside the rule when both fit, else on its own line: under the
    message's indent when it fits there, else from the left margin, so a file name is
    cut only when it is wider than the console itself.
    """
    room = console.width - SEVERITY_WIDTH - 1
    out: list[Table | Padding] = []
    for finding in items[:MAX_FINDINGS]:
        where = _view.where(finding.locations[0]) if finding.locations else ""
        head = Text(finding.rule, style="bold")
        beside = bool(where) and len(finding.rule) + 2 + len(where) <= room
        if beside:
            head.append(f"  {where}", style="dim")
        severity = Text(finding.severity.value.upper(), style=SEVERITY_STYLE[finding.severity])
        out.append(_row(severity, head))
        if where and not beside:
            shown = Text(where, style="dim")
            out.append(_row("", shown) if len(where) <= room else Padding(shown, (0, 0, 0, 2)))
        body = Text(finding.message)
        rule = _view.suppression_for(report, finding)
        if rule is not None:
            body.append(f"  (suppressed: {rule.reason})", style="magenta")
        out.append(_row("", body))
    return out
