"""docs.publication: is the release described in a peer-reviewed publication?

Read from the BibTeX entries the release's top-level documents ask to be cited with (a
README's "Citation" block): a conference or journal venue is peer reviewed, a workshop is
partly so, an arXiv eprint is a preprint. Citations inside sub-folders (vendored code,
examples) are other people's papers.
"""

from __future__ import annotations

from collections.abc import Iterator

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.docs.citations import Citation, best, citations, same_authors
from opengauge.model import Finding, Location, Severity, Status, excerpt

MAX_DOCUMENTS = 20


def _documents(context: Context) -> Iterator[tuple[str, str, int]]:
    evidence = context.evidence
    seen: set[str] = set()
    for card in evidence.cards:
        if "/" not in card.path and card.path not in seen:
            seen.add(card.path)
            yield card.path, card.body, card.body_start_line
    for entry in evidence.files:
        if entry.kind == "doc" and "/" not in entry.path and entry.head and entry.path not in seen:
            seen.add(entry.path)
            yield entry.path, entry.head, 1


def _check(context: Context) -> Iterator[Finding]:
    found: list[tuple[str, int, Citation]] = []
    for number, (path, text, first) in enumerate(_documents(context)):
        if number >= MAX_DOCUMENTS:
            break
        entries = citations(text)
        # the first entry is how the release asks to be cited; later ones count when the
        # same authors wrote them (its other papers), not when they are related work
        found.extend(
            (path, first, c) for c in entries if c is entries[0] or same_authors(c, entries[0])
        )
    top = best([c for _, _, c in found])
    if top is None:
        status = Status.FAIL if context.evidence.cards else Status.NOT_AVAILABLE
        yield ANALYZER.finding(
            status,
            "no BibTeX citation in the top-level documentation names a publication venue",
            severity=Severity.LOW,
            facts={"level": "none", "entries": len(found), "preprint": False},
        )
        return
    path, first, _ = next(item for item in found if item[2] is top)
    where = Location(path, line=first + top.line - 1, excerpt=excerpt(top.title or top.kind))
    facts = {
        "level": top.level,
        "venue": top.venue,
        "title": top.title,
        "entries": len(found),
        "preprint": any(c.level == "preprint" for _, _, c in found),
    }
    shown = f"'{top.title}'" + (f" ({top.venue})" if top.venue else "")
    if top.level == "peer-reviewed":
        yield ANALYZER.finding(Status.PASS, f"peer-reviewed: {shown}", [where], facts=facts)
    else:
        yield ANALYZER.finding(
            Status.FAIL,
            f"{top.level} only: {shown}",
            [where],
            severity=Severity.LOW,
            facts=facts,
        )


ANALYZER = Analyzer(
    id="docs.publication",
    title="The release is described in a peer-reviewed publication",
    rationale="A peer-reviewed paper lets others check how the system was built "
    "(European Open Source AI Index, paper and preprint dimensions).",
    remediation="Publish the system in a peer-reviewed venue and cite it (BibTeX with its "
    "booktitle or journal) in the README.",
    severity=Severity.LOW,
    check=_check,
    references=("https://osai-index.eu",),
)
