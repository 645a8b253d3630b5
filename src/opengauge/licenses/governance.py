"""Which licences govern a component, and are they open enough for it? One place. Pure.

``LicenseMatch.component`` says what a licence governs (code, weights, data,
documentation, all, unknown). Two named policies pick the governing licences:

- ``Policy.ALL_APPLY`` (OSAID, the Index, openwashing): the licences of the component's
  scope and those that govern everything apply together (AND): the most restrictive
  decides.
- ``Policy.SCOPE_ELSE_ALL`` (the Model Openness Tool): the licences naming the scope,
  else those of ``all`` (MOT's "global distribution licence").

A component that is only *referenced* (published elsewhere) is governed by what the
release says about that component specifically (a weights licence file, "the weights are
under ..."), never by the repository's blanket LICENSE: a GitHub repo's Apache-2.0 does
not license weights hosted on the Hub.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from opengauge.licenses.governs import from_path
from opengauge.model import (
    CONTENT_TYPE,
    Component,
    ComponentState,
    ContentType,
    LicenseCategory,
    LicenseMatch,
)

L = LicenseCategory

_WEIGHTS = (Component.MODEL_PARAMETERS_FINAL, Component.MODEL_PARAMETERS_INTERMEDIATE)
_SCOPE_OF_TYPE = {
    ContentType.CODE: "code",
    ContentType.DATA: "data",
    ContentType.DOCUMENT: "documentation",
}

# Categories acceptable under OSI-approved or OSD-conformant terms, per scope.
OPEN_FOR_SCOPE: dict[str, frozenset[LicenseCategory]] = {
    "code": frozenset({L.OSI_OPEN}),
    "weights": frozenset({L.OSI_OPEN, L.OPEN_DATA, L.OPEN_CONTENT}),
    "data": frozenset({L.OSI_OPEN, L.OPEN_DATA, L.OPEN_CONTENT}),
    "documentation": frozenset({L.OSI_OPEN, L.OPEN_DATA, L.OPEN_CONTENT}),
}


class Policy(StrEnum):
    """How the governing licences of a component are chosen."""

    ALL_APPLY = "all-apply"
    SCOPE_ELSE_ALL = "scope-else-all"


def scope_of(component: Component) -> str:
    """The ``LicenseMatch.component`` value that names this component's kind."""
    if component in _WEIGHTS:
        return "weights"
    return _SCOPE_OF_TYPE[CONTENT_TYPE[component]]


def governing(
    component: Component,
    licenses: Iterable[LicenseMatch],
    policy: Policy = Policy.ALL_APPLY,
    state: ComponentState = ComponentState.PRESENT,
) -> tuple[LicenseMatch, ...]:
    """Identified licences that govern ``component`` under ``policy``.

    For a ``referenced`` component only licences naming its scope count. A licence we
    cannot name counts when its own conditions restrict use (a vendor licence with a user
    cap or a use policy): it can only make the verdict stricter, never open.
    """
    scope = scope_of(component)
    identified = [m for m in licenses if m.id or m.category.rank > L.UNKNOWN.rank]
    scoped = tuple(m for m in identified if m.component == scope)
    if state is ComponentState.REFERENCED:
        # an artefact published elsewhere: only terms stated for it count, not the
        # repository's own licence file that was given this scope for the files here
        return tuple(m for m in scoped if not _repository_file(m))
    blanket = tuple(m for m in identified if m.component == "all")
    if policy is Policy.SCOPE_ELSE_ALL:
        return scoped or blanket
    return scoped + blanket


def _repository_file(match: LicenseMatch) -> bool:
    """A licence file whose name names no component (LICENSE, COPYING): it licenses the
    files beside it. LICENSE-MODEL or model_licenses/ name what they cover."""
    return match.source == "file" and from_path(match.path) is None


def worst(matches: Sequence[LicenseMatch]) -> LicenseMatch | None:
    """The most restrictive licence of several that all apply."""
    return max(matches, key=lambda m: m.category.rank, default=None)


@dataclass(frozen=True)
class Licensing:
    """The verdict on one component's licences: open (True / False / None) and why."""

    open: bool | None
    reason: str
    matches: tuple[LicenseMatch, ...]


def label(match: LicenseMatch) -> str:
    """A readable licence name: the reference name, else the id."""
    return match.name or match.id or "unidentified licence"


