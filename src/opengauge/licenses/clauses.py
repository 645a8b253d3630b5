"""Clause detector: restrictions and duties in licence text, known licence or not.

Each rule is a regular expression over the raw text (case-insensitive, whitespace
tolerant). A hit yields a ``Clause`` with the rule's kind, the 1-based line and the
sentence around it. The patterns are deliberately specific: "commercial damages"
in Apache-2.0 is not a non-commercial clause.
"""

from __future__ import annotations

import re

from opengauge.model.licenses import Clause

_W = r"[\s*_]+"  # words may be separated by newlines or Markdown emphasis


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace(" ", _W), re.IGNORECASE)


# kind -> patterns. Order matters only for readability.
RULES: dict[str, tuple[re.Pattern[str], ...]] = {
    "non-commercial": (
        _rx(r"non-?commercial (?:purposes?|uses?|research|only|licen[cs]e)"),
        _rx(r"not (?:be )?(?:used )?for (?:any )?commercial (?:purposes?|use)"),
        _rx(r"(?:no|not for) commercial use"),
        _rx(r"\bNC\b(?=[^.]{0,40}non-?commercial)"),
        _rx(r"attribution-?non-?commercial"),
        _rx(r"non-?commercial bespoke"),
    ),
    "research-only": (
        _rx(r"(?:solely|only|exclusively) for (?:non-?commercial )?research"),
        _rx(r"research (?:purposes? )?only"),
        _rx(r"noncommercial research uses?"),
        _rx(r"research licen[cs]e"),
    ),
    "mau-cap": (
        _rx(r"monthly active users"),
        _rx(r"\bMAU\b"),
        # "Daily Active Users (DAU) ... less than 1 million": the same cap, per day
        _rx(r"daily active users"),
        _rx(r"\bDAU\b"),
    ),
    "revenue-cap": (_rx(r"annual (?:gross )?revenues? (?:of|in excess of|exceeding|greater)"),),
    "aup-by-reference": (
        _rx(r"(?:acceptable|prohibited) use policy[^.]{0,200}incorporated by reference"),
        _rx(r"incorporated by reference[^.]{0,120}(?:use policy|prohibited use)"),
        _rx(r"comply with[^.]{0,80}(?:acceptable|prohibited) use policy"),
        _rx(r"adhere to the (?:acceptable|prohibited) use policy"),
        _rx(r"subject to[^.]{0,40}(?:acceptable|prohibited) use policy"),
        # a README: "our Acceptable Use Policy can be found [here](...)"
        _rx(r"(?:acceptable|prohibited) use policy (?:can be found|is (?:available|found) at)"),
    ),
    "acceptable-use-policy": (
        re.compile(
            r"^\W*(?:[\w.]+[ \t]+){0,5}(?:acceptable|prohibited)[ \t]+use[ \t]+policy\W*$",
            re.IGNORECASE | re.MULTILINE,
        ),
        _rx(r"you agree (?:that )?you will not use,? or allow others to use"),
    ),
    "use-restrictions": (
        _rx(r"use-based restrictions"),
        _rx(r"subject to the use restrictions"),
        _rx(r"restrictions set forth in attachment a"),
        _rx(r"attachment a\W+use restrictions"),
        _rx(r"you agree not to use the model or derivatives of the model"),
        # purpose bans: "you shall not use ... for any military or illegal purposes"
        _rx(
            r"(?:shall|must|may) not use[^.]{0,160}for (?:any )?(?:military|illegal|unlawful|"
            r"harmful|surveillance|weapons?)"
        ),
        _rx(r"not (?:be )?used (?:for|in)[^.]{0,40}(?:military|weapons?|surveillance)"),
        # commercial use only after registration or permission: not a free licence
        _rx(
            r"commercial (?:purposes?|use)[^.]{0,80}(?:must|shall|need to|are required to) "
            r"(?:register|apply|obtain|request|contact)"
        ),
        _rx(
            r"(?:register|registration|written permission|authori[sz]ation)[^.]{0,60}"
            r"(?:before|for|prior to)[^.]{0,20}commercial (?:use|purposes?)"
        ),
    ),
    "no-improve-other-models": (
        _rx(r"(?:to )?improve any other (?:large language )?models?"),
        _rx(
            r"outputs?[^.]{0,120}(?:to )?(?:train|improve|develop)[^.]{0,60}(?:other|competing) "
            r"(?:ai |machine learning |large language )?models?"
        ),
        _rx(r"(?:develop|train|improve)[^.]{0,40}competing (?:ai )?models?"),
    ),
    "naming-duty": (
        _rx(r"[\"“]built with [^\"”]{1,40}[\"”]"),
        _rx(r"include [\"“][^\"”]{1,30}[\"”] at the beginning of any such"),
        _rx(r"prominently display[^.]{0,80}(?:powered by|built with|name)"),
        _rx(r"[\"“]powered by [^\"”]{1,40}[\"”]"),
    ),
    "copyleft": (
        _rx(r"\bcopyleft\b"),
        _rx(r"\bshare-?alike\b"),
        _rx(r"same (?:license|licence) (?:terms|as)"),
        _rx(r"must be (?:distributed|licensed) under (?:the terms of )?this (?:license|licence)"),
    ),
    "geographic-exclusion": (
        _rx(
            r"domiciled in,? or a company with a principal place of business in,? the "
            r"european union"
        ),
        _rx(
            r"(?:not|no rights?)[^.]{0,80}(?:european union|\bEU\b|united kingdom|south korea)"
            r"[^.]{0,40}(?:territory|granted|excluded)"
        ),
        _rx(
            r"territory[^.]{0,60}(?:excluding|does not include|except)[^.]{0,80}"
            r"(?:european union|united kingdom|south korea)"
        ),
    ),
    "field-of-use": (
        _rx(r"may not (?:be )?use[d]?[^.]{0,60}(?:military|surveillance|medical advice)"),
        _rx(r"field of use"),
    ),
}

_MAX_PER_KIND = 3
_SCAN_LIMIT = 400_000  # characters; a longer text is scanned on its first part only
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n\s*\n|\n\s*(?=[-*•]|\d+\.)")


def _sentence(text: str, start: int, end: int) -> str:
    left = max(0, start - 400)
    right = min(len(text), end + 400)
    before = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    begin = before[-1] if before else left
    after = _SENTENCE_END.search(text, end, right)
    finish = after.start() if after else right
    return " ".join(text[begin:finish].replace("*", "").split())[:400]


def detect(text: str) -> tuple[Clause, ...]:
    """Every clause kind found in ``text``, up to three sentences per kind, by line."""
    body = text[:_SCAN_LIMIT]
    found: list[Clause] = []
    for kind, patterns in RULES.items():
        seen: set[int] = set()
        for pattern in patterns:
            for hit in pattern.finditer(body):
                line = body.count("\n", 0, hit.start()) + 1
                if line in seen:
                    continue
                seen.add(line)
                found.append(Clause(kind, line, _sentence(body, hit.start(), hit.end())))
                if len(seen) >= _MAX_PER_KIND:
                    break
            if len(seen) >= _MAX_PER_KIND:
                break
    return tuple(sorted(found, key=lambda c: (c.line or 0, c.kind)))


def kinds(clauses: tuple[Clause, ...]) -> frozenset[str]:
    """The set of clause kinds present."""
    return frozenset(c.kind for c in clauses)
