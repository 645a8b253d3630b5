"""Combine placements, documentation and links into one state per MOF component (pure).

present (a file or a substantive document section holds it) beats referenced (the
documentation or the code points at the artefact published elsewhere) beats claimed
but absent (the documentation says a file is here; it is not) beats missing.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict

from opengauge.components.followed import attach
from opengauge.components.inline import in_document
from opengauge.components.links import classify_url
from opengauge.components.place import place_all, place_file
from opengauge.components.refs import (
    code_references,
    config_references,
    mentioned_files,
    references,
)
from opengauge.components.release import Release, release_facts
from opengauge.evidence.kinds import kind_of
from opengauge.model import (
    MOF_COMPONENTS,
    Card,
    Component,
    ComponentResult,
    ComponentState,
    Evidence,
    FileEntry,
    Location,
    Placement,
    Reference,
)

C = Component
PACKAGING = ("setup.py", "pyproject.toml", "setup.cfg")
# What a Hub model repository holds besides the weights: its card and its architecture.
HUB_HOLDS = (C.MODEL_CARD, C.MODEL_ARCHITECTURE)
# Components that exist only where there is a model.
MODEL_ONLY = (
    C.MODEL_ARCHITECTURE,
    C.MODEL_PARAMETERS_FINAL,
    C.MODEL_PARAMETERS_INTERMEDIATE,
    C.EVALUATION_RESULTS,
    C.MODEL_CARD,
    C.SAMPLE_MODEL_OUTPUTS,
    C.TRAINING_CODE,
    C.INFERENCE_CODE,
    C.EVALUATION_CODE,
    C.EVALUATION_DATA,
    C.MODEL_METADATA,
)
DATASET_TITLE = re.compile(r"\b(dataset|corpus|corpora|data)\b", re.I)


def count_model_index_results(metadata: dict[str, object]) -> int:
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


def _claims(evidence: Evidence, card: Card, release: Release) -> list[Reference]:
    """Files the card says are here but that the folder does not hold."""
    paths = release.paths
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
        placement = place_file(probe, Evidence(root=evidence.root), {}, release)
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


def _package(evidence: Evidence, placements: list[Placement]) -> list[Placement]:
    """A packaged training library of the release's own is a supporting library."""
    packaging = [f.path for f in evidence.files if f.path in PACKAGING]
    if not packaging:
        return []
    trained = [p.path for p in placements if p.component is C.TRAINING_CODE]
    if not trained:
        return []
    return [
        Placement(
            packaging[0],
            C.SUPPORTING_LIBRARIES,
            f"the release's own package, which holds its training code ({trained[0]})",
        )
    ]


def _dataset_release(
    evidence: Evidence, files: dict[Component, list[str]], refs: dict[Component, list[Reference]]
) -> bool:
    """A data release: no model anywhere, and its main document is about a dataset."""
    hub = [r for r in refs[C.MODEL_PARAMETERS_FINAL] if "huggingface.co" in r.target]
    if files[C.MODEL_PARAMETERS_FINAL] or hub or files[C.MODEL_CARD]:
        return False
    root = next((c for c in evidence.cards if "/" not in c.path and c.kind == "model"), None)
    title = root.sections[0].title if root is not None and root.sections else ""
    return bool(DATASET_TITLE.search(title)) and bool(files[C.DATA_CARD] or refs[C.DATASETS])


_ENGLISH_TRANSLATION = re.compile(
    r"^readme[-_.](?:en|eng|english)(?:[-_]\w+)?\.(?:md|markdown)$", re.I
)
_NON_LATIN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0400-\u04ff]")


