"""HTML: the view context, the page's markup, and the page in a real browser (Chromium).

The browser tests never skip: without Chromium or Playwright they fail with how to install
them (``bash .ci/run`` does), so CI cannot pass without running them.
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from tests.report.samples import XSS, enriched, example_report, hostile

from opengauge.model import (
    AuditReport,
    Component,
    ComponentResult,
    ComponentState,
    Location,
    Reference,
    Skipped,
)
from opengauge.report import _view
from opengauge.report.html import (
    CATEGORY_LEGEND,
    MOF_STATUS_LEGEND,
    RATING_LEGEND,
    STATE_LEGEND,
    context,
    link,
    render,
)

pytest_plugins = ["tests.conftest_browser"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SAFE_URL = "https://github.com/acme/train"
TARGETS = (
    SAFE_URL,
    "http://example.org/data.tar.gz",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "hf://datasets/acme/corpus",
    "https://",
)


def linked(report: AuditReport) -> AuditReport:
    """``report`` whose components each reference one of TARGETS (two followable)."""
    components = list(report.components)
    wanted = (
        Component.TRAINING_CODE,
        Component.DATASETS,
        Component.RESEARCH_PAPER,
        Component.EVALUATION_CODE,
        Component.EVALUATION_DATA,
        Component.DATA_CARD,
    )
    for n, (name, target) in enumerate(zip(wanted, TARGETS, strict=True)):
        index = next(i for i, c in enumerate(components) if c.component is name)
        ref = Reference(name, target, "linked from the card", Location("README.md", line=n + 1))
        components[index] = ComponentResult(name, ComponentState.REFERENCED, references=(ref,))
    return dataclasses.replace(report, components=tuple(components))


def long_names(report: AuditReport) -> AuditReport:
    """``report`` with unbroken names far wider than a phone."""
    word = "x" * 300
    return dataclasses.replace(
        hostile(report), skipped=(*report.skipped, Skipped(f"weights/{word}.bin", word))
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))


def _links(page: str) -> list[dict[str, str | None]]:
    parser = _Links()
    parser.feed(page)
    return parser.links


# ------------------------------------------------------------------ view and markup


def test_ladder_and_osai_row() -> None:
    view = context(enriched(example_report("fully-open")))
    assert [r["roman"] for r in view["ladder"]] == ["III", "II", "I"]
    assert sum(len(r["items"]) for r in view["ladder"]) == 17
    assert len(view["osai"]["cells"]) == 12
    page = render(enriched(example_report("fully-open")))
    assert page.startswith("<!DOCTYPE html>") and "Class III" in page


def test_without_frameworks() -> None:
    report = dataclasses.replace(example_report("openwashed"), frameworks=())
    page = render(report)
    assert "No framework verdicts" in page and "were not evaluated" in page
    assert "Safety was not rated" in page


def test_title_is_the_model_name() -> None:
    for example, name in (("openwashed", "Acme-8B-Open"), ("unsafe-pickle", "innocent-bert")):
        report = example_report(example)
        assert context(report)["name"] == name
        assert f"<title>{name} · opengauge audit</title>" in render(report)
        assert f"<h1>{name}</h1>" in render(report)


def test_unsafe_release_leads_with_its_worst_safety_finding() -> None:
    report = example_report("unsafe-pickle")
    summary = context(report)["summary"]
    assert summary["safety"]["css"] == "bad" and "critical" in summary["safety"]["text"]
    assert summary["worst"]["rule"] == "safety.pickle_imports"
    page = render(report)
    top = page[: page.index("<h2>Verdicts</h2>")]
    assert "Unsafe to load" in top and "os.system" in top
    assert "pytorch_model.bin!archive/data.pkl@16" in top


def test_high_findings_are_at_the_top() -> None:
    report = example_report("openwashed")
    summary = context(report)["summary"]
    assert summary["safety"]["css"] == "ok" and summary["worst"] is None
    assert [f["rule"] for f in summary["serious"]] == ["openwashing.claims_hold"]
    page = render(report)
    top = page[: page.index("<h2>Verdicts</h2>")]
    assert "High-severity findings" in top and "claims open-source" in top


def test_every_high_finding_is_named_at_the_top() -> None:
    report = example_report("openwashed")
    high = next(f for f in report.findings if f.rule == "openwashing.claims_hold")
    extra = tuple(
        dataclasses.replace(high, rule=rule, message=f"problem {rule}")
        for rule in ("licenses.a", "licenses.b", "docs.c", "safety.d")
    )
    report = dataclasses.replace(report, findings=(*report.findings, *extra))
    summary = context(report)["summary"]
    assert summary["worst"]["rule"] == "safety.d"
    assert len(summary["serious"]) == 3  # in full; the rest by name, with their section
    assert summary["more"] == [("docs.c", "Documentation gaps")]
    page = render(report)
    top = page[: page.index("<h2>Verdicts</h2>")]
    for rule in ("openwashing.claims_hold", "licenses.a", "licenses.b", "docs.c", "safety.d"):
        assert rule in top, rule


def test_a_clean_release_has_nothing_to_lead_with() -> None:
    summary = context(example_report("fully-open"))["summary"]
    assert summary["safety"]["css"] == "ok"
    assert summary["worst"] is None and summary["serious"] == []


def test_documentation_gaps_are_listed_once() -> None:
    report = example_report("openwashed")
    view = context(report)
    raw = _view.problems(report, "docs.")
    assert len(view["docs"]) < len(raw)  # 18 gaps from 25 findings
    messages = [f["message"] for f in view["docs"]]
    assert len(messages) == len(set(messages))
    # the score is a summary line; its list of missing sections is not repeated
    assert view["doc_scores"] == ["README.md: 17.5/100 as a model card"]
    assert not any(f["rule"] == "docs.card_score" for f in view["docs"])
    # a topic no document discusses joins the missing section that already says so
    bias = next(f for f in view["docs"] if f["message"].startswith("Bias, risks"))
    assert any("Known biases" in line for line in bias["also"])
    assert any("Limitations" in line for line in bias["also"])
    shown = " ".join(messages)
    assert "Known biases: not discussed" not in shown
    assert "Data quality: not discussed" in shown  # no card section says that one


def test_every_label_is_in_a_legend() -> None:
    states = {label for _, label, _ in STATE_LEGEND}
    statuses = {label for _, label, _ in MOF_STATUS_LEGEND}
    ratings = {label for _, label, _ in RATING_LEGEND}
    for report in (enriched(example_report("fully-open")), example_report("openwashed")):
        view = context(report)
        items = [i for rung in view["ladder"] for i in rung["items"]]
        assert {i["state"] for i in items} <= states
        assert {i["status"] for i in items if i["status"] not in ("", "missing")} <= statuses
        assert {c["rating"] for c in view["osai"]["cells"]} <= ratings
        used = {m["category"] for _, ms in view["licences"] for m in ms}
        assert used == {c for c, _ in view["categories"]} and used <= set(CATEGORY_LEGEND)
        page = render(report)
        legends = page[page.index('<ul class="legend"') :]
        for label in (*states, *statuses, *ratings, "optional", "reached"):
            assert f"{label}</" in legends, label


def test_links_are_http_only_and_never_send_a_referrer() -> None:
    assert link(SAFE_URL) == SAFE_URL
    assert link("HTTP://example.org/x") == "HTTP://example.org/x"
    for target in ("javascript:alert(1)", "hf://datasets/a/b", "https://", "ftp://x.org", ""):
        assert link(target) is None, target
    assert link('https://x.org/"onmouseover="alert(1)') is None
    page = render(linked(example_report("fully-open")))
    links = _links(page)
    assert [a["href"] for a in links] == [SAFE_URL, "http://example.org/data.tar.gz"]
    assert all(a["rel"] == "noopener noreferrer" for a in links)
    assert "javascript:alert(1)" in page  # shown, as text
    assert "data:text/html,&lt;script&gt;" in page


def test_hostile_text_stays_text() -> None:
    page = render(hostile(example_report("openwashed")))
    assert "<script" not in page.lower() and "&lt;script&gt;" in page
    assert not _links(page)
    assert XSS not in page


# ------------------------------------------------------------------ in a real browser

MEASURE = """() => ({
  width: innerWidth,
  scrollWidth: document.documentElement.scrollWidth,
  bodyWidth: document.body.scrollWidth,
  title: document.title,
  summary: (() => { const r = document.querySelector('#summary').getBoundingClientRect();
                    return {top: r.top, bottom: r.bottom}; })(),
  links: [...document.querySelectorAll('a')].map(a => ({href: a.href, rel: a.rel})),
})"""

# Words split across two lines (a break at a hyphen is not a split) in the labels a reader
# scans: headings, verdicts, ladder and index cells, severities, states, legends.
SPLIT_WORDS = """() => {
  const labels = '.dim b, .rung .name, .rung .lbl, .vcard .v, .vcard .t, h1, h2, .sev, '
    + '.pill, .cat, .legend li, .alert, .strip, th';
  const split = [];
  for (const el of document.querySelectorAll(labels)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rows = new Set([...range.getClientRects()].filter(r => r.width > 0)
          .map(r => Math.round(r.top)));
        if (rows.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""

PAGES = {
    "unsafe-pickle": lambda: example_report("unsafe-pickle"),
    "openwashed": lambda: example_report("openwashed"),
    "fully-open": lambda: example_report("fully-open"),
    "enriched": lambda: enriched(example_report("openwashed")),
    "linked": lambda: linked(example_report("fully-open")),
    "long-names": lambda: long_names(example_report("fully-open")),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_in_chromium(browser: Any, tmp_path: Path, name: str) -> None:
    report = PAGES[name]()
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(render(report), encoding="utf-8")
    for viewport in (DESKTOP, PHONE):
        browser.set_viewport_size(viewport)
        browser.goto(page_file.as_uri())
        seen = browser.evaluate(MEASURE)
        assert seen["width"] == viewport["width"]
        assert seen["scrollWidth"] <= viewport["width"], f"page overflows at {viewport}"
        assert seen["bodyWidth"] <= viewport["width"]
        assert seen["title"] == f"{_view.model_name(report)} · opengauge audit"
        if name != "long-names":  # hostile names may push it down; the top stays in view
            assert seen["summary"]["bottom"] <= viewport["height"], "summary below the fold"
        assert 0 <= seen["summary"]["top"] < viewport["height"] / 3
        if name != "long-names":  # a 300-letter name cannot fit; it may break anywhere
            assert browser.evaluate(SPLIT_WORDS) == [], viewport
        for anchor in seen["links"]:
            assert anchor["href"].startswith(("http://", "https://")), anchor
            assert set(anchor["rel"].split()) >= {"noopener", "noreferrer"}, anchor
        if name == "linked":
            assert len(seen["links"]) == 2


def test_phone_layout_stacks_the_ladder_and_tables(browser: Any, tmp_path: Path) -> None:
    page_file = tmp_path / "r.html"
    page_file.write_text(render(enriched(example_report("fully-open"))), encoding="utf-8")
    geometry = """() => ({
      rungs: [...document.querySelectorAll('.rung')].map(r => r.getBoundingClientRect().left),
      cells: [...document.querySelectorAll('.scroll td')].map(td => getComputedStyle(td).display),
    })"""
    browser.set_viewport_size(DESKTOP)
    browser.goto(page_file.as_uri())
    wide = browser.evaluate(geometry)
    assert len(set(wide["rungs"])) == 3 and set(wide["cells"]) == {"table-cell"}
    browser.set_viewport_size(PHONE)
    browser.goto(page_file.as_uri())
    narrow = browser.evaluate(geometry)
    assert len(set(narrow["rungs"])) == 1  # one column of classes
    assert "table-cell" not in set(narrow["cells"])  # rows read as records


REAL = ("EleutherAI__gpt-neox", "01-ai__Yi")  # many links, long paths, shipped code


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[AuditReport, Path]]:
    """The HTML report of each release in REAL (audited from tests/data/releases)."""
    from tests.validity_scoring import CORPUS, FIXED_TIME, materialize

    import opengauge

    target = tmp_path_factory.mktemp("releases")
    materialize(CORPUS, target, REAL)
    pages = {}
    for name in REAL:
        report = opengauge.audit(target / name, generated_at=FIXED_TIME)
        page = target / f"{name}.html"
        page.write_text(render(report), encoding="utf-8")
        pages[name] = (report, page)
    return pages


@pytest.mark.parametrize("name", REAL)
def test_real_release_page(
    browser: Any, real_pages: dict[str, tuple[AuditReport, Path]], name: str
) -> None:
    report, page_file = real_pages[name]
    # the card's first heading when it reads as a name; Yi's is a sentence ("What is Yi?")
    assert _view.model_name(report) == {"EleutherAI__gpt-neox": "GPT-NeoX"}.get(name, name)
    for viewport in (DESKTOP, PHONE):
        browser.set_viewport_size(viewport)
        browser.goto(page_file.as_uri())
        seen = browser.evaluate(MEASURE)
        assert seen["scrollWidth"] <= viewport["width"], f"page overflows at {viewport}"
        assert seen["summary"]["bottom"] <= viewport["height"], "summary below the fold"
        assert browser.evaluate(SPLIT_WORDS) == [], viewport
        assert seen["links"], "references to http(s) pages are links"
        for anchor in seen["links"]:
            assert anchor["href"].startswith(("http://", "https://")), anchor
            assert set(anchor["rel"].split()) >= {"noopener", "noreferrer"}, anchor


def test_release_pages_at_both_widths(
    browser: Any, tmp_path: Path, release_reports: dict[str, AuditReport]
) -> None:
    """The releases the SBOM tests audit (long LicenseRef ids, several high findings)."""
    for name, report in release_reports.items():
        page_file = tmp_path / f"{name}.html"
        page_file.write_text(render(report), encoding="utf-8")
        for viewport in (DESKTOP, PHONE):
            browser.set_viewport_size(viewport)
            browser.goto(page_file.as_uri())
            seen = browser.evaluate(MEASURE)
            assert seen["scrollWidth"] <= viewport["width"], (name, viewport)
            assert seen["title"] == f"{_view.model_name(report)} · opengauge audit"
            assert browser.evaluate(SPLIT_WORDS) == [], (name, viewport)
            assert seen["summary"]["top"] < viewport["height"] / 3
