"""Markdown structure through markdown-it-py: sections, links, line numbers, caps."""

from __future__ import annotations

import time

from opengauge.docs import markdown
from opengauge.docs.markdown import parse_markdown


def _parse(text: str, first_line: int = 1) -> markdown.Structure:
    return parse_markdown(text.split("\n"), first_line, "README.md")


def test_sections_with_levels_parents_and_text() -> None:
    found = _parse("# Model\nintro\n## Uses\n\nuse it\n### Out of scope\nnot this\n# Other", 5)
    assert [(s.title, s.level, s.line, s.parents) for s in found.sections] == [
        ("Model", 1, 5, ()),
        ("Uses", 2, 7, ("Model",)),
        ("Out of scope", 3, 10, ("Model", "Uses")),
        ("Other", 1, 12, ()),
    ]
    assert found.sections[1].text == "use it"


def test_headings_the_way_commonmark_reads_them() -> None:
    text = (
        "# **Bold** `code` [linked](https://x.example) #\n"
        "```\n# in a fence\n```\n"
        "    # indented code\n\n"
        "> # in a quote\n\n"
        "<!--\n# in a comment\n-->\n"
        "Two line\nsetext\n---\n"
        "<h2 align='center'>HTML <b>heading</b></h2>\n"
    )
    found = _parse(text)
    assert [(s.title, s.level, s.line) for s in found.sections] == [
        ("Bold code linked", 1, 1),
        ("Two line setext", 2, 12),
        ("HTML heading", 2, 15),
    ]
    assert found.sections[1].text == ""  # the underline belongs to the heading


def test_link_lines_in_a_multi_line_paragraph() -> None:
    text = (
        "first line\n"
        "a `code\nspan` folds its line break\n"
        "then [the paper](https://arxiv.org/abs/2) and\n"
        'an <a href="https://html.example/x">\ntag</a> https://bare.example/y.\n'
    )
    found = {(link.url, link.line, link.text) for link in _parse(text).links}
    assert found == {
        ("https://arxiv.org/abs/2", 4, "the paper"),
        ("https://html.example/x", 5, ""),
        ("https://bare.example/y", 6, ""),
    }


def test_reference_links_resolve_at_the_use_and_the_definition() -> None:
    text = "See [the docs][docs] and [docs].\n\n[docs]: https://ref.example/d 'Docs'\n"
    found = [(link.url, link.line, link.text) for link in _parse(text).links]
    assert ("https://ref.example/d", 1, "the docs") in found
    assert ("https://ref.example/d", 3, "docs") in found


def test_links_are_kept_as_written() -> None:
    text = "[ü](https://x.example/ü?a=1&b=2) ![chart](eval.png) <https://auto.example>\n"
    links = _parse(text).links
    assert [(link.url, link.image, link.text) for link in links] == [
        ("https://x.example/ü?a=1&b=2", False, "ü"),
        ("eval.png", True, "chart"),
        ("https://auto.example", False, ""),
    ]


def test_urls_in_code_blocks_are_marked() -> None:
    links = _parse("```bash\ngit clone https://code.example/e\n```\n").links
    assert [(link.url, link.line, link.code) for link in links] == [
        ("https://code.example/e", 2, True)
    ]


def test_html_document_is_read_as_html() -> None:
    text = "<!DOCTYPE html>\n<html>\n\n    <h1>Title</h1>\n\n    <a href='https://x.example'>x</a>"
    found = _parse(text)
    assert [(s.title, s.line) for s in found.sections] == [("Title", 4)]
    assert [link.url for link in found.links] == ["https://x.example"]


def test_caps_leave_notes() -> None:
    many = _parse("\n".join(f"## s{i}" for i in range(markdown.MAX_SECTIONS + 5)))
    assert len(many.sections) == markdown.MAX_SECTIONS
    assert any("headings" in note for note in many.notes)
    text = "\n".join(f"https://x.example/{i}" for i in range(markdown.MAX_LINKS + 5))
    links = _parse(text + "\n# After the links")
    assert len(links.links) == markdown.MAX_LINKS
    assert any("links" in note for note in links.notes)
    assert [s.title for s in links.sections] == ["After the links"]
    nested = _parse("".join(" " * (2 * i) + "- a\n" for i in range(100)) + "\n# After")
    assert any("nested" in note for note in nested.notes)


def test_parse_cap_cuts_the_input_before_markdown_it() -> None:
    filler = ("word " * 19 + "\n\n") * (markdown.MAX_PARSE_CHARS // 90)
    found = _parse("# Start\n" + filler + "# Late\n")
    assert [s.title for s in found.sections] == ["Start"]
    assert any("parsed up to line" in note for note in found.notes)
    assert len(found.sections[0].text) <= markdown.MAX_SECTION_CHARS


def test_hostile_brackets_are_bounded() -> None:
    start = time.perf_counter()
    found = _parse(("[" * 20_000 + "\n") * 20 + "[late](https://late.example)")
    assert time.perf_counter() - start < 30  # unbounded, this takes minutes
    assert any("brackets" in note for note in found.notes)
    assert found.links == []  # past the bracket budget links are not read


def test_html_anchor_text_is_the_link_text() -> None:
    from opengauge.evidence.cards import parse_card

    body = (
        '<p align="center">\n    Check out <a href="https://arxiv.org/abs/2403.04652"> Yi Tech '
        'Report </a> and <a href="https://x.org/"><img src="logo.png"/></a>\n</p>\n'
    )
    links = {link.url: link.text for link in parse_card(body, "README.md", "readme").links}
    assert links["https://arxiv.org/abs/2403.04652"] == "Yi Tech Report"
    assert links["https://x.org/"] == ""


def test_a_bibtex_url_ends_at_its_brace() -> None:
    from opengauge.evidence.cards import parse_card

    body = "```bibtex\n@misc{x,\n  url={https://arxiv.org/abs/2506.15742},\n}\n```\n"
    urls = [link.url for link in parse_card(body, "README.md", "readme").links]
    assert urls == ["https://arxiv.org/abs/2506.15742"]


def test_credentials_in_urls_are_never_echoed() -> None:
    from opengauge.evidence.cards import parse_card
    from opengauge.model import excerpt

    body = "Clone: `git clone https://bot:api_SECRET@huggingface.co/org/repo`\n"
    (link,) = parse_card(body, "README.md", "readme").links
    assert link.url == "https://***@huggingface.co/org/repo"
    assert "SECRET" not in excerpt(body)
    assert excerpt("write to a@b.org; see https://x.org/@user") == (
        "write to a@b.org; see https://x.org/@user"
    )
