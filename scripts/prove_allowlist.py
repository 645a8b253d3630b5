"""Prove the pickle allow-list against the real libraries (development time only).

    /tmp/genvenv/bin/python scripts/prove_allowlist.py --generate   # rebuild the list
    /tmp/genvenv/bin/python scripts/prove_allowlist.py              # record the proof

Run in a separate venv that has torch, numpy, scikit-learn, joblib, pandas and scipy
(never in opengauge's own): this script *imports libraries*, never an audited file.

``--generate`` enumerates, per library, the classes *defined* in its modules (what
pickles name: ``cls.__module__`` + ``cls.__qualname__``) whose whole MRO stays in the
library or in plain standard-library bases, plus the library's reconstructor
functions (``_rebuild_*``, ``_reconstruct``, ``__pyx_unpickle_*``...), and writes
``src/opengauge/rules/pickle_allowlist.py``. Re-exports (``sklearn.callback._transport.
Client`` is ``multiprocessing.connection.Client``) are never listed: only the module
that defines an object may name it.

Without ``--generate`` it resolves every allowed name (``rules.pickle_globals``) the
way an unpickler would (import the module, walk the attributes) and records what it
*is* into ``tests/data/generated/allowlist_proof.json``; the test
``tests/analyzers/test_safety_allowlist.py`` fails when an entry resolves outside the
intended reconstructors. The test reads that JSON and imports none of the libraries.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import json
import pkgutil
import re
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "src" / "opengauge" / "rules"
GENERATED = RULES / "pickle_allowlist.py"
PROOF = ROOT / "tests" / "data" / "generated" / "allowlist_proof.json"
LIBRARIES = ("numpy", "torch", "sklearn", "joblib", "pandas", "scipy")

# Modules enumerated per library: "name" is that module alone, "name.*" it and its tree.
TREES = {
    "numpy": ("numpy", "numpy.dtypes", "numpy.random.*", "numpy.ma", "numpy.ma.core"),
    "torch": ("torch.nn.*", "torch.storage", "torch._utils", "torch._tensor", "torch.jit._pickle"),
    "sklearn": ("sklearn.*",),
    "joblib": (),
    "pandas": (
        "pandas", "pandas.arrays", "pandas.core.frame", "pandas.core.series", "pandas.core.generic",
        "pandas.core.flags", "pandas.core.indexes.*", "pandas.core.internals.*",
        "pandas.core.arrays.*", "pandas.core.dtypes.*", "pandas.core.sparse.*",
        "pandas._libs.internals", "pandas._libs.arrays", "pandas._libs.tslibs.*",
        "pandas._libs.interval", "pandas._libs.missing", "pandas._libs.properties",
        "pandas._libs.sparse", "pandas._libs.index", "pandas._libs.lib",
    ),
    "scipy": ("scipy.sparse.*",),
}  # fmt: skip
# Subtrees never enumerated: tests, I/O, code loading, vendored code, tooling.
SKIP = re.compile(
    r"\.(tests?|testing|_testing|conftest|externals|_build_utils|_show_versions|benchmarks?|"
    r"datasets|io|plotting|_config|api|errors|util|compat|_version|linalg|csgraph|_lib|"
    r"experimental|callback|f2py|distutils|ctypeslib|_pytesttester|_typing|_utils|"
    r"parallel|_distributor_init|__config__|backends|utils\.data|nn\.attention|computation|"
    r"interchange|parsers|_mocking|utils\._pprint)(\.|$)"
)
# Reconstructor functions: what pickles of library objects call to rebuild them.
RECONSTRUCTOR = {
    "numpy": re.compile(r"__pyx_unpickle_\w+|__\w+_ctor|_mareconstruct"),
    "torch": re.compile(r"_rebuild_\w+|build_[a-z]+list|build_tensor_from_id|restore_type_tag"),
    "sklearn": re.compile(r"__pyx_unpickle_\w+|newObj"),
    "joblib": re.compile(r"(?!)"),
    "pandas": re.compile(
        r"__pyx_unpickle_\w+|_unpickle_\w+|\w+_unpickle|_new_[A-Z]\w*|new_block\w*"
    ),
    "scipy": re.compile(r"(?!)"),
}
# Functions that only compute (scorers, kernels, statistics) and that estimators keep as
# parameters (SelectKBest(score_func=f_classif), make_scorer(...)): reviewed modules.
COMPUTE_MODULES = (
    "sklearn.feature_selection._univariate_selection",
    "sklearn.feature_selection._mutual_info",
    "sklearn.metrics._classification",
    "sklearn.metrics._regression",
    "sklearn.metrics._ranking",
    "sklearn.metrics.pairwise",
    "sklearn.metrics.cluster._supervised",
    "sklearn.metrics.cluster._unsupervised",
)
# Standard-library bases a library class may have without leaving "builds data".
SAFE_BASES = {
    "builtins.object", "builtins.dict", "builtins.list", "builtins.tuple", "builtins.int",
    "builtins.float", "builtins.str", "builtins.bytes", "builtins.complex", "builtins.bool",
    "builtins.type", "builtins.set", "builtins.frozenset", "abc.ABC", "typing.Generic",
    "typing.Protocol", "enum.Enum", "enum.IntEnum", "enum.Flag", "enum.IntFlag",
    "enum.ReprEnum", "collections.OrderedDict", "collections.UserDict", "numbers.Number",
    "numbers.Complex", "numbers.Real", "numbers.Rational", "numbers.Integral",
    "collections.abc.Mapping", "collections.abc.MutableMapping", "collections.abc.Sequence",
    "collections.abc.Collection", "collections.abc.Sized", "collections.abc.Iterable",
    "collections.abc.Container", "collections.abc.Reversible", "collections.abc.Hashable",
    "collections.abc.Callable", "collections.abc.Set", "collections.abc.MutableSet",
    "collections.abc.Iterator", "typing.NamedTuple", "datetime.datetime", "datetime.date",
    "datetime.timedelta", "datetime.tzinfo", "datetime.time",
}  # fmt: skip
INSTANCE_TYPES = {"torch.dtype", "torch.layout", "torch.memory_format", "torch.qscheme"}
# Classes defined in an enumerated module that do not just hold data: they open files,
# iterate, wrap callables to call later, or are hooks. Never listed.
NOT_DATA = re.compile(
    r"numpy\.(memmap|vectorize|nditer|ndenumerate|ndindex|errstate|ufunc|broadcast|flatiter|"
    r"busdaycalendar|_CopyMode|__array_namespace_info__)|numpy\.ma\.core\._\w+|"
    r"torch\._utils\.[A-Z]\w*|.*Hook\w*|.*(Excel|HDF|Stata|SAS|SPSS)\w*"
)


def qualified(obj: Any) -> str:
    """``module.qualname`` of a class or function, as pickle would write it."""
    return f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', '?')}"


def mro(cls: type) -> list[str]:
    """Qualified names of a class's bases, itself excluded."""
    return [qualified(base) for base in inspect.getmro(cls)[1:]]


