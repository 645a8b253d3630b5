"""Every SPDX id is accepted, every SPDX text is shipped and identifies as itself."""

from __future__ import annotations

import functools

import pytest
from license_expression import get_license_index

from opengauge.licenses import identify, matcher, names
from opengauge.licenses.refcorpus import spdx_list
from opengauge.licenses.reference import default_index

from . import spdx_eval as se

# On the SPDX License List 3.29.0 but newer than both ScanCode LicenseDB (32.5.0)
# and the license-list-XML snapshot the package's texts come from.
NO_TEXT_YET = frozenset(
    {
        "BSD-2-Clause-pos-unchanged",
        "BSD-3-Clause-OpenWebUI",
        "BSD-Source-Code-no-disclaimer",
        "BSD-Source-alt-GPL",
        "BSD-ask-to-endorse",
        "FDK-MPEG-H",
        "Hippocratic-3.0-core",
    }
)


@functools.cache
def _outcomes(mode: str) -> list[se.SelfId]:
    return se.evaluate(mode)


def test_every_spdx_id_is_a_valid_id() -> None:
    listed = set(spdx_list())
    for entry in get_license_index():
        key = entry.get("spdx_license_key") or ""
        if key and not key.startswith("LicenseRef-"):
            listed.add(key)
    assert len(listed) > 800
    table = spdx_list()
    for spdx_id in sorted(listed):
        canonical = names.spdx_id(spdx_id.lower())
        assert canonical is not None, spdx_id
        assert names.resolve(spdx_id).id == canonical, spdx_id
        if spdx_id in table and not table[spdx_id].deprecated:
            assert canonical == spdx_id  # deprecated ones may map to their successor


def test_older_spellings_map_to_current_ids() -> None:
    assert names.spdx_id("GPL-2.0+") == "GPL-2.0-or-later"
    assert names.spdx_id("lgpl-2.1") == "LGPL-2.1-only"
    assert names.spdx_id("not-a-licence-1.0") is None
    assert names.resolve("gpl").family  # a family, not GPL-1.0-or-later


def test_every_spdx_licence_has_a_text() -> None:
    index = default_index()
    have = {r.id for r in index.references} | {a for r in index.references for a in r.aliases}
    current = {k for k, e in spdx_list().items() if not e.deprecated}
    assert len(current) >= 790
    assert current - have == NO_TEXT_YET


def test_every_text_identifies_as_itself() -> None:
    outcomes = _outcomes("as-is")
    assert len(outcomes) >= 850
    assert [o for o in outcomes if not o.equivalent] == []


@pytest.mark.parametrize(("mode", "floor"), [("appended", 0.92), ("rewrapped", 0.86)])
def test_changed_texts_are_identified_or_abstained(mode: str, floor: float) -> None:
    """Exact tier defeated: similar enough to identify most, and never a wrong id."""
    outcomes = _outcomes(mode)
    assert [o for o in outcomes if o.got is not None and not o.equivalent] == []
    share = sum(o.equivalent for o in outcomes) / len(outcomes)
    assert share >= floor, share


def _texts_of(spdx_id: str) -> list[tuple[str, str]]:
    return [(source, text) for source, key, text in se.texts() if key == spdx_id]


@pytest.mark.parametrize("pair", se.PAIRS)
def test_near_duplicates_are_not_confused(pair: tuple[str, str]) -> None:
    for expected, other in (pair, pair[::-1]):
        texts = _texts_of(expected)
        assert texts, expected
        for source, text in texts:
            for mode in se.MODES:
                got = se.judge(source, expected, se.variant(text, mode))
                assert got.got is None or got.equivalent, (mode, got)
                assert got.got != other or got.equivalent, (mode, got)


def _notice(spdx_id: str) -> str:
    for ref in default_index().references:
        if ref.kind == "notice" and ref.id == spdx_id and ref.template is not None:
            body = "\n".join(" ".join(run) for run in ref.template.runs[1:])
            return f"/*\n * Copyright (C) 2024 Example Author\n *\n{body}\n */\nint main;\n"
    raise AssertionError(spdx_id)


@pytest.mark.parametrize(
    "spdx_id", ["GPL-2.0-only", "GPL-2.0-or-later", "Apache-2.0", "ECL-2.0", "LGPL-2.1-only"]
)
def test_standard_notices_are_told_apart(spdx_id: str) -> None:
    assert [m.id for m in identify(_notice(spdx_id), "src/main.c")] == [spdx_id]


def test_lgpl3_notice_is_not_taken_for_lgpl21() -> None:
    notice = _notice("LGPL-2.1-or-later").replace("version 2 1", "version 3")
    result = matcher.match_text(notice)
    assert [h.ref.id for h in result.hits] in ([], ["LGPL-3.0-or-later"])
