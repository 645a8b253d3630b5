"""Hand-assembled and library-built pickle streams, malicious and benign (never loaded).

Malicious streams are built two ways: ``pickle.dumps`` of reducer objects whose
``__reduce__`` names a dangerous callable, and opcode by opcode for techniques
the pickler never emits (STACK_GLOBAL from the memo, dotted names, INST, OBJ,
EXT codes, memo overwriting, BUILD on a class).
"""

from __future__ import annotations

import collections
import datetime
import functools
import os
import pickle
import struct
from typing import Any

import numpy as np

CMD = "echo opengauge-test"


class Reducer:
    """Pickles as ``func(*args)``; never called here."""

    def __init__(self, func: Any, *args: Any) -> None:
        self.func, self.args = func, args

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return self.func, self.args


# --- opcode helpers ----------------------------------------------------------------------
def proto(n: int) -> bytes:
    return b"\x80" + bytes([n])


def su(text: str) -> bytes:
    """SHORT_BINUNICODE."""
    raw = text.encode()
    return b"\x8c" + bytes([len(raw)]) + raw


def uni(text: str) -> bytes:
    """BINUNICODE."""
    raw = text.encode()
    return b"X" + struct.pack("<I", len(raw)) + raw


def glob(module: str, name: str) -> bytes:
    """GLOBAL (protocol 0 text form)."""
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def stack_global(module: str, name: str) -> bytes:
    """STACK_GLOBAL from two fresh strings, each memoized."""
    return su(module) + b"\x94" + su(name) + b"\x94" + b"\x93"


def call1(arg: str) -> bytes:
    """Call what is on the stack with one string argument, then STOP."""
    return su(arg) + b"\x85R."


MEMO_STACK_GLOBAL = (
    proto(4) + su("os") + b"\x94" + su("system") + b"q\x05" + b"00"  # MEMOIZE, BINPUT 5, POP x2
    + b"h\x00h\x05\x93" + call1(CMD)  # BINGET 0, BINGET 5, STACK_GLOBAL
)  # fmt: skip
LONG_MEMO = (
    proto(4) + su("subprocess") + b"r\x00\x01\x00\x00" + su("getoutput") + b"r\x01\x01\x00\x00"
    + b"00j\x00\x01\x00\x00j\x01\x01\x00\x00\x93" + call1(CMD)
)  # fmt: skip
TEXT_MEMO = b"S'os'\np0\n0S'system'\np1\n0g0\ng1\n\x93(S'x'\ntR."
MEMO_OVERWRITE = (
    proto(4) + su("collections") + b"q\x00" + b"0" + su("os") + b"q\x00" + b"0"
    + b"h\x00" + su("system") + b"\x93" + call1(CMD)
)  # fmt: skip
BUILD_ON_CLASS = (
    proto(2)
    + glob("collections", "OrderedDict")
    + b"}"
    + su("__reduce__")
    + glob("os", "system")
    + b"sb."
)
INST = b"(S'" + CMD.encode() + b"'\nios\nsystem\n."
OBJ = b"(cos\nsystem\nS'" + CMD.encode() + b"'\no."
EXT1 = proto(2) + b"\x82\x07" + call1(CMD)
EXT2 = proto(2) + b"\x83\x07\x01" + call1(CMD)
EXT4 = proto(2) + b"\x84\x07\x01\x00\x00" + call1(CMD)
GETATTR_CHAIN = (
    proto(4) + stack_global("builtins", "getattr") + stack_global("builtins", "__import__")
    + su("os") + b"\x85R" + su("system") + b"\x86R" + call1(CMD)
)  # fmt: skip
PARTIAL = proto(2) + glob("functools", "partial") + glob("os", "system") + su(CMD) + b"\x86R)R."
NESTED = pickle.dumps(Reducer(os.system, CMD), protocol=2)
NESTED_LOADS = (
    proto(4) + stack_global("pickle", "loads") + b"C" + bytes([len(NESTED)]) + NESTED + b"\x85R."
)

# (module, name) pairs reached through STACK_GLOBAL with dotted names or odd modules.
DOTTED: dict[str, tuple[str, str]] = {
    "torch_serialization_os_system": ("torch.serialization", "os.system"),
    "builtins_getattr": ("builtins", "getattr"),
    "pkgutil_resolve_name": ("pkgutil", "resolve_name"),
    "operator_attrgetter_system": ("operator", "attrgetter"),
    "operator_methodcaller_system": ("_operator", "methodcaller"),
    "importlib_import_module": ("importlib", "import_module"),
    "code_interactive_interpreter": ("code", "InteractiveInterpreter"),
    "torch_hub_load": ("torch.hub", "load"),
    "posixsubprocess_fork_exec": ("_posixsubprocess", "fork_exec"),
    "runpy_run_code": ("runpy", "_run_code"),
    "numpy_runstring": ("numpy.testing._private.utils", "runstring"),
    "asyncio_subprocess": ("asyncio.unix_events", "_UnixSubprocessTransport"),
    "asyncio_base_events": ("asyncio.base_events", "BaseEventLoop.subprocess_shell"),
    "bdb_run": ("bdb", "Bdb.run"),
    "timm_attr_path": ("timm.models", "os.system"),
    "sklearn_getattr_path": ("sklearn.utils", "builtins.exec"),
}


