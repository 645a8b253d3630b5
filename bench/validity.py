"""How often does opengauge agree with hand labels of 22 real AI releases?

    .venv/bin/python bench/validity.py [--corpus tests/data/releases] [--out DIR] [--json]
                                       [--write-doc] [--no-determinism]

Materializes every release of the labelled corpus (tests/data/releases, sparse files) into a
temporary folder, audits each in process (`opengauge.audit` + the json renderer, at a fixed
time), and prints agreement per item type, score.py's commonest error classes and every
disagreement. `--out DIR` keeps the 22 JSON reports there (`python3
tests/data/releases/score.py DIR` scores them again) plus validity.json; `--json` prints
the figures as JSON instead of text; `--write-doc` rewrites the results section of
docs/validity.md. The scoring itself lives in tests/validity_scoring.py (shared with
tests/test_validity.py); docs/validity.md says how each figure is computed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import validity_scoring as vs  # noqa: E402

DOC = ROOT / "docs" / "validity.md"
START = "<!-- validity:results:start (written by bench/validity.py --write-doc) -->"
END = "<!-- validity:results:end -->"
GROUP_ORDER = (
    "component state",
    "component evidence (state agrees, evidence does not)",
    "licence (category)",
    "licence (identity)",
    "osaid",
    "osai dims (index rows)",
    "osai dims (judged rows)",
    "openwashing",
    "junk licence rows",
    "determinism",
)


def _cut(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def source_commit(path: str) -> str:
    """The git commit of the opengauge source that ran, '+changes' when its tree is dirty."""
    try:
        git = ["git", "-C", path]
        head = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--", "."], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" + uncommitted changes" if dirty else "")


def figure_lines(result: dict[str, Any]) -> list[str]:
    lines = [f"{'item type':58} agree/total    rate"]
    for key, fig in result["figures"].items():
        rate = "   n/a" if fig["percent"] is None else f"{fig['percent']:5.1f}%"
        lines.append(f"{key:58} {fig['agree']:5d}/{fig['total']:<5d} {rate}")
    return lines


def disagreement_line(d: dict[str, Any], limit: int = 160) -> str:
    parts = [d["release"], d["item"]]
    if d["truth"]:
        parts.append(f"truth {d['truth']}")
    parts.append(f"ours {_cut(d['ours'], 80)}")
    if d["label_evidence"] or d["label_note"]:
        parts.append(f"label {d['label_evidence'] or '-'}: {_cut(d['label_note'], limit) or '-'}")
    parts.append(f"we saw: {_cut(d['our_evidence'], limit) or '-'}")
    return " | ".join(parts)


def grouped(result: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in result["disagreements"]:
        groups.setdefault(d["group"], []).append(d)
    order = [g for g in GROUP_ORDER if g in groups] + sorted(set(groups) - set(GROUP_ORDER))
    return [(g, groups[g]) for g in order]


def text_report(result: dict[str, Any], errors: int) -> str:
    n_errors = sum(n for _, n in result["error_classes"])
    out = [
        f"opengauge {result['opengauge_version']} ({result['opengauge_path']}, "
        f"commit {result['opengauge_commit']}) on "
        f"{result['releases']} releases, {result['label_rows']} label rows",
        "",
        *figure_lines(result),
        "",
        f"most common disagreements (score.py's classes, of {n_errors}):",
    ]
    out += [f"{n:4d}  {cls}" for cls, n in result["error_classes"][:errors]]
    for group, rows in grouped(result):
        out += ["", f"== {group} ({len(rows)})"]
        out += [disagreement_line(d) for d in rows]
    secs = result["seconds"]
    slowest, slow = max(secs["audit_per_release"].items(), key=lambda kv: kv[1])
    out += [
        "",
        f"materialize {secs['materialize']} s; audits {secs['audit_total']} s of CPU, "
        f"{secs['audit_wall']} s wall (slowest {slowest}, {slow} s); "
        f"determinism {result['determinism'].get('seconds', 0)} s",
    ]
    return "\n".join(out)


def _md(text: str) -> str:
    return str(text).replace("|", "\\|")


def markdown_results(result: dict[str, Any], errors: int) -> str:
    figures = result["figures"]
    secs = result["seconds"]
    head = (
        f"Measured with opengauge {result['opengauge_version']} (commit "
        f"{result['opengauge_commit']}) on the {result['releases']} releases "
        f"({result['label_rows']} label rows, {result['ambiguous_rows']} `ambiguous` left "
        f"out), audits under PYTHONHASHSEED={result['audit_seed']}: {secs['audit_total']} s "
        f"of audit time, {secs['total']} s in all."
    )
    out = [head, "", "| group | item type | agree / total | rate |", "|---|---|---|---|"]
    for key, fig in figures.items():
        rate = "n/a" if fig["percent"] is None else f"{fig['percent']:.1f} %"
        out.append(f"| {fig['group']} | {key} | {fig['agree']} / {fig['total']} | {rate} |")
    out += ["", "Commonest disagreement classes (score.py's `_error_type`):", ""]
    out += [f"- {n} × {_md(cls)}" for cls, n in result["error_classes"][:errors]]
    out += [
        "",
        "### Every disagreement",
        "",
        "One line each: release | item | truth | ours | label evidence: label note | what we "
        "saw (our state, first reason, files, references; licence rows and where we found "
        "them; the control's reason). Long text is cut at 160 characters.",
    ]
    for group, rows in grouped(result):
        out += ["", f"#### {group} ({len(rows)})", ""]
        out += [f"- {_md(disagreement_line(d))}" for d in rows]
    return "\n".join(out)


DOC_TEMPLATE = """# Validity: opengauge against hand-labelled releases

{start}
{end}

## Decisions: disagreements kept on purpose

_(for the developer: which disagreements above are accepted, and why)_
"""


def write_doc(result: dict[str, Any], errors: int, path: Path = DOC) -> None:
    text = (
        path.read_text(encoding="utf-8")
        if path.is_file()
        else DOC_TEMPLATE.format(start=START, end=END)
    )
    if START not in text or END not in text:
        raise SystemExit(f"{path}: markers {START!r} / {END!r} not found")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    body = markdown_results(result, errors)
    path.write_text(f"{before}{START}\n{body}\n{END}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=vs.CORPUS)
    ap.add_argument("--out", type=Path, help="write the JSON reports and validity.json here")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--write-doc", action="store_true", help=f"rewrite the results in {DOC}")
    ap.add_argument("--errors", type=int, default=15, help="error classes to list")
    ap.add_argument("--no-determinism", action="store_true", help="skip the seed runs")
    a = ap.parse_args(argv)

    start = time.perf_counter()
    result = vs.run(
        a.corpus.resolve(),
        determinism_release=None if a.no_determinism else vs.DETERMINISM_RELEASE,
        progress=lambda name: print(f"  {name}", file=sys.stderr),
    )
    result["seconds"]["total"] = round(time.perf_counter() - start, 2)
    result["opengauge_commit"] = source_commit(result["opengauge_path"])
    reports = result.pop("reports")
    if a.out:
        a.out.mkdir(parents=True, exist_ok=True)
        for name, text in reports.items():
            (a.out / f"{name}.json").write_text(text, encoding="utf-8")
        (a.out / "validity.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    if a.write_doc:
        write_doc(result, a.errors)
    if a.json:
        print(json.dumps(result, indent=1))
    else:
        print(text_report(result, a.errors))
        print(f"total {result['seconds']['total']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
