"""Pickle import policy as data: what is safe to import on load, what is dangerous.

Judged on the full dotted path ``module.name`` *and* on every segment of it, so
``torch.serialization.os.system`` or ``bdb.Bdb.run`` cannot hide behind a
harmless first word. Anything neither allowed nor denied is an unknown import, and
unknown is high: a load that imports what nobody reviewed is not passed.

The allow-list names individual objects, never module prefixes: a module can
re-export anything (``sklearn.callback._transport.Client`` *is*
``multiprocessing.connection.Client``). Library entries are enumerated from the
modules that define them (``rules.pickle_allowlist``, generated) and every entry is
proved against the real libraries by ``scripts/prove_allowlist.py``
(tests/analyzers/test_safety_allowlist.py checks the proof). Allowed entries build
data: containers, tensors, arrays, estimator classes whose instantiation and
``__dict__`` restore run no user code; callables they hold are separate imports and
are judged on their own.
"""

from __future__ import annotations

import re

from opengauge.rules.pickle_allowlist import LIBRARY_ALLOWED

# Standard-library and explicit reconstructors (library classes come from LIBRARY_ALLOWED).
CORE_ALLOWED: frozenset[str] = frozenset(
    {
        "collections.OrderedDict", "collections.defaultdict", "collections.Counter",
        "collections.deque", "builtins.set", "builtins.frozenset", "builtins.slice",
        "builtins.bytearray", "builtins.complex", "builtins.list", "builtins.dict",
        "builtins.tuple", "builtins.int", "builtins.float", "builtins.str", "builtins.bytes",
        "builtins.bool", "builtins.range", "builtins.object", "_codecs.encode",
        "copyreg._reconstructor", "datetime.datetime", "datetime.date", "datetime.time",
        "datetime.timedelta", "datetime.timezone", "decimal.Decimal", "fractions.Fraction",
        "uuid.UUID", "argparse.Namespace", "logging.getLogger", "pathlib.PosixPath",
        "pathlib.WindowsPath",
        "pathlib.PurePosixPath", "pathlib.PureWindowsPath", "pathlib.Path",
        "numpy.ndarray", "numpy.dtype", "numpy.core.multiarray._reconstruct",
        "numpy._core.multiarray._reconstruct", "numpy.core.multiarray.scalar",
        "numpy._core.multiarray.scalar", "numpy.core.numeric._frombuffer",
        "numpy._core.numeric._frombuffer", "numpy.ma.core._mareconstruct",
        "numpy.random._pickle.__randomstate_ctor", "numpy.random._pickle.__generator_ctor",
        "numpy.random._pickle.__bit_generator_ctor", "joblib.numpy_pickle.NumpyArrayWrapper",
        "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_qtensor",
        "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_nested_tensor",
        "torch._utils._rebuild_device_tensor_from_numpy",
        "torch._utils._rebuild_meta_tensor_no_storage",
        "torch._utils._rebuild_wrapper_subclass", "torch._tensor._rebuild_from_type_v2",
        "torch.nn.parameter.Parameter", "torch.Size",
        "torch.device", "torch.Tensor", "torch.storage.UntypedStorage",
        "torch.storage.TypedStorage", "torch.serialization._get_layout",
        "torch.jit._pickle.build_boollist", "torch.jit._pickle.build_doublelist",
        "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_tensorlist",
        "torch.jit._pickle.build_tensor_from_id", "torch.jit._pickle.restore_type_tag",
    }
)  # fmt: skip
ALLOWED_EXACT: frozenset[str] = CORE_ALLOWED | LIBRARY_ALLOWED

