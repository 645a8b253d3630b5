"""Formats whose loaders run code other than through a plain pickle: npy, Keras, templates.

- ``.npy``: NumPy unpickles the body when the dtype holds objects (``'O'``, ``'object'``,
  a structured dtype with an object field, at any depth) and ``allow_pickle=True``
  ignores the header size cap; bytes after the array data are walked like any other
  "data after the last pickle".
- Keras configs (``config.json`` in ``.keras``, ``model_config`` in ``.h5``, after any
  HDF5 user block) are decoded as JSON before looking for ``Lambda`` layers and custom
  modules, so escapes, whitespace and key order do not hide them.
- Chat templates in GGUF metadata, ``tokenizer_config.json``, ``chat_template.json`` and
  ``*.jinja`` files are parsed with Jinja2 (``templates``), never rendered.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from opengauge.evidence.formats import hdf5_offset, suffix
from opengauge.evidence.serialization._io import FormatError
from opengauge.evidence.serialization.gguf_header import gguf_templates
from opengauge.evidence.serialization.sources import ByteSource
from opengauge.evidence.serialization.templates import template_problems

if TYPE_CHECKING:
    from opengauge.evidence.serialization.scan import Scanner

MAX_TEXT = 16 << 20
MAX_NPY_HEADER = 16 << 20
HDF5_WINDOW = 64 << 20
TEMPLATE_FILES = frozenset({"tokenizer_config.json", "chat_template.json", "processor_config.json"})
KERAS_MODULES = ("keras", "tensorflow", "tf_keras", "builtins")
CONFIG_START = re.compile(rb'\{\s*"(?:class_name|module|config|registered_name|name)"\s*:')
OBJECT_DESCR = re.compile(r"[<>|=]?(O\d*|object_?\d*)")
PLAIN_DESCR = re.compile(r"[<>|=]?([a-zA-Z?])(\d*)(\[\w+\])?")


# --- npy -----------------------------------------------------------------------------------
def _after(source: ByteSource, count: int) -> ByteSource:
    source.skip(count)
    return source


def npy(scanner: Scanner, opener: Callable[[], ByteSource], member: str | None) -> None:
    """An .npy file (seekable or decompressed): an object dtype means the body is a
    pickle (``numpy.load(allow_pickle=True)``); bytes after the array data are walked."""
    source = opener()
    prefix = source.read(12)
    width = 2 if prefix[6:7] == b"\x01" else 4
    length = int.from_bytes(prefix[8 : 8 + width], "little")
    body = 8 + width + length
    if length > MAX_NPY_HEADER:
        scanner.scan.anomaly(
            "npy-header-too-large",
            f"npy header of {length} bytes is over {MAX_NPY_HEADER}: not read, so its dtype "
            "was not checked (numpy.load with allow_pickle=True reads any header size)",
            member,
        )
        return
    raw = prefix[8 + width :] + source.read(length - (len(prefix) - 8 - width))
    text = raw.decode("utf-8" if prefix[6:7] == b"\x03" else "latin-1", "replace")
    try:
        header = ast.literal_eval(text)
    except (ValueError, SyntaxError, RecursionError, MemoryError, TypeError):
        scanner.scan.anomaly("npy-error", "npy header is not a Python literal", member)
        return
    descr = header.get("descr") if isinstance(header, dict) else None
    if has_object(descr):
        scanner.pickle(lambda: _after(opener(), body), member, True)
        return
    shape = header.get("shape") if isinstance(header, dict) else None
    item = itemsize(descr)
    if item is None or not isinstance(shape, tuple) or not all(isinstance(d, int) for d in shape):
        return
    end = body + item * math.prod(shape)
    if _after(opener(), end).read(1):
        label = f"{member + '!' if member else ''}(after the array data)"
        scanner.pickle(lambda: _after(opener(), end), label, False)


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    if depth > 32:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, depth + 1)
            yield from _strings(item, depth + 1)


def has_object(descr: Any) -> bool:
    """Whether a header ``descr`` may make numpy build an object dtype (and unpickle).

    Conservative: any string anywhere in it that numpy would read as an object type,
    including the two-character field strings numpy splits into (name, type).
    """
    for text in _strings(descr):
        if OBJECT_DESCR.fullmatch(text) or (len(text) == 2 and text[1] == "O"):
            return True
    return False


def itemsize(descr: Any, depth: int = 0) -> int | None:
    """Bytes per element of a plain or structured descr (None when unknown)."""
    if depth > 16:
        return None
    if isinstance(descr, str):
        match = PLAIN_DESCR.fullmatch(descr)
        if match is None:
            return None
        kind, digits = match.group(1), match.group(2)
        if kind in "?bB" and not digits:
            return 1
        if not digits:
            return None
        return int(digits) * (4 if kind == "U" else 1)
    if isinstance(descr, tuple) and len(descr) == 2 and isinstance(descr[1], (tuple, int)):
        base = itemsize(descr[0], depth + 1)
        dims = descr[1] if isinstance(descr[1], tuple) else (descr[1],)
        if base is None or not all(isinstance(d, int) and d >= 0 for d in dims):
            return None
        return base * math.prod(dims)
    if isinstance(descr, list):
        total = 0
        for field in descr:
            if not isinstance(field, tuple) or len(field) not in (2, 3):
                return None
            size = itemsize(field[1] if len(field) == 2 else (field[1], field[2]), depth + 1)
            if size is None:
                return None
            total += size
        return total
    return None


# --- Keras ---------------------------------------------------------------------------------
def keras_config(scanner: Scanner, raw: bytes, member: str | None) -> None:
    """A Keras config.json, decoded as JSON (escapes resolved) before it is judged."""
    try:
        config = json.loads(raw)
    except (ValueError, RecursionError):
        scanner.scan.anomaly(
            "keras-config-error", "Keras config is not valid JSON: Keras cannot load it", member
        )
        return
    keras_objects(scanner, config, member)


def keras_objects(scanner: Scanner, config: Any, member: str | None) -> None:
    """Lambda layers and custom modules anywhere in a decoded Keras config."""
    lam = False
    modules: set[str] = set()
    stack: list[tuple[Any, int]] = [(config, 0)]
    seen = 0
    while stack and seen < 200_000:
        node, depth = stack.pop()
        seen += 1
        if isinstance(node, dict):
            name = node.get("class_name")
            if name in ("Lambda", "__lambda__") or (
                isinstance(name, str) and name.rsplit(">", 1)[-1] == "Lambda"
            ):
                lam = True
            module = node.get("module")
            if isinstance(module, str) and not module.startswith(KERAS_MODULES):
                modules.add(module[:200])
            if depth < 64:
                stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list) and depth < 64:
            stack.extend((v, depth + 1) for v in node)
    if lam:
        scanner.scan.anomaly(
            "keras-lambda",
            "Keras Lambda layer: its function is marshalled Python bytecode run on load",
            member,
        )
    for module in sorted(modules)[:20]:
        scanner.scan.anomaly(
            "keras-custom-object", f"config references custom module {module!r}", member
        )


def hdf5(
    scanner: Scanner, handle: BinaryIO, start: int, size: int, head: bytes, member: str | None
) -> None:
    """A Keras .h5: the user block (which may be a pickle) and every JSON config in the
    first 64 MiB (the model_config attribute of the root group is written early)."""
    block = hdf5_offset(head) or 0
    label = f"{member + '!' if member else ''}(HDF5 user block)"
    if block:
        scanner.scan.anomaly(
            "hdf5-user-block", f"{block}-byte user block before the HDF5 data: scanned", member
        )
        scanner.blob(handle, start, block, "(user block)", label, 1)
    handle.seek(start)
    data = handle.read(min(size, HDF5_WINDOW))
    decoder = json.JSONDecoder()
    text = data.decode("latin-1")
    pos, found = 0, 0
    while found < 64:
        match = CONFIG_START.search(data, pos)
        if match is None:
            break
        try:
            config, end = decoder.raw_decode(text, match.start())
        except (ValueError, RecursionError):
            pos = match.end()
            continue
        found += 1
        keras_objects(scanner, config, member or "model_config")
        pos = end


# --- chat templates ------------------------------------------------------------------------
def is_template_file(name: str) -> bool:
    """Files whose chat templates a tokenizer loader renders."""
    base = name.rsplit("/", 1)[-1]
    return base in TEMPLATE_FILES or suffix(base) in (".jinja", ".j2")


def template_file(scanner: Scanner, name: str, raw: bytes, member: str | None) -> None:
    """tokenizer_config.json / chat_template.json (string or list of {name, template})
    or a .jinja file."""
    text = raw.decode("utf-8", "replace")
    if suffix(name) in (".jinja", ".j2"):
        check_template(scanner, text, "template file", member)
        return
    try:
        config = json.loads(text)
    except (ValueError, RecursionError):
        return  # not JSON: the tokenizer loader fails before rendering anything
    value = config.get("chat_template") if isinstance(config, dict) else None
    if isinstance(value, str):
        check_template(scanner, value, "chat_template", member)
    elif isinstance(value, list):
        for item in value[:64]:
            if isinstance(item, dict) and isinstance(item.get("template"), str):
                check_template(
                    scanner, item["template"], f"chat_template {str(item.get('name'))[:40]!r}",
                    member,
                )  # fmt: skip


def gguf(scanner: Scanner, handle: BinaryIO, size: int, member: str | None) -> None:
    """The chat templates in a GGUF file's metadata."""
    try:
        found = gguf_templates(handle, size)
    except (FormatError, ValueError, OSError) as exc:
        scanner.scan.anomaly(
            "gguf-error",
            f"GGUF metadata unreadable ({exc}): chat templates not checked",
            member,
        )
        return
    for key, template in found.items():
        check_template(scanner, template, key, member)


def check_template(scanner: Scanner, source: str, where: str, member: str | None) -> None:
    """Report a template that reaches Python internals (or does not parse)."""
    problems, error = template_problems(source)
    if problems:
        scanner.scan.anomaly(
            "chat-template-injection",
            f"{where} reaches Python internals ({'; '.join(problems)}): rendering it can run "
            "code where the renderer is not sandboxed",
            member,
        )
    elif error:
        scanner.scan.anomaly(
            "chat-template-error", f"{where} does not parse as Jinja2: {error}", member
        )
