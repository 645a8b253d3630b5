"""The pickle import policy, table-driven: allowed, denied by path or segment, wrappers."""

from __future__ import annotations

import pytest

from opengauge.analyzers.safety_judge import judge, judge_name
from opengauge.model import PickleImport, Severity

CASES = [
    ("torch._utils", "_rebuild_tensor_v2", None),
    ("torch", "FloatStorage", None),
    ("collections", "OrderedDict", None),
    ("numpy.core.multiarray", "_reconstruct", None),
    ("numpy", "dtype", None),
    ("sklearn.linear_model._logistic", "LogisticRegression", None),
    ("torch.jit._pickle", "build_intlist", None),
    ("__torch__.my_model", "Net", None),
    ("__builtin__", "set", None),
    ("os", "system", Severity.CRITICAL),
    ("posix", "system", Severity.CRITICAL),
    ("__builtin__", "eval", Severity.CRITICAL),
    ("builtins", "getattr", Severity.HIGH),
    ("torch.serialization", "os.system", Severity.HIGH),
    ("torch.hub", "load", Severity.CRITICAL),
    ("numpy.testing._private.utils", "runstring", Severity.CRITICAL),
    ("pkgutil", "resolve_name", Severity.CRITICAL),
    ("bdb", "Bdb.run", Severity.CRITICAL),
    ("__torch__.os", "system", Severity.HIGH),
    ("sklearn.utils", "builtins.exec", Severity.HIGH),
    ("mypackage.layers", "Custom", Severity.HIGH),  # unknown: blocks at the default
    ("functools", "partial", Severity.HIGH),
    ("<unresolved>", "system", Severity.HIGH),
    # Standard-library and framework internals that run programs, load code, write files.
    ("uuid", "_get_command_stdout", Severity.CRITICAL),
    ("imaplib", "IMAP4_stream", Severity.CRITICAL),
    ("logging.config", "dictConfig", Severity.CRITICAL),
    ("logging", "FileHandler", Severity.HIGH),
    ("site", "addsitedir", Severity.CRITICAL),
    ("doctest", "debug_script", Severity.CRITICAL),
    ("numpy.ctypeslib", "load_library", Severity.CRITICAL),
    ("numpy", "memmap", Severity.HIGH),
    ("zipfile", "ZipFile", Severity.HIGH),
    ("torch._utils", "_import_dotted_name", Severity.CRITICAL),
    ("torch.fx.graph_module", "reduce_graph_module", Severity.CRITICAL),
    ("torch.storage", "_load_from_bytes", Severity.CRITICAL),
    ("torch", "load", Severity.CRITICAL),
    ("numpy.lib.format", "read_array", Severity.CRITICAL),
    ("numpy._core", "_ufunc_reconstruct", Severity.CRITICAL),
    # Allow-listed modules that re-export dangerous objects: never allowed by prefix.
    ("sklearn.callback._transport", "Client", Severity.HIGH),
    ("sklearn.datasets._base", "NamedTemporaryFile", Severity.HIGH),
    ("torch.nn.modules.activation", "F", Severity.HIGH),
    ("joblib.numpy_pickle", "NDArrayWrapper", Severity.HIGH),
    ("pandas", "DataFrame", None),
    ("logging", "getLogger", None),
]


@pytest.mark.parametrize(("module", "name", "expected"), CASES)
def test_judge_name(module: str, name: str, expected: Severity | None) -> None:
    assert judge_name(module, name).severity == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (PickleImport("a.pkl", "functools", "partial", 0, "GLOBAL", args=("os.system",)),
         Severity.CRITICAL),
        (PickleImport("a.pkl", "operator", "methodcaller", 0, "GLOBAL", args=("system",)),
         Severity.CRITICAL),
        (PickleImport("a.pkl", "operator", "itemgetter", 0, "GLOBAL", args=("weights",)),
         Severity.HIGH),
        (PickleImport("a.pkl", "collections", "OrderedDict", 9, "BUILD"), Severity.HIGH),
        (PickleImport("a.pkl", "collections", "OrderedDict", 9, "STACK_GLOBAL"), None),
    ],
)  # fmt: skip
def test_judge(item: PickleImport, expected: Severity | None) -> None:
    assert judge(item).severity == expected
