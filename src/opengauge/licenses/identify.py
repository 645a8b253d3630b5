"""``identify(text, path)``: turn matcher results into ``LicenseMatch`` records.

One file may give several matches (with line ranges), a pointer ("see https://...")
or an abstention (id None) that still carries the clauses found and the reason
(e.g. the closest reference and why it was rejected). Documents (README, model
cards) that match no licence text fall back to the statements they contain.
"""

from __future__ import annotations

import re

from opengauge.licenses import categories, clauses, governs, matcher
from opengauge.licenses.reference import Index
from opengauge.model.common import excerpt
from opengauge.model.licenses import Clause, LicenseCategory, LicenseMatch

_DOC_NAME = re.compile(r"readme|model[_-]?card|modelcard|\.md$|\.rst$|\.txt$", re.I)
_LICENSE_NAME = re.compile(r"licen[cs]e|copying|notice|polic|terms|agreement|eula", re.I)
_POINTER = re.compile(
    r"\b(?:see|refer to|can be found|available at|located at|found at|visit|read)\b", re.I
)
_URL = re.compile(r"https?://[^\s)>\]\"']{3,300}", re.I)
_FILE = re.compile(r"\b[\w./-]*LICEN[CS]E[\w./-]*")  # upper case: a file name, not the word
_LICENSE_WORDS = re.compile(
    r"\b(?:licen[cs]\w*|agreement|permission|grant\w*|warrant\w*|terms|polic\w*|prohibited)\b",
    re.I,
)
_POINTER_MAX_TOKENS = 120


def is_document(path: str) -> bool:
    """True for READMEs and cards: prose that may state a licence but is not one."""
    name = path.rsplit("/", 1)[-1]
    return bool(_DOC_NAME.search(name)) and not _LICENSE_NAME.search(name)


def _lines(text: str, first: int, last: int) -> str:
    return "\n".join(text.splitlines()[first - 1 : last])


def _clauses_at(text: str, first: int) -> tuple[Clause, ...]:
    found = clauses.detect(text)
    return tuple(Clause(c.kind, (c.line or 1) + first - 1, c.sentence) for c in found)


def identify(text: str, path: str, index: Index | None = None) -> tuple[LicenseMatch, ...]:
    """Every licence found in one file's text; see the module docstring."""
    # Imported here: the package __init__ imports this module.
    from opengauge.licenses import from_statements

    component = governs.for_file(path)
    result = matcher.match_text(text, index)
    if not result.tokens.words:
        return (_abstain(path, 1, 1, (), "empty text", component),)
    found: list[LicenseMatch] = []
    for hit in result.hits:
        first, last = result.tokens.line_span(hit.start, hit.end)
        segment = _lines(text, first, last)
        flags = categories.flags(hit.ref.id)
        alias_note = (
            f"identical text: also {', '.join(hit.ref.aliases)}" if hit.ref.aliases else None
        )
        found.append(
            LicenseMatch(
                path=path,
                start_line=first,
                end_line=last,
                id=hit.ref.id,
                name=hit.ref.name,
                category=categories.category_of(hit.ref.id),
                confidence=min(hit.score, 0.97) if hit.method == "similarity" else hit.score,
                method=hit.method,
                component=component,
                score=hit.score,
                clauses=_clauses_at(segment, first),
                osi_approved=flags.osi_approved,
                fsf_libre=flags.fsf_libre,
                excerpt=excerpt(segment, 160),
                reason=alias_note,
            )
        )
    document = is_document(path)
    why = "; ".join(result.rejected[:3]) or "no reference licence matched"
    if result.truncated:
        why = f"text truncated to {matcher.MAX_TOKENS} tokens; {why}"
    for start, end in result.residual:
        first, last = result.tokens.line_span(start, end)
        segment = _lines(text, first, last)
        if document and found:
            continue
        if not found and (document or _pointer(text, result)):
            continue  # handled below as statements or a pointer
        if not _LICENSE_WORDS.search(segment):
            continue
        found.append(_abstain(path, first, last, _clauses_at(segment, first), why, component))
    if found:
        return tuple(sorted(found, key=lambda m: m.start_line))
    target = _pointer(text, result)
    if target:
        last = len(text.splitlines()) or 1
        return (_pointer_match(path, last, target, component, text),)
    said = from_statements(text, path)
    if said or document:
        return tuple(m if document else _as_file(m) for m in said)
    last = len(text.splitlines()) or 1
    return (_abstain(path, 1, last, clauses.detect(text), why, component),)


def _as_file(match: LicenseMatch) -> LicenseMatch:
    from dataclasses import replace

    return replace(match, source="file")


def _pointer(text: str, result: matcher.Result) -> str | None:
    """The target of a short text that only points elsewhere, or None."""
    if result.hits or len(result.tokens.words) > _POINTER_MAX_TOKENS:
        return None
    if not _POINTER.search(text):
        return None
    target = _URL.search(text) or _FILE.search(text)
    return target.group(0).rstrip(".,;") if target else None


def _pointer_match(path: str, last: int, target: str, component: str, text: str) -> LicenseMatch:
    return LicenseMatch(
        path=path,
        start_line=1,
        end_line=last,
        id=None,
        name=None,
        category=LicenseCategory.UNKNOWN,
        confidence=0.0,
        method="pointer",
        component=component,
        excerpt=excerpt(text, 160),
        reason=f"points to {target}",
    )


def _abstain(
    path: str,
    first: int,
    last: int,
    found: tuple[Clause, ...],
    why: str,
    component: str,
) -> LicenseMatch:
    return LicenseMatch(
        path=path,
        start_line=first,
        end_line=last,
        id=None,
        name=None,
        category=categories.from_clauses(found),
        confidence=0.0,
        method="abstain",
        component=component,
        clauses=found,
        reason=why,
    )
