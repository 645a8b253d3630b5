"""Where SARIF results point: percent-encoded URIs from the checkout root, regions only
where a line or offset is known, and the anchor of findings about the whole release."""

from __future__ import annotations

import pytest

from opengauge.model import CardSummary, Confidence, FileEntry, Finding, Location, Severity, Status
from opengauge.report._sarif_places import SRCROOT, Places, anchor, in_release


def _card(path: str, kind: str) -> CardSummary:
    return CardSummary(path, kind, {}, None, (), 0)


def _files(*paths: str) -> tuple[FileEntry, ...]:
    return tuple(FileEntry(path, 1) for path in paths)


def _finding(*locations: Location, **facts: object) -> Finding:
    return Finding(
        rule="docs.hardware", status=Status.FAIL, severity=Severity.LOW,
        confidence=Confidence.HIGH, message="m", locations=locations, facts=facts,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("cards", "paths", "expected"),
    [
        ([_card("README.md", "model")], ("a.bin", "README.md", "config.json"), "README.md"),
        ([_card("README.md", "readme")], ("config.json", "README.md"), "README.md"),
        ([], ("weights.bin", "config.json"), "config.json"),
        ([_card("m/README.md", "model")], ("m/README.md", "setup.py"), "setup.py"),  # shallowest
        ([_card("docs/MODEL.md", "model")], ("docs/MODEL.md", "z.txt"), "docs/MODEL.md"),
        ([], ("b/weights.bin", "a.txt"), "a.txt"),
        ([], (), None),
    ],
)
def test_anchor_is_the_shallowest_card_or_manifest(
    cards: list[CardSummary], paths: tuple[str, ...], expected: str | None
) -> None:
    found = anchor(cards, _files(*paths))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("path", "ok"),
    [("a/b.md", True), ("", False), (".", False), ("/etc/passwd", False), ("https://x/y", False)],
)
def test_only_paths_inside_the_release_are_locations(path: str, ok: bool) -> None:
    assert in_release(path) is ok


def test_uris_are_percent_encoded_from_the_checkout_root() -> None:
    places = Places("models/tiny/", frozenset())
    assert places.artifact("dir-\\xe9/a b#?.pkl") == {
        "uri": "models/tiny/dir-%E9/a%20b%23%3F.pkl",
        "uriBaseId": SRCROOT,
    }


def test_regions_only_where_a_line_or_offset_is_known() -> None:
    places = Places("", frozenset())
    region = places.physical(Location("a.py", line=0, end_line=5, excerpt="x = 1")).get("region")
    assert region == {"startLine": 1, "endLine": 5, "snippet": {"text": "x = 1"}}
    assert "region" not in places.physical(Location("a.md"))
    assert "region" not in places.physical(Location("m.zip", line=3, offset=9, member="d.pkl"))


def test_release_level_findings_go_to_the_card_they_name_else_the_anchor() -> None:
    places = Places("", frozenset({"README.md", "DATA.md"}), ("README.md", "its README"))
    about_card = places.location(_finding(card="DATA.md"))
    about_release = places.location(_finding(Location("")))
    assert about_card is not None and about_release is not None
    assert about_card["physicalLocation"]["artifactLocation"]["uri"] == "DATA.md"
    assert about_release["physicalLocation"]["artifactLocation"]["uri"] == "README.md"
    assert about_release["message"]["text"].endswith("shown at its README")
    assert Places("", frozenset()).location(_finding()) is None
