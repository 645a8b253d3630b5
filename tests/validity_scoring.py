"""Score opengauge against the labelled release corpus (tests/data/releases).

The one implementation of the validity figures: bench/validity.py prints and documents
them, tests/test_validity.py asserts floors on them. docs/validity.md explains each figure.

Reading rules are those of the corpus's own score.py (imported from the corpus folder, never
copied): the licence helpers (`lic_predicted`, `lic_identity_ok`) and the error classes
(`_error_type`) are called as they are, and tests/test_validity.py checks that the figures
both compute in common are equal. What this module adds: the evidence check for component
states, referenced artefacts, per-scope licence and per-dimension Index figures, junk
licence rows and determinism.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "releases"
FIXED_TIME = "2026-01-01T00:00:00+00:00"
LINE_TOLERANCE = 5  # a cited line agrees with the label's when within this many lines
DETERMINISM_RELEASE = "allenai__open-instruct"  # the largest tree, and it holds a symlink
HASH_SEEDS = ("0", "1", "2")  # the determinism runs
AUDIT_SEED = "0"  # PYTHONHASHSEED of the audits that the figures score
WORKERS = 2
DIMENSIONS = (
    "datasources_basemodel",
    "datasources_endmodel",
    "weights_basemodel",
    "weights_endmodel",
    "trainingcode",
    "code",
    "hardware_architecture",
    "preprint",
    "paper",
    "modelcard",
    "datasheet",
    "licenses",
)
SCOPES = ("code", "weights", "data")
# The kinds score.py reports, with the same names: tests/test_validity.py compares them.
SCORE_PY_KINDS = (
    "component states",
    "component states (truth present)",
    "component states (truth referenced)",
    "component states (truth missing)",
    "licence (category)",
    "licence (identity)",
    "osaid",
    "osai dims",
    "osai dims (index rows)",
    "osai dims (judged rows)",
    "openwashing",
)
# Every figure, in display order: (key, group). Keys are stable: floors and JSON use them.
FIGURES: tuple[tuple[str, str], ...] = (
    ("component states", "component state"),
    ("component states (truth present)", "component state"),
    ("component states (truth referenced)", "component state"),
    ("component states (truth missing)", "component state"),
    ("component state + evidence", "component state + evidence"),
    ("component state + evidence (truth present)", "component state + evidence"),
    ("component state + evidence (truth referenced)", "component state + evidence"),
    ("referenced artefacts (state referenced)", "referenced artefacts"),
    ("referenced artefacts (link found at the label's line)", "referenced artefacts"),
    ("licence (category)", "licence"),
    *((f"licence (category) {s}", "licence") for s in SCOPES),
    ("licence (identity)", "licence"),
    *((f"licence (identity) {s}", "licence") for s in SCOPES),
    ("osaid", "osaid"),
    ("osai dims", "osai dims"),
    ("osai dims (index rows)", "osai dims"),
    ("osai dims (judged rows)", "osai dims"),
    *((f"osai:{d}", "osai dims") for d in DIMENSIONS),
    ("openwashing", "openwashing"),
    ("licence rows well-formed", "licence rows"),
    ("determinism (seed-run pairs, identical JSON)", "determinism"),
)
_FIGURE_KEYS = {k for k, _ in FIGURES}

# Junk licence rows (see docs/validity.md). Words that name no licence on their own.
_FILLER = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "its", "it", "same", "our", "their",
        "permissive", "open", "source", "opensource", "license", "licence", "licenses",
        "licences", "licensed", "licenced", "file", "terms", "see", "details",
    }
)  # fmt: skip
# Words that make a licence "name" a sentence about licensing rather than a name.
_SENTENCE = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "under", "see", "distributed", "released",
        "available", "provided", "use", "using", "we", "our", "you", "your", "all", "these",
        "for",
    }
)  # fmt: skip
MAX_NAME = 80


# ----------------------------------------------------------------------------- corpus


def load_module(path: Path, name: str) -> ModuleType:
    """Import a corpus script (score.py, materialize.py) from its file, as it is."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def read_labels(corpus: Path = CORPUS) -> list[dict[str, str]]:
    with (corpus / "LABELS.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def materialize(corpus: Path, target: Path, names: Iterable[str] | None = None) -> list[str]:
    """Recreate every release of ``corpus`` under ``target`` (sparse files); their names."""
    mat = load_module(corpus / "materialize.py", "_validity_materialize")
    chosen = list(names) if names is not None else mat.releases()
    for name in chosen:
        mat.materialize(name, target)
    return chosen


def audit_json(folder: Path) -> tuple[str, float]:
    """The `--format json` report of ``folder`` at a fixed time, and the seconds it took:
    `opengauge.audit` and the json renderer, in this process."""
    import opengauge
    from opengauge.report import render

    start = time.perf_counter()
    text = render(opengauge.audit(folder, generated_at=FIXED_TIME), "json")
    return text, time.perf_counter() - start


def audit_all(
    target: Path,
    names: Iterable[str],
    progress: Callable[[str], None] | None = None,
    workers: int = WORKERS,
    seed: str = AUDIT_SEED,
) -> tuple[dict[str, str], dict[str, float]]:
    """JSON text and seconds per release.

    Each audit runs through the API (`audit_json`) in a pool of fresh interpreters started
    with PYTHONHASHSEED=``seed``: opengauge's output depends on the hash seed today (see
    docs/validity.md), so a fixed seed keeps the figures reproducible; the determinism
    figure measures that dependence separately.
    """
    names = list(names)
    texts: dict[str, str] = {}
    seconds: dict[str, float] = {}
    saved = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = seed  # inherited by the spawned workers
    try:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {name: pool.submit(audit_json, target / name) for name in names}
            for name in names:
                texts[name], seconds[name] = futures[name].result()
                if progress:
                    progress(f"{name} ({seconds[name]:.1f} s)")
    finally:
        if saved is None:
            os.environ.pop("PYTHONHASHSEED", None)
        else:
            os.environ["PYTHONHASHSEED"] = saved
    return texts, seconds


# ----------------------------------------------------------------------------- evidence


def split_evidence(evidence: str) -> tuple[str, int | None, int | None]:
    """`path`, `path:line` or `path:line-line` -> (path, first line, last line)."""
    match = re.fullmatch(r"(.+?)(?::(\d+)(?:-(\d+))?)?", evidence.strip())
    if not match:
        return evidence, None, None
    first = int(match.group(2)) if match.group(2) else None
    last = int(match.group(3)) if match.group(3) else first
    return match.group(1).rstrip("/"), first, last


def _norm_path(path: str) -> str:
    path = path.strip()
    while path.startswith("./"):
        path = path[2:]
    return path.rstrip("/")


def _same_place(label: str, ours: str) -> bool:
    """Same file, or one names a folder that holds the other."""
    label, ours = _norm_path(label), _norm_path(ours)
    return bool(label) and (
        label == ours or ours.startswith(label + "/") or label.startswith(ours + "/")
    )


def component_locations(comp: dict[str, Any]) -> list[tuple[str, int | None]]:
    """Where the report says a component is: its files (whole file, no line), each
    reference's and claim's location (path, line), and reference targets that are paths."""
    places: list[tuple[str, int | None]] = [(f, None) for f in comp.get("files") or ()]
    for ref in [*(comp.get("references") or ()), *(comp.get("claims") or ())]:
        loc = ref.get("location") or {}
        if loc.get("path"):
            places.append((loc["path"], loc.get("line")))
        target = ref.get("target") or ""
        if target and "://" not in target and not target.startswith(("#", "mailto:")):
            places.append((target.split("#")[0], None))
    return places


def evidence_agrees(evidence: str, places: Iterable[tuple[str, int | None]]) -> bool:
    """The label's evidence is among ``places``.

    Path: the label's path (before any `:line`) equals one of ours (or one is a folder
    holding the other). Line: when both the label and our location cite a line, they must be
    within LINE_TOLERANCE lines (a label range widens the window); our whole-file citations
    (`files`) agree with any line of that file.
    """
    path, first, last = split_evidence(evidence)
    for ours, line in places:
        if not _same_place(path, ours):
            continue
        if first is None or line is None:
            return True
        assert last is not None
        if first - LINE_TOLERANCE <= line <= last + LINE_TOLERANCE:
            return True
    return False


def describe_component(comp: dict[str, Any] | None, limit: int = 3) -> str:
    """One line: our state, reason and where we saw it."""
    if comp is None:
        return "component absent from the report"
    parts = [comp["state"]]
    reasons = comp.get("reasons") or []
    if reasons:
        parts.append(reasons[0])
    files = comp.get("files") or []
    if files:
        more = f" +{len(files) - limit}" if len(files) > limit else ""
        parts.append("files " + ", ".join(files[:limit]) + more)
    refs = comp.get("references") or []
    if refs:
        shown = [
            f"{r['location'].get('path')}:{r['location'].get('line')} -> {r.get('target')}"
            for r in refs[:limit]
        ]
        more = f" +{len(refs) - limit}" if len(refs) > limit else ""
        parts.append("refs " + ", ".join(shown) + more)
    claims = comp.get("claims") or []
    if claims:
        c = claims[0]
        parts.append(
            f"claim {c['location'].get('path')}:{c['location'].get('line')} -> {c.get('target')}"
        )
    return "; ".join(parts)


# ----------------------------------------------------------------------------- licences


def known_licence_names() -> tuple[set[str], set[str]]:
    """(valid ids, lower-cased single-word names) known to SPDX and to opengauge.

    Valid ids: the SPDX licence and exception ids of the list opengauge ships
    (data/mot/licenses.json) and of license-expression, plus every `LicenseRef-...` that
    appears in opengauge's package (its licence data and code)."""
    import opengauge

    package = Path(opengauge.__file__).resolve().parent
    ids: set[str] = set()
    spdx_list = package / "data" / "mot" / "licenses.json"
    if spdx_list.is_file():
        ids |= {x["licenseId"] for x in json.loads(spdx_list.read_text("utf-8"))["licenses"]}
    try:
        from license_expression import get_spdx_licensing

        for symbol in get_spdx_licensing().known_symbols.values():
            ids.add(symbol.key)
            ids |= set(getattr(symbol, "aliases", ()) or ())
    except ImportError:  # pragma: no cover - a dependency of opengauge
        pass
    ref = re.compile(r"LicenseRef-[A-Za-z0-9.+-]*[A-Za-z0-9+]")
    for path in package.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".tsv", ".json", ".toml", ".LICENSE", ""}:
            try:
                ids |= set(ref.findall(path.read_text("utf-8", errors="replace")))
            except OSError:
                continue
    words = {i.lower() for i in ids}
    hf_map = package / "data" / "licenses" / "hf" / "hf_license_map.tsv"
    if hf_map.is_file():
        for row in csv.DictReader(hf_map.open(encoding="utf-8"), delimiter="\t"):
            words.add(row["hf_id"].lower())
    return ids, words


