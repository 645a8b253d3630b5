"""The bounded markdown-it-py parser."""

from __future__ import annotations

from opengauge.docs import commonmark


def _links(text: str) -> list[str]:
    tokens, _ = commonmark.parse(text)
    return [
        str(child.attrs.get("href") or child.attrs.get("src"))
        for token in tokens
        for child in token.children or []
        if child.type in ("link_open", "image")
    ]


def test_links_as_written_whatever_their_scheme() -> None:
    text = "[a](https://x.example/ü%20b) [b](javascript:alert(1)) ![c](data:text/html,x)"
    assert _links(text) == [
        "https://x.example/ü%20b",
        "javascript:alert(1)",
        "data:text/html,x",
    ]


def test_link_text_and_destination_are_bounded() -> None:
    long_text = "a" * (commonmark.MAX_LABEL_CHARS + 10)
    assert _links(f"[{long_text}](https://x.example)") == []
    long_url = "https://x.example/" + "b" * commonmark.MAX_URL_CHARS
    assert _links(f"[x]({long_url})") == []
    assert _links("[x](https://x.example)") == ["https://x.example"]


def test_bracket_budget_and_nesting_leave_notes() -> None:
    _, notes = commonmark.parse("[" * (commonmark.MAX_LABEL_SCANS + 1) + "\n\n[x](y)")
    assert any("brackets" in note for note in notes)
    _, notes = commonmark.parse(">" * (commonmark.MAX_NESTING + 5) + " deep")
    assert any("nested" in note for note in notes)
    _, notes = commonmark.parse("# fine\n\n[x](y)")
    assert notes == []
