"""BibTeX entries and their publication level, on the citation blocks real releases ship."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengauge.docs.citations import MAX_ENTRIES, best, citations, level_of

RELEASES = Path(__file__).resolve().parents[1] / "data" / "releases"


@pytest.mark.parametrize(
    ("kind", "venue", "eprint", "level"),
    [
        (
            "inproceedings",
            "Proceedings of the IEEE/CVF Conference on Computer Vision",
            "",
            "peer-reviewed",
        ),
        ("article", "NeurIPS Datasets and Benchmarks Track", "", "peer-reviewed"),
        ("inproceedings", "Proceedings of the ACL Workshop on Challenges", "", "workshop"),
        ("article", "arXiv preprint arXiv:1810.04805", "", "preprint"),
        ("misc", "", "2306.05685", "preprint"),
        ("misc", "Zenodo", "", "other"),
        ("software", "GitHub repository", "", "other"),
        ("article", "", "", "other"),
    ],
)
def test_level_of(kind: str, venue: str, eprint: str, level: str) -> None:
    assert level_of(kind, venue, eprint) == level


def _tree(release: str, path: str) -> str:
    return (RELEASES / release / "tree" / path).read_text(encoding="utf-8")


def test_real_citation_blocks() -> None:
    neox = best(citations(_tree("EleutherAI__gpt-neox", "README.md")))
    assert neox is not None and neox.level == "workshop" and neox.kind == "inproceedings"
    clip = best(citations(_tree("mlfoundations__open_clip", "README.md")))
    assert clip is not None and clip.level == "peer-reviewed"
    # the first entry is the Zenodo software record: not a paper, and not the best entry
    assert citations(_tree("mlfoundations__open_clip", "README.md"))[0].level == "other"
    chat = citations(_tree("lm-sys__FastChat", "README.md"))
    assert chat and {c.level for c in chat} == {"preprint"}


def test_line_numbers_point_at_the_entry() -> None:
    text = "# Cite\n\n```bibtex\n@inproceedings{x,\n  title={A},\n  booktitle={ICML},\n}\n```\n"
    (entry,) = citations(text)
    assert entry.line == 4 and entry.title == "A" and entry.venue == "ICML"


def test_bounded_on_hostile_input() -> None:
    text = "@article{a,\n journal={J},\n}\n" * 10_000
    assert len(citations(text)) == MAX_ENTRIES
    assert citations("@" * 100_000 + "{") == []


def test_authors_and_same_group() -> None:
    from opengauge.docs.citations import same_authors

    text = (
        "@software{a,\n  author = {Black, Sid and Biderman, Stella and others},\n}\n"
        "@inproceedings{b,\n  author = {Sid Black and Stella Biderman and Leo Gao},\n}\n"
        "@misc{c,\n  author = {{Together Computer}},\n}\n"
        "@misc{d,\n  author = {Black, Jane and Smith, Ann},\n}\n"
    )
    a, b, c, d = citations(text)
    assert a.authors == {"black", "biderman"}
    assert c.authors == {"together computer"}
    assert same_authors(b, a) and not same_authors(d, a) and not same_authors(c, a)
    assert same_authors(c, c)