def _id_ok(licence_id: str, ids: set[str]) -> bool:
    tokens = [t for t in re.split(r"[()\s]+", licence_id) if t]
    tokens = [t for t in tokens if t.upper() not in {"AND", "OR", "WITH"}]
    return bool(tokens) and all(t.removesuffix("+") in ids for t in tokens)


def junk_reason(row: dict[str, Any], ids: set[str], words: set[str]) -> str | None:
    """Why a report licence row is not a real licence, or None when it is one.

    - an `id` must be an SPDX id (or an expression of them) or a LicenseRef known to
      opengauge;
    - without an id, a `name` must be a licence name: at most MAX_NAME characters, not a
      sentence (more than 6 words, or a verb/pronoun such as 'is', 'under', 'see', 'we';
      'for' only when no proper noun follows),
      not only filler words ('the', 'same', 'LICENSE', 'a permissive'), and when it is
      one word, an SPDX id or Hub licence id ('MIT' yes, 'Apache' no).
    A row with neither id nor name (a licence file opengauge could not identify) is an
    honest abstention, not junk.
    """
    licence_id, name = row.get("id"), (row.get("name") or "").strip()
    if licence_id:
        return None if _id_ok(licence_id, ids) else f"id {licence_id!r} is not SPDX or known"
    if not name:
        return None
    if len(name) > MAX_NAME:
        return f"name of {len(name)} characters"
    tokens = re.findall(r"[A-Za-z0-9][A-Za-z0-9.+-]*", name)
    # "for" before a proper noun is part of a name ("Software License for The Fraunhofer
    # FDK AAC Codec Library", SPDX FDK-AAC); "see LICENSE for details" is a sentence
    lowered = [
        t.lower()
        for i, t in enumerate(tokens)
        if not (t == "for" and i + 1 < len(tokens) and tokens[i + 1][0].isupper())
    ]
    # "Terms of Use", "Acceptable Use Policy": the names of such documents use the word
    phrase = re.sub(r"\b(?:terms of use|acceptable use policy)\b", "", " ".join(lowered))
    if len(tokens) > 6 or _SENTENCE & set(phrase.split()) or "](" in name:
        return "a sentence, not a name"
    if all(t in _FILLER for t in lowered):
        return "no licence named"
    if len(tokens) == 1 and lowered[0] not in words:
        return "a single word that names no licence"
    return None


