"""Which followed place a reference points to, and the references that carry it (pure).

``opengauge.follow`` checks on the Hub what a release links to and records each place
as a :class:`~opengauge.model.FollowedLink` on the evidence. This module names a
reference's place the same way (``hf://org/name``, ``hf://datasets/org/name``,
``arxiv:<id>``) so that each reference can carry what following it found.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from opengauge.components.links import classify_url
from opengauge.model.components import FOLLOWED_LINKED as LINKED
from opengauge.model.components import FOLLOWED_UNREACHABLE as UNREACHABLE
from opengauge.model.components import FOLLOWED_VERIFIED as VERIFIED
from opengauge.model.components import ComponentResult, FollowedLink, Reference

ARXIV = re.compile(r"^arxiv:(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})$", re.I)
_HUB_ID = re.compile(r"^hf://(datasets/)?\w[\w.\-]*/\w[\w.\-]*(@[\w.\-/]+)?$")


def follow_key(target: str) -> str | None:
    """The place a reference's ``target`` names on the Hugging Face Hub or arXiv, or None
    (other hosts, Hub organisations, spaces and files are not followed)."""
    if target.startswith("hf://"):
        return target if _HUB_ID.match(target) else None
    found = classify_url(target)
    if found is None:
        return None
    if found.kind == "paper":
        return found.key if ARXIV.match(found.key) else None
    if found.host != "huggingface.co" or found.org is None or found.name is None:
        return None
    revision = f"@{found.revision}" if found.revision else ""
    if found.kind == "hub-model":
        return f"hf://{found.org}/{found.name}{revision}"
    if found.kind == "hub-dataset":
        return f"hf://datasets/{found.org}/{found.name}{revision}"
    return None


def attach(
    results: Iterable[ComponentResult], followed: Iterable[FollowedLink]
) -> tuple[ComponentResult, ...]:
    """``results`` with each reference to a followed place carrying its verification."""
    rows = {row.target.lower(): row for row in followed}
    attached = []
    for result in results:
        references = tuple(
            dataclasses.replace(ref, verification=rows.get((follow_key(ref.target) or "").lower()))
            for ref in result.references
        )
        attached.append(dataclasses.replace(result, references=references))
    return tuple(attached)


def state_text(reference: Reference) -> str:
    """What is known of a referenced place: "not inspected" when it was not followed,
    else "verified on the Hub at <sha>, licence <id>", "not reachable (why)" or
    "linked only (...)"."""
    row = reference.verification
    if row is None:
        return "not inspected"
    if row.state == VERIFIED:
        licence = ", ".join(row.licence) or "none declared"
        gated = "; gated" if row.gated else ""
        return f"verified on the Hub at {(row.revision or '?')[:12]}, licence {licence}{gated}"
    if row.state == LINKED:
        return f"linked only ({row.detail or 'not fetched'})"
    return f"not reachable ({row.detail or 'no detail'})"


def shown_reference(result: ComponentResult) -> Reference | None:
    """The reference a verdict cites for a referenced component: the first one that was
    followed, else the first one."""
    for reference in result.references:
        if reference.verification is not None:
            return reference
    return result.references[0] if result.references else None


def followed_counts(result: ComponentResult) -> str:
    """``2 verified on the Hub, 1 not reachable`` for a component's followed references;
    empty when none was followed."""
    states = [r.verification.state for r in result.references if r.verification is not None]
    words = (
        (VERIFIED, "verified on the Hub"),
        (UNREACHABLE, "not reachable"),
        (LINKED, "linked only"),
    )
    return ", ".join(f"{states.count(state)} {word}" for state, word in words if state in states)


__all__ = [
    "ARXIV",
    "LINKED",
    "UNREACHABLE",
    "VERIFIED",
    "attach",
    "follow_key",
    "followed_counts",
    "shown_reference",
    "state_text",
]
