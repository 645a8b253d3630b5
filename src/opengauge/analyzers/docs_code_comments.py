"""docs.code_comments: is the training and data-processing code documented?"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.model import Component, FileEntry, Finding, Location, Severity, Status

CODE_SUFFIXES = (".py", ".sh", ".ipynb")


def documented(head: str | None) -> bool:
    """Docstrings, or at least three comment lines, in the file's first bytes."""
    if not head:
        return False
    return '"""' in head or "'''" in head or head.count("\n#") >= 3


_TRIVIAL_LINES = 10


def trivial(entry: FileEntry) -> bool:
    """A file with almost no code of its own (an ``__init__.py`` of re-exports, a few
    constants): nothing to document, so it does not count either way. Only files read
    whole (their head is the file) are judged."""
    head = entry.head
    if entry.size == 0:
        return True
    if head is None or len(head.encode("utf-8", "replace")) < entry.size:
        return False
    code = [
        line
        for line in head.splitlines()
        if line.strip()
        and not line.lstrip().startswith(("#", "import ", "from ", "__all__", ")", "]"))
    ]
    return len(code) < _TRIVIAL_LINES


def _check(context: Context) -> Iterator[Finding]:
    paths = [
        *context.component(Component.TRAINING_CODE).files,
        *context.component(Component.DATA_PREPROCESSING_CODE).files,
    ]
    entries = [
        e
        for e in (context.evidence.file(p) for p in paths if p.endswith(CODE_SUFFIXES))
        if e is not None and not trivial(e)
    ]
    if not entries:
        yield ANALYZER.finding(
            Status.NOT_APPLICABLE,
            "no training or data-processing code in the release",
            facts={"documented": 0, "total": 0},
        )
        return
    good = [e.path for e in entries if documented(e.head)]
    bad = [e.path for e in entries if e.path not in good]
    facts = {"documented": len(good), "total": len(entries), "undocumented": bad[:50]}
    if not bad:
        yield ANALYZER.finding(
            Status.PASS,
            f"all {len(entries)} training/processing code file(s) carry docstrings or comments",
            [Location(p) for p in good[:20]],
            facts=facts,
        )
    else:
        yield ANALYZER.finding(
            Status.FAIL,
            f"{len(good)} of {len(entries)} training/processing code file(s) documented",
            [Location(p) for p in bad[:20]],
            facts=facts,
        )


ANALYZER = Analyzer(
    id="docs.code_comments",
    title="Training and data-processing code is documented",
    rationale="Code others can study and modify needs docstrings or comments "
    "(European Open Source AI Index, code documentation).",
    remediation="Add module docstrings and comments to the training and data-processing code.",
    severity=Severity.LOW,
    check=_check,
    references=("https://osai-index.eu",),
)