# ----------------------------------------------------------------------------- scoring


class Tally:
    """agree/total per figure, and every disagreement."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {k: [0, 0] for k, _ in FIGURES}
        self.disagreements: list[dict[str, Any]] = []

    def add(self, key: str, ok: bool) -> None:
        assert key in _FIGURE_KEYS, key
        self.counts[key][1] += 1
        self.counts[key][0] += int(ok)

    def differ(self, group: str, row: dict[str, str], ours: str, our_evidence: str) -> None:
        self.disagreements.append(
            {
                "group": group,
                "release": row.get("release", ""),
                "item": row.get("item", ""),
                "truth": row.get("truth", ""),
                "ours": ours,
                "label_evidence": row.get("evidence", ""),
                "label_note": row.get("note", ""),
                "our_evidence": our_evidence,
            }
        )


def _osai_control(report: dict[str, Any], dim: str) -> dict[str, Any] | None:
    for framework in report["frameworks"]:
        for control in framework["controls"]:
            if control["id"] == f"osai.{dim}":
                return dict(control)
    return None


def _findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in report.get("findings", []) if f.get("rule") == rule]


def _loc(location: dict[str, Any]) -> str:
    line = location.get("line")
    return f"{location.get('path')}:{line}" if line else str(location.get("path"))


def score(
    labels: list[dict[str, str]],
    reports: dict[str, dict[str, Any]],
    score_py: ModuleType,
    known: tuple[set[str], set[str]],
) -> tuple[Tally, Counter[str]]:
    """Every figure except determinism, and score.py's error classes."""
    tally = Tally()
    errors: Counter[str] = Counter()

    def error(kind: str, row: dict[str, str], pred: str) -> None:
        errors[score_py._error_type({"kind": kind, **row, "predicted": pred})] += 1

    for row in labels:
        rel, item, truth = row["release"], row["item"], row["truth"]
        if truth == "ambiguous":
            continue
        rep = reports[rel]
        if item.startswith("licence:"):
            scope = item.split(":", 1)[1]
            scope = "documentation" if scope == "docs" else scope
            name, _, cat = truth.rpartition("|")
            preds = score_py.lic_predicted(rep, scope)
            cats = sorted({p["category"] for p in preds}) or ["none"]
            pred = (
                "; ".join(f"{p.get('id') or p.get('name')}|{p['category']}" for p in preds)
                or "none"
            )
            if name == "unstated":
                cat_ok = id_ok = not preds or cats == ["unknown"]
            else:
                cat_ok, id_ok = cat in cats, score_py.lic_identity_ok(name, preds)
            where = "; ".join(
                f"{p.get('id') or p.get('name')} ({p['component']}, {p['method']}) "
                f"@ {p.get('path')}:{p.get('start_line')}"
                for p in preds
            )
            for label, ok in (("category", cat_ok), ("identity", id_ok)):
                tally.add(f"licence ({label})", ok)
                tally.add(f"licence ({label}) {scope}", ok)
                if not ok:
                    tally.differ(f"licence ({label})", row, pred, where or "no licence found")
            if not cat_ok:
                error("licence (category)", row, pred)
        elif item == "osaid":
            verdict = rep["verdicts"]["osaid"]
            pred = "pass" if verdict["passes"] else "fail"
            tally.add("osaid", pred == truth)
            if pred != truth:
                tally.differ("osaid", row, pred, verdict.get("summary") or "")
                error("osaid", row, pred)
        elif item == "openwashing":
            verdict = rep["verdicts"]["openwashing"]
            pred = "yes" if verdict["detected"] else "no"
            tally.add("openwashing", pred == truth)
            if pred != truth:
                locs = [
                    _loc(loc)
                    for f in _findings(rep, "openwashing.claims_hold")
                    for loc in f.get("locations", [])[:3]
                ]
                where = (verdict.get("summary") or "") + (
                    f"; claims at {', '.join(locs)}" if locs else ""
                )
                tally.differ("openwashing", row, pred, where)
                error("openwashing", row, pred)
        elif item.startswith("osai:"):
            dim = item.split(":", 1)[1]
            control = _osai_control(rep, dim)
            pred = (control or {}).get("rating") or "abstain"
            src = "index" if row["evidence"].startswith("index:") else "judged"
            ok = pred == truth
            tally.add("osai dims", ok)
            tally.add(f"osai dims ({src} rows)", ok)
            tally.add(f"osai:{dim}", ok)
            if not ok:
                tally.differ(
                    f"osai dims ({src} rows)", row, pred, (control or {}).get("reason") or ""
                )
                error("osai dims", row, pred)
        else:
            comp = next((c for c in rep["components"] if c["component"] == item), None)
            pred = comp["state"] if comp else "absent-from-report"
            state_ok = pred == truth
            tally.add("component states", state_ok)
            tally.add(f"component states (truth {truth})", state_ok)
            places = component_locations(comp) if comp else []
            evidence_needed = truth in ("present", "referenced") and bool(row["evidence"])
            ev_ok = state_ok and (not evidence_needed or evidence_agrees(row["evidence"], places))
            tally.add("component state + evidence", ev_ok)
            if truth in ("present", "referenced"):
                tally.add(f"component state + evidence (truth {truth})", ev_ok)
            if truth == "referenced":
                tally.add("referenced artefacts (state referenced)", state_ok)
                refs = component_locations({"references": (comp or {}).get("references") or []})
                link_ok = bool(row["evidence"]) and evidence_agrees(row["evidence"], refs)
                tally.add("referenced artefacts (link found at the label's line)", link_ok)
            if not state_ok:
                tally.differ("component state", row, pred, describe_component(comp))
                error("component states", row, pred)
            elif not ev_ok:
                tally.differ(
                    "component evidence (state agrees, evidence does not)",
                    row,
                    pred,
                    describe_component(comp),
                )

    ids, words = known
    for rel in sorted(reports):
        for lic in reports[rel]["licenses"]:
            reason = junk_reason(lic, ids, words)
            tally.add("licence rows well-formed", reason is None)
            if reason:
                tally.differ(
                    "junk licence rows",
                    {"release": rel, "item": f"licence row ({lic['component']})"},
                    f"id={lic.get('id')!r} name={lic.get('name')!r}",
                    f"{reason}; {lic.get('source')}/{lic.get('method')} "
                    f"@ {lic.get('path')}:{lic.get('start_line')}",
                )
    return tally, errors


