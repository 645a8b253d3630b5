"""A followed Hub card's licence as licence matches."""

from __future__ import annotations

from opengauge.licenses.hub_card import SOURCE, hub_licences
from opengauge.model import FollowedLink, LicenseCategory
from opengauge.model.components import FOLLOWED_UNREACHABLE, FOLLOWED_VERIFIED

SHA = "b" * 40


def test_verified_card_licences_cite_the_commit() -> None:
    row = FollowedLink(
        "hf://org/w", "link", FOLLOWED_VERIFIED, revision=SHA, licence=("apache-2.0", "other")
    )
    (found,) = hub_licences(row, "weights")  # "other" names no licence: left out
    assert (found.id, found.category, found.component, found.source) == (
        "Apache-2.0",
        LicenseCategory.OSI_OPEN,
        "weights",
        SOURCE,
    )
    assert found.location.pointer.startswith(f"hf://org/w@{SHA}")
    assert found.reason == f"licence found on the Hub card of org/w@{SHA}"


def test_unverified_rows_give_nothing() -> None:
    assert hub_licences(FollowedLink("hf://org/w", "link", FOLLOWED_UNREACHABLE), "data") == ()
    no_sha = FollowedLink("hf://org/w", "link", FOLLOWED_VERIFIED, licence=("mit",))
    assert hub_licences(no_sha, "weights") == ()
