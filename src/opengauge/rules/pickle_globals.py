"""Pickle import policy as data: what is safe to import on load, what is dangerous.

Judged on the full dotted path ``module.name`` *and* on every segment of it, so
``torch.serialization.os.system`` or ``bdb.Bdb.run`` cannot hide behind a
harmless first word. Anything neither allowed nor denied is an unknown import.

Allowed entries are reconstructors that only build data (tensors, arrays,
containers). scikit-learn estimator classes are allowed because instantiating
one and restoring its ``__dict__`` runs no user code; callables they hold are
separate imports and are judged on their own.
"""

from __future__ import annotations

import re

ALLOWED_EXACT: frozenset[str] = frozenset(
    {
        "collections.OrderedDict", "collections.defaultdict", "collections.Counter",
        "collections.deque", "builtins.set", "builtins.frozenset", "builtins.slice",
        "builtins.bytearray", "builtins.complex", "builtins.list", "builtins.dict",
        "builtins.tuple", "builtins.int", "builtins.float", "builtins.str", "builtins.bytes",
        "builtins.bool", "builtins.range", "builtins.object", "_codecs.encode",
        "copyreg._reconstructor", "datetime.datetime", "datetime.date", "datetime.time",
        "datetime.timedelta", "datetime.timezone", "decimal.Decimal", "fractions.Fraction",
        "uuid.UUID", "argparse.Namespace", "pathlib.PosixPath", "pathlib.WindowsPath",
        "pathlib.PurePosixPath", "pathlib.PureWindowsPath", "pathlib.Path",
        "numpy.ndarray", "numpy.dtype", "numpy.core.multiarray._reconstruct",
        "numpy._core.multiarray._reconstruct", "numpy.core.multiarray.scalar",
        "numpy._core.multiarray.scalar", "numpy.core.numeric._frombuffer",
        "numpy._core.numeric._frombuffer", "numpy.ma.core._mareconstruct",
        "numpy.random._pickle.__randomstate_ctor", "numpy.random._pickle.__generator_ctor",
        "numpy.random._pickle.__bit_generator_ctor", "numpy.random.mtrand.RandomState",
        "numpy.random._mt19937.MT19937", "numpy.random._pcg64.PCG64",
        "joblib.numpy_pickle.NumpyArrayWrapper", "joblib.numpy_pickle.NDArrayWrapper",
        "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_qtensor",
        "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_nested_tensor",
        "torch._utils._rebuild_device_tensor_from_numpy",
        "torch._utils._rebuild_meta_tensor_no_storage",
        "torch._utils._rebuild_wrapper_subclass", "torch._tensor._rebuild_from_type_v2",
        "torch._utils._rebuild_from_type_v2", "torch.nn.parameter.Parameter", "torch.Size",
        "torch.device", "torch.Tensor", "torch.storage.UntypedStorage",
        "torch.storage.TypedStorage", "torch.serialization._get_layout",
    }
)  # fmt: skip

# (module regex, name regex): both must match in full.
ALLOWED_PATTERNS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(m), re.compile(n))
    for m, n in (
        (r"torch", r"[A-Z][A-Za-z0-9]*Storage"),
        (r"torch", r"(float|double|half|bfloat16|float8_\w+|float16|float32|float64|complex\d+|"
         r"u?int\d+|bool|cfloat|cdouble|long|short|quint\w+|qint\w+|strided|sparse_\w+|"
         r"per_tensor_affine|per_channel_affine|per_tensor_symmetric|per_channel_symmetric|"
         r"channels_last|contiguous_format|preserve_format)"),
        (r"numpy\.dtypes", r"[A-Za-z0-9]+DType"),
        (r"numpy", r"(float|int|uint|complex|bool_|str_|bytes_|object_|void|datetime64|"
         r"timedelta64)\d*"),
        (r"torch\.nn\.modules\.[a-z_]+", r"[A-Z][A-Za-z0-9]*"),
        (r"sklearn(\.[a-z_][a-z0-9_]*)+", r"[A-Z][A-Za-z0-9]*"),
        # TorchScript: builders of the C++ unpickler, and classes compiled from code/.
        (r"torch\.jit\._pickle", r"build_[a-z]+|restore_type_tag"),
        (r"__torch__(\.[A-Za-z_][A-Za-z0-9_]*)*", r"[A-Za-z_][A-Za-z0-9_]*"),
    )
)  # fmt: skip

