"""Calls that shipped Python hides from name-based rules: dynamic imports and lookups.

``__import__("o" + "s").system(cmd)``, ``importlib.import_module(name).system(cmd)``
with ``name = "".join(["o", "s"])``, ``getattr(os, "sys" + "tem")(cmd)`` and
``vars(builtins)["ex" + "ec"](src)`` all call ``os.system`` or ``exec``, but no rule
that matches names sees it. This module resolves what a call reaches through imports,
aliases, ``__import__`` / ``importlib.import_module``, ``getattr``, ``vars`` /
``globals`` / ``__dict__`` subscripts and string expressions it can fold (joins,
concatenation, f-strings of constants, ``[::-1]``, ``chr``, base64 of a constant), and
reports a dangerous call reached through at least one dynamic step (plain ``os.system``
is left to ruff's S605). Code is parsed, never imported or run.
"""

from __future__ import annotations

import ast
import base64
import binascii
import re
import warnings
from collections.abc import Callable, Iterator

DYNAMIC_HINT = re.compile(
    r"__import__|import_module|getattr|\bvars\s*\(|globals\s*\(|__dict__|__builtins__"
)
IMPORTERS = {"builtins.__import__", "importlib.import_module", "importlib.__import__"}
NAMESPACES = {"builtins.vars", "builtins.globals", "builtins.locals"}
BUILTIN_NAMES = {"__import__", "getattr", "vars", "globals", "locals", "eval", "exec", "compile",
                 "open", "__builtins__"}  # fmt: skip
DYNAMIC = "<dynamic>"
# What a hidden call must not reach: module prefixes and exact dotted names.
DANGEROUS_PREFIXES = (
    "subprocess.", "pty.", "socket.", "ctypes.CDLL", "ctypes.cdll.LoadLibrary", "ctypes.PyDLL",
    "shutil.rmtree", "urllib.request.urlopen", "urllib.request.urlretrieve", "requests.get",
    "requests.post", "pickle.load", "_pickle.load", "marshal.load", "runpy.", "dill.load",
    "joblib.load", "torch.load", "code.InteractiveInterpreter", "os.exec", "os.spawn",
    "os.posix_spawn",
)  # fmt: skip
DANGEROUS_NAMES = {
    "os.system", "os.popen", "os.remove", "os.unlink", "os.rmdir", "os.removedirs",
    "os.fork", "os.kill", "os.putenv", "builtins.exec", "builtins.eval", "builtins.compile",
    "builtins.__import__", "builtins.open", "importlib.import_module", "posix.system",
}  # fmt: skip
DANGEROUS_ATTRS = re.compile(
    r"system|popen|exec\w*|spawn\w*|Popen|check_output|check_call|getoutput|"
    r"getstatusoutput|urlopen|rmtree|unlink|CDLL|eval"
)


