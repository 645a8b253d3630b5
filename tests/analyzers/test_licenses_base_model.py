"""licenses.base_model: a fine-tune's own licence against its base model's."""

from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.licenses_base_model import ANALYZER
from opengauge.model import Card, Evidence, FollowedLink, LicenseCategory, Severity, Status
from opengauge.model.components import FOLLOWED_UNREACHABLE, FOLLOWED_VERIFIED

from .licenses_helpers import match

LLAMA2 = "LicenseRef-scancode-llama-2-license-2023"
SHA = "a" * 40
APACHE_CARD = match("README.md", "Apache-2.0", source="card-metadata", component="code")


def run(*licenses, cards=(), followed=()):  # type: ignore[no-untyped-def]
    evidence = Evidence(root="/x", licenses=licenses, cards=cards, followed=followed)
    return list(ANALYZER.run(Context.build(evidence)))


def _card(base: object) -> Card:
    return Card("README.md", "model", {"license": "apache-2.0", "base_model": base})


def test_apache_card_over_a_llama_base_named_in_metadata() -> None:
    (finding,) = run(APACHE_CARD, cards=(_card("meta-llama/Llama-2-7b-hf"),))
    assert finding.status is Status.FAIL and finding.severity is Severity.HIGH
    assert "Apache-2.0" in finding.message and "Llama 2 Community License" in finding.message
    assert "known base models table" in finding.message
    assert finding.facts["base_licenses"] == [LLAMA2]


def test_the_followed_hub_card_is_cited_with_its_commit() -> None:
    row = FollowedLink(
        "hf://org/base", "base_model", FOLLOWED_VERIFIED, revision=SHA, licence=("llama2",)
    )
    (finding,) = run(APACHE_CARD, cards=(_card("org/base"),), followed=(row,))
    assert finding.status is Status.FAIL
    assert f"licence found on the Hub card of org/base@{SHA}" in finding.message
    assert [loc.pointer for loc in finding.locations][1].startswith(f"hf://org/base@{SHA}")


def test_an_unreachable_base_and_an_open_base_give_no_failure() -> None:
    gone = FollowedLink("hf://org/base", "base_model", FOLLOWED_UNREACHABLE, detail="not found")
    (finding,) = run(APACHE_CARD, cards=(_card("org/base"),), followed=(gone,))
    assert finding.status is Status.NOT_APPLICABLE
    open_base = FollowedLink(
        "hf://org/base", "base_model", FOLLOWED_VERIFIED, revision=SHA, licence=("cc-by-4.0",)
    )
    (finding,) = run(APACHE_CARD, cards=(_card("org/base"),), followed=(open_base,))
    assert finding.status is Status.PASS


def test_a_fine_tune_that_keeps_the_base_licence_passes() -> None:
    table = match(
        "README.md",
        LLAMA2,
        LicenseCategory.RESTRICTED_AUP,
        source="base-model",
        component="weights",
    )
    own = match("LICENSE", LLAMA2, LicenseCategory.RESTRICTED_AUP)
    (finding,) = run(table, own)
    assert finding.status is Status.PASS
    (finding,) = run(table, match("LICENSE", "MIT"))
    assert finding.status is Status.FAIL and "LICENSE:1-10 states MIT" in finding.message


def test_no_own_licence_is_not_applicable() -> None:
    (finding,) = run(cards=(_card(["meta-llama/Llama-2-7b-hf", 3]),))
    assert finding.status is Status.NOT_APPLICABLE and "no licence of its own" in finding.message


def test_licence_files_in_sub_folders_are_not_the_release_s_own() -> None:
    table = match(
        "README.md",
        LLAMA2,
        LicenseCategory.RESTRICTED_AUP,
        source="base-model",
        component="weights",
    )
    other = match("assets/model_licenses/pythia_license.txt", "Apache-2.0", component="weights")
    (finding,) = run(table, other)
    assert finding.status is Status.NOT_APPLICABLE
