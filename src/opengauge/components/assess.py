"""Combine placements, documentation and links into one state per MOF component."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from typing import Any

from opengauge.components.place import is_model_card, place_all, place_file
from opengauge.components.refs import fenced_lines, mentioned_files, references
from opengauge.evidence.kinds import kind_of
from opengauge.model import (
    MOF_COMPONENTS,
    Card,
    Component,
    ComponentResult,
    ComponentState,
    Evidence,
    FileEntry,
    Placement,
    Reference,
)

C = Component
EVAL_HEADINGS = re.compile(r"\b(evaluation|results?|benchmarks?|performance|metrics)\b", re.I)
DATA_HEADINGS = re.compile(
    r"\b(training data|datasets?|data sources?|pre-?training data|"
    r"data card|data collection)\b",
    re.I,
)
USAGE_HEADINGS = re.compile(
    r"\b(usage|how to use|how to get started|quick ?start|inference|"
    r"example)\b",
    re.I,
)
NUMBER = re.compile(r"\d+(\.\d+)?\s*%?")


def count_model_index_results(metadata: dict[str, Any]) -> int:
    """How many metric values a card's model-index metadata carries."""
    total = 0
    entries = metadata.get("model-index")
    if not isinstance(entries, list):
        return 0
    for entry in entries[:100]:
        results = entry.get("results") if isinstance(entry, dict) else None
        for result in results[:1000] if isinstance(results, list) else []:
            metrics = result.get("metrics") if isinstance(result, dict) else None
            if isinstance(metrics, list):
                total += sum(1 for m in metrics[:1000] if isinstance(m, dict) and "value" in m)
    return total


def _in_card(card: Card) -> list[Placement]:
    """Components that a model card holds inside itself."""
    found: list[Placement] = []
    results = count_model_index_results(card.metadata)
    if results:
        found.append(
            Placement(
                card.path,
                C.EVALUATION_RESULTS,
                f"model-index metadata carries {results} metric values",
            )
        )
    lines = card.body.splitlines()
    code = fenced_lines(lines)
    for section in card.sections:
        title = section.title
        text = section.text
        line = section.line
        has_table = text.count("|") >= 6
        if EVAL_HEADINGS.search(title) and (has_table or len(NUMBER.findall(text)) >= 3):
            found.append(
                Placement(
                    card.path,
                    C.EVALUATION_RESULTS,
                    f"section '{title}' (line {line}) reports results",
                )
            )
        if DATA_HEADINGS.search(title) and (has_table or len(text.split()) >= 40):
            found.append(
                Placement(
                    card.path,
                    C.DATA_CARD,
                    f"section '{title}' (line {line}) describes the training data",
                )
            )
        if USAGE_HEADINGS.search(title):
            start = line - card.body_start_line
            end = start + len(section.text.splitlines()) + 1
            if any(i in code for i in range(start, end)):
                found.append(
                    Placement(
                        card.path,
                        C.INFERENCE_CODE,
                        f"usage code in section '{title}' (line {line})",
                    )
                )
    return found


def _claims(evidence: Evidence, card: Card) -> list[Reference]:
    """Files the card says are here but that the folder does not hold."""
    paths = {entry.path for entry in evidence.files}
    names = {posixpath.basename(p) for p in paths}
    folders = {posixpath.dirname(p) for p in paths} | {
        f"{d}/" for p in paths for d in [posixpath.dirname(p)] if d
    }
    claims: list[Reference] = []
    seen: set[str] = set()
    base = posixpath.dirname(card.path)
    for name, location, said_here in mentioned_files(card):
        clean = posixpath.normpath(posixpath.join(base, name.lstrip("./") or name))
        if not said_here or clean in seen or clean.startswith(".."):
            continue
        seen.add(clean)
        if clean in paths or posixpath.basename(clean) in names or clean.rstrip("/") in folders:
            continue
        probe = FileEntry(path=clean, size=0, kind=kind_of(clean))
        placement = place_file(probe, Evidence(root=evidence.root), {})
        if placement.component is C.OTHER:
            continue
        claims.append(
            Reference(
                placement.component,
                clean,
                f"the documentation says it is here; the folder has no {clean}",
                location,
            )
        )
    return claims


def assess(evidence: Evidence) -> tuple[ComponentResult, ...]:
    """One ComponentResult per MOF component (plus Other), in MOF order."""
    return _assess(evidence)


def _assess(evidence: Evidence) -> tuple[ComponentResult, ...]:
    placements = list(place_all(evidence))
    refs: list[Reference] = []
    claims: list[Reference] = []
    for card in evidence.cards:
        model_card, _ = is_model_card(card)
        if model_card or card.kind in {"model", "dataset"}:
            placements.extend(_in_card(card))
        refs.extend(references(card))
        claims.extend(_claims(evidence, card))

    files: dict[Component, list[str]] = defaultdict(list)
    reasons: dict[Component, list[str]] = defaultdict(list)
    for placement in placements:
        if placement.path not in files[placement.component]:
            files[placement.component].append(placement.path)
        reasons[placement.component].append(f"{placement.path}: {placement.reason}")
    by_ref: dict[Component, list[Reference]] = defaultdict(list)
    for ref in refs:
        if all(r.target != ref.target for r in by_ref[ref.component]):
            by_ref[ref.component].append(ref)
    by_claim: dict[Component, list[Reference]] = defaultdict(list)
    for claim in claims:
        by_claim[claim.component].append(claim)

    results = []
    for component in (*MOF_COMPONENTS, C.OTHER):
        if files[component]:
            state = ComponentState.PRESENT
        elif by_ref[component]:
            state = ComponentState.REFERENCED
        elif by_claim[component]:
            state = ComponentState.CLAIMED_ABSENT
        else:
            state = ComponentState.MISSING
        results.append(
            ComponentResult(
                component=component,
                state=state,
                files=tuple(files[component]),
                reasons=tuple(reasons[component][:50]),
                references=tuple(by_ref[component][:200]),
                claims=tuple(by_claim[component]),
            )
        )
    return tuple(results)
