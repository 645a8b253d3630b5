"""Accuracy floors on the labelled licence corpus (tests/data/licenses_corpus)."""

from __future__ import annotations

import functools

from opengauge.licenses.reference import build_index, front_matter

from . import corpus_eval as ce


@functools.lru_cache(maxsize=1)
def _outcomes() -> list[ce.Outcome]:
    return ce.evaluate()


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in ce.CORPUS.iterdir()} - {"LABELS.tsv", "README.md"}
    assert files == set(ce.EXPECTED)


def test_category_floor() -> None:
    outcomes = _outcomes()
    share = sum(o.category_ok for o in outcomes) / len(outcomes)
    assert share >= 0.95, [o for o in outcomes if not o.category_ok]


def test_identifier_or_abstention_floor() -> None:
    outcomes = _outcomes()
    share = sum(o.id_ok for o in outcomes) / len(outcomes)
    assert share >= 0.90, [o for o in outcomes if not o.id_ok]


def test_no_confident_cross_category_error() -> None:
    assert [o for o in _outcomes() if o.confident_cross_category] == []


def test_held_out_never_confidently_wrong() -> None:
    """Without the references made from corpus files, the engine abstains, never lies."""
    from opengauge.licenses.reference import data_root

    derived = frozenset(
        derived
        for p in data_root().joinpath("extra").iterdir()
        if p.name.endswith(".LICENSE")
        # texts copied from a public repository outside the corpus have no derived_from
        if (derived := front_matter(p.read_text("utf-8"))[0].get("derived_from"))
    )
    outcomes = ce.evaluate(build_index(derived))
    assert [o for o in outcomes if not o.id_ok] == []
