"""We never deserialize what we audit: no loaders in src/, and ruff bans them too."""

from __future__ import annotations

import ast
import tomllib

from tests.conftest import ROOT

BANNED_CALLS = {
    ("pickle", "load"),
    ("pickle", "loads"),
    ("pickle", "Unpickler"),
    ("_pickle", "load"),
    ("_pickle", "loads"),
    ("cPickle", "loads"),
    ("dill", "load"),
    ("dill", "loads"),
    ("cloudpickle", "load"),
    ("cloudpickle", "loads"),
    ("joblib", "load"),
    ("torch", "load"),
    ("numpy", "load"),
    ("np", "load"),
    ("yaml", "load"),
    ("yaml", "unsafe_load"),
    ("yaml", "full_load"),
    ("marshal", "loads"),
    ("shelve", "open"),
}
BANNED_NAMES = {"eval", "exec", "__import__"}


def _violations(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in BANNED_NAMES:
                found.append(f"{func.id}() line {node.lineno}")
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and (func.value.id, func.attr) in BANNED_CALLS
            ):
                found.append(f"{func.value.id}.{func.attr}() line {node.lineno}")
        if isinstance(node, ast.ImportFrom) and node.module in {
            "pickle",
            "_pickle",
            "dill",
            "joblib",
            "marshal",
        }:
            names = {a.name for a in node.names}
            if names & {"load", "loads", "Unpickler"}:
                found.append(f"from {node.module} import {names} line {node.lineno}")
    return found


def test_no_deserializing_calls_in_src() -> None:
    problems = {}
    for path in sorted((ROOT / "src").rglob("*.py")):
        hits = _violations(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if hits:
            problems[str(path.relative_to(ROOT))] = hits
    assert problems == {}


def test_detector_catches_what_it_should() -> None:
    code = "import pickle, yaml\npickle.loads(b'')\nyaml.load(s)\neval('1')\n"
    assert len(_violations(ast.parse(code))) == 3


def test_ruff_bans_loader_apis() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    banned = config["tool"]["ruff"]["lint"]["flake8-tidy-imports"]["banned-api"]
    for api in (
        "pickle.load",
        "pickle.loads",
        "torch.load",
        "joblib.load",
        "numpy.load",
        "yaml.load",
        "dill.loads",
        "marshal.loads",
    ):
        assert api in banned, api
    assert "TID" in config["tool"]["ruff"]["lint"]["select"]
