"""Which licence rows an SBOM declares, under which identifier, defined where."""

from __future__ import annotations

import dataclasses

import pytest
from tests.report.samples import example_report

from opengauge.model import FollowedLink, LicenseCategory, LicenseMatch
from opengauge.report._sbom import Dataset
from opengauge.report._sbom_licences import (
    MODEL_SCOPES,
    dataset_licences,
    expression,
    file_licences,
    governing,
    hub_file_url,
    licence_id,
    public_url,
)

C = LicenseCategory


def _row(
    lid: str | None,
    name: str | None,
    category: LicenseCategory,
    source: str = "readme-statement",
    path: str = "README.md",
    component: str = "weights",
) -> LicenseMatch:
    return LicenseMatch(
        path=path,
        start_line=1,
        end_line=1,
        id=lid,
        name=name,
        category=category,
        confidence=0.8,
        method="statement",
        source=source,
        component=component,
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_row("Apache-2.0", "Apache 2.0", C.OSI_OPEN), "Apache-2.0"),
        (
            _row("LicenseRef-scancode-llama-2-license-2023", None, C.RESTRICTED_AUP),
            "LicenseRef-scancode-llama-2-license-2023",
        ),
        (
            _row("Apache-2.0 OR MIT", None, C.OSI_OPEN),
            "LicenseRef-opengauge-named-Apache-2.0-OR-MIT",
        ),
        (_row(None, "open source", C.OSI_OPEN), None),  # a claim, not a licence
        (_row(None, "see LICENSE file", C.OSI_OPEN), None),
        (_row(None, "low-risk AI2 ImpACT license", C.UNKNOWN), None),  # cannot be placed
        (_row(None, None, C.UNKNOWN, "file", "NOTICE"), None),  # the engine abstained
        (
            _row(None, "CC-BY-SA, version unstated", C.OPEN_CONTENT),
            "LicenseRef-opengauge-named-CC-BY-SA-version-unstated",
        ),
        (
            _row(None, None, C.NONCOMMERCIAL, "file", "model_licenses/LICENSE-SV3D"),
            "LicenseRef-opengauge-text-model-licenses-LICENSE-SV3D",
        ),
    ],
)
def test_licence_id(row: LicenseMatch, expected: str | None) -> None:
    assert licence_id(row) == expected


def test_public_urls() -> None:
    assert public_url("LicenseRef-scancode-llama-2-license-2023") == (
        "https://scancode-licensedb.aboutcode.org/llama-2-license-2023.html"
    )
    extra = public_url("LicenseRef-opengauge-llama-3.1-aup-2024")  # extra/: source_url
    assert extra is not None and extra.startswith("https://github.com/meta-llama/")
    ai = public_url("LicenseRef-opengauge-gemma-tou-2024-04-01")  # ai/: homepage_url
    assert ai is not None and ai.startswith("https://")
    assert public_url("LicenseRef-opengauge-named-x") is None
    assert public_url("LicenseRef-whatever") is None


def test_hub_file_url() -> None:
    hub = "https://huggingface.co/acme/m"
    assert hub_file_url(hub, "abc", "docs/LICENSE v2") == f"{hub}/blob/abc/docs/LICENSE%20v2"
    assert hub_file_url(hub, None, "LICENSE") == f"{hub}/blob/main/LICENSE"
    assert hub_file_url(hub, "abc", "a.zip!LICENSE") is None
    assert hub_file_url(None, "abc", "LICENSE") is None


def test_declared_and_concluded() -> None:
    report = example_report("openwashed")
    found = governing(report, MODEL_SCOPES)
    ids = [lic.id for lic in found.declared]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert expression(found.declared) == (
        "LicenseRef-opengauge-llama-3.1-aup-2024 AND LicenseRef-scancode-llama-3.1-license-2024"
    )
    assert all(lic.url and lic.url.startswith("https://") for lic in found.declared)
    inherited = _row("LicenseRef-scancode-llama-2-license-2023", "Llama 2", C.RESTRICTED_AUP)
    inherited = dataclasses.replace(inherited, source="base-model")
    more = governing(
        dataclasses.replace(report, licenses=(*report.licenses, inherited)), MODEL_SCOPES
    )
    assert more.declared == found.declared  # the release does not state it
    assert "LicenseRef-scancode-llama-2-license-2023" in (expression(more.concluded) or "")
    assert expression(()) is None


def test_local_licence_refs_keep_their_file() -> None:
    report = example_report("unsafe-pickle")
    row = _row("LicenseRef-acme", "Acme licence", C.PROPRIETARY, "file", "LICENSE")
    found = governing(dataclasses.replace(report, licenses=(row,)), MODEL_SCOPES)
    (lic,) = found.concluded
    assert (lic.id, lic.url, lic.path, lic.custom) == ("LicenseRef-acme", None, "LICENSE", True)
    hub = governing(
        dataclasses.replace(report, licenses=(row,)), MODEL_SCOPES, "https://huggingface.co/a/b"
    )
    assert hub.concluded[0].url == "https://huggingface.co/a/b/blob/main/LICENSE"


def test_file_licences() -> None:
    texts = file_licences(example_report("fully-open"))
    assert {p: [lic.id for lic in ls] for p, ls in texts.items()} == {
        "LICENSE": ["Apache-2.0"],
        "LICENSE-DATA": ["CDLA-Permissive-2.0"],
        "LICENSE-DOCS": ["CC-BY-4.0"],
    }


def _dataset(name: str, trained: bool = True) -> Dataset:
    return Dataset(
        name.lower(), name, f"https://huggingface.co/datasets/{name}", trained, False, ""
    )


def test_dataset_licences() -> None:
    report = example_report("fully-open")  # LICENSE-DATA: CDLA-Permissive-2.0, scope data
    only = _dataset("opengauge/tiny-corpus")
    found = dataset_licences(report, [only])
    assert [lic.id for lic in found[only.key].concluded] == ["CDLA-Permissive-2.0"]
    assert found[only.key].declared == ()  # the release says so, not the dataset
    # several: nothing says which one the release's data licence covers
    several = [_dataset("org/a"), _dataset("org/b"), _dataset("org/test", trained=False)]
    assert dataset_licences(report, several) == {}
    # a dataset followed on the Hub carries what its own card declares
    followed = (
        FollowedLink(
            "hf://datasets/org/a@abc",
            "datasets",
            "referenced, verified",
            "Datasets",
            "abc",
            ("cc-by-sa-3.0", "other"),
        ),
        FollowedLink("hf://datasets/Org/B", "link", "referenced, verified", None, "d", ("llama2",)),
        FollowedLink("hf://datasets/org/test", "link", "referenced, not reachable"),
    )
    target = dataclasses.replace(report.target, followed=followed)
    found = dataset_licences(dataclasses.replace(report, target=target), several)
    assert set(found) == {"org/a", "org/b"}
    assert [lic.id for lic in found["org/a"].declared] == ["CC-BY-SA-3.0"]  # "other" is none
    assert found["org/a"].concluded == found["org/a"].declared
    (llama,) = found["org/b"].declared
    assert llama.id == "LicenseRef-scancode-llama-2-license-2023"
    assert llama.url == "https://scancode-licensedb.aboutcode.org/llama-2-license-2023.html"
