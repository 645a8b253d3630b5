"""Terminal summary with rich: verdicts, components, licences, findings, skips.

Readable at 80 columns: tables are used only where every cell that names something (a
file, a licence, a verdict) fits whole; otherwise each row becomes a short record whose
second line wraps under a hanging indent. Text from the target is rich ``Text``, never
markup, and emoji codes are off, so a file name prints as it is.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from opengauge.model import (
    AuditReport,
    FrameworkResult,
    Outcome,
    Status,
)
from opengauge.report import _view
from opengauge.report._terminal_parts import (
    MAX_FINDINGS,
    components,
    findings,
    licences,
    record,
    weights,
)

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
REASON_LIMIT = 300  # characters of a verdict's reason; the findings list has the rest
REASON_COLUMN = 72  # narrower, the reasons go under the labels: they cite file names
MAX_SKIPPED = 20


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def shorten(text: str, limit: int) -> str:
    """``text`` up to ``limit`` characters, cut after a clause or a word, never inside one."""
    if len(text) <= limit:
        return text
    cut = text.rfind("; ", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    if cut <= 0:
        cut = limit
    return text[:cut].rstrip(" ;,") + " …"


def phase_text(files: int, size: int, path: str, width: int, phase: str = "reading") -> str:
    """A one-line progress description that fits ``width``: the path loses leading folders.

    For the CLI's progress display (``opengauge audit`` on stderr); pure.
    """
    head = f"{phase} · {files:,} files · {_human_size(size)} · "
    room = width - len(head) - 4  # the spinner and a margin
    if not path or room < 8:  # too narrow for a useful piece of the name
        return head.removesuffix(" · ")
    if len(path) > room:
        parts = path.split("/")
        while len(parts) > 1 and len("…/" + "/".join(parts)) > room:
            parts.pop(0)
        path = "…/" + "/".join(parts)
        if len(path) > room:  # one name longer than the line: keep its end
            path = "…" + path[-(room - 1) :]
    return head + path


def _verdict_style(framework: FrameworkResult) -> str:
    return {
        Outcome.PASS: "bold green",
        Outcome.FAIL: "bold red",
        Outcome.ERROR: "bold magenta",
    }.get(framework.outcome, "bold yellow")


def _verdict_cell(framework: FrameworkResult) -> Text:
    summary = framework.summary
    if summary.startswith(framework.verdict):
        summary = summary[len(framework.verdict) :].lstrip(" ;—-")
    cell = Text(framework.verdict, style=_verdict_style(framework))
    if summary:
        cell.append("  ")
        cell.append(shorten(summary, REASON_LIMIT), style="dim")
    return cell


def verdict_table(report: AuditReport) -> Table:
    """One row per framework: its label, then the verdict and why, wrapped beside it."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for framework in report.frameworks:
        table.add_row(framework.label or framework.title, _verdict_cell(framework))
    return table


def verdict_records(report: AuditReport) -> list[Padding]:
    """The verdicts as records, for a console too narrow to keep the reasons beside the
    labels: a reason cites files, and a file name cut in two cannot be copied."""
    out: list[Padding] = []
    for framework in report.frameworks:
        head = Text(framework.label or framework.title, style="bold")
        cell = _verdict_cell(framework)
        verdict, reason = cell.divide([len(framework.verdict)])
        head.append("  ")
        head.append_text(verdict)
        out.extend(record(head, Text(reason.plain.strip(), style="dim"), indent=1, hang=5))
    return out


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


def _heading(console: Console, report: AuditReport) -> None:
    name = _view.model_name(report)
    heading = Text(f"opengauge audit of {report.target.name}", style="bold")
    if name.strip().lower() != report.target.name.lower():
        heading.append(f" — {shorten(name, 80)}")
    console.print(heading)
    total = sum(f.size for f in report.files)
    console.print(
        Text(
            f"{report.target.path}  ·  {len(report.files)} files, {_human_size(total)}"
            f"  ·  source: {report.target.source}",
            style="dim",
        )
    )
    model = report.model
    if model.architectures or model.parameter_count is not None:
        parts = []
        if model.architectures:
            kind = f" ({model.model_type})" if model.model_type else ""
            parts.append(", ".join(model.architectures) + kind)
        if model.parameter_count is not None:
            parts.append(f"{model.parameter_count:,} parameters")
        if model.weight_formats:
            parts.append(", ".join(model.weight_formats))
        console.print(Text("model: " + "  ·  ".join(parts)))
    worst = _view.unsafe(report)
    top = _view.safety_problems(report)
    if worst is not None and top:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        body = Text(f"worst {worst.value}: ", style="bold red")
        body.append(top[0].message)
        if top[0].locations:
            body.append(f"  {_view.where(top[0].locations[0])}", style="dim")
        grid.add_row(Text("UNSAFE TO LOAD", style="bold white on red"), body)
        console.print(grid)


