"""Raw safety facts read from serialized files and shipped code (judged by analyzers)."""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.model.common import Location


@dataclass(frozen=True)
class PickleImport:
    """One callable or class a pickle imports when loaded (GLOBAL, STACK_GLOBAL, INST, EXT).

    ``module``/``name`` are as written in the stream (``name`` may be dotted);
    ``call`` renders what loading would call when the arguments are constants on
    the stack (e.g. ``os.system('echo pwned')``); ``count`` counts repeats.
    """

    path: str
    module: str
    name: str
    offset: int
    opcode: str
    member: str | None = None
    call: str | None = None
    count: int = 1
    args: tuple[str, ...] = ()

    @property
    def location(self) -> Location:
        """The byte offset of the import, inside its archive member."""
        return Location(self.path, offset=self.offset, member=self.member, excerpt=self.call)


@dataclass(frozen=True)
class SerializationAnomaly:
    """Something odd in a serialized file or archive: truncated pickle, zip trick, bomb...

    ``kind`` is a stable word (``pickle-error``, ``zip-encrypted-flag``,
    ``zip-crc-mismatch``, ``zip-header-mismatch``, ``zip-duplicate-name``,
    ``archive-path-traversal``, ``archive-bomb``, ``archive-unopened``,
    ``keras-lambda``, ``keras-custom-object``, ``onnx-external-data``...).
    """

    path: str
    kind: str
    message: str
    member: str | None = None
    offset: int | None = None

    @property
    def location(self) -> Location:
        """Where in the file (and archive member) the anomaly is."""
        return Location(self.path, offset=self.offset, member=self.member)


@dataclass(frozen=True)
class ScannedFile:
    """One file the serialization scanner read, with what it found inside."""

    path: str
    format: str
    pickles: int = 0
    members: int = 0


@dataclass(frozen=True)
class CodeIssue:
    """A dangerous call in shipped code, from ruff's bandit rules or our AST rules."""

    path: str
    line: int
    rule: str
    message: str
    severity: str
    confidence: str
    cwe: int | None = None
    source: str = "ast"
    excerpt: str | None = None

    @property
    def location(self) -> Location:
        """The line of the call."""
        return Location(self.path, line=self.line, excerpt=self.excerpt)


@dataclass(frozen=True)
class SafetyEvidence:
    """Everything the safety scanner found, as raw facts."""

    imports: tuple[PickleImport, ...] = ()
    anomalies: tuple[SerializationAnomaly, ...] = ()
    scanned: tuple[ScannedFile, ...] = ()
    code_issues: tuple[CodeIssue, ...] = ()
    code_files: int = 0