# ----------------------------------------------------------------------------- determinism

_AUDIT_CODE = (
    "import sys, opengauge\n"
    "from opengauge.report import render\n"
    "sys.stdout.write(render(opengauge.audit(sys.argv[1], generated_at=sys.argv[2]), 'json'))\n"
)


def determinism(
    folder: Path, reference: str | None = None, seeds: Iterable[str] = HASH_SEEDS
) -> dict[str, Any]:
    """Audit ``folder`` in fresh interpreters, one per PYTHONHASHSEED in ``seeds`` (run side
    by side), and compare the JSON bytes of every pair of runs. ``reference`` (the report
    the figures scored, audited under AUDIT_SEED) is compared with the run of that seed."""
    seeds = list(seeds)
    procs = {
        seed: subprocess.Popen(
            [sys.executable, "-c", _AUDIT_CODE, str(folder), FIXED_TIME],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=folder.parent,
        )
        for seed in seeds
    }
    outputs: dict[str, str] = {}
    failures: dict[str, str] = {}
    for seed, proc in procs.items():
        out, err = proc.communicate()
        outputs[seed] = out.decode("utf-8", errors="replace")
        if proc.returncode:
            failures[seed] = f"exit {proc.returncode}: " + err.decode("utf-8", "replace")[-300:]
    pairs = []
    for i, a in enumerate(seeds):
        for b in seeds[i + 1 :]:
            same = a not in failures and b not in failures and outputs[a] == outputs[b]
            pairs.append(
                {"seeds": [a, b], "identical": same, **_first_difference(outputs[a], outputs[b])}
            )
    matches_reference = None
    if reference is not None and AUDIT_SEED in outputs:
        matches_reference = outputs[AUDIT_SEED] == reference
    return {
        "release": folder.name,
        "pairs": pairs,
        "failures": failures,
        "in_process_matches_fresh_process": matches_reference,
    }


