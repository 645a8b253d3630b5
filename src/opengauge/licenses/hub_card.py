"""The licence a followed Hub repository's card declares, as licence matches (pure).

``opengauge.follow`` reads each followed repository's card metadata on the Hub; its
``license`` ids go through the same Hub id map as a local card's, and cite the place
they were found: ``hf://org/name@<sha>``.
"""

from __future__ import annotations

from dataclasses import replace

from opengauge import licenses as engine
from opengauge.model import FollowedLink, LicenseMatch
from opengauge.model.components import FOLLOWED_VERIFIED

SOURCE = "hub-card"


def hub_licences(row: FollowedLink, scope: str) -> tuple[LicenseMatch, ...]:
    """The identified licences ``row``'s Hub card declares, governing ``scope``; none
    unless the repository was verified on the Hub at a known commit."""
    if row.state != FOLLOWED_VERIFIED or not row.licence or not row.revision:
        return ()
    place = f"{row.target}@{row.revision}" if "@" not in row.target else row.target
    why = f"licence found on the Hub card of {place.removeprefix('hf://')}"
    return tuple(
        replace(match, component=scope, source=SOURCE, confidence=0.9, reason=why)
        for match in engine.from_card_metadata({"license": list(row.licence[:10])}, place)
        if match.id
    )