def family(name: str) -> str:
    """The top package a name belongs to."""
    return name.split(".", 1)[0]


def defined_in(cls: type) -> str:
    """The module whose code defines a class (``__module__`` can be rewritten, as pandas
    does for ``pandas.ExcelWriter``): the globals of the first function in its body."""
    for value in vars(cls).values():
        code_globals = getattr(value, "__globals__", None)
        if isinstance(code_globals, dict) and "__name__" in code_globals:
            return str(code_globals["__name__"])
    return str(cls.__module__)


def class_ok(cls: type) -> bool:
    """A data class: defined in its library outside SKIP subtrees, not NOT_DATA, and
    every base in the same library or a plain standard-library base."""
    own = family(cls.__module__)
    home = defined_in(cls)
    return (
        not issubclass(cls, BaseException)
        and family(home) == own
        and not SKIP.search(home)
        and not NOT_DATA.fullmatch(qualified(cls))
        and all(family(base) == own or base in SAFE_BASES for base in mro(cls))
    )


def modules(tree: str) -> list[ModuleType]:
    """A module (and its submodules for ``name.*``), importable ones, SKIP left out."""
    found = []
    recursive = tree.endswith(".*")
    tree = tree.removesuffix(".*")
    try:
        root = importlib.import_module(tree)
    except Exception:
        return []
    found.append(root)
    if not recursive:
        return found
    for info in pkgutil.walk_packages(getattr(root, "__path__", []), tree + ".", lambda _: None):
        if SKIP.search(info.name):
            continue
        try:
            found.append(importlib.import_module(info.name))
        except Exception:  # noqa: S112 - optional submodules fail to import
            continue
    return found


def enumerate_library(library: str) -> set[str]:
    """Allowed names of one library: defined classes and reconstructor functions."""
    names: set[str] = set()
    for tree in TREES[library]:
        for module in modules(tree):
            for attr, obj in list(vars(module).items()):
                if inspect.isclass(obj) and obj.__module__ == module.__name__:
                    if class_ok(obj):
                        names.add(qualified(obj))
                        # Older releases pickled it under the module that defines it.
                        home = sys.modules.get(defined_in(obj))
                        qualname = str(obj.__qualname__)
                        if home is not None and getattr(home, qualname, None) is obj:
                            names.add(f"{home.__name__}.{qualname}")
                elif callable(obj) and getattr(obj, "__module__", None) == module.__name__:
                    reconstructor = RECONSTRUCTOR[library].fullmatch(attr)
                    compute = module.__name__ in COMPUTE_MODULES and not attr.startswith(
                        ("_", "check_")
                    )
                    if reconstructor or compute:
                        names.add(f"{module.__name__}.{attr}")
                elif (
                    library == "torch"
                    and module.__name__ == "torch"
                    and qualified(type(obj)) in INSTANCE_TYPES
                ):
                    names.add(f"torch.{attr}")
    return names


