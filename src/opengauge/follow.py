"""Follow a release across the places it is published: check its Hub links remotely.

A release is often spread over a GitHub repository, a Hub model repository, Hub dataset
repositories and a paper. :func:`follow_links` takes what the audit found pointing
elsewhere (the card metadata's ``base_model`` and ``datasets``; with ``links``, also the
Hub repositories and arXiv papers that the components' references link to) and asks the
Hub about each repository: one metadata request each (``repo_info``: commit, gated
status, card metadata), no file content. The result is evidence, gathered before analysis
(``Evidence.followed``, also shown on the report's target) as
:class:`~opengauge.model.FollowedLink` rows ("referenced, verified" with the licence
its card declares, "referenced, not reachable" with why, "referenced, linked" for papers
cited by arXiv id, which are not fetched).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from opengauge.components import assess
from opengauge.components.followed import ARXIV, LINKED, UNREACHABLE, VERIFIED, follow_key
from opengauge.errors import TargetError
from opengauge.model import ComponentResult, Evidence, FollowedLink

MAX_FOLLOWED = 25
__all__ = ["LINKED", "UNREACHABLE", "VERIFIED", "Wanted", "follow_links", "wanted_links"]

if TYPE_CHECKING:  # huggingface_hub is imported only when something is followed
    from opengauge.sources.hub import HubOptions
    from opengauge.sources.hub_http import Counters


@dataclass(frozen=True)
class Wanted:
    """One place to check: ``hf://...`` or ``arxiv:<id>``, why, and for which component."""

    target: str
    relation: str
    component: str | None = None


def _names(value: Any) -> list[str]:
    """A card metadata value that is one id or a list of ids, as a list of strings."""
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in values[:50] if isinstance(v, str) and v.strip()]


def from_metadata(metadata: Mapping[str, Any]) -> Iterator[Wanted]:
    """``base_model`` and ``datasets`` of a card's metadata, as Hub repositories."""
    for name in _names(metadata.get("base_model")):
        yield Wanted(f"hf://{name}", "base_model", "Model parameters (Final)")
    for name in _names(metadata.get("datasets")):
        yield Wanted(f"hf://datasets/{name}", "datasets", "Datasets")


def from_references(components: Iterable[ComponentResult]) -> Iterator[Wanted]:
    """The Hub repositories and arXiv papers the components' references link to."""
    for result in components:
        for reference in result.references:
            key = follow_key(reference.target)
            if key is not None:
                yield Wanted(key, "link", result.component.value)


def wanted_links(
    evidence: Evidence, components: Iterable[ComponentResult], *, links: bool
) -> list[Wanted]:
    """What to follow: the top-level cards' base model and datasets, and with ``links``
    the components' Hub and arXiv references; each target once (its first reason)."""
    found: list[Wanted] = []
    for card in sorted(evidence.cards, key=lambda c: c.path):
        if "/" not in card.path:
            found.extend(from_metadata(card.metadata))
    if links:
        found.extend(from_references(components))
    unique: dict[str, Wanted] = {}
    for wanted in found:
        unique.setdefault(wanted.target.lower(), wanted)
    return list(unique.values())


def _licences(card: Mapping[str, Any] | None, tags: Iterable[str]) -> tuple[str, ...]:
    """The licence ids a Hub repository declares: card metadata, else ``license:`` tags."""
    declared = _names((card or {}).get("license"))
    if not declared:
        declared = [t.split(":", 1)[1] for t in tags if t.startswith("license:")]
    return tuple(dict.fromkeys(d[:100] for d in declared))


def check(wanted: Wanted, api: Any, http: Any) -> FollowedLink:
    """Ask the Hub about one place (no file content is read)."""
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled

    from opengauge.sources.hub_http import HubBusyError
    from opengauge.sources.hub_id import parse_hub_spec
    from opengauge.sources.hub_open import repo_error

    row = FollowedLink(wanted.target, wanted.relation, UNREACHABLE, wanted.component)
    if ARXIV.match(wanted.target):
        return dataclasses.replace(row, state=LINKED, detail="arXiv paper, cited by id only")
    try:
        repo = parse_hub_spec(wanted.target)
    except TargetError:
        return dataclasses.replace(row, detail="not a Hugging Face repository id")
    try:
        info = http.api(
            f"{wanted.target} info",
            lambda: api.repo_info(repo.repo_id, repo_type=repo.kind, revision=repo.revision),
        )
    except (HfHubHTTPError, HubBusyError, OfflineModeIsEnabled, httpx2.HTTPError, OSError) as exc:
        why = str(repo_error(repo, http, exc)).removeprefix(f"{repo.spec()}: ")
        return dataclasses.replace(row, detail=why)
    except ValueError as exc:  # huggingface_hub's own id check (HFValidationError)
        return dataclasses.replace(row, detail=f"not a valid Hub repository id ({exc})"[:300])
    card = getattr(info, "card_data", None)
    metadata = card.to_dict() if card is not None else {}
    licences = _licences(metadata, getattr(info, "tags", None) or [])
    files = {s.rfilename for s in getattr(info, "siblings", None) or []}
    read = ", ".join(f for f in ("README.md", "LICENSE", "LICENSE.md", "LICENSE.txt") if f in files)
    gated = bool(getattr(info, "gated", False))
    detail = f"card metadata licence: {', '.join(licences)}" if licences else "no licence declared"
    detail += f"; files: {read}" if read else "; no card"
    if gated:
        detail += "; gated: its files need accepted conditions"
    return dataclasses.replace(
        row,
        state=VERIFIED,
        revision=getattr(info, "sha", None),
        licence=licences,
        gated=gated,
        detail=detail,
    )


def follow_links(
    evidence: Evidence,
    *,
    links: bool,
    name: str = "",
    options: HubOptions | None = None,
    counters: Counters | None = None,
) -> tuple[FollowedLink, ...]:
    """What the Hub says of the places ``evidence`` points to (see the module docstring);
    empty when there is nothing to follow or the Hub is offline. ``name`` is the
    release's name, for the component inventory whose references are followed."""
    from huggingface_hub import constants

    from opengauge.sources.hub import HubOptions
    from opengauge.sources.hub_open import connect

    components = assess(evidence, name) if links else ()
    wanted = wanted_links(evidence, components, links=links)
    if not wanted or constants.is_offline_mode():
        return ()
    http, api = connect(options or HubOptions())
    if counters is not None:  # the caller's meter: a remote audit counts these requests too
        http.counters = counters
    rows = [check(w, api, http) for w in wanted[:MAX_FOLLOWED]]
    rows += [
        FollowedLink(
            w.target,
            w.relation,
            UNREACHABLE,
            w.component,
            detail=f"not followed: over {MAX_FOLLOWED} links",
        )
        for w in wanted[MAX_FOLLOWED:]
    ]
    return tuple(rows)
