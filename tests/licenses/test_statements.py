"""Statements (README, badges, SPDX headers, package metadata), card metadata, categories."""

from __future__ import annotations

from opengauge.licenses import (
    category_of,
    detect_clauses,
    from_card_metadata,
    from_package_metadata,
    from_statements,
)
from opengauge.licenses.categories import flags
from opengauge.model.licenses import LicenseCategory as C


def test_readme_forms() -> None:
    text = (
        "# Model\n"
        "[![License](https://img.shields.io/badge/License-Apache_2.0-blue.svg)](LICENSE)\n"
        "- **License:** [CreativeML OpenRAIL-M](LICENSE)\n"
        "The code is released under the MIT license.\n"
        "**License**\n"
        "Non-commercial bespoke license\n"
    )
    found = {(m.id, m.start_line): m for m in from_statements(text, "README.md")}
    assert set(found) == {
        ("Apache-2.0", 2),
        ("LicenseRef-scancode-stable-diffusion-2022-08-22", 3),
        ("MIT", 4),
        (None, 6),
    }
    assert found[("MIT", 4)].component == "code"
    assert found[(None, 6)].category is C.NONCOMMERCIAL
    assert "links to LICENSE" in (
        found[("LicenseRef-scancode-stable-diffusion-2022-08-22", 3)].reason or ""
    )


def test_spdx_header_expression() -> None:
    (match,) = from_statements("# SPDX-License-Identifier: MIT OR Apache-2.0\nimport os\n", "a.py")
    assert match.source == "spdx-header"
    assert match.id == "MIT OR Apache-2.0"
    assert match.category is C.OSI_OPEN


def test_proprietary_statement_is_not_guessed() -> None:
    (match,) = from_statements("- **License:** [Proprietary](LICENSE)\n", "README.md")
    assert (match.id, match.category) == (None, C.PROPRIETARY)


def test_many_license_words_are_bounded() -> None:
    text = "license " * 10_000 + "\n" + "released under the MIT license.\n" * 5000
    found = from_statements(text, "README.md")
    assert len(found) <= 50


def test_card_metadata() -> None:
    assert [m.id for m in from_card_metadata({"license": "apache-2.0"}, "README.md")] == [
        "Apache-2.0"
    ]
    (llama,) = from_card_metadata({"license": "llama3.1"}, "README.md")
    assert llama.id == "LicenseRef-scancode-llama-3.1-license-2024"
    assert llama.category is C.RESTRICTED_AUP and llama.component == "weights"
    (family,) = from_card_metadata({"license": "openrail"}, "README.md")
    assert family.id is None and "family" not in (family.name or "")
    assert "does not name one licence" in (family.reason or "")
    (other,) = from_card_metadata(
        {"license": "other", "license_name": "acme-research", "license_link": "LICENSE"},
        "README.md",
    )
    assert other.id is None and other.name == "acme-research" and "LICENSE" in (other.reason or "")
    assert [m.id for m in from_card_metadata({"license": ["mit", "cc-by-4.0"]}, "x")] == [
        "MIT",
        "CC-BY-4.0",
    ]
    assert from_card_metadata({"license": 42}, "x") == ()


def test_package_metadata() -> None:
    (toml,) = from_package_metadata(
        '[project]\nname = "x"\nlicense = "Apache-2.0"\n', "pyproject.toml"
    )
    assert (toml.id, toml.line if hasattr(toml, "line") else toml.start_line) == ("Apache-2.0", 3)
    (cfg,) = from_package_metadata(
        "[metadata]\nlicense = MIT\nlicense_files = LICENSE\n", "setup.cfg"
    )
    assert cfg.id == "MIT" and cfg.component == "code"