def english_first(cards: tuple[Card, ...]) -> list[Card]:
    """The cards, the root README's English translation first when the README is not in
    English (README.md in Chinese beside README_en.md): the report is in English, so the
    English document is what it cites when both hold the same link."""
    root = next((c for c in cards if c.path.lower() in ("readme.md", "readme")), None)
    english = next((c for c in cards if _ENGLISH_TRANSLATION.match(c.path)), None)
    if root is None or english is None:
        return list(cards)
    sample = root.body[:20_000]
    letters = sum(ch.isalpha() for ch in sample)
    if not letters or len(_NON_LATIN.findall(sample)) < 0.2 * letters:
        return list(cards)
    return [english] + [c for c in cards if c is not english]


def _own_first(refs: list[Reference], release: Release) -> list[Reference]:
    """The release's own repositories before others' (a base model to convert, a user's
    fine-tune in an adoption list), document order kept within each group."""

    def foreign(ref: Reference) -> bool:
        target = classify_url(ref.target)
        return target is None or (target.org or "").lower() not in release.own_orgs

    return sorted(refs, key=foreign)


def _derived(
    refs: dict[Component, list[Reference]], files: dict[Component, list[str]], release: Release
) -> None:
    """What a referenced artefact brings along: a Hub model repo holds the model's card and
    architecture (its config); a dataset page documents its dataset."""
    hub = _own_first(
        [
            r
            for r in refs[C.MODEL_PARAMETERS_FINAL]
            if "huggingface.co" in r.target or "modelscope" in r.target
        ],
        release,
    )
    for component in HUB_HOLDS:
        if hub and not files[component] and not refs[component]:
            refs[component].append(
                Reference(
                    component,
                    hub[0].target,
                    "published with the weights in their Hub repository",
                    hub[0].location,
                )
            )
    pages = [
        r
        for r in refs[C.DATASETS]
        if "/datasets/" in r.target or ("dataset" in r.reason and "page" in r.reason)
    ]
    pages = [r for r in pages if not r.target.startswith("hf://")]
    if pages and not files[C.DATA_CARD] and not refs[C.DATA_CARD]:
        refs[C.DATA_CARD].append(
            Reference(
                C.DATA_CARD,
                pages[0].target,
                "the dataset's own page or card documents it",
                pages[0].location,
            )
        )


def assess(evidence: Evidence, name: str = "") -> tuple[ComponentResult, ...]:
    """One ComponentResult per MOF component (plus Other), in MOF order."""
    release = release_facts(evidence, name)
    placements = list(place_all(evidence, release))
    refs_found: list[Reference] = []
    claims: list[Reference] = []
    for card in english_first(evidence.cards):
        placements.extend(in_document(card, release))
        refs_found.extend(references(card, release))
        if release.role(card.path) == "own":
            claims.extend(_claims(evidence, card, release))
    for entry in evidence.files:
        if entry.kind == "code" and entry.path.endswith(".py"):
            refs_found.extend(code_references(entry, release))
        refs_found.extend(config_references(entry, release))
    placements.extend(_package(evidence, placements))

    files: dict[Component, list[str]] = defaultdict(list)
    reasons: dict[Component, list[str]] = defaultdict(list)
    for placement in placements:
        if placement.path not in files[placement.component]:
            files[placement.component].append(placement.path)
        reasons[placement.component].append(f"{placement.path}: {placement.reason}")
    by_ref: dict[Component, list[Reference]] = defaultdict(list)
    for ref in refs_found:
        if all(r.target != ref.target for r in by_ref[ref.component]):
            by_ref[ref.component].append(ref)
    for component, found in by_ref.items():
        by_ref[component] = _own_first(found, release)
    _derived(by_ref, files, release)
    by_claim: dict[Component, list[Reference]] = defaultdict(list)
    for claim in claims:
        by_claim[claim.component].append(claim)
    if _dataset_release(evidence, files, by_ref):
        for component in MODEL_ONLY:
            if files[component] or by_ref[component]:
                reasons[C.OTHER].append(
                    f"{component.value}: not counted, the release is a dataset with no model"
                )
            files[component], by_ref[component], by_claim[component] = [], [], []

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
    return attach(results, evidence.followed) if evidence.followed else tuple(results)


__all__ = ["Location", "assess", "count_model_index_results"]
