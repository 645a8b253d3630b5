"""Every allow-listed pickle import is proved to be an intended reconstructor.

The proof (tests/data/generated/allowlist_proof.json) is written by
``scripts/prove_allowlist.py``, which resolves each allowed name in the real libraries
(torch, numpy, scikit-learn, joblib, pandas, scipy) in a separate venv. This test reads
the JSON only: it imports none of those libraries. It fails when an entry resolves to
something a module merely re-exports (``sklearn.callback._transport.Client`` is
``multiprocessing.connection.Client``), to a module, to a class with a base outside its
library, or to a function that is not a reviewed reconstructor; and when the allow-list
and its proof drift apart (re-run the script).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from opengauge.analyzers.safety_judge import judge_name
from opengauge.rules.pickle_globals import ALLOWED_EXACT, ALLOWED_PATTERNS

PROOF = Path(__file__).parents[1] / "data" / "generated" / "allowlist_proof.json"
DATA: dict[str, Any] = json.loads(PROOF.read_text(encoding="utf-8"))
ENTRIES: dict[str, dict[str, Any]] = DATA["entries"]

# Standard-library bases a library class may have and stay a data holder.
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
# Functions: library reconstructors, and the computations estimators keep as parameters.
RECONSTRUCTORS = re.compile(
    r"(torch\._utils\._rebuild_\w+|torch\._tensor\._rebuild_from_type(_v2)?|"
    r"torch\.jit\._pickle\.(build_\w+|restore_type_tag)|torch\.serialization\._get_layout|"
    r"numpy\.(_?core\.multiarray\.(_reconstruct|scalar)|_?core\.numeric\._frombuffer|"
    r"ma\.core\._mareconstruct|random\.(_pickle\.)?__\w+_ctor|random\.\w+\.__pyx_unpickle_\w+)|"
    r"sklearn\.[\w.]+\.(__pyx_unpickle_\w+|newObj)|"
    r"pandas\.[\w.]+\.(__pyx_unpickle_\w+|_unpickle_\w+|\w+_unpickle|_new_[A-Z]\w*|"
    r"new_block\w*)|"
    r"sklearn\.(feature_selection\._(univariate_selection|mutual_info)|metrics\.(_classification|"
    r"_regression|_ranking|pairwise|cluster\._supervised|cluster\._unsupervised))\.[a-z]\w*|"
    r"_codecs\.encode|copyreg\._reconstructor|logging\.getLogger)"
)
# Where no library object may come from: I/O, processes, code loading.
FORBIDDEN_HOMES = re.compile(
    r"(^|\.)(io|_io|os|posix|subprocess|socket|multiprocessing|tempfile|shutil|gzip|bz2|"
    r"lzma|zipfile|tarfile|pickle|marshal|importlib|runpy|ctypes|threading|logging\.handlers|"
    r"datasets|hub|fx|package|_testing|testing|externals|parsers|computation)(\.|$)"
)
INSTANCE_TYPES = {"torch.dtype", "torch.layout", "torch.memory_format", "torch.qscheme"}


def _family(name: str) -> str:
    return name.split(".", 1)[0]


def test_proof_covers_exactly_the_allow_list() -> None:
    assert set(ENTRIES) == set(ALLOWED_EXACT), "re-run scripts/prove_allowlist.py"


def test_no_module_prefix_is_allowed() -> None:
    """The only pattern is TorchScript's ``__torch__`` classes, which are not Python
    imports (the proof records that no module ``__torch__`` exists)."""
    assert [m.pattern for m, _ in ALLOWED_PATTERNS] == [r"__torch__(\.[A-Za-z_][A-Za-z0-9_]*)*"]
    assert DATA["__torch__"].startswith("not importable")


def _problem(name: str, entry: dict[str, Any]) -> str | None:
    """Why ``name`` is not an intended reconstructor (None when it is)."""
    kind = entry["kind"]
    if kind == "instance":
        return None if entry["type"] in INSTANCE_TYPES else f"instance of {entry['type']}"
    if kind not in ("class", "function"):
        return f"resolves to a {kind}"
    target = entry["resolves_to"]
    if _family(target) != _family(name):
        return f"re-exports {target}"
    if FORBIDDEN_HOMES.search(target):
        return f"comes from {target}"
    if kind == "function":
        ok = RECONSTRUCTORS.fullmatch(target) or RECONSTRUCTORS.fullmatch(name)
        return None if ok else f"function {target} is not a reviewed reconstructor"
    home = entry["defined_in"]
    if _family(home) != _family(name) or FORBIDDEN_HOMES.search(home):
        return f"defined in {home}"
    bases = [b for b in entry["mro"] if _family(b) != _family(name) and b not in SAFE_BASES]
    return f"has bases {bases}" if bases else None


def test_every_entry_is_an_intended_reconstructor() -> None:
    problems = {n: why for n, e in ENTRIES.items() if (why := _problem(n, e)) is not None}
    assert not problems, problems


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("sklearn.callback._transport.Client",
         {"kind": "function", "resolves_to": "multiprocessing.connection.Client"}),
        ("torch.nn.modules.activation.F", {"kind": "module", "resolves_to": "torch.nn.functional"}),
        ("sklearn.datasets._covtype.GzipFile",
         {"kind": "class", "resolves_to": "gzip.GzipFile", "defined_in": "gzip", "mro": []}),
        ("sklearn.x.Y", {"kind": "class", "resolves_to": "sklearn.x.Y", "defined_in": "sklearn.x",
                         "mro": ["threading.Thread", "builtins.object"]}),
        ("torch._utils._import_dotted_name",
         {"kind": "function", "resolves_to": "torch._utils._import_dotted_name"}),
    ],
)  # fmt: skip
def test_the_check_rejects_gadgets(name: str, entry: dict[str, Any]) -> None:
    """The proof check itself catches each way an allowed name can be a gadget."""
    assert _problem(name, entry) is not None


@pytest.mark.parametrize(
    "name",
    [
        "sklearn.callback._transport.Client",
        "sklearn.callback._transport.Listener",
        "sklearn.datasets._base.NamedTemporaryFile",
        "sklearn.datasets._covtype.GzipFile",
        "sklearn.datasets._lfw.Memory",
        "sklearn.externals.array_api_compat.torch.PyTorchFileWriter",
        "torch.nn.modules.activation.F",
        "joblib.numpy_pickle.NDArrayWrapper",
        "joblib.numpy_pickle._unpickle",
        "numpy.memmap",
        "pandas.ExcelWriter",
        "pandas.HDFStore",
    ],
)
def test_known_gadgets_are_not_allowed(name: str) -> None:
    assert name not in ALLOWED_EXACT
    module, attr = name.rsplit(".", 1)
    verdict = judge_name(module, attr)
    assert verdict.severity is not None and verdict.severity.rank >= 3