def generate() -> None:
    """Write src/opengauge/rules/pickle_allowlist.py from the installed libraries."""
    torch = importlib.import_module("torch")

    names: set[str] = set()
    versions = {}
    for library in LIBRARIES:
        module = importlib.import_module(library)
        versions[library] = getattr(module, "__version__", "?")
        names |= enumerate_library(library)
    # The torch namespace: dtypes, layouts, memory formats, legacy storage classes.
    for attr, obj in vars(torch).items():
        legacy_storage = inspect.isclass(obj) and attr.endswith("Storage") and class_ok(obj)
        if qualified(type(obj)) in INSTANCE_TYPES or legacy_storage:
            names.add(f"torch.{attr}")
    names |= {"torch.Size", "torch.device", "torch.Tensor", "joblib.numpy_pickle.NumpyArrayWrapper"}
    # numpy 1.x pickles name numpy.core.*: the same objects under numpy 2's shim path.
    names |= {
        "numpy.core." + n[len("numpy._core.") :] for n in names if n.startswith("numpy._core.")
    }
    names = {n for n in names if ".<locals>." not in n and "<" not in n}
    lines = [
        '"""Allowed pickle imports enumerated from the libraries (generated: do not edit).',
        "",
        "Written by ``scripts/prove_allowlist.py --generate`` from",
        ", ".join(f"{k} {v}" for k, v in versions.items()) + ";",
        "every entry is proved by tests/data/generated/allowlist_proof.json.",
        '"""',
        "",
        "LIBRARY_ALLOWED: frozenset[str] = frozenset(",
        "    {",
        *[f'        "{name}",' for name in sorted(names)],
        "    }",
        ")",
        "",
    ]
    GENERATED.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {len(names)} names to {GENERATED}")


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def resolve(name: str) -> tuple[Any, str] | None:
    """What an unpickler gets for ``module.attr.path``: the longest importable module,
    then attribute lookups (as pickle's find_class does for dotted names)."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except Exception:  # noqa: S112 - try a shorter module path
            continue
        try:
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return None
        return obj, ".".join(parts[:cut])
    return None


def describe(obj: Any) -> dict[str, Any]:
    """What an allowed name resolves to, in the proof's vocabulary."""
    if inspect.ismodule(obj):
        return {"kind": "module", "resolves_to": obj.__name__}
    if inspect.isclass(obj):
        return {
            "kind": "class",
            "resolves_to": qualified(obj),
            "defined_in": defined_in(obj),
            "mro": mro(obj),
        }
    if callable(obj) and hasattr(obj, "__qualname__"):
        return {"kind": "function", "resolves_to": qualified(obj)}
    return {"kind": "instance", "resolves_to": qualified(type(obj)), "type": qualified(type(obj))}


def prove() -> None:
    """Resolve every allowed name and write the proof JSON."""
    _load(RULES / "pickle_allowlist.py", "opengauge_allowlist")
    sys.modules["opengauge.rules.pickle_allowlist"] = sys.modules["opengauge_allowlist"]
    rules = _load(RULES / "pickle_globals.py", "opengauge_pickle_globals")
    entries: dict[str, Any] = {}
    for name in sorted(rules.ALLOWED_EXACT):
        found = resolve(name)
        entries[name] = describe(found[0]) if found else {"kind": "unresolved"}
    try:
        importlib.import_module("__torch__")
        torchscript = "importable"
    except ImportError:
        torchscript = "not importable: TorchScript class names resolve to the archive's code/"
    versions = {lib: getattr(importlib.import_module(lib), "__version__", "?") for lib in LIBRARIES}
    data = {
        "generated_by": "scripts/prove_allowlist.py",
        "python": sys.version.split()[0],
        "libraries": versions,
        "__torch__": torchscript,
        "entries": entries,
    }
    PROOF.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    bad = [n for n, e in entries.items() if e["kind"] in ("unresolved", "module")]
    print(f"wrote {len(entries)} proofs to {PROOF}; unresolved or modules: {bad}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", action="store_true", help="rebuild the generated list")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    if args.generate:
        generate()
    prove()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
