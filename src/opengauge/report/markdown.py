"""Markdown summary for a pull-request comment or a model card appendix (GitHub flavour).

Everything that comes from the target (card text, licence names, file names, finding
messages that quote them) goes through :func:`text` or :func:`code`, so it cannot close a
table cell, open raw HTML, start a link or an autolink, or span lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from opengauge.model import MOF_COMPONENTS, AuditReport, ComponentResult, ComponentState, Finding
from opengauge.report import _view

_MAX_CELL = 300
_PUNCT = re.compile(r"([\\`*_{}\[\]()<>#+!|~&@]|:(?=/))")
_WWW = re.compile(r"(?i)\bwww\.")


def text(value: object, limit: int = _MAX_CELL) -> str:
    """Inline Markdown that renders exactly as ``value`` reads: one line, bounded, inert.

    Backslash-escapes the ASCII punctuation GFM gives a meaning to, plus ``:`` before ``/``
    and ``@`` (which stops ``https://`` and e-mail autolinks; ``www.`` gets its dot
    escaped for the same reason).
    """
    flat = " ".join(str(value).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return _WWW.sub(lambda m: m.group(0)[:-1] + "\\.", _PUNCT.sub(r"\\\1", flat))


def code(value: object, limit: int = _MAX_CELL) -> str:
    """A code span for paths and ids: backticks become a look-alike, pipes are escaped."""
    flat = " ".join(str(value).split()).replace("`", "ˋ")
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    # Inside a table, GFM splits cells on '|' even in code spans unless it is escaped.
    return "`" + flat.replace("|", "\\|") + "`" if flat else ""


def _row(*cells: str) -> str:
    return "| " + " | ".join(c or " " for c in cells) + " |"


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    return [_row(*header), _row(*("---",) * len(header)), *(_row(*r) for r in rows)]


def _evidence(result: ComponentResult) -> str:
    if result.state is ComponentState.PRESENT:
        shown = ", ".join(code(f) for f in result.files[:3])
        more = f" (+{len(result.files) - 3} more)" if len(result.files) > 3 else ""
        return shown + more
    if result.state is ComponentState.REFERENCED and result.references:
        ref = result.references[0]
        return f"{code(ref.target)} — {text(ref.reason)}"
    if result.state is ComponentState.CLAIMED_ABSENT and result.claims:
        claim = result.claims[0]
        return f"{code(_view.where(claim.location))} names {code(claim.target)}; not in folder"
    return "no file, no link"


def _finding_rows(report: AuditReport, findings: list[Finding]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for f in findings:
        locs = ", ".join(code(_view.where(loc)) for loc in f.locations[:3])
        message = text(f.message)
        sup = _view.suppression_for(report, f)
        if sup is not None:
            message = f"~~{message}~~ **suppressed**: {text(sup.reason)}"
        rows.append((f"**{f.severity.value}**", code(f.rule), message, locs))
    return rows


def _verdicts(report: AuditReport) -> list[str]:
    if not report.frameworks:
        return ["_No framework verdicts in this report._"]
    rows: list[tuple[str, ...]] = []
    for fw in report.frameworks:
        mark = {True: "✅", False: "❌", None: "➖"}[fw.passed]
        rows.append(
            (
                f"{mark} {text(fw.title or fw.framework)}",
                f"**{text(fw.verdict)}**",
                text(_view.main_reason(fw)),
            )
        )
    lines = _table(("Framework", "Verdict", "Main reason"), rows)
    record, differences = _view.index_disagreements(report)
    if record and differences:
        lines += [
            "",
            f"The Open Source AI Index's own rating of {text(record)} differs: "
            + "; ".join(text(d) for d in differences)
            + ".",
        ]
    return lines


def _section(title: str, body: list[str]) -> list[str]:
    return ["", f"### {title}", "", *body]


def render(report: AuditReport) -> str:
    """The report as GitHub-flavoured Markdown."""
    size = sum(f.size for f in report.files)
    out = [
        f"## opengauge audit: {text(report.target.name)}",
        "",
        f"{len(report.files)} files, {size:,} bytes · source: {text(report.target.source)} · "
        f"opengauge {text(report.tool_version)} · {text(report.generated_at)}",
    ]
    out += _section("Verdicts", _verdicts(report))
    raise_lines = [
        f"- **{text(fw.title or fw.framework)}**: {text(step)}"
        for fw in report.frameworks
        for step in fw.to_raise
    ]
    if raise_lines:
        out += _section("What would raise it", raise_lines)
    components = [r for r in report.components if r.component in MOF_COMPONENTS]
    out += _section(
        "Components (Model Openness Framework)",
        _table(
            ("Component", "State", "Evidence"),
            [(r.component.value, _view.STATE_LABEL[r.state], _evidence(r)) for r in components],
        ),
    )
    if report.licenses:
        rows = [
            (
                code(m.location.pointer),
                text(_view.licence_label(m)),
                m.category.value,
                text(m.component),
                text(", ".join(sorted({c.kind for c in m.clauses}))),
            )
            for m in report.licenses
        ]
        out += _section(
            "Licences", _table(("Where", "Licence", "Category", "Governs", "Clauses"), rows)
        )
    else:
        out += _section("Licences", ["_No licence identified._"])
    header = ("Severity", "Rule", "Finding", "Location")
    safety = _view.problems(report, "safety.")
    out += _section(
        "Safety findings",
        _table(header, _finding_rows(report, safety)) if safety else ["_No safety finding._"],
    )
    docs = _view.problems(report, "docs.")
    if docs:
        out += _section("Documentation gaps", _table(header, _finding_rows(report, docs)))
    other = _view.problems(report, exclude=("safety.", "docs."))
    if other:
        out += _section("Other findings", _table(header, _finding_rows(report, other)))
    if report.suppressed:
        out += _section(
            "Policy suppressions",
            _table(
                ("Rule", "Path", "Reason", "Matched", "From"),
                [
                    (
                        code(s.rule),
                        code(s.path or "*"),
                        text(s.reason),
                        str(s.matched),
                        code(s.source),
                    )
                    for s in report.suppressed
                ],
            ),
        )
    if report.skipped:
        out += _section(
            f"Skipped ({len(report.skipped)} not read)",
            _table(
                ("Path", "Reason"), [(code(s.path), text(s.reason)) for s in report.skipped[:50]]
            ),
        )
    return "\n".join(out) + "\n"