# Module prefixes whose every attribute is dangerous: (prefix, severity, why).
DENIED_MODULES: dict[str, tuple[str, str]] = {
    "os": ("critical", "runs shell commands / touches the file system"),
    "posix": ("critical", "runs shell commands (os internals)"),
    "nt": ("critical", "runs shell commands (os internals)"),
    "subprocess": ("critical", "starts processes"),
    "_posixsubprocess": ("critical", "starts processes (fork_exec)"),
    "pty": ("critical", "spawns a shell"),
    "runpy": ("critical", "runs Python code"),
    "importlib": ("critical", "imports arbitrary modules"),
    "pkgutil": ("critical", "resolves and imports arbitrary names"),
    "zipimport": ("critical", "imports code from archives"),
    "pickle": ("critical", "nested pickle load"),
    "_pickle": ("critical", "nested pickle load"),
    "dill": ("critical", "nested pickle load"),
    "cloudpickle": ("critical", "nested pickle load"),
    "marshal": ("critical", "loads Python bytecode"),
    "types": ("critical", "builds functions from bytecode"),
    "bdb": ("critical", "debugger runs code strings"),
    "pdb": ("critical", "debugger runs code strings"),
    "code": ("critical", "interactive interpreter runs code strings"),
    "codeop": ("critical", "compiles code strings"),
    "timeit": ("critical", "runs code strings"),
    "cProfile": ("critical", "runs code strings"),
    "profile": ("critical", "runs code strings"),
    "trace": ("critical", "runs code strings"),
    "ctypes": ("critical", "calls native code"),
    "_ctypes": ("critical", "calls native code"),
    "pip": ("critical", "installs packages"),
    "ensurepip": ("critical", "installs packages"),
    "venv": ("critical", "creates environments, runs commands"),
    "torch.hub": ("critical", "downloads and runs code"),
    "torch.utils.cpp_extension": ("critical", "compiles and loads native code"),
    "torch._inductor": ("critical", "compiles and runs generated code"),
    "torch.serialization.load": ("critical", "nested torch.load"),
    "torch.load": ("critical", "nested torch.load"),
    "torch.jit": ("high", "loads TorchScript"),
    "joblib.load": ("critical", "nested pickle load"),
    "numpy.load": ("critical", "nested pickle load"),
    "numpy.testing": ("critical", "runstring runs code"),
    "numpy.f2py": ("critical", "compiles native code"),
    "numpy.distutils": ("critical", "runs build commands"),
    "asyncio": ("critical", "starts subprocesses"),
    "multiprocessing": ("critical", "starts processes"),
    "pydoc": ("critical", "pipepager runs shell commands"),
    "sys": ("high", "changes interpreter state (modules, exit)"),
    "socket": ("high", "opens network connections"),
    "ssl": ("high", "opens network connections"),
    "http": ("high", "makes network requests"),
    "urllib": ("high", "makes network requests"),
    "requests": ("high", "makes network requests"),
    "aiohttp": ("high", "makes network requests"),
    "httpx": ("high", "makes network requests"),
    "ftplib": ("high", "makes network requests"),
    "smtplib": ("high", "sends mail"),
    "telnetlib": ("high", "makes network requests"),
    "xmlrpc": ("high", "makes network requests"),
    "webbrowser": ("high", "opens URLs / runs browsers"),
    "shutil": ("high", "copies, moves and deletes files"),
    "tempfile": ("medium", "creates files"),
    "signal": ("high", "changes signal handling"),
    "threading": ("medium", "starts threads"),
    "io": ("high", "opens files"),
    "_io": ("high", "opens files"),
    "builtins.eval": ("critical", "evaluates code"),
    "builtins.exec": ("critical", "executes code"),
    "builtins.compile": ("critical", "compiles code"),
    "builtins.__import__": ("critical", "imports arbitrary modules"),
    "builtins.breakpoint": ("critical", "starts a debugger"),
    "builtins.apply": ("critical", "calls arbitrary callables"),
    "builtins.execfile": ("critical", "executes files"),
    "builtins.getattr": ("high", "builds callables from attribute names"),
    "builtins.setattr": ("high", "overrides attributes"),
    "builtins.delattr": ("high", "deletes attributes"),
    "builtins.open": ("high", "opens files"),
    "builtins.input": ("high", "blocks on input"),
    "builtins.exit": ("high", "exits the process"),
    "builtins.quit": ("high", "exits the process"),
    "builtins.globals": ("high", "exposes interpreter globals"),
    "builtins.locals": ("high", "exposes interpreter locals"),
    "builtins.vars": ("high", "exposes object namespaces"),
    "builtins.type": ("high", "creates classes at load time"),
    "builtins.memoryview": ("medium", "raw memory access"),
    "copyreg._extension_registry": ("high", "EXT code resolved by the loader's registry"),
}

# Callables that build another callable from names: dangerous when what they wrap is.
WRAPPERS: frozenset[str] = frozenset(
    {
        "functools.partial", "functools.reduce", "operator.attrgetter", "operator.methodcaller",
        "operator.itemgetter", "_operator.attrgetter", "_operator.methodcaller",
        "_operator.itemgetter", "operator.call", "_functools.partial", "_functools.reduce",
    }
)  # fmt: skip

# Attribute names that make a path dangerous wherever they appear after the first segment.
DANGEROUS_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "system", "popen", "spawn", "spawnl", "spawnv", "execv", "execve", "execl", "execvp",
        "fork_exec", "eval", "exec", "compile", "__import__", "import_module", "getattr",
        "setattr", "load", "loads", "run", "runctx", "runcall", "runcode", "runsource",
        "run_path", "run_module", "_run_code", "Popen", "call", "check_call", "check_output",
        "getoutput", "getstatusoutput", "resolve_name", "open", "remove", "rmtree", "unlink",
        "interact", "InteractiveInterpreter", "InteractiveConsole", "pipepager", "main",
        "__builtins__", "__globals__", "__subclasses__", "__reduce__",
    }
)  # fmt: skip


ALIASES = {"__builtin__": "builtins", "__builtins__": "builtins", "copy_reg": "copyreg"}
TOP_LEVEL_DENIED = frozenset(p for p in DENIED_MODULES if "." not in p)


def normal(module: str) -> str:
    """The module path with Python 2 aliases (``__builtin__``, ``copy_reg``) resolved."""
    head, _, rest = module.partition(".")
    head = ALIASES.get(head, head)
    return f"{head}.{rest}" if rest else head


def is_allowed(module: str, name: str) -> bool:
    """True for known-safe reconstructors."""
    module = normal(module)
    if f"{module}.{name}" in ALLOWED_EXACT:
        return True
    if module.startswith("__torch__.") and TOP_LEVEL_DENIED & set(module.split(".")):
        return False
    return any(m.fullmatch(module) and n.fullmatch(name) for m, n in ALLOWED_PATTERNS)
