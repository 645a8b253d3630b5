"""Symbolic values on the pickle walker's stack: just enough to name what a load calls."""

from __future__ import annotations

from typing import Any

MAX_CONTAINER = 64
MAX_RENDER = 300


class Unknown:
    """A value the walker does not track (a big container, a persistent id...)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "…"


UNKNOWN = Unknown()


UNTRACKED = Unknown()  # a memo entry past the walker's memo limit (stored, not kept)


class Global:
    """An imported callable or class: ``module.name`` as written in the stream.

    ``hit`` is the walker's record of this import (an ImportHit), so a call
    through it is noted without a lookup.
    """

    __slots__ = ("hit", "module", "name", "offset")

    def __init__(self, module: str, name: str, offset: int, hit: Any = None) -> None:
        self.module = module
        self.name = name
        self.offset = offset
        self.hit = hit

    def __repr__(self) -> str:
        return f"{self.module}.{self.name}"


class Call:
    """The result of REDUCE / NEWOBJ / OBJ / INST: ``func(*args)``, plus BUILD state."""

    __slots__ = ("args", "func", "state")

    def __init__(self, func: Any, args: Any) -> None:
        self.func = func
        self.args = args
        self.state: Any = None

    def root(self) -> Global | None:
        """The imported callable at the start of a call chain, if any."""
        func = self.func
        for _ in range(32):
            if isinstance(func, Global):
                return func
            if not isinstance(func, Call):
                return None
            func = func.func
        return None

    def __repr__(self) -> str:
        return render(self)


def render(value: Any, limit: int = MAX_RENDER) -> str:
    """A bounded, one-line rendering of a symbolic value (for 'would call ...')."""
    text = _render(value, 0)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _render(value: Any, depth: int) -> str:
    if depth > 6:
        return "…"
    if isinstance(value, Global):
        return f"{value.module}.{value.name}"
    if isinstance(value, Call):
        args = value.args
        inner = (
            ", ".join(_render(a, depth + 1) for a in args[:8])
            if isinstance(args, tuple)
            else "*" + _render(args, depth + 1)
        )
        return f"{_render(value.func, depth + 1)}({inner})"
    if isinstance(value, str | bytes):
        return repr(value[:120]) + ("…" if len(value) > 120 else "")
    if isinstance(value, tuple):
        return "(" + ", ".join(_render(v, depth + 1) for v in value[:8]) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_render(v, depth + 1) for v in value[:8]) + "]"
    if isinstance(value, dict):
        items = list(value.items())[:8]
        return (
            "{"
            + ", ".join(f"{_render(k, depth + 1)}: {_render(v, depth + 1)}" for k, v in items)
            + "}"
        )
    if value is None or isinstance(value, bool | int | float):
        return repr(value)[:40]
    return "…"


def constants(value: Any, out: list[str], depth: int = 0) -> None:
    """Collect strings and imported names inside arguments (for analyzers to judge)."""
    if len(out) >= 16 or depth > 6:
        return
    if isinstance(value, str):
        out.append(value[:200])
    elif isinstance(value, Global):
        out.append(f"{value.module}.{value.name}")
    elif isinstance(value, Call):
        constants(value.func, out, depth + 1)
        constants(value.args, out, depth + 1)
    elif isinstance(value, tuple | list):
        for item in value[:MAX_CONTAINER]:
            constants(item, out, depth + 1)
