"""The licence test: MOT's exact behaviour, and each bug the default mode fixes."""

from __future__ import annotations

import pytest

from opengauge.frameworks.mof import LicenseStatus, load_policy
from opengauge.model import ContentType as T

S = LicenseStatus


@pytest.mark.parametrize(
    ("license", "kind", "mot", "ours"),
    [
        ("MIT", T.CODE, S.OPEN, S.OPEN),
        ("Apache-2.0", T.DATA, S.CONDITIONAL, S.CONDITIONAL),
        ("Apache-2.0", T.DOCUMENT, S.OPEN, S.OPEN),
        ("CC-BY-NC-4.0", T.DATA, S.INVALID, S.INVALID),
        ("OpenMDW-1.0", T.DATA, S.OPEN, S.OPEN),
        ("unlicensed", T.CODE, S.UNLICENSED, S.UNLICENSED),
        (None, T.CODE, S.UNLICENSED, S.UNLICENSED),
        ("", T.CODE, S.UNLICENSED, S.UNLICENSED),
        # bug: PDDL-1.0 is spelled ODC-PDDL-1.0 in MOT's open-data list
        ("PDDL-1.0", T.DATA, S.INVALID, S.OPEN),
        ("ODC-PDDL-1.0", T.DATA, S.CONDITIONAL, S.OPEN),
        # bug: CC0-1.0 / CC-PDDC rows overwrite each other, leaving them document-only
        ("CC0-1.0", T.DATA, S.CONDITIONAL, S.OPEN),
        ("CC0-1.0", T.DOCUMENT, S.OPEN, S.OPEN),
        ("CC-PDDC", T.DATA, S.INVALID, S.OPEN),
        ("FreeBSD-DOC", T.DOCUMENT, S.INVALID, S.OPEN),
        ("C-UDA-1.0", T.DATA, S.INVALID, S.INVALID),  # deliberately not open: use-restricted
        # exact SPDX ids only in MOT
        ("Apache 2.0", T.CODE, S.INVALID, S.OPEN),
        ("apache-2.0", T.CODE, S.INVALID, S.OPEN),
        ("MIT license", T.CODE, S.INVALID, S.OPEN),
        ("BSD", T.CODE, S.INVALID, S.INVALID),  # ambiguous: no alias
        ("Llama 3 Community License", T.DATA, S.INVALID, S.INVALID),
        # expressions
        ("MIT OR Apache-2.0", T.CODE, S.INVALID, S.OPEN),
        ("MIT AND CC-BY-NC-4.0", T.CODE, S.INVALID, S.INVALID),
        ("LicenseRef-llama OR MIT", T.CODE, S.INVALID, S.OPEN),
        ("GPL-2.0-only WITH Classpath-exception-2.0", T.CODE, S.INVALID, S.CONDITIONAL),
        # legacy placeholders
        ("Component not included", T.CODE, S.INVALID, S.NOT_INCLUDED),
        ("Undisclosed", T.CODE, S.INVALID, S.UNLICENSED),
    ],
)
def test_licence_status(
    license: str | None, kind: T, mot: LicenseStatus, ours: LicenseStatus
) -> None:
    assert load_policy(True).judge(license, kind).status is mot
    assert load_policy(False).judge(license, kind).status is ours


def test_alias_reason_is_stated() -> None:
    verdict = load_policy(False).judge("Apache 2.0", T.CODE)
    assert verdict.normalized == "Apache-2.0"
    assert "not an exact SPDX id" in verdict.reasons[0]


def test_newer_spdx_flags_fill_gaps() -> None:
    policy = load_policy(False)
    assert "OpenMDW-1.0" in policy.open_ids
    assert policy.resolve_id("openmdw-1.0") == "OpenMDW-1.0"
    assert load_policy(True).resolve_id("mit") is None


def test_judge_all_most_restrictive() -> None:
    policy = load_policy(False)
    assert policy.judge_all(["MIT", "Proprietary"], T.CODE).status is S.INVALID
    assert policy.judge_all([], T.CODE).status is S.UNLICENSED


def test_suggestions_respect_mode() -> None:
    assert "CC0-1.0" in load_policy(False).suggestions(T.DATA)
    assert "CC0-1.0" not in load_policy(True).suggestions(T.DATA)


def test_huge_or_odd_strings_do_not_crash() -> None:
    policy = load_policy(False)
    for text in ["(" * 5000 + "MIT", "MIT AND " * 300 + "MIT", "(MIT", "AND", "\x00", "日本語"]:
        assert policy.judge(text, T.CODE).status in S