def licensing(
    component: Component,
    licenses: Iterable[LicenseMatch],
    state: ComponentState = ComponentState.PRESENT,
) -> Licensing:
    """Are ``component``'s governing licences open enough for its kind? None when unknown."""
    matches = governing(component, licenses, Policy.ALL_APPLY, state)
    scope = scope_of(component)
    bad = worst(matches)
    if bad is None:
        where = " published elsewhere" if state is ComponentState.REFERENCED else ""
        return Licensing(None, f"no licence found that governs the {scope}{where}", ())
    names = ", ".join(sorted({m.id or "?" for m in matches}))
    if bad.category is L.UNKNOWN:
        return Licensing(
            None,
            f"{scope} licence {bad.id} ({bad.location.pointer}) could not be categorised",
            matches,
        )
    if bad.category in OPEN_FOR_SCOPE[scope]:
        return Licensing(True, f"{scope} under {names} ({bad.category.value})", matches)
    closed = [m for m in matches if m.category not in OPEN_FOR_SCOPE[scope]]
    shown = "; ".join(
        dict.fromkeys(f"{label(m)} ({m.category.value}, {m.location.pointer})" for m in closed)
    )
    clauses = sorted({c.kind for m in closed for c in m.clauses})
    detail = f"; clauses: {', '.join(clauses)}" if clauses else ""
    return Licensing(False, f"{scope} under {shown}{detail}", matches)


_NOT_A_NAME = re.compile(
    r"^(the|a|an|same|this|that|it|our|their|its|apache|mit|bsd|gpl|license|licence|licensed|"
    r"see|file|license file|licen[cs]e\.\w+|a permissive|permissive|open|open source|"
    r"open-source|free|custom|other|various|multiple|different)$",
    re.I,
)


def looks_like_licence(name: str | None) -> bool:
    """Whether an unidentified statement's name is a licence's name.

    Not a filler word ("the", "same"), a bare family word ("Apache", "a permissive"), a
    file name ("LICENSE"), a link or a whole sentence: a name of up to eight words.
    """
    if not name:
        return False
    text = " ".join(name.split())
    if "](" in text or "http" in text.lower() or len(text) > 80 or len(text.split()) > 8:
        return False
    # "for" joins a name only before a proper noun: "Community License for Baichuan2 Model",
    # not "see LICENSE for details"
    words = re.sub(r"\bfor(?=\s+(?:the\s+)?[A-Z0-9])", "", text)
    if re.search(r"\b(is|are|under|see|for|please|refer|details|distributed)\b", words, re.I):
        return False
    return not _NOT_A_NAME.match(text.strip(" .,:;'\"`()[]"))


_RESTRICTING = {
    "use-restrictions",
    "acceptable-use-policy",
    "aup-by-reference",
    "field-of-use",
    "mau-cap",
    "revenue-cap",
    "geographic-exclusion",
    "no-improve-other-models",
}
_NONCOMMERCIAL = {"non-commercial", "research-only"}


def categorize_unidentified(match: LicenseMatch) -> LicenseMatch:
    """A licence text we cannot name but whose clauses restrict use is not open.

    Unidentified texts keep their unknown identity; their category comes from the
    restrictions found in them (non-commercial / research-only, or use restrictions),
    with the reason saying so. Texts without such clauses stay ``unknown``.
    """
    if match.id or match.category is not L.UNKNOWN or not match.clauses:
        return match
    kinds = {c.kind for c in match.clauses}
    if kinds & _NONCOMMERCIAL:
        category = L.NONCOMMERCIAL
    elif kinds & _RESTRICTING:
        category = L.RESTRICTED_AUP
    else:
        return match
    why = (
        "unidentified licence text whose clauses restrict use ("
        + ", ".join(sorted(kinds & (_NONCOMMERCIAL | _RESTRICTING)))
        + ")"
    )
    reason = f"{match.reason}; {why}" if match.reason else why
    return replace(match, category=category, reason=reason)


# Licence families named without a version: the category is known, the identity is not.
_FAMILIES: tuple[tuple[re.Pattern[str], LicenseCategory], ...] = (
    (re.compile(r"^cc[- ]?by[- ]?nc\b", re.I), L.NONCOMMERCIAL),
    (re.compile(r"^cc[- ]?by[- ]?(sa[- ]?)?(\d|$)", re.I), L.OPEN_CONTENT),
    (re.compile(r"^cc[- ]?0\b|^cc[- ]?zero\b", re.I), L.OPEN_DATA),
    (re.compile(r"^(a|l)?gpl(v?\d)?$|^(mit|bsd|apache)$", re.I), L.OSI_OPEN),
    (re.compile(r"\bopen ?rail\b|\brail\b", re.I), L.RESTRICTED_AUP),
)
_PARENTHESIZED = re.compile(r"\(([A-Za-z][\w.+ -]{1,30})\)")


def family_category(name: str) -> LicenseCategory | None:
    """The category of a licence family named without its version ("CC-BY-SA")."""
    text = name.strip(" .,;:()[]`*")
    for pattern, category in _FAMILIES:
        if pattern.search(text):
            return category
    return None


def rescue_statement(match: LicenseMatch) -> LicenseMatch | None:
    """A statement whose name is not a licence ("a permissive license (CC-BY-SA)") often
    names one in parentheses: keep the statement under that name, else drop it."""
    for candidate in _PARENTHESIZED.findall(match.excerpt or ""):
        category = family_category(candidate)
        if category is not None:
            why = f"{candidate!r} names a licence family without its version"
            return replace(
                match,
                name=f"{candidate}, version unstated",
                category=category,
                reason=f"{match.reason}; {why}" if match.reason else why,
            )
    return None
