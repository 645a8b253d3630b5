"""openwashing.claims_hold: the openness a release claims is the openness it has.

Claims are read from card and README text, card tags and badges. An "open source" claim
needs open licences on weights and code, data information and training code; an "open
weights" claim needs the weights, under terms without use restrictions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.context import Context
from opengauge.licenses.governance import licensing
from opengauge.model import (
    Card,
    Component,
    ComponentState,
    Confidence,
    Evidence,
    Finding,
    Location,
    Severity,
    Status,
    excerpt,
)

C = Component
AVAILABLE = (ComponentState.PRESENT, ComponentState.REFERENCED)
OPEN_SOURCE = re.compile(
    r"\b(fully[- ]open(?:[- ]source)?|truly open(?:[- ]source)?|"
    r"100\s?% open(?:[- ]source)?|open[- ]?source|open science)\b",
    re.I,
)
OPEN_WEIGHTS = re.compile(
    r"\bopen[- ]weights?\b|\bopenly (?:available|released) weights\b|"
    # the release calling its own models open: "we are releasing two new open models"
    r"\b(?:releas\w*|introduc\w*|our|open-?sourc\w*)\s+(?:\w+\s+){0,3}?open\s+(?:\w+\s+)?models?\b",
    re.I,
)
# Files about the project's community, not about the release: their "open source" is the
# project's process, not a claim about the model.
COMMUNITY_FILES = re.compile(
    r"^(code[-_]of[-_]conduct|contributing|security|support|governance|changelog|"
    r"changes|history|news|authors|maintainers)\b",
    re.I,
)
NEGATION = re.compile(r"\b(not|isn't|is not|aren't|never|no longer|non)\W+(\w+\W+){0,2}$", re.I)
# "open-source libraries" is about tools, not about this release.
NOT_ABOUT_RELEASE = re.compile(
    r"^\W*(libraries|library|tools?|software|packages?|community|"
    r"frameworks?|projects?|datasets?|implementations?|ecosystem|"
    r"contributions?|alternatives?|research|researchers|efforts?|movement|initiatives?)\b",
    re.I,
)
TAG_CLAIMS = {
    "open-source": "open-source",
    "opensource": "open-source",
    "open-weights": "open-weights",
    "open-weight": "open-weights",
    "fully-open": "open-source",
}
BADGE = re.compile(r"(img\.shields\.io|badgen\.net)/badge/([^)\s\"']+)", re.I)


@dataclass(frozen=True)
class Claim:
    """One openness claim and where it was made."""

    kind: str  # open-source | open-weights
    text: str
    location: Location


def _text_claims(card: Card) -> Iterator[Claim]:
    lines = card.body.splitlines()
    for index, line in enumerate(lines[:100_000]):
        number = card.body_start_line + index
        for pattern, kind in ((OPEN_SOURCE, "open-source"), (OPEN_WEIGHTS, "open-weights")):
            for match in pattern.finditer(line):
                before, after = line[: match.start()], line[match.end() :]
                if NEGATION.search(before) or NOT_ABOUT_RELEASE.match(after):
                    continue
                if "shields.io" in line or "badgen" in line:
                    continue  # badges are read separately
                yield Claim(
                    kind, match.group(0), Location(card.path, line=number, excerpt=excerpt(line))
                )
        for match in BADGE.finditer(line):
            label = unquote(match.group(2)).replace("_", " ").replace("-", " ").lower()
            if "open source" in label or "opensource" in label:
                yield Claim(
                    "open-source",
                    f"badge '{label}'",
                    Location(card.path, line=number, excerpt=excerpt(line)),
                )


def speaks_for_release(card: Card) -> bool:
    """Whether a document speaks for the release: a top-level README or model/dataset card.

    Documents in sub-folders (demos, vendored code, docs pages) and community files
    (code of conduct, contributing) are not where a release states what it is.
    """
    if "/" in card.path:
        return False
    return not COMMUNITY_FILES.match(card.path)


def claims(evidence: Evidence) -> list[Claim]:
    """Every openness claim in the release's top-level cards, tags and badges."""
    found: list[Claim] = []
    for card in evidence.cards:
        if not speaks_for_release(card):
            continue
        tags = card.metadata.get("tags")
        for tag in tags if isinstance(tags, list) else []:
            kind = TAG_CLAIMS.get(str(tag).lower())
            if kind:
                found.append(
                    Claim(kind, f"tag '{tag}'", Location(card.path, line=1, excerpt=f"tags: {tag}"))
                )
        found.extend(_text_claims(card))
    return found


