"""Each real validator accepts a known-good document and rejects a known-bad one.

These prove that the validators in tests/validators.py run here (offline) and can fail;
the format tests rely on them. Nothing is skipped: a missing validator is an error that
says how to install it (``bash .ci/run`` installs them all).
"""

from __future__ import annotations

import copy
import json
import struct
from pathlib import Path
from typing import Any

import pytest
from tests import validators as v

pytest_plugins = ["tests.conftest_browser"]

ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------- SARIF

SARIF_GOOD: dict[str, Any] = {
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [
        {
            "tool": {
                "driver": {
                    "name": "smoke",
                    "version": "1.0.0",
                    "informationUri": "https://example.org/smoke",
                    "rules": [
                        {
                            "id": "SM001",
                            "name": "NoTabs",
                            "shortDescription": {"text": "No tabs."},
                            "fullDescription": {"text": "Files must not contain tabs."},
                            "helpUri": "https://example.org/smoke/SM001",
                            "help": {"text": "Replace tabs with spaces."},
                            "defaultConfiguration": {"level": "warning"},
                        }
                    ],
                }
            },
            "results": [
                {
                    "ruleId": "SM001",
                    "ruleIndex": 0,
                    "level": "warning",
                    "message": {"text": "Found a tab."},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": "src/app.py"},
                                "region": {
                                    "startLine": 3,
                                    "startColumn": 1,
                                    "endLine": 3,
                                    "endColumn": 2,
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {"primaryLocationLineHash": "abc:1"},
                }
            ],
            "columnKind": "utf16CodeUnits",
        }
    ],
}


def test_sarif_multitool_accepts_a_good_log() -> None:
    assert v.sarif_results(json.dumps(SARIF_GOOD)) == []


def test_sarif_multitool_reports_github_rules() -> None:
    bad = copy.deepcopy(SARIF_GOOD)
    del bad["runs"][0]["results"][0]["locations"]
    del bad["$schema"]
    rules = {e.split(" ", 1)[0] for e in v.sarif_errors(json.dumps(bad))}
    assert {"GH1013", "GH1015", "GH1017", "GH2012"} <= rules


def test_sarif_schema_errors_and_unreadable_logs_are_errors() -> None:
    bad = copy.deepcopy(SARIF_GOOD)
    bad["runs"][0]["results"][0]["level"] = "fatal"  # the multitool skips such a log
    errors = v.sarif_errors(json.dumps(bad))
    assert any(e.startswith("SARIF-SCHEMA") and "fatal" in e for e in errors)
    assert any(e.startswith("SARIF-SKIPPED") for e in errors)
    assert any(e.startswith("JSON0001") for e in v.sarif_errors("{not json"))


def test_sarif_accepts_a_path(tmp_path: Path) -> None:
    path = tmp_path / "good.sarif"
    path.write_text(json.dumps(SARIF_GOOD), encoding="utf-8")
    assert v.sarif_errors(path) == []


# --------------------------------------------------------------------------- CycloneDX

CDX_GOOD: dict[str, Any] = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
    "version": 1,
    "metadata": {"timestamp": "2026-01-01T00:00:00Z"},
    "components": [
        {
            "type": "machine-learning-model",
            "bom-ref": "model",
            "name": "tiny-model",
            "modelCard": {
                "modelParameters": {"task": "text-classification"},
                "considerations": {"useCases": ["smoke tests"]},
            },
        }
    ],
}


def _cdx_bad() -> list[tuple[str, str]]:
    unknown_key = copy.deepcopy(CDX_GOOD)
    unknown_key["components"][0]["modelCard"]["notAField"] = 1
    bad_time = copy.deepcopy(CDX_GOOD)
    bad_time["metadata"]["timestamp"] = "yesterday"
    bad_type = copy.deepcopy(CDX_GOOD)
    bad_type["components"][0]["type"] = "model"
    return [
        ("notAField", json.dumps(unknown_key)),
        ("date-time", json.dumps(bad_time)),
        ("/components/0/type", json.dumps(bad_type)),
    ]


@pytest.mark.parametrize("check", [v.cyclonedx_py_errors, v.cyclonedx_npm_errors])
def test_cyclonedx_validators_accept_good_and_reject_bad(check: Any) -> None:
    assert check(json.dumps(CDX_GOOD)) == []
    for needle, text in _cdx_bad():
        assert needle in "\n".join(check(text)), needle


def test_cyclonedx_npm_error_names_the_place() -> None:
    bad = copy.deepcopy(CDX_GOOD)
    bad["metadata"]["timestamp"] = "yesterday"
    assert any(e.startswith("/metadata/timestamp") for e in v.cyclonedx_npm_errors(json.dumps(bad)))


# --------------------------------------------------------------------------- SPDX 3