# TorchScript archives name classes compiled from their code/ folder (``__torch__.*``):
# these are not Python imports (no module ``__torch__`` exists), so they are allowed
# by shape, unless a segment names a denied module. The only pattern in the policy.
ALLOWED_PATTERNS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"__torch__(\.[A-Za-z_][A-Za-z0-9_]*)*"), re.compile(r"[A-Za-z_][A-Za-z0-9_]*")),
)

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
    "uuid._get_command_stdout": ("critical", "runs an executable"),
    "uuid._popen": ("critical", "runs an executable"),
    "imaplib.IMAP4_stream": ("critical", "runs its argument as a shell command"),
    "_osx_support": ("critical", "runs shell commands (os.system) on any platform"),
    "mailcap": ("critical", "runs the test commands of mailcap entries"),
    "distutils": ("critical", "spawns processes and runs setup scripts"),
    "setuptools": ("critical", "spawns processes and runs setup scripts"),
    "imp": ("critical", "imports source files"),
    "site": ("critical", "runs the import lines of .pth files"),
    "doctest": ("critical", "executes source strings"),
    "logging.config": ("critical", "config factories resolve and call any importable name"),
    "logging.handlers": ("high", "writes files and opens network connections"),
    "logging.FileHandler": ("high", "creates and truncates files"),
    "numpy.ctypeslib": ("critical", "loads native libraries"),
    "numpy.memmap": ("high", "creates and truncates files (write modes)"),
    "numpy.lib.format": ("critical", "reads .npy files with pickles allowed (nested load)"),
    "numpy.lib.npyio": ("critical", "nested numpy.load"),
    "numpy.core._ufunc_reconstruct": ("critical", "imports any module and returns any name"),
    "numpy._core._ufunc_reconstruct": ("critical", "imports any module and returns any name"),
    "joblib.numpy_pickle.NDArrayWrapper": (
        "high",
        "joblib < 0.10 sidecar: joblib.load np.loads the file it names with pickles allowed",
    ),
    "joblib.numpy_pickle.ZNDArrayWrapper": ("high", "joblib < 0.10 sidecar file load"),
    "joblib.numpy_pickle": ("critical", "nested joblib load"),
    "joblib.Memory": ("high", "creates cache folders and files"),
    "joblib.memory": ("high", "creates cache folders and files"),
    "torch._utils._import_dotted_name": ("critical", "imports any dotted name"),
    "torch.fx": ("critical", "graph-module reducers exec Python source"),
    "torch.package": ("critical", "imports code packaged in an archive"),
    "torch.storage._load_from_bytes": ("critical", "nested torch.load (weights_only=False)"),
    "torch.ops": ("critical", "loads native operator libraries"),
    "torch.utils.model_zoo": ("critical", "downloads and torch.loads a file"),
    "torch.distributed": ("high", "opens network connections"),
    "torch._C": ("high", "calls native internals directly"),
    "torch.classes": ("critical", "loads native classes"),
    "torch.compile": ("critical", "compiles and runs generated code"),
    "torch._dynamo": ("critical", "compiles and runs generated code"),
    "pandas.read_pickle": ("critical", "nested pickle load"),
    "pandas.io": ("critical", "reads and writes files, nested pickle loads"),
    "pandas.eval": ("critical", "evaluates expressions"),
    "pandas.core.computation": ("critical", "evaluates expressions"),
    "yaml": ("critical", "yaml.load / unsafe_load construct arbitrary objects"),
    "keras.models.load_model": ("critical", "nested model load (may run Lambda code)"),
    "keras.saving": ("critical", "nested model load (may run Lambda code)"),
    "tensorflow.keras.models.load_model": ("critical", "nested model load"),
    "transformers.dynamic_module_utils": ("critical", "downloads and imports code"),
    "huggingface_hub": ("high", "downloads files"),
    "sympy.sympify": ("critical", "evaluates expression strings"),
    "sympy.core.sympify": ("critical", "evaluates expression strings"),
    "sympy.parsing": ("critical", "evaluates expression strings"),
    "cffi": ("critical", "calls native code"),
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
    "tempfile": ("high", "creates files anywhere"),
    "signal": ("high", "changes signal handling"),
    "threading": ("high", "starts threads that call what they are given"),
    "_thread": ("high", "starts threads that call what they are given"),
    "atexit": ("high", "registers callables run at exit"),
    "weakref.finalize": ("high", "registers callables run on collection"),
    "io": ("high", "opens files"),
    "_io": ("high", "opens files"),
    "codecs.open": ("high", "opens files"),
    "gzip": ("high", "opens and truncates files"),
    "bz2": ("high", "opens and truncates files"),
    "lzma": ("high", "opens and truncates files"),
    "zipfile": ("high", "opens and truncates files"),
    "tarfile": ("high", "extracts and writes files"),
    "shelve": ("critical", "opens a pickle database"),
    "dbm": ("high", "opens database files"),
    "socketserver": ("high", "binds network ports"),
    "poplib": ("high", "opens network connections"),
    "imaplib": ("high", "opens network connections"),
    "nntplib": ("high", "opens network connections"),
    "asynchat": ("high", "opens network connections"),
    "asyncore": ("high", "opens network connections"),
    "xml.sax": ("high", "fetches URLs named in documents"),
    "xml.dom": ("high", "fetches URLs named in documents"),
    "xml.etree": ("high", "opens files and URLs"),
    "antigravity": ("high", "opens a web browser on import"),
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
        "__builtins__", "__globals__", "__subclasses__", "__reduce__", "execlp", "execle",
        "execlpe", "execvpe", "spawnlp", "spawnle", "spawnvp", "spawnve", "spawnvpe",
        "posix_spawn", "posix_spawnp", "startfile", "load_library", "load_source",
        "load_module", "exec_module", "from_pretrained", "read_pickle", "unsafe_load",
        "full_load", "write_text", "write_bytes", "rmdir", "mkdir", "makedirs", "chmod",
        "chown", "rename", "replace", "symlink_to", "hardlink_to", "truncate", "dictConfig",
        "fileConfig", "addsitedir", "urlopen", "urlretrieve", "create_connection",
        "create_subprocess_shell", "create_subprocess_exec", "CDLL", "PyDLL",
        "LoadLibrary", "dlopen", "sympify", "debug_script", "debug_src", "run_setup",
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
