"""Terminal summary with rich: verdicts, components, licences, findings, skips."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from opengauge.model import (
    MOF_COMPONENTS,
    AuditReport,
    ComponentResult,
    ComponentState,
    Finding,
    FrameworkResult,
    Outcome,
    Severity,
    Status,
)
from opengauge.report._view import index_disagreements, suppression_for, where

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


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _evidence(result: ComponentResult) -> str:
    if result.state is ComponentState.PRESENT:
        shown = ", ".join(result.files[:3])
        more = f" (+{len(result.files) - 3} more)" if len(result.files) > 3 else ""
        why = result.reasons[0].split(": ", 1)[-1] if result.reasons else ""
        return f"{shown}{more} — {why}"
    if result.state is ComponentState.REFERENCED:
        ref = result.references[0]
        more = f" (+{len(result.references) - 1} more)" if len(result.references) > 1 else ""
        return f"{ref.target}{more} — {ref.reason}"
    if result.state is ComponentState.CLAIMED_ABSENT:
        claim = result.claims[0]
        return f"{claim.location.pointer} names {claim.target}; not in folder"
    return "no file, no link"


# Frameworks whose steps the verdict screen lists (the others are in markdown / json).
RAISE_ON_SCREEN = ("mof", "osaid")

# Per-section documentation findings are summarised by docs.card_score on the terminal.
DOC_DETAIL = (
    "docs.model_card_sections",
    "docs.data_card_sections",
    "docs.disclosure",
    "docs.card_metadata",
    "docs.eval_results",
)


def _verdict_style(framework: FrameworkResult) -> str:
    return {
        Outcome.PASS: "bold green",
        Outcome.FAIL: "bold red",
        Outcome.ERROR: "bold magenta",
    }.get(framework.outcome, "bold yellow")


def verdict_table(report: AuditReport) -> Table:
    """One line per framework: its verdict and main reason."""
    table = Table(
        title="Verdicts", title_justify="left", show_header=False, box=None, padding=(0, 1)
    )
    table.add_column(no_wrap=True, style="bold")
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for framework in report.frameworks:
        summary = framework.summary
        if summary.startswith(framework.verdict):
            summary = summary[len(framework.verdict) :].lstrip(" ;—-")
        table.add_row(
            framework.label or framework.title,
            Text(framework.verdict, style=_verdict_style(framework)),
            escape(summary[:300]),
        )
    return table


def raise_steps(report: AuditReport, limit: int = 6) -> list[tuple[str, list[str]]]:
    """The shortest lists of actions, per framework that says what they reach (its goal)."""
    steps: list[tuple[str, list[str]]] = []
    for framework in report.frameworks:
        if not framework.to_raise or not framework.goal:
            continue
        if framework.framework not in RAISE_ON_SCREEN:
            continue
        items = list(dict.fromkeys(framework.to_raise))
        more = len(items) - limit
        shown = items[:limit] + (
            [f"... and {more} more (see --format markdown or json)"] if more > 0 else []
        )
        steps.append((framework.goal, shown))
    return steps


def components_table(report: AuditReport) -> Table:
    """The 17 MOF components with their state and main evidence."""
    table = Table(
        title="Components (Model Openness Framework)",
        title_justify="left",
        expand=False,
        show_lines=False,
    )
    table.add_column("Component", no_wrap=True)
    table.add_column("State", no_wrap=True)
    table.add_column("Evidence", overflow="fold")
    for result in report.components:
        if result.component not in MOF_COMPONENTS:
            continue
        label, style = STATE_STYLE[result.state]
        table.add_row(result.component.value, Text(label, style=style), escape(_evidence(result)))
    return table


def _finding_line(finding: Finding) -> Text:
    loc = where(finding.locations[0]) if finding.locations else ""
    text = Text()
    text.append(f"{finding.severity.value.upper():8}", style=SEVERITY_STYLE[finding.severity])
    text.append(f" {finding.rule}  ", style="bold")
    text.append(finding.message)
    if loc:
        text.append(f"  [{loc}]", style="dim")
    return text


def render(report: AuditReport, *, color: bool = False, width: int = 120) -> str:
    """The human summary as text (ANSI colours when ``color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        soft_wrap=False,
    )
    total = sum(f.size for f in report.files)
    title = next(
        (c.sections[0] for c in report.cards if c.path.lower() == "readme.md" and c.sections), None
    )
    heading = f"opengauge audit of {report.target.name}"
    if title and title.strip().lower() != report.target.name.lower():
        heading += f" — {title.strip()[:80]}"
    console.print(Text(heading, style="bold"))
    console.print(
        f"{escape(report.target.path)}  ·  {len(report.files)} files, "
        f"{_human_size(total)}  ·  source: {report.target.source}",
        style="dim",
    )
    model = report.model
    if model.architectures or model.parameter_count is not None:
        parts = []
        if model.architectures:
            kind = f" ({model.model_type})" if model.model_type else ""
            parts.append(escape(", ".join(model.architectures)) + escape(kind))
        if model.parameter_count is not None:
            parts.append(f"{model.parameter_count:,} parameters")
        if model.weight_formats:
            parts.append(escape(", ".join(model.weight_formats)))
        console.print("model: " + "  ·  ".join(parts))
    if report.frameworks:
        console.print()
        console.print(verdict_table(report))
        record, differences = index_disagreements(report)
        if record and differences:
            console.print(
                f"  Open Source AI Index's own rating of {escape(record)} differs: "
                + escape("; ".join(differences[:6])),
                style="dim",
            )
        steps = raise_steps(report)
        if steps:
            console.print(Text("What would raise it", style="bold"))
            for goal, items in steps:
                console.print(Text(f"  {goal}", style="bold"))
                for item in items:
                    console.print(f"    → {escape(item)}")
    console.print()
    console.print(components_table(report))
    if report.weights:
        console.print()
        table = Table(title="Weights (headers only, nothing loaded)", title_justify="left")
        for column in ("File", "Format", "Parameters", "Tensors", "Dtypes"):
            table.add_column(column)
        for info in report.weights:
            table.add_row(
                escape(info.path),
                info.format,
                f"{info.parameter_count:,}" if info.parameter_count is not None else "?",
                str(info.tensor_count) if info.tensor_count is not None else "?",
                ", ".join(info.dtypes[:4]),
            )
        console.print(table)
    if report.licenses:
        console.print()
        table = Table(title="Licences", title_justify="left")
        for column in ("Where", "Licence", "Category", "Governs", "Clauses"):
            table.add_column(column, overflow="fold")
        for lic in report.licenses:
            where = lic.location.pointer
            name = lic.id or lic.name or "unidentified"
            table.add_row(
                escape(where),
                escape(name),
                lic.category.value,
                lic.component,
                escape(", ".join(sorted({c.kind for c in lic.clauses}))),
            )
        console.print(table)
    problems = [
        f
        for f in report.findings
        if f.status in (Status.FAIL, Status.ERROR)
        and f.rule != "components.inventory"
        and not f.rule.startswith(DOC_DETAIL)
    ]
    problems.sort(key=lambda f: -f.severity.rank)
    scores = [f for f in report.findings if f.rule == "docs.card_score"]
    if scores:
        console.print()
        console.print(Text("Documentation", style="bold"))
        for finding in scores:
            style = "green" if finding.status is Status.PASS else "yellow"
            console.print(Text(f"  {finding.message}", style=style))
        console.print("  (per-section details: opengauge card check PATH)", style="dim")
        problems = [f for f in problems if f.rule != "docs.card_score"]
    console.print()
    console.print(Text(f"Findings: {len(problems)} problem(s)", style="bold"))
    for finding in problems[:40]:
        line = _finding_line(finding)
        rule = suppression_for(report, finding)
        if rule is not None:
            line.append(f"  (suppressed: {rule.reason})", style="magenta")
        console.print(line)
    if len(problems) > 40:
        console.print(f"... {len(problems) - 40} more (use --format json for all)", style="dim")
    if report.suppressed:
        console.print()
        console.print(Text(f"Suppressions: {len(report.suppressed)} (policy)", style="bold"))
        for rule in report.suppressed:
            where = f" on {rule.path}" if rule.path else ""
            console.print(
                f"  {escape(rule.rule)}{escape(where)}: {escape(rule.reason)} "
                f"[{rule.matched} finding(s), {escape(rule.source)}]"
            )
    if report.skipped:
        console.print()
        console.print(Text(f"Skipped: {len(report.skipped)} item(s) not read", style="bold"))
        for skip in report.skipped[:20]:
            console.print(f"  {escape(skip.path)}: {escape(skip.reason)}", style="dim")
        if len(report.skipped) > 20:
            console.print(f"  ... {len(report.skipped) - 20} more", style="dim")
    return buffer.getvalue()
