"""The terminal summary: every section, colours only when asked, hostile text inert."""

from __future__ import annotations

import dataclasses

import pytest
from tests.report.samples import EXAMPLE_NAMES, enriched, example_report, hostile

from opengauge.model import AuditReport, Finding, Location, Skipped, Status, Suppression
from opengauge.report import _view
from opengauge.report.terminal import phase_text, raise_steps, render, shorten, verdict_table


def test_every_section_of_the_openwashed_example() -> None:
    report = example_report("openwashed")
    text = render(report)
    for heading in (
        "Verdicts",
        "What would raise it",
        "to reach MOF Class III",
        "to pass the OSI Open Source AI Definition",
        "Components (Model Openness Framework)",
        "Weights (headers only",
        "Licences",
        "Documentation",
        "Findings:",
    ):
        assert heading in text, heading
    assert "Llama 3.1 Community License" in text or "llama-3.1" in text
    assert "\x1b[" not in text
    assert "\x1b[" in render(report, color=True)


def test_model_line_and_card_title() -> None:
    text = render(example_report("fully-open"))
    assert "opengauge audit of fully-open — tinygpt-open" in text
    assert "TinyGPTForCausalLM (tinygpt)" in text and "1,152 parameters" in text


def test_suppressions_skips_and_long_lists() -> None:
    report = enriched(example_report("unsafe-pickle"))
    many = tuple(
        dataclasses.replace(
            report.findings[0],
            message=f"problem {i}",
            status=Status.FAIL,
            rule="safety.pickle_imports",
        )
        for i in range(45)
    )
    skipped = tuple(Skipped(f"f{i}", "symlink loop") for i in range(25))
    report = dataclasses.replace(
        report,
        findings=report.findings + many,
        skipped=skipped,
        suppressed=(
            Suppression("safety.*", "reviewed on 2026-11-01", source="opengauge.toml", matched=3),
        ),
    )
    text = render(report, width=200)
    assert "(suppressed: reviewed on 2026-11-01)" in text
    assert "Suppressions: 1 (policy)" in text and "[3 finding(s), opengauge.toml]" in text
    assert "more (use --format json for all)" in text
    assert "Skipped: 25 item(s) not read" in text and "... 5 more" in text


def test_hostile_text_cannot_inject_markup() -> None:
    report = hostile(example_report("openwashed"))
    marked = "[bold red]pwned[/bold red]"
    report = dataclasses.replace(report, skipped=(*report.skipped, Skipped(marked, marked)))
    text = render(report, width=400)
    assert marked in text  # rich markup in a file name is printed, not interpreted
    assert "<script>" in text  # shown as text: a terminal has no HTML to inject into


def test_raise_steps_are_capped_and_verdicts_listed() -> None:
    report = example_report("openwashed")
    steps = dict(raise_steps(report, limit=2))
    mof = steps["to reach MOF Class III"]
    assert len(mof) == 3 and mof[-1].startswith("... and ")
    assert verdict_table(report).row_count == len(report.frameworks)


def test_error_findings_are_listed() -> None:
    report = example_report("fully-open")
    broken = Finding(
        "docs.x",
        Status.ERROR,
        report.findings[0].severity,
        report.findings[0].confidence,
        "analyzer failed: ValueError: x",
    )
    text = render(dataclasses.replace(report, findings=(*report.findings, broken)))
    assert "analyzer failed: ValueError: x" in text


# ------------------------------------------------------------------ widths

NARROW = 80


def _names(report: AuditReport) -> set[str]:
    """What must never be cut: licences, locations, file names, verdicts."""
    names = {fw.verdict for fw in report.frameworks}
    for lic in report.licenses:
        names |= {_view.licence_label(lic), lic.location.pointer}
    for finding in _view.problems(report):
        names |= {loc.pointer for loc in finding.locations[:1]}
    for result in report.components:
        names |= set(result.files[:3])
    names |= {info.path for info in report.weights}
    return {n for n in names if n}


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
@pytest.mark.parametrize("variant", ["plain", "enriched"])
def test_readable_at_80_columns(example: str, variant: str) -> None:
    report = example_report(example)
    if variant == "enriched":
        report = enriched(report)
    narrow, wide = render(report, width=NARROW), render(report, width=1000)
    assert max(len(line) for line in narrow.splitlines()) <= NARROW
    for name in _names(report):  # each printed whole as often as on a wide screen
        assert narrow.count(name) == wide.count(name), name
    assert "…" not in "".join(_names(report))
    assert not [line for line in narrow.splitlines() if line != line.rstrip()]


