"""Terms named after a binding verb: "requires adherence to [A](..) and [B](..)", "is
subject to", "accepted the terms of the X License", "refer to the [X Terms of Use](..)",
"The X License can be found at [..](..)".

README licence sections often name a vendor licence this way rather than with "licensed
under". Bounded like ``statements``: the caller cuts lines to 2,000 characters, each
pattern reads at most 600 characters after its verb.
"""

from __future__ import annotations

import re

from opengauge.licenses import names

HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s")
# "requires adherence to [Apache 2.0](..) and [Community License for X](..)", "accepted the
# terms of the SA-1B Dataset Research License": terms that bind, named after the verb
_BINDS = re.compile(
    r"\b(?:requires?\s+adherence\s+to|(?:is|are)\s+(?:subject\s+to|governed\s+by)|"
    r"must\s+comply\s+with|(?:accept(?:ed|s)?|agree(?:d|s)?\s+to)\s+the\s+terms\s+of|"
    r"(?P<refer>refer\s+to))\s+(?:the\s+)?(?P<names>.{1,600})",
    re.IGNORECASE,
)
# "The Databricks Open Source License can be found at [LICENSE](..)"
_FOUND_AT = re.compile(
    r"\b[Tt]he\s+(?P<name>[A-Z][\w.+\-]*(?:\s+[A-Z0-9][\w.+\-]*){0,6}\s+Licen[cs]e"
    r"(?:\s+Agreement)?)\s+(?:can\s+be\s+found|is\s+(?:available|included|provided))\b"
)
HINT = re.compile(r"refer to|terms of|adherence to|subject to|governed by", re.I)
_UNDER_FILE = re.compile(
    r"\bunder\s+(?:the\s+)?\[(?P<text>[^\]]{1,300})\]\((?P<target>(?![a-z]+:|#|/)[^)\s]{1,200})\)",
    re.I,
)
_LICENCE_FILE = re.compile(r"^(?:licen[cs]e|copying)", re.I)
_LINKED = re.compile(r"\[(?P<text>[^\]]{1,120})\]\((?P<target>[^)\s]{1,300})\)")
_PROPER = re.compile(
    r"^(?P<name>[A-Z0-9][\w.+\-]*(?:\s+[A-Za-z0-9][\w.+\-]*){0,7}?\s+"
    r"(?:Licen[cs]e(?:\s+Agreement)?|Agreement|Terms\s+of\s+(?:Use|Service)))\b"
)
# "[LICENSE](..)", "[the Model License](LICENSE-MODEL)": a pointer to a licence file (read
# for itself), not a licence's name
_FILE_WORD = re.compile(
    r"(?:(?:the|our|this)\s+)?(?:(?:model|code|data|weights?|software)\s+)?licen[cs]e"
    r"(?:\.\w+|\s+file|\s+agreement)?",
    re.I,
)
_NAME_WORDS = re.compile(r"licen[cs]e|agreement|terms of (?:use|service)", re.I)

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(`*_\[])")


def sentence_at(line: str, position: int) -> str:
    """The sentence of ``line`` that contains ``position``."""
    start = 0
    for end in _SENTENCE_END.finditer(line):
        if end.start() >= position:
            return line[start : end.start()].strip()
        start = end.end()
    return line[start:].strip()


def soft_wrapped(lines: list[str], number: int, line: str) -> str:
    """``line`` and, when its sentence runs on, the next line of the same paragraph.

    "please refer to\nthe [Common Crawl Foundation Terms of Use](...)": one statement.
    """
    stripped = line.rstrip()
    if number >= len(lines) or not stripped or stripped.endswith((".", ":", "!", "?", "|")):
        return line
    following = lines[number][:2000].strip()
    if not following or HEADING_LINE.match(following) or following.startswith(("-", "*", "|")):
        return line
    return f"{stripped} {following}"


def scoped(sentence: str) -> bool:
    """True when a sentence names the component it licenses (link targets aside)."""
    return bool(_SCOPE_WORDS.search(_TARGET.sub("", sentence)))


_TARGET = re.compile(r"\]\([^)]*\)")
_JOINER = re.compile(r"\s*(?:,|and|or|&|,\s*and)?\s*(?:the\s+)?", re.I)


_SCOPE_WORDS = re.compile(
    r"\b(?:weights|checkpoints?|models?|parameters|code|software|codebase|datasets?|data|"
    r"documentation)\b",
    re.I,
)


def bound_names(line: str) -> list[tuple[str, str | None, int]]:
    """Licences named after "requires adherence to", "subject to", "can be found at"...

    Linked names count when they resolve as licence names or say "licence", "agreement"
    or "terms of use"; plain names only as a capitalised name ending in one of those.
    Returns (name, link, position of the statement in ``line``).
    """
    named: list[tuple[str, str | None, int]] = []
    for pointer in _UNDER_FILE.finditer(line):
        # "The weights are available ... under [a license which ...](LICENSE)": the file
        # is the licence, whatever the link text says
        if _LICENCE_FILE.search(pointer.group("target").rsplit("/", 1)[-1]):
            named.append((pointer.group("text").strip(), pointer.group("target"), pointer.start()))
    for found in _FOUND_AT.finditer(line):
        link = _LINKED.search(line, found.end(), found.end() + 120)
        named.append((found.group("name"), link.group("target") if link else None, found.start()))
    for bound in _BINDS.finditer(line):
        names = sentence_at(bound.group("names"), 0)
        before = len(named)
        previous_end = 0
        for link in _LINKED.finditer(names):
            text = link.group("text").strip()
            # only a list of links right after the verb: "[A](..) and [B](..)"
            if not _JOINER.fullmatch(names[previous_end : link.start()]):
                break
            previous_end = link.end()
            if _FILE_WORD.fullmatch(text) or (
                bound.group("refer") and not (text[:1].isupper() and _NAME_WORDS.search(text))
            ):
                continue  # "refer to [our licence](..)", "[LICENSE](..)": not a name
            if _NAME_WORDS.search(text) or _resolves(text):
                named.append(
                    (text.strip("`*_\"' ").rstrip("."), link.group("target"), bound.start())
                )
        if len(named) == before:
            proper = _PROPER.match(names)
            if proper:
                named.append((proper.group("name"), None, bound.start()))
    return named


def _resolves(text: str) -> bool:
    return names.resolve(text).id is not None
