"""The licence engine: what licence a text is, what it allows, what it governs.

Pure: no file I/O except loading the package's own reference data. The evidence
layer (``opengauge.evidence.licenses``) reads target files and calls these.

- ``identify(text, path)``: matches in one file's text (several, a pointer, or an
  abstention that still carries the clauses found).
- ``from_card_metadata(metadata, path)``: the card's ``license``/``license_name``/``license_link``.
- ``from_statements(text, path)``: README prose, "License:" fields, badges, SPDX headers.
- ``detect_clauses(text)``, ``category_of(expression_or_id)``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from opengauge.licenses import categories, clauses, governs, names, statements
from opengauge.licenses.identify import identify, is_document
from opengauge.model.licenses import Clause, LicenseCategory, LicenseMatch

__all__ = [
    "category_of",
    "detect_clauses",
    "from_card_metadata",
    "from_package_metadata",
    "from_statements",
    "identify",
    "is_document",
]


def detect_clauses(text: str) -> tuple[Clause, ...]:
    """Restrictions and duties in ``text``, each with kind, line and sentence."""
    return clauses.detect(text)


def category_of(expression_or_id: str) -> LicenseCategory:
    """Category of an SPDX id, LicenseRef, Hugging Face id or SPDX expression."""
    hf = categories.hf_map().get(expression_or_id.strip().lower())
    if hf is not None and not hf[0]:
        return hf[2]
    if hf is not None:
        return categories.category_of(hf[0])
    return categories.category_of(expression_or_id)


def _statement_match(
    statement: statements.Statement, path: str, source: str, component: str | None = None
) -> LicenseMatch:
    resolved = _resolve_expression(statement.name)
    flags = categories.flags(resolved.id)
    reason = None
    category = resolved.category
    found = clauses.detect(statement.sentence)
    if resolved.family:
        reason = f"{statement.name!r} names a licence family: the licence text decides"
    elif resolved.id is None:
        reason = f"{statement.name!r} is not a licence name the engine knows"
        if category is LicenseCategory.UNKNOWN and statement.context:
            # a vendor licence we have no text for: the conditions stated with it
            # ("less than 1 million DAU", "our Acceptable Use Policy") decide
            found = clauses.detect(statement.context)
            category = categories.from_clauses(found)
            if category is not LicenseCategory.UNKNOWN:
                kinds = ", ".join(sorted(clauses.kinds(found)))
                reason += f"; category from the conditions stated with it ({kinds})"
    if statement.link:
        reason = (reason + "; " if reason else "") + f"links to {statement.link}"
    return LicenseMatch(
        path=path,
        start_line=statement.line,
        end_line=statement.line,
        id=resolved.id,
        name=statement.name,
        category=category,
        confidence=0.8 if resolved.id else 0.3,
        method="statement",
        source=source,
        component=component or governs.from_sentence(statement.sentence) or governs.UNKNOWN,
        # clause lines count from the statement's own line, in the file's terms
        clauses=tuple(replace(c, line=statement.line + (c.line or 1) - 1) for c in found),
        osi_approved=flags.osi_approved,
        fsf_libre=flags.fsf_libre,
        excerpt=statement.sentence[:240] or None,
        reason=reason,
    )


def _resolve_expression(name: str) -> names.Resolved:
    """A name, or an SPDX expression of known ids ("MIT OR Apache-2.0")."""
    resolved = names.resolve(name)
    if resolved.id or resolved.family:
        return resolved
    if any(op in f" {name} " for op in (" AND ", " OR ", " WITH ")):
        rendered = categories.normalize_expression(name)
        if rendered:
            category = categories.category_of(rendered)
            if category is not LicenseCategory.UNKNOWN:
                return names.Resolved(rendered, category)
    return resolved


def from_statements(text: str, path: str) -> tuple[LicenseMatch, ...]:
    """Licences named in README prose, "License:" fields, badges and SPDX headers."""
    found = []
    seen: set[tuple[str | None, str, str, bool]] = set()
    for statement in statements.find(text):
        source = "spdx-header" if statement.kind == "spdx-header" else "readme-statement"
        scopes = governs.scopes_of_sentence(statement.sentence) if source != "spdx-header" else ()
        for scope in scopes if len(scopes) > 1 else (None,):
            match = _statement_match(statement, path, source, scope)
            # one statement per licence and scope: the same licence named for code and for
            # weights is two facts
            # a badge says little about scope: a later field or sentence naming the same
            # licence is kept ("- **License:** Apache 2.0" under "Model Description")
            marker = (
                match.id,
                (match.name or "").lower(),
                match.component,
                statement.kind == "badge",
            )
            if marker in seen:
                continue
            seen.add(marker)
            found.append(match)
    return tuple(found)


def from_package_metadata(text: str, path: str) -> tuple[LicenseMatch, ...]:
    """The ``license`` field of pyproject.toml or setup.cfg (governs code)."""
    return tuple(
        _statement_match(s, path, "package-metadata", governs.CODE)
        for s in statements.package_metadata(text, path)
    )


def from_card_metadata(metadata: dict[str, Any], path: str) -> tuple[LicenseMatch, ...]:
    """Licences declared in card front matter: ``license``, ``license_name``, ``license_link``.

    Hugging Face ids go through the hub's map; family ids (openrail, cc, bsd) and
    ``other`` resolve to id None with the reason, so the licence text can decide.
    """
    raw = metadata.get("license")
    values = (
        [raw]
        if isinstance(raw, str)
        else [v for v in raw if isinstance(v, str)]
        if (isinstance(raw, list))
        else []
    )
    license_name = metadata.get("license_name")
    license_link = metadata.get("license_link")
    found = []
    for value in values[:10]:
        label = value
        if value.strip().lower() == "other" and isinstance(license_name, str):
            label = license_name
        resolved = _resolve_expression(label[:200])
        if resolved.id is None and label is not value:
            resolved = names.Resolved(None, resolved.category)
        reason_parts = []
        if resolved.family or value.strip().lower() in {"other", "unknown"}:
            reason_parts.append(f"license: {value!r} does not name one licence")
        if isinstance(license_link, str):
            reason_parts.append(f"license_link: {license_link[:200]}")
        flags = categories.flags(resolved.id)
        found.append(
            LicenseMatch(
                path=path,
                start_line=1,
                end_line=1,
                id=resolved.id,
                name=label[:200],
                category=resolved.category,
                confidence=0.8 if resolved.id else 0.3,
                method="card-metadata",
                source="card-metadata",
                component=governs.WEIGHTS,
                osi_approved=flags.osi_approved,
                fsf_libre=flags.fsf_libre,
                reason="; ".join(reason_parts) or None,
            )
        )
    return tuple(found)
