"""Dangerous calls in Python shipped with a model: ruff's bandit rules plus our ML rules.

Code is parsed (``ast.parse``), never imported or run. ruff runs as a
subprocess with a time limit; when it is missing the AST rules still apply.
"""

from __future__ import annotations

import ast
import bisect
import importlib
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from opengauge.evidence.code_hidden import hidden_calls, parse_quietly
from opengauge.model import CodeIssue, FileEntry, Skipped
from opengauge.rules.code_rules import OG_RULES
from opengauge.sources.reader import ReaderError, ReleaseReader

MAX_FILE = 2 << 20
LOADERS = ("pickle.load", "pickle.loads", "cPickle.load", "dill.load", "dill.loads", "joblib.load")
RUFF_TIMEOUT = 120
# bandit rule -> CWE, for the S rules that matter most in model repositories.
RUFF_CWE = {"S102": 78, "S301": 502, "S307": 95, "S602": 78, "S605": 78, "S614": 502, "S506": 502}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return ""


def _kw(call: ast.Call, key: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == key), None)


def _true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


# Text every OG rule needs to see somewhere in a call: files without it are not parsed,
# and only the statements whose lines hold it are walked (walking every node of a
# large library in Python costs far more than parsing it).
CANDIDATE = re.compile(
    r"\b(?:torch|pickle|cPickle|dill|joblib)\s*\.\s*loads?\b|trust_remote_code|\bexec\b|"
    r"\beval\b|\bshell\b|hf_hub_download|snapshot_download|from_pretrained"
)


def _candidate_lines(source: str) -> list[int]:
    """Sorted line numbers touched by candidate text."""
    found: set[int] = set()
    line, scanned = 1, 0
    for match in CANDIDATE.finditer(source):
        line += source.count("\n", scanned, match.start())
        scanned = match.start()
        found.add(line)
        found.add(line + source.count("\n", match.start(), match.end()))
    return sorted(found)


def _walk_near(tree: ast.AST, lines: list[int]) -> Iterator[ast.AST]:
    """Nodes whose line span holds a candidate line (their ancestors too), depth first."""
    stack = [tree]
    while stack:
        node = stack.pop()
        start = getattr(node, "lineno", None)
        if start is not None:
            end = getattr(node, "end_lineno", None) or start
            index = bisect.bisect_left(lines, start)
            if index == len(lines) or lines[index] > end:
                continue
        yield node
        stack.extend(reversed(list(ast.iter_child_nodes(node))))  # source order


def _unsafe_torch_load(call: ast.Call) -> bool:
    """torch.load without weights_only=True: not when the value is passed through
    ``**kwargs`` or computed (it may be True), only when absent or a constant False."""
    value = _kw(call, "weights_only")
    if value is None:
        return not any(k.arg is None for k in call.keywords)
    return isinstance(value, ast.Constant) and value.value is not True


def ast_issues(rel: str, source: str) -> Iterator[CodeIssue]:
    """Our ML rules (OG1xx) on one file's source, in line order."""
    found = list(_ast_issues(rel, source))
    lines = source.splitlines()
    rule = OG_RULES["OG107"]
    for line, target in hidden_calls(source):
        text = lines[line - 1].strip()[:200] if 0 < line <= len(lines) else None
        found.append(
            CodeIssue(
                rel,
                line,
                rule.code,
                f"calls {target} through a name built at run time",
                rule.severity,
                "high",
                rule.cwe,
                "ast",
                text,
            )
        )
    yield from sorted(found, key=lambda i: (i.line, i.rule))


