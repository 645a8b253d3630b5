"""Attacker-controlled text (file names, card metadata, licences, messages) stays inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from tests.report.samples import XSS, example_report, hostile

from opengauge.report import render
from opengauge.report.markdown import code, text


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return hostile(example_report("fully-open"))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_escapes_everything(report) -> None:  # type: ignore[no-untyped-def]
    page = render(report, "html")
    assert "<script" not in page.lower()
    assert "onerror" not in {name for name, _ in _Tags_of(page).attrs}
    assert "&lt;script&gt;" in page  # shown, as text
    parser = _Tags_of(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a in parser.attrs if a[0] in ("src", "href")]  # no external resource


def _Tags_of(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_html_is_self_contained(report) -> None:  # type: ignore[no-untyped-def]
    page = render(report, "html")
    assert "default-src 'none'" in page  # CSP: nothing loads even if something slipped in
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page


def test_markdown_escapes_everything(report) -> None:  # type: ignore[no-untyped-def]
    md = render(report, "markdown")
    prose = re.sub(r"`[^`\n]*`", "", md)  # code spans render their content literally
    assert not re.search(r"(?<!\\)[<>]", prose), "unescaped angle bracket outside code"
    assert not re.search(r"(?<!\\)\[link", prose) and "https://evil" not in prose
    for line in md.splitlines():
        if line.startswith("| ") and "safety.pickle_dangerous_import" in line:
            # every pipe inside a cell is escaped: the row keeps its four cells
            assert len(re.findall(r"(?<!\\)\|", line)) == 5


def test_markdown_helpers() -> None:
    assert text("a|b\nc") == "a\\|b c"
    assert text("<b>") == "\\<b\\>"
    assert "\\:" in text("https://x") and "www\\." in text("www.x.org")
    assert code("a`b|c") == "`aˋb\\|c`"
    assert len(text("x" * 1000)) == 300


@pytest.mark.parametrize("fmt", ["cyclonedx", "spdx3", "json"])
def test_machine_formats_keep_text_as_data(report, fmt: str) -> None:  # type: ignore[no-untyped-def]
    import json

    data = json.loads(render(report, fmt))
    assert "<script>alert(" in json.dumps(data, ensure_ascii=False)  # kept verbatim, as data


def test_badge_svg_escapes() -> None:
    import dataclasses

    from opengauge.model import FrameworkResult
    from opengauge.report.badge import render_svg

    base = example_report("openwashed")
    evil = FrameworkResult(framework="mof", title="x", verdict=XSS)
    svg = render_svg(dataclasses.replace(base, frameworks=(evil,)))
    assert "<script" not in svg and "&lt;script&gt;" in svg
