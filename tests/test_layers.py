"""The layer rule of STYLE.md: pure layers never import the code that reads the target.

analyzers, frameworks, report, engine, components, rules, licenses, docs and model are
pure (no file, network or clock access of their own); only sources/, evidence/, store,
api.py and cli.py / commands/ touch the outside. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src" / "opengauge"
PURE = ("analyzers", "frameworks", "report", "components", "rules", "licenses", "docs", "model",
        "engine.py", "policy.py", "diff.py")
IO_MODULES = ("opengauge.sources", "opengauge.api", "opengauge.cli", "opengauge.commands",
              "opengauge.evidence")
# Pure helpers that live in evidence/ because the readers use them; no I/O inside.
PURE_EVIDENCE = {"opengauge.evidence.kinds"}
# Pure layers may not call these either (time is passed in, output is returned).
BANNED_CALLS = {"open", "print"}


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, node.lineno))
    return found


def _pure_files() -> list[Path]:
    files: list[Path] = []
    for name in PURE:
        path = SRC / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def test_pure_layers_do_not_import_io_layers() -> None:
    problems = []
    for path in _pure_files():
        for module, line in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module.startswith(IO_MODULES) and module not in PURE_EVIDENCE:
                problems.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert problems == []


def test_pure_layers_do_not_print_or_open_files() -> None:
    problems = []
    for path in _pure_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in BANNED_CALLS):
                problems.append(f"{path.relative_to(SRC)}:{node.lineno} calls {node.func.id}()")
    assert problems == []


def test_evidence_does_not_depend_on_judgement() -> None:
    problems = []
    for path in sorted((SRC / "evidence").rglob("*.py")):
        for module, line in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module.startswith(("opengauge.analyzers", "opengauge.frameworks",
                                  "opengauge.report", "opengauge.engine")):
                problems.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert problems == []
