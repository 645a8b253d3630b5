"""code.finetune_recipe: does the release ship fine-tuning code for its users?

A top-level fine-tuning folder that the documents do not say trained the release
(``finetune_demo/``, ``fine-tune/``) holds code that trains the published model further:
not the code that made it, but some training code all the same. The Index counts it as
partial training code when nothing else is published (its record for Yi says so, a careful
reader of ChatGLM3 does too); the MOF inventory does not count it as training code.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.analyzers.docs_code_comments import CODE_SUFFIXES, documented
from opengauge.components.release import release_facts
from opengauge.model import Finding, Location, Severity, Status

MAX_LISTED = 50


def _check(context: Context) -> Iterator[Finding]:
    folders = sorted(release_facts(context.evidence, context.name).finetune_demo)
    code = [
        e
        for e in context.evidence.files
        if e.path.split("/", 1)[0] in folders and e.path.endswith(CODE_SUFFIXES)
    ]
    if not code:
        yield ANALYZER.finding(
            Status.NOT_APPLICABLE,
            "no fine-tuning code for users in the release",
            facts={"folders": [], "files": [], "documented": False},
        )
        return
    guides = [
        e.path
        for e in context.evidence.files
        if e.kind == "doc"
        and e.path.split("/", 1)[0] in folders
        and posixpath.basename(e.path).lower().startswith("readme")
    ]
    commented = [e.path for e in code if documented(e.head)]
    facts = {
        "folders": folders,
        "files": [e.path for e in code[:MAX_LISTED]],
        "guides": guides[:MAX_LISTED],
        "documented": bool(guides or commented),
    }
    where = [Location(p) for p in (guides or [e.path for e in code])[:10]]
    yield ANALYZER.finding(
        Status.PASS,
        f"{len(code)} fine-tuning code file(s) for users in {', '.join(f + '/' for f in folders)}"
        + (f", explained in {guides[0]}" if guides else ""),
        where,
        facts=facts,
    )


ANALYZER = Analyzer(
    id="code.finetune_recipe",
    title="Fine-tuning code for users is published",
    rationale="Code that lets users train the model further is partial training code "
    "(European Open Source AI Index, training code and code documentation).",
    remediation="Publish the code that trained the release, not only a fine-tuning example.",
    severity=Severity.INFO,
    check=_check,
    references=("https://osai-index.eu",),
)
