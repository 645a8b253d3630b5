from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.licenses_contradiction import ANALYZER
from opengauge.model import Evidence, LicenseCategory, Severity, Status

from .licenses_helpers import match

RAIL = "LicenseRef-scancode-stable-diffusion-2022-08-22"


def run(*licenses):  # type: ignore[no-untyped-def]
    return list(ANALYZER.run(Context.build(Evidence(root="/x", licenses=licenses))))


def test_card_apache_over_rail_file() -> None:
    (finding,) = run(
        match("LICENSE", RAIL, LicenseCategory.RESTRICTED_AUP),
        match("README.md", "Apache-2.0", source="card-metadata", component="weights"),
    )
    assert finding.status is Status.FAIL and finding.severity is Severity.HIGH
    assert "Apache-2.0" in finding.message and RAIL in finding.message


def test_proprietary_statement_linking_a_rail_file() -> None:
    (finding,) = run(
        match("LICENSE", RAIL, LicenseCategory.RESTRICTED_AUP),
        match(
            "docs/card.md",
            None,
            LicenseCategory.PROPRIETARY,
            source="readme-statement",
            name="Proprietary",
            reason="links to ../LICENSE",
        ),
    )
    assert finding.status is Status.FAIL and finding.severity is Severity.MEDIUM


def test_agreement_and_nothing_to_compare() -> None:
    (finding,) = run(match(), match("README.md", "MIT", source="card-metadata"))
    assert finding.status is Status.PASS
    (finding,) = run(match())
    assert finding.status is Status.NOT_APPLICABLE
