from __future__ import annotations

from opengauge.licenses.governance import Policy, governing, licensing, worst
from opengauge.model import Clause, Component, ComponentState, LicenseCategory, LicenseMatch

L = LicenseCategory


def _m(lid: str | None, cat: LicenseCategory, scope: str, *clauses: str) -> LicenseMatch:
    return LicenseMatch(
        # a file named for what it licenses (LICENSE-weights), a plain LICENSE for "all"
        path="LICENSE" if scope == "all" else f"LICENSE-{scope}",
        start_line=1,
        end_line=2,
        id=lid,
        name=lid,
        category=cat,
        confidence=0.9,
        method="exact",
        component=scope,
        clauses=tuple(Clause(c, 3, "s") for c in clauses),
    )


def test_own_scope_and_all_both_apply() -> None:
    own = _m("MIT", L.OSI_OPEN, "code")
    everything = _m("LicenseRef-x", L.RESTRICTED_AUP, "all")
    assert governing(Component.TRAINING_CODE, [own, everything]) == (own, everything)
    assert governing(Component.MODEL_PARAMETERS_FINAL, [own, everything]) == (everything,)
    assert governing(Component.DATASETS, [_m(None, L.UNKNOWN, "data")]) == ()


def test_most_restrictive_decides() -> None:
    matches = [
        _m("Apache-2.0", L.OSI_OPEN, "weights"),
        _m("LicenseRef-llama", L.RESTRICTED_AUP, "weights", "mau-cap"),
    ]
    assert worst(matches) is matches[1]
    verdict = licensing(Component.MODEL_PARAMETERS_FINAL, matches)
    assert verdict.open is False and "mau-cap" in verdict.reason


def test_scope_rules() -> None:
    cc = [_m("CC-BY-4.0", L.OPEN_CONTENT, "code")]
    assert licensing(Component.TRAINING_CODE, cc).open is False  # code needs OSI terms
    cdla = [_m("CDLA-Permissive-2.0", L.OPEN_DATA, "weights")]
    assert licensing(Component.MODEL_PARAMETERS_FINAL, cdla).open is True
    assert licensing(Component.DATASETS, []).open is None
    unknown = [_m("LicenseRef-odd", L.UNKNOWN, "data")]
    assert licensing(Component.DATASETS, unknown).open is None


def test_policies_and_referenced_components() -> None:
    own = _m("MIT", L.OSI_OPEN, "code")
    everything = _m("Apache-2.0", L.OSI_OPEN, "all")
    weights = _m("LicenseRef-llama", L.RESTRICTED_AUP, "weights")
    code = Component.TRAINING_CODE
    assert governing(code, [own, everything], Policy.SCOPE_ELSE_ALL) == (own,)
    assert governing(code, [everything], Policy.SCOPE_ELSE_ALL) == (everything,)
    # weights hosted elsewhere: the repository's blanket licence does not reach them
    final = Component.MODEL_PARAMETERS_FINAL
    referenced = ComponentState.REFERENCED
    assert governing(final, [everything], state=referenced) == ()
    assert governing(final, [everything, weights], state=referenced) == (weights,)
    assert licensing(final, [everything], referenced).open is None


def test_one_restrictiveness_order() -> None:
    order = [L.OSI_OPEN, L.OPEN_DATA, L.UNKNOWN, L.RESTRICTED_AUP, L.NONCOMMERCIAL, L.PROPRIETARY]
    assert [c.rank for c in order] == sorted(c.rank for c in order)
    assert L.OPEN_DATA.rank == L.OPEN_CONTENT.rank


def test_a_restrictive_licence_without_a_name_still_governs() -> None:
    vendor = _m(None, L.RESTRICTED_AUP, "weights", "mau-cap")
    unknown = _m(None, L.UNKNOWN, "weights")
    final = Component.MODEL_PARAMETERS_FINAL
    assert governing(final, [vendor, unknown], state=ComponentState.REFERENCED) == (vendor,)
    assert licensing(final, [vendor], ComponentState.REFERENCED).open is False
    assert licensing(final, [unknown], ComponentState.REFERENCED).open is None


def test_for_joins_a_licence_name_only_before_a_proper_noun() -> None:
    from opengauge.licenses.governance import looks_like_licence

    assert looks_like_licence("Community License for Baichuan2 Model")
    assert not looks_like_licence("LICENSE for details")
    assert not looks_like_licence("see LICENSE for More")


def test_the_repositorys_licence_file_does_not_reach_code_published_elsewhere() -> None:
    repo = LicenseMatch(
        path="LICENSE",
        start_line=1,
        end_line=2,
        id="Apache-2.0",
        name="Apache-2.0",
        category=L.OSI_OPEN,
        confidence=0.9,
        method="exact",
        source="file",
        component="code",
    )
    stated = _m("MIT", L.OSI_OPEN, "code")
    stated = LicenseMatch(**{**stated.__dict__, "path": "README.md", "source": "readme-statement"})
    model_file = LicenseMatch(**{**repo.__dict__, "path": "LICENSE-MODEL", "component": "weights"})
    code = Component.TRAINING_CODE
    assert governing(code, [repo], state=ComponentState.PRESENT) == (repo,)
    assert governing(code, [repo], state=ComponentState.REFERENCED) == ()
    assert governing(code, [repo, stated], state=ComponentState.REFERENCED) == (stated,)
    final = Component.MODEL_PARAMETERS_FINAL
    assert governing(final, [model_file], state=ComponentState.REFERENCED) == (model_file,)