def _open_source_gaps(context: Context) -> list[tuple[str, Severity, Location | None]]:
    """What an 'open source' claim lacks, each with its severity and evidence."""
    states = {r.component: r for r in context.components}
    gaps: list[tuple[str, Severity, Location | None]] = []
    weights = (C.MODEL_PARAMETERS_FINAL, C.MODEL_PARAMETERS_INTERMEDIATE)
    has_weights = any(states[c].state in AVAILABLE for c in weights)
    for component, label in ((C.MODEL_PARAMETERS_FINAL, "weights"), (C.TRAINING_CODE, "code")):
        state = states[component].state
        if state not in AVAILABLE:
            continue
        verdict = licensing(component, context.evidence.licenses, state)
        if verdict.open is False:
            # weights published elsewhere count when their terms are known to restrict them
            # (a base model's licence they inherit, terms stated for them here)
            bad = verdict.matches[0] if verdict.matches else None
            where = Location(bad.path, line=bad.start_line, excerpt=bad.excerpt) if bad else None
            gaps.append((f"{label}: {verdict.reason}", Severity.HIGH, where))
        elif verdict.open is None and state is ComponentState.PRESENT and label == "weights":
            gaps.append((f"{label}: {verdict.reason}", Severity.MEDIUM, None))
    if states[C.DATA_CARD].state not in AVAILABLE and states[C.DATASETS].state not in AVAILABLE:
        gaps.append(("no training data information", Severity.MEDIUM, None))
    if not has_weights and states[C.DATASETS].state in AVAILABLE:
        # a dataset release: its openness is its data and the code that made it
        code = C.DATA_PREPROCESSING_CODE
        if states[code].state not in AVAILABLE:
            gaps.append(("no data processing code", Severity.MEDIUM, None))
        return gaps
    for code, label in (
        (C.TRAINING_CODE, "training code"),
        (C.DATA_PREPROCESSING_CODE, "data processing code"),
    ):
        if states[code].state not in AVAILABLE:
            state_text = states[code].state.value.replace("_", " ")
            gaps.append((f"no {label} ({state_text})", Severity.MEDIUM, None))
    return gaps


def _open_weights_gaps(context: Context) -> list[tuple[str, Severity, Location | None]]:
    states = {r.component: r for r in context.components}
    if states[C.MODEL_PARAMETERS_FINAL].state not in AVAILABLE:
        return [("no weights in the release or linked from it", Severity.HIGH, None)]
    weights = states[C.MODEL_PARAMETERS_FINAL]
    verdict = licensing(C.MODEL_PARAMETERS_FINAL, context.evidence.licenses, weights.state)
    if verdict.open is False:
        bad = verdict.matches[0] if verdict.matches else None
        where = Location(bad.path, line=bad.start_line, excerpt=bad.excerpt) if bad else None
        return [(f"weights: {verdict.reason}", Severity.MEDIUM, where)]
    return []


def _check(context: Context) -> Iterator[Finding]:
    evidence = context.evidence
    found = claims(evidence)
    if not found:
        yield ANALYZER.finding(Status.NOT_APPLICABLE, "the release makes no openness claim")
        return
    for kind, gaps_of in (("open-source", _open_source_gaps), ("open-weights", _open_weights_gaps)):
        made = [c for c in found if c.kind == kind]
        if not made:
            continue
        gaps = gaps_of(context)
        # quote the prose claim in the fullest wording ('fully open-source'), not a tag
        first = max(made, key=lambda c: (not c.text.startswith(("tag ", "badge ")), len(c.text)))
        more = f" and {len(made) - 1} more" if len(made) > 1 else ""
        quoted = f"{first.text!r} at {first.location.pointer}{more}"
        locations = [c.location for c in made[:10]] + [g[2] for g in gaps if g[2] is not None]
        facts = {"claim": kind, "claims": [c.text for c in made[:20]], "gaps": [g[0] for g in gaps]}
        if not gaps:
            yield ANALYZER.finding(
                Status.PASS,
                f"claims {kind} ({quoted}) and the evidence bears it out",
                locations,
                facts=facts,
            )
            continue
        severity = max((g[1] for g in gaps), key=lambda s: s.rank)
        if kind == "open-source" and len(gaps) >= 2:
            severity = Severity.HIGH
        yield ANALYZER.finding(
            Status.FAIL,
            f"claims {kind} ({quoted}); but " + "; ".join(g[0] for g in gaps),
            locations,
            severity=severity,
            confidence=Confidence.HIGH,
            facts=facts,
            remediation="Either make the release match the claim (open licences, data "
            "information, training code) or stop calling it " + kind.replace("-", " ") + ".",
        )


ANALYZER = Analyzer(
    id="openwashing.claims_hold",
    title="Openness claims match the evidence",
    rationale="Calling a release 'open source' while its weights carry use restrictions, or "
    "without data information and training code, is openwashing (Liesenfeld & Dingemanse, "
    "FAccT 2024; OSI Open Source AI Definition 1.0).",
    remediation="Make the release match its claims, or change the claims.",
    severity=Severity.HIGH,
    check=_check,
    references=(
        "https://opensource.org/ai/open-source-ai-definition",
        "https://doi.org/10.1145/3630106.3659005",
    ),
)
