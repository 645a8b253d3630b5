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
PURE = (
    "analyzers",
    "frameworks",
    "report",
    "components",
    "rules",
    "licenses",
    "docs",
    "model",
    "engine.py",
    "policy.py",
    "diff.py",
)
IO_MODULES = (
    "opengauge.sources",
    "opengauge.api",
    "opengauge.cli",
    "opengauge.commands",
    "opengauge.evidence",
)
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
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in BANNED_CALLS
            ):
                problems.append(f"{path.relative_to(SRC)}:{node.lineno} calls {node.func.id}()")
    assert problems == []


def test_evidence_does_not_depend_on_judgement() -> None:
    problems = []
    for path in sorted((SRC / "evidence").rglob("*.py")):
        for module, line in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module.startswith(
                (
                    "opengauge.analyzers",
                    "opengauge.frameworks",
                    "opengauge.report",
                    "opengauge.engine",
                )
            ):
                problems.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert problems == []


# The import contract: a module may import only its own layer and the layers below it.
# (STYLE.md: model < licenses < evidence < components < analyzers < frameworks < report
# < api < commands; rules/docs are pure data and helpers beside licences; sources sits
# under evidence, which reads through it.)
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "model"),
    ("rules", "licenses", "docs"),
    ("sources",),
    ("evidence",),
    ("components",),
    ("analyzers",),
    ("frameworks",),
    ("engine", "policy"),
    ("report", "diff"),
    ("api", "follow"),
    ("commands", "cli", "__main__", "__init__"),
)
# Modules that live in a package for findability but belong to a higher layer: the MOT
# record reader parses a framework's own record format (``mof evaluate RECORD.yml``).
PLACED = {"sources.mot": "api"}


def _layer(name: str) -> int:
    for index, group in enumerate(LAYERS):
        if name in group:
            return index
    raise AssertionError(f"{name} is in no layer: add it to LAYERS")


def test_import_layers_only_point_down() -> None:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).with_suffix("")
        dotted = ".".join(rel.parts)
        own = _layer(PLACED.get(dotted, rel.parts[0]))
        for module, line in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            parts = module.split(".")
            if parts[0] != "opengauge" or len(parts) < 2:
                continue
            target = ".".join(parts[1:3])
            theirs = _layer(PLACED.get(target, parts[1]))
            if theirs > own:
                problems.append(f"{dotted}:{line} imports {module} (a higher layer)")
    assert problems == []


def test_no_function_level_imports_to_dodge_cycles_in_the_pickle_walker() -> None:
    for path in sorted((SRC / "evidence" / "serialization").glob("pickle_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nested = [
            n.lineno
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef)
            for n in ast.walk(f)
            if isinstance(n, (ast.Import, ast.ImportFrom))
        ]
        assert nested == [], (path.name, nested)
