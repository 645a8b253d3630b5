"""The text matcher: tiers, near-duplicate families, several licences, pointers, bad text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from opengauge.licenses import identify
from opengauge.licenses.reference import data_root, front_matter
from opengauge.model.licenses import LicenseCategory

SC = "LicenseRef-scancode-"


def ai(key: str) -> str:
    return front_matter(data_root().joinpath("ai", f"{key}.LICENSE").read_text("utf-8"))[1]


def spdx(spdx_id: str) -> str:
    return data_root().joinpath("spdx", f"{spdx_id}.txt").read_text("utf-8")


def ids(text: str, path: str = "LICENSE") -> list[str | None]:
    return [m.id for m in identify(text, path)]


def test_exact_reference_texts() -> None:
    assert ids(spdx("MIT")) == ["MIT"]
    assert ids(ai("gemma-tou-2024-04-01")) == [SC + "gemma-tou-2024-04-01"]
    assert ids(ai("gemma-tou-2025-03-24")) == [SC + "gemma-tou-2025-03-24"]


def test_reformatted_text_still_matches() -> None:
    text = "\n".join(
        "  " + line.upper() + "  " for line in ai("llama-3.3-license-2024").splitlines()
    )
    assert ids(text) == [SC + "llama-3.3-license-2024"]


def test_openrail_m_and_plusplus_are_told_apart() -> None:
    m = ai("stable-diffusion-2022-08-22").replace("\n", "\n\n")
    pp = ai("bigscience-open-rail-m2").replace("\n", "\n\n")
    assert ids(m) == [SC + "stable-diffusion-2022-08-22"]
    assert ids(pp) == [SC + "bigscience-open-rail-m2"]


def test_llama_version_retitled_is_not_claimed() -> None:
    # Llama 3.1 text with a 3.2 title and date: no reference fits, so abstain.
    text = (
        ai("llama-3.1-license-2024").replace("3.1", "3.7").replace("July 23, 2024", "May 1, 2026")
    )
    matches = identify(text, "LICENSE")
    assert [m.id for m in matches] == [None]
    assert matches[0].category is LicenseCategory.RESTRICTED_AUP  # from its clauses
    assert {"mau-cap", "aup-by-reference"} <= {c.kind for c in matches[0].clauses}


def test_gemma_dates_decide() -> None:
    text = ai("gemma-tou-2024-04-01").replace("April 1, 2024", "March 24, 2025")
    assert ids(text) in ([SC + "gemma-tou-2025-03-24"], [None])


def test_apache_without_appendix_is_apache() -> None:
    text = spdx("Apache-2.0").split("APPENDIX")[0]
    assert ids(text) == ["Apache-2.0"]


def test_concatenated_licences_give_several_matches_with_lines() -> None:
    mit, bsd = spdx("MIT"), spdx("BSD-3-Clause")
    text = mit + "\n\n----\n\n" + bsd + "\n\n" + ai("llama-4-license-2025")
    matches = identify(text, "NOTICE")
    assert [m.id for m in matches] == ["MIT", "BSD-3-Clause", SC + "llama-4-license-2025"]
    assert matches[0].start_line == 1
    assert matches[1].start_line > matches[0].end_line
    assert matches[2].start_line > matches[1].end_line


def test_pointer() -> None:
    matches = identify(
        "The license for this model is available at https://example.org/terms\n", "LICENSE"
    )
    assert [(m.method, m.id) for m in matches] == [("pointer", None)]
    assert "https://example.org/terms" in (matches[0].reason or "")


def test_empty_and_junk_abstain() -> None:
    assert [m.method for m in identify("", "LICENSE")] == ["abstain"]
    assert [m.id for m in identify("lorem ipsum " * 50, "LICENSE")] == [None]


def test_unknown_noncommercial_licence_keeps_its_clauses() -> None:
    text = "Acme Model Licence\n\nYou may use the model for non-commercial purposes only.\n"
    (match,) = identify(text, "LICENSE")
    assert match.id is None
    assert match.category is LicenseCategory.NONCOMMERCIAL
    assert match.clauses[0].kind == "non-commercial" and match.clauses[0].line == 3


def test_readme_prose_falls_back_to_statements() -> None:
    (match,) = identify(
        "# Model\n\nThe weights are released under the Apache 2.0 license.\n", "README.md"
    )
    assert (match.id, match.method, match.component) == ("Apache-2.0", "statement", "weights")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_arbitrary_text_never_raises(text: str) -> None:
    identify(text, "LICENSE")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "license",
                "MIT",
                "Apache",
                "2.0",
                "under",
                "the",
                "see",
                "http://x",
                "\n",
                "non-commercial",
                "Llama",
                "3.1",
            ]
        ),
        max_size=400,
    )
)
def test_licence_words_soup_never_raises(words: list[str]) -> None:
    identify(" ".join(words), "README.md")


def test_a_licence_is_not_blocked_by_a_fragment_of_itself() -> None:
    # CoreNet's LICENSE: Apple's sample code licence (SPDX AML) with a copyright header; the
    # apple-ml-ferret reference is the same text without its first paragraph
    corenet = Path(__file__).parents[1] / "data/releases/apple__corenet/tree/LICENSE"
    assert ids(corenet.read_text("utf-8")) == ["AML"]
    ferret = ai("apple-ml-ferret-2023")
    assert ids(ferret) == [SC + "apple-ml-ferret-2023"]


def test_databricks_open_model_licence() -> None:
    text = front_matter(
        data_root().joinpath("extra", "databricks-open-model-2024.LICENSE").read_text("utf-8")
    )[1]
    (match,) = identify(text, "LICENSE")
    assert match.id == "LicenseRef-opengauge-databricks-open-model-2024"
    assert match.category is LicenseCategory.RESTRICTED_AUP
    assert {"mau-cap", "aup-by-reference", "no-improve-other-models"} <= {
        c.kind for c in match.clauses
    }
