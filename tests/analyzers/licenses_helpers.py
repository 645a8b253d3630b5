"""In-memory licence matches for analyzer tests."""

from __future__ import annotations

from opengauge.model import Clause, LicenseCategory, LicenseMatch


def match(
    path: str = "LICENSE",
    license_id: str | None = "MIT",
    category: LicenseCategory = LicenseCategory.OSI_OPEN,
    *,
    source: str = "file",
    component: str = "all",
    clauses: tuple[Clause, ...] = (),
    reason: str | None = None,
    name: str | None = None,
) -> LicenseMatch:
    return LicenseMatch(
        path=path,
        start_line=1,
        end_line=10,
        id=license_id,
        name=name or license_id,
        category=category,
        confidence=0.9 if license_id else 0.0,
        method="exact" if license_id else "abstain",
        source=source,
        component=component,
        clauses=clauses,
        reason=reason,
    )
