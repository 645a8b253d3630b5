"""Which component a licence governs: code, weights, data, documentation, all or unknown.

Evidence, strongest first: the file's name or folder (LICENSE-MODEL, LICENSE_weights,
model_licenses/, LICENSE-CODE, data/LICENSE), words in the statement's sentence
("the code is released under MIT"), and the kind of card that carries a ``license:``
field (model card -> weights, dataset card -> data). A lone root LICENSE governs
everything unless split files exist beside it; then it is the code's.
"""

from __future__ import annotations

import re

CODE, WEIGHTS, DATA, DOCS, ALL, UNKNOWN = (
    "code",
    "weights",
    "data",
    "documentation",
    "all",
    "unknown",
)

_PATH_RULES = (
    (
        re.compile(r"(?:^|[-_./ ])(?:model|models|weights?|checkpoints?|params)(?:$|[-_./ ])"),
        WEIGHTS,
    ),
    (re.compile(r"model_licen[cs]es?/|use[-_]?policy|acceptable[-_]?use|\baup\b"), WEIGHTS),
    (re.compile(r"(?:^|[-_./ ])(?:code|software|src|source)(?:$|[-_./ ])"), CODE),
    (re.compile(r"(?:^|[-_./ ])(?:data|datasets?|corpus)(?:$|[-_./ ])"), DATA),
    (re.compile(r"(?:^|[-_./ ])(?:docs?|documentation)(?:$|[-_./ ])"), DOCS),
)
_SENTENCE_RULES = (
    (
        re.compile(
            r"\b(?:weights|checkpoints?|model(?:s)? (?:weights|parameters)|parameters)\b", re.I
        ),
        WEIGHTS,
    ),
    (re.compile(r"\b(?:source )?code\b|\bsoftware\b|\brepository\b|\bcodebase\b", re.I), CODE),
    (re.compile(r"\b(?:datasets?|training data|data)\b", re.I), DATA),
    (re.compile(r"\bdocumentation\b", re.I), DOCS),
    (re.compile(r"\bmodels?\b", re.I), WEIGHTS),
)


def from_path(path: str) -> str | None:
    """Component named by a licence file's path, or None when the path does not say."""
    name = path.lower()
    for pattern, component in _PATH_RULES:
        if pattern.search(name):
            return component
    return None


_VERB = re.compile(
    r"\b(is|are|was|were|be)?\s*(licen[cs]ed|released|distributed|available|"
    r"published|provided|made available|requires? adherence|subject to|governed by)\b",
    re.I,
)
_MODELS_SUBJECT = re.compile(r"\b(models?|weights|checkpoints?)\b", re.I)
_CODE_SUBJECT = re.compile(r"\b(source )?code\b|\bsoftware\b|\bcodebase\b", re.I)


def subject(sentence: str) -> str:
    """The words before the licensing verb: what the sentence licenses."""
    verb = _VERB.search(sentence)
    return sentence[: verb.start()] if verb else sentence


def from_sentence(sentence: str) -> str | None:
    """Component named in a statement's sentence ("model weights are under ..."), or None.

    The subject decides first: "All Granite Code Models are distributed under ..." licenses
    models, even though "Code" is part of their name.
    """
    scopes = scopes_of_sentence(sentence)
    return scopes[0] if len(scopes) == 1 else (ALL if scopes else None)


def scopes_of_sentence(sentence: str) -> tuple[str, ...]:
    """Every component a statement's sentence licenses: "All code and models are released
    under ..." licenses code and weights."""
    head = subject(sentence)
    named = []
    code = bool(_CODE_SUBJECT.search(head))
    models = bool(_MODELS_SUBJECT.search(head))
    if code and models:
        cut = _MODELS_SUBJECT.search(head)
        # "Granite Code Models": a name ending in Models is the models
        if (
            cut
            and re.search(r"\bcode\s+models?\b", head, re.I)
            and not re.search(r"\bcode\s+(and|&)\b", head, re.I)
        ):
            code = False
    if code:
        named.append(CODE)
    if models:
        named.append(WEIGHTS)
    if named:
        return tuple(named)
    for pattern, component in _SENTENCE_RULES:
        if pattern.search(sentence):
            return (component,)
    return ()


_POLICY = re.compile(r"use[-_]?policy|acceptable[-_]?use|\baup\b")


def is_policy(path: str) -> bool:
    """True for acceptable-use policy files (USE_POLICY.md and similar)."""
    return bool(_POLICY.search(path.lower()))


def for_file(path: str, split_components: frozenset[str] = frozenset()) -> str:
    """Component governed by the licence file at ``path``.

    ``split_components`` are those claimed by other licence files of the same
    target: when weights have their own licence, a plain LICENSE is the code's.
    """
    named = from_path(path)
    if named:
        return named
    if WEIGHTS in split_components or DATA in split_components:
        return CODE
    return ALL


def for_card(kind: str) -> str:
    """Component a card's ``license:`` field speaks for."""
    return DATA if kind == "dataset" else WEIGHTS