def malicious() -> dict[str, bytes]:
    """Every malicious pickle technique, by name."""
    out: dict[str, bytes] = {}
    for p in range(6):
        out[f"reduce_os_system_p{p}"] = pickle.dumps(Reducer(os.system, CMD), protocol=p)
        out[f"reduce_eval_p{p}"] = pickle.dumps(Reducer(eval, "1+1"), protocol=p)
        out[f"back_to_back_p{p}"] = pickle.dumps({"ok": [1, 2]}, protocol=p) + pickle.dumps(
            Reducer(os.system, CMD), protocol=p
        )
    out["frames_p5"] = pickle.dumps([b"x" * 200_000, Reducer(os.system, CMD)], protocol=5)
    out["frames_p4_late"] = pickle.dumps(
        [list(range(30_000)), "y" * 100_000, Reducer(exec, "print(1)")], protocol=4
    )
    out["partial_p4"] = pickle.dumps(Reducer(functools.partial(os.system, CMD)), protocol=4)
    out.update(
        stack_global_memo=MEMO_STACK_GLOBAL, stack_global_long_memo=LONG_MEMO,
        stack_global_text_memo=TEXT_MEMO, memo_overwrite=MEMO_OVERWRITE,
        build_on_class=BUILD_ON_CLASS, inst=INST, obj=OBJ, ext1=EXT1, ext2=EXT2, ext4=EXT4,
        getattr_chain=GETATTR_CHAIN, partial_hand=PARTIAL, nested_pickle_loads=NESTED_LOADS,
        global_p0=b"cos\nsystem\n(S'x'\ntR.",
        global_builtins_exec=proto(2) + glob("__builtin__", "eval") + call1("1"),
        methodcaller_args=proto(4) + stack_global("operator", "methodcaller") + su("system")
        + su(CMD) + b"\x86R" + b".",
        attrgetter_args=proto(4) + stack_global("operator", "attrgetter") + su("system")
        + b"\x85R.",
    )  # fmt: skip
    for key, (module, name) in DOTTED.items():
        out[f"dotted_{key}"] = proto(4) + stack_global(module, name) + call1(CMD)
    return out


def benign() -> dict[str, bytes]:
    """Plain-data pickles at every protocol, with the reconstructors real files use."""
    data: dict[str, Any] = {
        "ints": list(range(300)),
        "floats": [0.5, -1e300, float("inf")],
        "text": ["a", "é" * 40, "x" * 300],
        "bytes": [b"", b"\x00" * 10, b"y" * 70_000],
        "nested": {"t": (1, (2, (3,))), "s": {1, 2}, "f": frozenset({3})},
        "od": collections.OrderedDict(a=1, b=2),
        "dd": collections.defaultdict(list, {"k": [1]}),
        "when": datetime.datetime(2024, 1, 2, 3, 4, 5),
        "delta": datetime.timedelta(days=3),
        "big": 2**200,
        "none": None,
        "bools": [True, False],
        "ba": bytearray(b"abc"),
        "complex": 1 + 2j,
    }
    out: dict[str, bytes] = {}
    arrays = {
        "f32": np.arange(12, dtype=np.float32).reshape(3, 4),
        "i64": np.arange(5),
        "objects": np.array([1, "a", None], dtype=object),
        "scalar": np.float64(2.5),
        "record": np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]),
    }
    for p in range(6):
        out[f"data_p{p}"] = pickle.dumps(data, protocol=p)
        out[f"numpy_p{p}"] = pickle.dumps(arrays, protocol=p)
        out[f"back_to_back_plain_p{p}"] = pickle.dumps([1], protocol=p) + pickle.dumps(
            "two", protocol=p
        )
    out["frames_p5_buffers"] = pickle.dumps(
        [pickle.PickleBuffer(b"z" * 300_000), "tail"], protocol=5
    )
    out["memo_heavy_p4"] = pickle.dumps([(f"k{i}", i) for i in range(20_000)], protocol=4)
    out["stack_global_memo_benign"] = (
        proto(4) + su("collections") + b"\x94" + su("OrderedDict") + b"\x94" + b"\x93" + b")R"
        + b"h\x00" + su("Counter") + b"\x93" + b")R" + b"\x86."
    )  # fmt: skip
    return out