def _verdicts(console: Console, report: AuditReport) -> None:
    console.print()
    console.print(Text("Verdicts", style="bold"))
    labels = max(len(f.label or f.title) for f in report.frameworks)
    if console.width - labels - 3 >= REASON_COLUMN:
        console.print(Padding(verdict_table(report), (0, 0, 0, 1)))
    else:
        console.print(*verdict_records(report))
    rated, differences = _view.index_disagreements(report)
    if rated and differences:
        note = f"Open Source AI Index's own rating of {rated} differs: "
        console.print(*record(Text(note + "; ".join(differences[:6]), style="dim"), None))
    steps = raise_steps(report)
    if steps:
        console.print()
        console.print(Text("What would raise it", style="bold"))
        for goal, items in steps:
            console.print(Text(f"  {goal}", style="bold"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, width=5, justify="right")
            grid.add_column(overflow="fold")
            for item in items:
                grid.add_row("→", Text(item))
            console.print(grid)


def _problems(console: Console, report: AuditReport) -> None:
    problems = [f for f in _view.problems(report) if not f.rule.startswith(DOC_DETAIL)]
    scores = [f for f in report.findings if f.rule == "docs.card_score"]
    if scores:
        console.print()
        console.print(Text("Documentation", style="bold"))
        for finding in scores:
            style = "green" if finding.status is Status.PASS else "yellow"
            console.print(*record(Text(finding.message, style=style), None))
        console.print(Text("  (per-section details: opengauge card check PATH)", style="dim"))
        problems = [f for f in problems if f.rule != "docs.card_score"]
    console.print()
    console.print(Text(f"Findings: {len(problems)} problem(s)", style="bold"))
    console.print(*findings(console, report, problems))
    if len(problems) > MAX_FINDINGS:
        more = len(problems) - MAX_FINDINGS
        console.print(Text(f"... {more} more (use --format json for all)", style="dim"))


def _skips(console: Console, report: AuditReport) -> None:
    if report.suppressed:
        console.print()
        console.print(Text(f"Suppressions: {len(report.suppressed)} (policy)", style="bold"))
        for rule in report.suppressed:
            where = f" on {rule.path}" if rule.path else ""
            line = f"{rule.rule}{where}: {rule.reason} [{rule.matched} finding(s), {rule.source}]"
            console.print(*record(Text(line), None))
    if report.skipped:
        console.print()
        console.print(Text(f"Skipped: {len(report.skipped)} item(s) not read", style="bold"))
        for skip in report.skipped[:MAX_SKIPPED]:
            console.print(*record(Text(f"{skip.path}: {skip.reason}", style="dim"), None))
        if len(report.skipped) > MAX_SKIPPED:
            more = len(report.skipped) - MAX_SKIPPED
            console.print(Text(f"  ... {more} more", style="dim"))


def render(report: AuditReport, *, color: bool = False, width: int | None = None) -> str:
    """The human summary as text (ANSI colours when ``color``).

    ``width`` None lets rich find it: ``COLUMNS`` if set, else the terminal's, else 80.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        markup=False,
    )
    _heading(console, report)
    if report.frameworks:
        _verdicts(console, report)
    console.print()
    console.print(*components(console, report))
    if report.weights:
        console.print()
        console.print(*weights(console, report))
    if report.licenses:
        console.print()
        console.print(*licences(console, report))
    _problems(console, report)
    _skips(console, report)
    text = buffer.getvalue()
    if color:
        return text
    return "\n".join(line.rstrip() for line in text.split("\n"))  # no padding to copy