def parse_quietly(source: str) -> ast.Module:
    """``ast.parse`` without the warnings audited code triggers (invalid escape sequences):
    they are the release's, not ours, and would only clutter the user's terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return ast.parse(source)


def hidden_calls(source: str) -> Iterator[tuple[int, str]]:
    """(line, dotted target) of dangerous calls reached through a dynamic step."""
    if not DYNAMIC_HINT.search(source):
        return
    try:
        tree = parse_quietly(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    resolver = _Resolver(tree)
    for node in resolver.calls:
        target, dynamic = resolver.resolve(node.func)
        if target is None or not dynamic:
            continue
        last = target.rsplit(".", 1)[-1]
        if (
            target in DANGEROUS_NAMES
            or target.startswith(DANGEROUS_PREFIXES)
            or (target.startswith(DYNAMIC) and DANGEROUS_ATTRS.fullmatch(last) is not None)
        ):
            yield getattr(node, "lineno", 1), target


class _Resolver:
    """Aliases and constant strings of one module, and what expressions resolve to."""

    def __init__(self, tree: ast.AST) -> None:
        self.aliases: dict[str, str] = {}
        self.strings: dict[str, str] = {}
        self.values: dict[str, ast.expr] = {}
        self.calls: list[ast.Call] = []
        assigns: list[ast.Assign] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                self.calls.append(node)
            elif isinstance(node, ast.Assign):
                assigns.append(node)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        head = alias.name.split(".", 1)[0]
                        self.aliases[head] = head
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        for node in assigns:
            if len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    text = self.fold(node.value)
                    if text is not None:
                        self.strings[target.id] = text
                    else:
                        self.values[target.id] = node.value

    def fold(self, node: ast.expr, depth: int = 0) -> str | None:
        """The string an expression builds from constants, else None."""
        if depth > 20:
            return None
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return node.value
            if isinstance(node.value, bytes):
                return node.value.decode("latin-1")
            return None
        if isinstance(node, ast.Name):
            return self.strings.get(node.id)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.fold(node.left, depth + 1), self.fold(node.right, depth + 1)
            return None if left is None or right is None else left + right
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                inner = value.value if isinstance(value, ast.FormattedValue) else value
                text = self.fold(inner, depth + 1)
                if text is None:
                    return None
                parts.append(text)
            return "".join(parts)
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            text = self.fold(node.value, depth + 1)
            step = node.slice.step
            reverse = isinstance(step, ast.UnaryOp) and isinstance(step.op, ast.USub)
            if text is not None and reverse and node.slice.lower is node.slice.upper is None:
                return text[::-1]
            return None
        if isinstance(node, ast.Call):
            return self._fold_call(node, depth)
        return None

    def _fold_call(self, node: ast.Call, depth: int) -> str | None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "join" and len(node.args) == 1:
            sep = self.fold(func.value, depth + 1)
            items = node.args[0]
            if sep is not None and isinstance(items, (ast.List, ast.Tuple)):
                parts = [self.fold(item, depth + 1) for item in items.elts]
                if all(p is not None for p in parts):
                    return sep.join(p or "" for p in parts)
            return None
        if isinstance(func, ast.Attribute) and func.attr == "decode":
            return self.fold(func.value, depth + 1)
        if isinstance(func, ast.Name) and func.id == "chr" and len(node.args) == 1:
            arg = node.args[0]
            if (
                isinstance(arg, ast.Constant)
                and isinstance(arg.value, int)
                and 0 <= arg.value < 0x110000
            ):
                return chr(arg.value)
            return None
        name = self.name(func)
        if name in ("base64.b64decode", "base64.b32decode", "base64.b16decode") and node.args:
            text = self.fold(node.args[0], depth + 1)
            decoders: dict[str, Callable[[str], bytes]] = {
                "base64.b64decode": base64.b64decode,
                "base64.b32decode": base64.b32decode,
                "base64.b16decode": base64.b16decode,
            }
            try:
                return decoders[name](text).decode("latin-1") if text is not None else None
            except (binascii.Error, ValueError):
                return None
        return None

    def name(self, node: ast.expr) -> str | None:
        """A plain dotted name through import aliases (no dynamic step)."""
        target, dynamic = self.resolve(node)
        return None if dynamic else target

    def resolve(self, node: ast.expr, depth: int = 0) -> tuple[str | None, bool]:
        """(dotted target, whether a dynamic step was taken)."""
        if depth > 20:
            return None, False
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id], False
            if node.id in self.values:
                return self.resolve(self.values[node.id], depth + 1)
            if node.id in BUILTIN_NAMES:
                return ("builtins" if node.id == "__builtins__" else f"builtins.{node.id}"), False
            return None, False
        if isinstance(node, ast.Attribute):
            base, dynamic = self.resolve(node.value, depth + 1)
            if base is None:
                return None, False
            if node.attr == "__dict__":
                return base, True
            return f"{base}.{node.attr}", dynamic
        if isinstance(node, ast.Call):
            return self._resolve_call(node, depth)
        if isinstance(node, ast.Subscript):
            base, _ = self.resolve(node.value, depth + 1)
            key = self.fold(node.slice, depth + 1)
            if base is not None and key is not None and _namespace(node.value, base):
                return f"{base}.{key}", True
            return None, False
        return None, False

    def _resolve_call(self, node: ast.Call, depth: int) -> tuple[str | None, bool]:
        func, _ = self.resolve(node.func, depth + 1)
        if func in IMPORTERS and node.args:
            module = self.fold(node.args[0], depth + 1)
            return (module or DYNAMIC), True
        if func == "builtins.getattr" and len(node.args) >= 2:
            base, _ = self.resolve(node.args[0], depth + 1)
            attr = self.fold(node.args[1], depth + 1)
            if base is None:
                return None, False
            return f"{base}.{attr if attr is not None else DYNAMIC}", True
        if func in NAMESPACES:
            if node.args:
                base, _ = self.resolve(node.args[0], depth + 1)
                return base, True
            return "builtins", True
        return None, False


def _namespace(node: ast.expr, base: str) -> bool:
    """Whether subscripting ``node`` looks a name up in a namespace (vars(x), x.__dict__,
    globals(), __builtins__)."""
    if isinstance(node, ast.Call):
        return True  # vars(x) / globals() resolved above
    if isinstance(node, ast.Attribute) and node.attr == "__dict__":
        return True
    return base == "builtins"