def _first_difference(a: str, b: str) -> dict[str, Any]:
    """Where two JSON texts first differ: character offset, line and the two lines."""
    if a == b:
        return {}
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    line = a.count("\n", 0, at) + 1
    return {
        "first_difference_line": line,
        "lines": [_line_at(a, at), _line_at(b, at)],
    }


def _line_at(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()[:200]


# ----------------------------------------------------------------------------- all


def run(
    corpus: Path = CORPUS,
    workdir: Path | None = None,
    determinism_release: str | None = DETERMINISM_RELEASE,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Materialize, audit and score the whole corpus; the figures as one JSON-able dict.

    ``workdir`` receives the materialized releases (a temporary folder when None, removed
    afterwards). ``determinism_release`` None skips the determinism check.
    """
    score_py = load_module(corpus / "score.py", "_validity_score")
    labels = read_labels(corpus)
    with tempfile.TemporaryDirectory(prefix="opengauge-validity-") as tmp:
        target = workdir or Path(tmp)
        target.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        names = materialize(corpus, target)
        materialize_seconds = time.perf_counter() - start
        start = time.perf_counter()
        texts, seconds = audit_all(target, names, progress)
        audit_wall = time.perf_counter() - start
        reports = {n: json.loads(t) for n, t in texts.items()}
        tally, errors = score(labels, reports, score_py, known_licence_names())
        det: dict[str, Any] = {}
        if determinism_release:
            if progress:
                progress(
                    f"determinism: {determinism_release}, PYTHONHASHSEED {', '.join(HASH_SEEDS)}"
                )
            start = time.perf_counter()
            det = determinism(target / determinism_release, texts[determinism_release])
            det["seconds"] = round(time.perf_counter() - start, 2)
            for pair in det["pairs"]:
                tally.add("determinism (seed-run pairs, identical JSON)", pair["identical"])
                if not pair["identical"]:
                    a, b = pair["seeds"]
                    lines = pair.get("lines") or ["", ""]
                    tally.differ(
                        "determinism",
                        {"release": determinism_release, "item": f"PYTHONHASHSEED {a} vs {b}"},
                        f"differ from line {pair.get('first_difference_line')}",
                        f"{lines[0]}  <>  {lines[1]}",
                    )
            if det["in_process_matches_fresh_process"] is False:
                tally.differ(
                    "determinism",
                    {"release": determinism_release, "item": "pool report vs fresh process"},
                    "differ",
                    f"same seed {AUDIT_SEED}: the scored report differs from a fresh interpreter's",
                )
    import opengauge

    return {
        "opengauge_version": opengauge.__version__,
        "opengauge_path": str(Path(opengauge.__file__).resolve().parent),
        "corpus": str(corpus),
        "releases": len(names),
        "label_rows": len(labels),
        "ambiguous_rows": sum(row["truth"] == "ambiguous" for row in labels),
        "line_tolerance": LINE_TOLERANCE,
        "figures": {
            key: {
                "group": group,
                "agree": tally.counts[key][0],
                "total": tally.counts[key][1],
                "percent": percent(*tally.counts[key]),
            }
            for key, group in FIGURES
        },
        "error_classes": errors.most_common(),
        "disagreements": tally.disagreements,
        "determinism": det,
        "audit_seed": AUDIT_SEED,
        "seconds": {
            "materialize": round(materialize_seconds, 2),
            "audit_wall": round(audit_wall, 2),
            "audit_total": round(sum(seconds.values()), 2),
            "audit_per_release": {n: round(s, 2) for n, s in seconds.items()},
        },
        "reports": texts,
    }


def percent(agree: int, total: int) -> float | None:
    return round(100 * agree / total, 1) if total else None