def test_categories_and_expressions() -> None:
    assert category_of("MIT") is C.OSI_OPEN
    assert category_of("CC-BY-NC-4.0") is C.NONCOMMERCIAL
    assert category_of("CC-BY-4.0") is C.OPEN_CONTENT
    assert category_of("CDLA-Permissive-2.0") is C.OPEN_DATA
    assert category_of("MIT AND LicenseRef-scancode-llama-2-license-2023") is C.RESTRICTED_AUP
    assert category_of("MIT OR CC-BY-NC-4.0") is C.OSI_OPEN
    assert category_of("Apache-2.0 AND CC-BY-NC-4.0") is C.NONCOMMERCIAL
    assert category_of("llama3") is C.RESTRICTED_AUP
    assert category_of("((((") is C.UNKNOWN
    assert category_of("LicenseRef-who-knows") is C.UNKNOWN
    assert flags("BSD-3-Clause-Clear") == flags("BSD-3-Clause-Clear")
    assert (flags("MIT").osi_approved, flags("MIT").fsf_libre) == (True, True)
    assert flags("BSD-3-Clause-Clear").osi_approved is False


def test_clause_kinds_on_prose() -> None:
    text = (
        "You may not use the Materials or any output to improve any other large language model.\n"
        "If, on the version release date, the monthly active users exceeds 700 million...\n"
        "you shall prominently display “Built with Llama” on a related website.\n"
        "Use is permitted for research purposes only.\n"
        "Copyright 2020. Apache license covers commercial damages.\n"
    )
    kinds = {(c.kind, c.line) for c in detect_clauses(text)}
    assert kinds == {
        ("no-improve-other-models", 1),
        ("mau-cap", 2),
        ("naming-duty", 3),
        ("research-only", 4),
    }


def test_scoped_license_fields_and_sentences() -> None:
    from opengauge.licenses import from_statements

    text = (
        "- **License (code):** Apache-2.0 (`LICENSE`)\n"
        "- **License (data and model parameters):** CDLA-Permissive-2.0 (`LICENSE-DATA`)\n"
        "The code is released under the MIT license. The model weights are released under "
        "CC-BY-4.0.\n"
        "Weights: see above; they are released under CDLA-Permissive-2.0.\n"
    )
    found = [(m.start_line, m.id, m.component) for m in from_statements(text, "README.md")]
    assert found == [
        (1, "Apache-2.0", "code"),
        (2, "CDLA-Permissive-2.0", "weights"),
        (3, "MIT", "code"),
        (3, "CC-BY-4.0", "weights"),
    ]  # line 4 repeats line 2


def test_licence_named_without_the_word_licence() -> None:
    from opengauge.licenses.statements import find

    (found,) = find("The weights are released under Apache 2.0 for any use.\n")
    assert found.name == "Apache 2.0" and found.kind == "prose"
    assert find("We released it under pressure from users.\n") == []


def test_terms_bound_by_verb_list_every_linked_licence() -> None:
    text = (
        "## License\n"
        "The community usage of X 2 model requires adherence to [Apache 2.0](LICENSE) and "
        "[Community License for X2 Model](https://hub/x.pdf). For commercial use, please "
        "ensure that your entity meets the following conditions:\n"
        "\n"
        "  1. The Daily Active Users (DAU) of your service is less than 1 million.\n"
    )
    found = {m.name: m for m in from_statements(text, "README.md")}
    assert set(found) == {"Apache 2.0", "Community License for X2 Model"}
    assert {m.component for m in found.values()} == {"weights"}
    vendor = found["Community License for X2 Model"]
    # no text for it: the conditions stated with it decide, and the reason says which
    assert vendor.id is None and vendor.category is C.RESTRICTED_AUP
    assert "mau-cap" in (vendor.reason or "") and "links to https://hub/x.pdf" in vendor.reason
    assert found["Apache 2.0"].category is C.OSI_OPEN


def test_unknown_name_without_stated_conditions_stays_unknown() -> None:
    (match,) = from_statements("The model is subject to the [Foo Model License](x).\n", "R.md")
    assert (match.name, match.category) == ("Foo Model License", C.UNKNOWN)