def test_real_releases_are_readable_at_80_columns(
    release_reports: dict[str, AuditReport],
) -> None:
    """Real cards and code: long paths in verdict reasons, findings and licences."""
    for name, report in release_reports.items():
        narrow, wide = render(report, width=NARROW), render(report, width=1000)
        assert max(len(line) for line in narrow.splitlines()) <= NARROW, name
        for shown in _names(report):
            if len(shown) <= NARROW - 4:  # longer than the line: folding is all there is
                assert narrow.count(shown) == wide.count(shown), (name, shown)


def _with_long_location(report: AuditReport, path: str) -> AuditReport:
    problem = next(f for f in report.findings if f.rule == "openwashing.claims_hold")
    moved = dataclasses.replace(problem, locations=(Location(path, line=192),))
    return dataclasses.replace(report, findings=(moved,), frameworks=())


def test_a_long_location_gets_its_own_line() -> None:
    path = "open_instruct/environments/tools/servers/python_server/tool.py"
    lines = render(_with_long_location(example_report("openwashed"), path), width=80)
    rows = lines.splitlines()
    at = next(i for i, line in enumerate(rows) if f"{path}:192" in line)
    assert rows[at - 1].startswith("HIGH     openwashing.claims_hold")
    assert rows[at].startswith(" " * 9)  # under the message's indent
    wider = _with_long_location(example_report("openwashed"), "x/" * 35 + "y.py")
    rows = render(wider, width=80).splitlines()
    assert any(line == "  " + "x/" * 35 + "y.py:192" for line in rows)  # 2 columns in


def test_narrow_verdicts_put_the_reason_under_the_label() -> None:
    report = example_report("openwashed")
    narrow = render(report, width=80).splitlines()
    mof = next(f for f in report.frameworks if f.framework == "mof")
    at = narrow.index(f" {mof.label}  {mof.verdict}")
    assert narrow[at + 1].startswith("     ") and narrow[at + 1].strip()
    wide = render(report, width=120)
    assert any(
        line.startswith(f" {mof.label} ") and mof.verdict in line for line in wide.splitlines()
    )


def test_width_follows_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    report = example_report("openwashed")
    monkeypatch.setenv("COLUMNS", "80")
    assert max(len(line) for line in render(report).splitlines()) <= 80
    monkeypatch.setenv("COLUMNS", "160")
    assert max(len(line) for line in render(report).splitlines()) > 120
    assert "┃ Component" in render(report)  # wide enough for the tables


def test_long_reasons_are_cut_between_clauses() -> None:
    text = "; ".join(f"clause number {i} about LICENSE-{i}:1-40" for i in range(30))
    short = shorten(text, 300)
    assert len(short) <= 302 and short.endswith(" …")
    assert short[:-2] == text[: len(short) - 2] and short[-3] not in ";,"
    assert text.startswith(short[:-2]) and short[:-2].endswith("1-40")
    assert shorten("short", 300) == "short"


def test_phase_text_fits_and_keeps_the_file_name() -> None:
    path = "shards/very/deep/folder/model-00001-of-00030.safetensors"
    line = phase_text(1234, 3 << 30, path, 80)
    assert len(line) <= 80 - 4 and line.endswith("/model-00001-of-00030.safetensors")
    assert line.startswith("reading · 1,234 files · 3.0 GB · …/")
    assert len(phase_text(1234, 3 << 30, path, 60)) <= 60 - 4  # the name's end, then
    assert phase_text(1, 10, "a.bin", 80) == "reading · 1 files · 10 B · a.bin"
    assert len(phase_text(1, 10, "x" * 500, 40)) <= 40
    assert phase_text(3, 2048, "", 80, "analysing") == "analysing · 3 files · 2.0 KB"


def test_unsafe_release_says_so_first() -> None:
    text = render(example_report("unsafe-pickle"), width=NARROW)
    lines = text.splitlines()
    banner = next(i for i, line in enumerate(lines) if line.startswith("UNSAFE TO LOAD"))
    assert banner < lines.index("Verdicts")
    assert "worst critical" in lines[banner]
    assert "pytorch_model.bin!archive/data.pkl@16" in "\n".join(lines[banner : banner + 4])
    assert "UNSAFE" not in render(example_report("fully-open"))


def test_emoji_codes_and_markup_print_as_written() -> None:
    report = example_report("fully-open")
    odd = ":warning: [red]x[/red] :+1:"
    report = dataclasses.replace(report, skipped=(Skipped(odd, odd),))
    text = render(report, width=200)
    assert f"{odd}: {odd}" in text