def _ast_issues(rel: str, source: str) -> Iterator[CodeIssue]:
    candidates = _candidate_lines(source)
    if not candidates:
        return
    try:
        tree = parse_quietly(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    lines = source.splitlines()
    for node in _walk_near(tree, candidates):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        last = name.rsplit(".", 1)[-1]
        found: tuple[str, str] | None = None  # (code, message)
        if name == "torch.load" and _unsafe_torch_load(node):
            found = ("OG101", OG_RULES["OG101"].title)
        elif name in LOADERS:
            found = ("OG102", f"{name} deserializes arbitrary code")
        elif _true(_kw(node, "trust_remote_code")):
            found = ("OG103", OG_RULES["OG103"].title)
        elif name in ("exec", "eval", "builtins.exec", "builtins.eval"):
            found = ("OG104", f"{last}() runs dynamic code")
        elif name.startswith("subprocess.") and _true(_kw(node, "shell")):
            found = ("OG105", OG_RULES["OG105"].title)
        elif (
            last in ("hf_hub_download", "snapshot_download", "from_pretrained")
            and _kw(node, "revision") is None
        ):
            found = ("OG106", f"{last} without a pinned revision")
        if found is not None:
            rule = OG_RULES[found[0]]
            line = getattr(node, "lineno", 1)
            text = lines[line - 1].strip()[:200] if 0 < line <= len(lines) else None
            yield CodeIssue(
                rel, line, rule.code, found[1], rule.severity, "high", rule.cwe, "ast", text
            )


def ruff_binary() -> str | None:
    """The ruff executable: the one the ruff package ships, else the first on PATH."""
    try:
        find_ruff_bin = importlib.import_module("ruff.__main__").find_ruff_bin
        return str(find_ruff_bin())
    except (ImportError, AttributeError, FileNotFoundError):
        return shutil.which("ruff")


# Bandit rules about code quality rather than what the code does when run: asserts,
# non-cryptographic random, silenced exceptions. They drown the real findings.
RUFF_IGNORED = ("S101", "S110", "S112", "S311")


def ruff_issues(sources: dict[str, str]) -> tuple[list[CodeIssue], str | None]:
    """flake8-bandit (S) findings from ruff on ``{path: source}``; (issues, error or None).

    The sources are written to a private temporary folder under plain names (0.py,
    1.py ...) so ruff sees exactly the bytes we read through the reader, whatever the
    original name (not UTF-8, remote, behind a symlink); ``--ignore-noqa`` because an
    audited file must not silence its own findings with ``# noqa``.
    """
    if not sources:
        return [], None
    with tempfile.TemporaryDirectory(prefix="opengauge-ruff-") as tmp:
        names = {}
        for index, (rel, source) in enumerate(sources.items()):
            name = f"{index}.py"
            Path(tmp, name).write_text(source, encoding="utf-8", errors="surrogatepass")
            names[name] = rel
        return _run_ruff(Path(tmp), names)


def _run_ruff(root: Path, names: dict[str, str]) -> tuple[list[CodeIssue], str | None]:
    ruff = ruff_binary()
    if ruff is None:
        return [], "ruff not found: bandit rules not run"
    command = [
        ruff,
        "check",
        "--select",
        "S",
        "--ignore",
        ",".join(RUFF_IGNORED),
        "--output-format",
        "json",
        "--no-cache",
        "--isolated",
        "--ignore-noqa",
        "--exit-zero",
        "--",
        *names,
    ]
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            command, cwd=root, capture_output=True, timeout=RUFF_TIMEOUT, check=False
        )
        data = json.loads(done.stdout or b"[]")
    except (subprocess.TimeoutExpired, OSError, ValueError) as exc:
        return [], f"ruff failed: {exc}"
    issues = []
    for item in data if isinstance(data, list) else []:
        code = str(item.get("code") or "")
        rel = names.get(Path(str(item.get("filename", ""))).name)
        if rel is None:
            continue
        line = int((item.get("location") or {}).get("row") or 1)
        severity = "high" if code in RUFF_CWE else "low"
        issues.append(
            CodeIssue(
                rel,
                line,
                code,
                str(item.get("message", ""))[:300],
                severity,
                "medium",
                RUFF_CWE.get(code),
                "ruff",
            )
        )
    return issues, None


def scan_code(
    reader: ReleaseReader, files: list[FileEntry]
) -> tuple[list[CodeIssue], list[Skipped]]:
    """All code issues for the given Python files, read through ``reader``.

    What could not be scanned is returned as skips: unreadable or oversized
    files by path, a missing or failing ruff as a skip of the whole target (".").
    """
    issues: list[CodeIssue] = []
    errors: list[Skipped] = []
    readable: dict[str, str] = {}
    for entry in files:
        rel = entry.path
        if entry.size > MAX_FILE:
            errors.append(Skipped(rel, f"over {MAX_FILE} bytes, not scanned for code issues"))
            continue
        try:
            source = reader.read(rel, MAX_FILE).decode("utf-8", "replace")
        except (ReaderError, OSError) as exc:
            errors.append(Skipped(rel, f"cannot read for the code scan: {exc}"))
            continue
        readable[rel] = source
        issues.extend(ast_issues(rel, source))
    found, error = ruff_issues(readable)
    # our own rule on a line already says it (OG102 pickle.loads vs bandit's S301)
    ours = {(issue.path, issue.line) for issue in issues}
    issues.extend(issue for issue in found if (issue.path, issue.line) not in ours)
    if error:
        errors.append(Skipped(".", error))
    return issues, errors
