"""Chat templates (Jinja2) that reach Python internals: server-side template injection.

Loaders render a model's chat template (``tokenizer.chat_template`` in GGUF,
``chat_template`` in tokenizer_config.json, ``chat_template.jinja``) with Jinja2 or a
re-implementation of it. A template that reaches dunder attributes, the globals of a
function, or the objects some environments expose (``cycler``, ``joiner``,
``lipsum``, ``self``, ``config``, ``request``) can run code where the renderer is
not sandboxed. The template is parsed with Jinja2's own parser into its syntax tree
and never rendered; names built from string pieces are folded first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.ext import Extension
from jinja2.parser import Parser

MAX_TEMPLATE = 1 << 20
MAX_NODES = 200_000
# Objects some Jinja2 environments expose whose attributes lead to Python internals.
RISKY_GLOBALS = frozenset(
    {"cycler", "joiner", "lipsum", "self", "config", "request", "url_for", "g", "session",
     "get_flashed_messages", "namespace", "__builtins__"}
)  # fmt: skip
RISKY_ATTRIBUTES = frozenset(
    {"mro", "func_globals", "f_globals", "f_locals", "gi_frame", "gi_code", "cr_frame",
     "tb_frame", "f_back", "co_code", "im_func", "func_code", "format_map", "load_module",
     "system", "popen", "import_module"}
)  # fmt: skip
FORMAT_FIELD = re.compile(r"\{[^{}]*[.\[][^{}]*\}")
TEXT_FALLBACK = re.compile(
    r"__[A-Za-z]+__|\|\s*attr\b|\b(?:cycler|joiner|lipsum)\s*[.\[]|\bself\s*\._|\\x5f|\\u005f"
)


class _Generation(Extension):
    """transformers' ``{% generation %}`` block (AssistantTracker), parsed as a scope."""

    tags = {"generation"}  # noqa: RUF012 - jinja2 reads it per class

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return nodes.Scope(body, lineno=lineno)


# Parsing only: nothing is rendered, so output escaping does not apply.
_ENV = Environment(  # noqa: S701
    extensions=[_Generation, "jinja2.ext.loopcontrols", "jinja2.ext.do"]
)


def template_problems(source: str) -> tuple[list[str], str | None]:
    """What in ``source`` reaches Python internals, and a parse error (or None).

    A template Jinja2 cannot parse is still searched as text, since other renderers may
    accept it.
    """
    if len(source) > MAX_TEMPLATE:
        return [f"template of {len(source)} characters is over the {MAX_TEMPLATE} cap"], None
    try:
        tree = _ENV.parse(source)
    except (TemplateSyntaxError, RecursionError, ValueError) as exc:
        found = sorted({m.group(0) for m in TEXT_FALLBACK.finditer(source)})[:5]
        return [f"text {', '.join(map(repr, found))}"] if found else [], str(exc)[:160]
    return list(dict.fromkeys(_problems(tree)))[:8], None


def _problems(tree: nodes.Template) -> Iterator[str]:
    names: dict[str, str] = {}
    for count, node in enumerate(tree.find_all(nodes.Node)):
        if count > MAX_NODES:
            yield "template too large to check"
            return
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            value = _fold(node.node, names)
            if value is not None:
                names[node.target.name] = value
        elif isinstance(node, nodes.Getattr):
            yield from _member(node.node, node.attr, f".{node.attr}")
            if node.attr in ("format", "format_map"):
                text = _fold(node.node, names)
                if text is not None and FORMAT_FIELD.search(text):
                    yield f"str.format field lookup {text[:60]!r}"
        elif isinstance(node, nodes.Getitem):
            key = _fold(node.arg, names)
            if key is not None:
                yield from _member(node.node, key, f"[{key!r}]")
            elif _root(node.node) in RISKY_GLOBALS:
                yield f"computed item of {_root(node.node)!r}"
        elif isinstance(node, nodes.Filter) and node.name == "attr":
            key = _fold(node.args[0], names) if node.args else None
            if key is None or key.startswith("_") or key in RISKY_ATTRIBUTES:
                yield f"|attr({key!r})" if key is not None else "|attr() with a computed name"
        elif isinstance(node, nodes.Name) and node.name == "__builtins__":
            yield "__builtins__"


def _member(base: nodes.Node, key: str, shown: str) -> Iterator[str]:
    if key.startswith("_") or key in RISKY_ATTRIBUTES:
        yield f"attribute {shown}"
    root = _root(base)
    if root in RISKY_GLOBALS and root != "namespace":
        yield f"{root}{shown}"
    elif root == "namespace" and isinstance(base, nodes.Name):
        yield f"namespace{shown}"


def _root(node: nodes.Node | None) -> str | None:
    for _ in range(64):
        if isinstance(node, nodes.Name):
            return str(node.name)
        if not isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Filter)):
            return None
        node = node.node
    return None


def _fold(node: Any, names: dict[str, str]) -> str | None:
    """The string an expression builds from constants ('__in' ~ 'it__'), else None."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    if isinstance(node, nodes.TemplateData):
        return str(node.data)
    if isinstance(node, nodes.Name):
        return names.get(node.name)
    if isinstance(node, nodes.Concat):
        parts = [_fold(n, names) for n in node.nodes]
        return None if any(p is None for p in parts) else "".join(p or "" for p in parts)
    if isinstance(node, nodes.Add):
        left, right = _fold(node.left, names), _fold(node.right, names)
        return None if left is None or right is None else left + right
    if isinstance(node, nodes.Filter) and node.name in ("join", "string", "lower", "trim"):
        if node.name == "join" and isinstance(node.node, (nodes.List, nodes.Tuple)):
            parts = [_fold(n, names) for n in node.node.items]
            return None if any(p is None for p in parts) else "".join(p or "" for p in parts)
        inner = _fold(node.node, names)
        if inner is None:
            return None
        return (
            inner.lower()
            if node.name == "lower"
            else inner.strip()
            if node.name == "trim"
            else inner
        )
    if isinstance(node, nodes.Mul):
        left = _fold(node.left, names)
        if (
            left is not None
            and isinstance(node.right, nodes.Const)
            and isinstance(node.right.value, int)
        ):
            return left * min(node.right.value, 64)
    return None
