"""``opengauge mof evaluate|export|compare``: the Model Openness Framework and MOT records."""

from __future__ import annotations

import argparse
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from opengauge.commands._io import add_format, emit, stdout_is_terminal
from opengauge.frameworks.mof import (
    Disagreement,
    MofResult,
    compare,
    evaluate,
    facts_from_observed,
    facts_from_record,
    observed_from_audit,
    to_mot_record,
)
from opengauge.sources.mot import dump_record, read_record

NAME = "mof"
HELP = "Model Openness Framework: classify a MOT record, export one from an audit, compare"

_STYLE = {
    "included": "green",
    "conditional": "yellow",
    "missing": "red",
    "unlicensed": "red",
    "invalid": "red",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Subcommands evaluate, export and compare."""
    sub = parser.add_subparsers(dest="mof_command", metavar="ACTION", required=True)
    ev = sub.add_parser("evaluate", help="classify a MOT YAML record (class and progress)")
    ev.add_argument("record", help="MOT record (YAML)")
    add_format(ev, "json")
    ev.add_argument(
        "--mot-compatible",
        action="store_true",
        help="reproduce the Model Openness Tool exactly, bugs included",
    )
    ex = sub.add_parser("export", help="audit a folder and write a MOT record (YAML)")
    ex.add_argument("path", help="model folder to audit")
    ex.add_argument("--name", help="release name (default: the target's name)")
    ex.add_argument("--producer", default="", help="release producer")
    ex.add_argument("--output", "-o", metavar="FILE", help="write the record to FILE")
    cp = sub.add_parser("compare", help="audit a folder and hold a MOT record against it")
    cp.add_argument("path", help="model folder to audit")
    cp.add_argument("record", help="MOT record (YAML)")
    add_format(cp, "json")
    cp.add_argument(
        "--mot-compatible",
        action="store_true",
        help="compare licence strings exactly, as MOT would",
    )


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen action; 0 on success (compare: 1 when they disagree)."""
    action = args.mof_command
    if action == "evaluate":
        return _evaluate(args)
    if action == "export":
        return _export(args)
    return _compare(args)


def _evaluate(args: argparse.Namespace) -> int:
    record = read_record(args.record)
    result = evaluate(facts_from_record(record), strict_mot=args.mot_compatible)
    notes = tuple(f"unknown component name ignored: {n!r}" for n in record.unknown_components)
    if args.format == "json":
        payload = {"record": record.name, **result.to_dict()}
        payload["notes"] = [*payload["notes"], *notes]
        emit(json.dumps(payload, sort_keys=True, indent=2), None)
    else:
        emit(render_text(record.name, result, notes), None)
    return 0


def render_text(name: str, result: MofResult, notes: tuple[str, ...] = ()) -> str:
    """Rich text: class, progress per class, one row per component, what would raise it."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=110, highlight=False, emoji=False, force_terminal=stdout_is_terminal()
    )
    mode = "MOT-compatible" if result.strict_mot else "default"
    console.print(Text.assemble(("MOF ", "bold"), (name, "bold"), f"  ({mode} mode)"))
    console.print(Text.assemble("Class: ", (result.label, "bold")))
    progress = "  ".join(f"class {k}: {result.progress[k]:.1f}%" for k in ("3", "2", "1"))
    console.print(Text("Progress: " + progress))
    table = Table(show_header=True, header_style="bold")
    for column in ("class", "component", "status", "licence", "note"):
        table.add_column(column)
    for v in result.components:
        tier = f"{v.mof_class}" + ("" if v.required else " (opt)")
        note = f"via {v.stand_in.value}" if v.stand_in else ""
        table.add_row(
            Text(tier),
            Text(v.component.value),
            Text(v.status.value, style=_STYLE.get(v.status.value, "")),
            Text(v.license or "-"),
            Text(note),
        )
    console.print(table)
    for title, lines in (
        ("To reach the next class:", result.to_raise),
        ("Advice:", result.advisories),
        ("Notes:", notes),
    ):
        if lines:
            console.print(Text(title, style="bold"))
            for line in lines:
                console.print(Text(f"  - {line}"))
    return buffer.getvalue()


def _audit(path: str) -> Any:
    from opengauge.api import audit  # the audit pipeline is loaded only when needed

    return audit(path)


def _export(args: argparse.Namespace) -> int:
    report = _audit(args.path)
    facts = facts_from_observed(observed_from_audit(report.components, report.licenses))
    record = to_mot_record(facts, name=args.name or report.target.name, producer=args.producer)
    emit(dump_record(record), args.output)
    return 0


def _compare(args: argparse.Namespace) -> int:
    record = read_record(args.record)
    report = _audit(args.path)
    observed = observed_from_audit(report.components, report.licenses)
    found = compare(record, observed, strict_mot=args.mot_compatible)
    if args.format == "json":
        emit(
            json.dumps(
                {"record": record.name, "disagreements": [_as_dict(d) for d in found]},
                sort_keys=True,
                indent=2,
            ),
            None,
        )
    else:
        lines = [f"{len(found)} disagreement(s) between {record.name} and {args.path}"]
        lines += [f"- [{d.kind}] {d.message}" for d in found]
        emit("\n".join(lines), None)
    return 1 if found else 0


def _as_dict(d: Disagreement) -> dict[str, str]:
    return {
        "component": d.component.value,
        "kind": d.kind,
        "record": d.record,
        "observed": d.observed,
        "message": d.message,
    }