def test_licence_found_at_takes_the_scope_of_the_sentence_before() -> None:
    text = (
        "Our model weights are licensed for researchers and companies. The Acme Open Source "
        "License can be found at [LICENSE](https://github.com/acme/x/blob/main/LICENSE), and "
        "our Acceptable Use Policy can be found [here](https://acme.com/aup-model).\n"
    )
    (match,) = from_statements(text, "README.md")
    assert (match.name, match.component) == ("Acme Open Source License", "weights")
    assert match.category is C.RESTRICTED_AUP  # the use policy that comes with it
    assert "aup-by-reference" in {c.kind for c in match.clauses}


def test_accepted_terms_and_soft_wrapped_references() -> None:
    text = (
        "By downloading the datasets you agree that you have read and accepted the terms "
        "of the SA-1B Dataset Research License.\n"
        "For the dataset itself, please refer to\n"
        "the [Common Crawl Foundation Terms of Use](https://commoncrawl.org/terms-of-use).\n"
        "Please refer to [LICENSE](LICENSE) and to [our licence](x) for details.\n"
    )
    found = {m.name: m for m in from_statements(text, "README.md")}
    assert set(found) == {"SA-1B Dataset Research License", "Common Crawl Foundation Terms of Use"}
    research = found["SA-1B Dataset Research License"]
    assert (research.component, research.category) == ("data", C.NONCOMMERCIAL)
    terms = found["Common Crawl Foundation Terms of Use"]
    assert (terms.start_line, terms.component, terms.category) == (2, "data", C.RESTRICTED_AUP)


def test_daily_user_caps_and_linked_use_policies_are_clauses() -> None:
    text = (
        "The Daily Active Users (DAU) of your service must be under 1 million.\n"
        "Our Acceptable Use Policy can be found [here](https://x/aup).\n"
    )
    assert {(c.kind, c.line) for c in detect_clauses(text)} == {
        ("mau-cap", 1),
        ("aup-by-reference", 2),
    }


def test_names_that_say_their_category() -> None:
    from opengauge.licenses.names import resolve

    assert resolve("SA-1B Dataset Research License").category is C.NONCOMMERCIAL
    assert resolve("Common Crawl Foundation Terms of Use").category is C.RESTRICTED_AUP
    assert resolve("Foo Model License").category is C.UNKNOWN


def test_a_link_to_a_licence_file_by_a_generic_name_is_a_pointer() -> None:
    text = (
        "This code repository is licensed under [the MIT License](LICENSE-CODE). The use of "
        "X Base/Chat models is subject to [the Model License](LICENSE-MODEL).\n"
    )
    assert [(m.name, m.component) for m in from_statements(text, "README.md")] == [
        ("the MIT License", "code")
    ]


def test_fenced_blocks_are_not_statements_and_lists_keep_their_items() -> None:
    quoted = (
        "## Eval\n\n```\nAnswer: the model is licensed under the Llama 2 Community license\n```\n"
    )
    assert from_statements(quoted, "README.md") == ()
    text = (
        "## Licenses\n\n"
        "- Base checkpoints are licensed under the Creative Commons license "
        "([CC BY-SA-4.0](https://creativecommons.org/licenses/by-sa/4.0/)).\n\n"
        "- Tuned checkpoints are licensed under the Non-Commercial Creative Commons license "
        "([CC BY-NC-SA-4.0](https://creativecommons.org/licenses/by-nc-sa/4.0/)).\n\n"
        "- All code in this repository is licensed under the Apache License 2.0 license.\n"
    )
    found = {(m.start_line, m.id, m.category) for m in from_statements(text, "README.md")}
    assert found == {
        (3, "CC-BY-SA-4.0", C.OPEN_CONTENT),
        (5, "CC-BY-NC-SA-4.0", C.NONCOMMERCIAL),
        (7, "Apache-2.0", C.OSI_OPEN),
    }