_ID = "https://example.org/spdx/smoke#"
SPDX_GOOD: dict[str, Any] = {
    "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
    "@graph": [
        {
            "type": "CreationInfo",
            "@id": "_:ci",
            "specVersion": "3.0.1",
            "created": "2026-01-01T00:00:00Z",
            "createdBy": [_ID + "agent"],
        },
        {"type": "SoftwareAgent", "spdxId": _ID + "agent", "creationInfo": "_:ci", "name": "t"},
        {
            "type": "ai_AIPackage",
            "spdxId": _ID + "model",
            "creationInfo": "_:ci",
            "name": "tiny-model",
            "software_primaryPurpose": "model",
        },
        {
            "type": "SpdxDocument",
            "spdxId": _ID + "document",
            "creationInfo": "_:ci",
            "rootElement": [_ID + "model"],
            "element": [_ID + "agent", _ID + "model"],
            "profileConformance": ["core", "software", "ai"],
        },
    ],
}


def _spdx_schema_bad() -> str:
    bad = copy.deepcopy(SPDX_GOOD)
    bad["@graph"][2]["ai_autonomyType"] = "maybe"  # not a PresenceType
    return json.dumps(bad)


def _spdx_shacl_bad() -> str:
    # schema-valid, but createdBy must name an Agent: only the SHACL model knows
    bad = copy.deepcopy(SPDX_GOOD)
    bad["@graph"][0]["createdBy"] = [_ID + "model"]
    return json.dumps(bad)


def test_spdx3_json_schema_accepts_good_and_rejects_bad() -> None:
    assert v.spdx3_schema_errors(json.dumps(SPDX_GOOD)) == []
    errors = v.spdx3_schema_errors(_spdx_schema_bad())
    assert errors and all(e.startswith("schema $['@graph'][2]") for e in errors)
    wrong_context = dict(SPDX_GOOD, **{"@context": "https://spdx.org/rdf/3.0.0/x.jsonld"})
    assert v.spdx3_schema_errors(json.dumps(wrong_context))


def _spdx3_model_present() -> bool:
    return all((v.spdx3_dir() / name).is_file() for name, _ in v.SPDX3_FILES.values())


def test_spdx3_validate_schema_and_shacl() -> None:
    """spdx3-validate in full, or, while the SPDX model is not shipped, its clear error."""
    if not _spdx3_model_present():
        # tests/data/spdx3/README.md: spdx-model.ttl and spdx-context.jsonld are awaited
        with pytest.raises(v.ValidatorUnavailable, match=r"spdx-(model\.ttl|context\.jsonld)"):
            v.spdx3_errors(json.dumps(SPDX_GOOD))
        return
    assert v.spdx3_errors(json.dumps(SPDX_GOOD)) == []
    assert any(e.startswith("schema ") for e in v.spdx3_errors(_spdx_schema_bad()))
    shacl = v.spdx3_errors(_spdx_shacl_bad())
    assert shacl and all(e.startswith("shacl ") for e in shacl)
    assert "Core/createdBy" in shacl[0]


# --------------------------------------------------------------------------- actionlint

WORKFLOW_BAD = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: soon
    steps:
      - uses: actions/checkout@v4
        with:
          no-such-input: true
      - run: echo "${{ github.event.pull_request.nmber }}"
"""


def test_actionlint_accepts_the_documented_workflow() -> None:
    workflows = v.workflows_in_markdown((ROOT / "docs/ci.md").read_text(encoding="utf-8"))
    assert len(workflows) == 1
    assert v.actionlint_errors(workflows[0]) == []


def test_actionlint_rejects_a_bad_workflow() -> None:
    errors = v.actionlint_errors(WORKFLOW_BAD)
    assert any("no-such-input" in e and e.startswith("9:") for e in errors)
    assert any("timeout-minutes" in e or e.startswith("5:") for e in errors)


# --------------------------------------------------------------------------- missing tools


def test_missing_node_packages_say_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(v, "NODE_DIR", tmp_path)
    for call in (
        lambda: v.sarif_errors(json.dumps(SARIF_GOOD)),
        lambda: v.cyclonedx_npm_errors(json.dumps(CDX_GOOD)),
        lambda: v.actionlint_errors(WORKFLOW_BAD),
    ):
        with pytest.raises(v.ValidatorUnavailable, match=r"\.ci/run"):
            call()


# --------------------------------------------------------------------------- browser

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 16px sans-serif; }
  .wide { display: block; } .narrow { display: none; }
  @media (max-width: 600px) { .wide { display: none; } .narrow { display: block; } }
</style></head>
<body><h1 id="t">opengauge</h1><p class="wide">desktop</p><p class="narrow">phone</p></body>
</html>"""


PHONE = {"width": 390, "height": 844}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_browser_loads_a_page_and_screenshots_both_widths(browser: Any, tmp_path: Path) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(PAGE, encoding="utf-8")
    browser.goto(page_file.as_uri())
    assert browser.inner_text("#t") == "opengauge"
    shots = {}
    for name, viewport in (("desktop", {"width": 1280, "height": 800}), ("phone", PHONE)):
        browser.set_viewport_size(viewport)
        path = tmp_path / f"{name}.png"
        shots[name] = browser.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
        visible = browser.evaluate(
            "[...document.querySelectorAll('p')]"
            ".filter(p => p.offsetParent).map(p => p.textContent)"
        )
        assert visible == [name]
    assert _png_size(shots["desktop"])[0] == 1280
    assert _png_size(shots["phone"])[0] == 390
