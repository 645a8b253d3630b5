"""``opengauge card check PATH`` and ``opengauge card init PATH``: documentation authoring."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from opengauge.commands._io import add_format, emit
from opengauge.errors import UsageError
from opengauge.model import Card, Evidence
from opengauge.sources import WalkLimits

NAME = "card"
HELP = "check a model card or datasheet against the standards, or write a pre-filled one"
_IMPORTANCE = {"filled": 3, "template": 1, "missing": 0, "not_applicable": 4}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``card check`` and ``card init``."""
    sub = parser.add_subparsers(
        dest="card_command", metavar="ACTION", required=True, parser_class=type(parser)
    )
    check = sub.add_parser("check", help="list the documentation gaps, most important first")
    check.add_argument("path", help="a card file (README.md) or a model/dataset folder")
    add_format(check, "json")
    check.add_argument("--dataset", action="store_true", help="read a card file as a dataset card")
    init = sub.add_parser(
        "init", help="write a model card (or datasheet) pre-filled from the files"
    )
    init.add_argument("path", help="the model or dataset folder")
    init.add_argument("--dataset", action="store_true", help="write a datasheet (dataset card)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="where to write (default: PATH/README.md; '-' for stdout)",
    )


def _evidence(path: Path, dataset: bool) -> Evidence:
    """The audit's own collection (cards only) for a folder, or one card file read as a
    card of the kind asked for; both through the same reader."""
    from opengauge.evidence.collect import CollectOptions, collect
    from opengauge.sources import open_local

    reader = open_local(path, allow_file=True)
    if path.is_file():
        from opengauge.evidence.cards import read_card

        listing = reader.list(WalkLimits())
        cards: list[Card] = []
        skipped = list(listing.skipped)
        for entry in listing.files:
            card, skips = read_card(
                reader, entry.path, entry.size, "dataset" if dataset else "model"
            )
            cards.extend([card] if card else [])
            skipped.extend(skips)
        return Evidence(root=reader.label, cards=tuple(cards), skipped=tuple(skipped))
    return collect(reader, CollectOptions(parts=frozenset({"cards", "configs"})))


def _cards(evidence: Evidence) -> list[Card]:
    cards = [c for c in evidence.cards if c.kind in ("model", "dataset")]
    return cards or [c for c in evidence.cards if c.kind == "readme"][:1]


def check_data(evidence: Evidence) -> dict[str, Any]:
    """Everything ``card check`` reports, JSON-ready (pure)."""
    from opengauge.docs.check import check_card
    from opengauge.docs.disclosure import disclosures
    from opengauge.docs.metadata import eval_results, field_values
    from opengauge.docs.questions import answers

    out: dict[str, Any] = {"cards": [], "skipped": [asdict(s) for s in evidence.skipped]}
    for card in _cards(evidence):
        check = check_card(card)
        rows, problems = eval_results(card.metadata)
        items = sorted(
            check.items, key=lambda r: (_IMPORTANCE[r.state.value], -r.spec.weight, r.spec.order)
        )
        out["cards"].append(
            {
                "path": card.path,
                "kind": check.kind,
                "score": check.score,
                "metadata_error": card.metadata_error,
                "notes": list(card.notes),
                "metadata": {k: v for k, v in field_values(card.metadata).items()},
                "eval_results": [asdict(r) for r in rows],
                "eval_problems": problems,
                "items": [
                    {
                        "id": r.spec.id,
                        "title": r.spec.title,
                        "state": r.state.value,
                        "weight": r.spec.weight,
                        "standards": dict(r.spec.standards),
                        "line": r.location.line if r.location else None,
                        "reason": r.reason,
                        "guidance": r.spec.guidance,
                        "subitems": {s.spec.id: s.state.value for s in r.subitems},
                    }
                    for r in items
                ],
                "breakdown": [asdict(line) for line in check.breakdown],
                "datasheet_questions": [
                    {
                        "id": a.question.id,
                        "section": a.question.section,
                        "question": a.question.question,
                        "answered": a.location is not None,
                        "line": a.location.line if a.location else None,
                        "excerpt": a.location.excerpt if a.location else None,
                    }
                    for a in (answers(card, check) if check.kind == "dataset" else ())
                ],
            }
        )
    out["disclosure"] = [
        {
            "topic": d.topic.id,
            "title": d.topic.title,
            "found": d.location is not None,
            "path": d.location.path if d.location else None,
            "line": d.location.line if d.location else None,
            "excerpt": d.location.excerpt if d.location else None,
            "how": d.how,
        }
        for d in disclosures(tuple(evidence.cards))
    ]
    return out


def _print_rich(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if not data["cards"]:
        console.print("[bold red]No model card, dataset card or README found.[/]")
    colour = {"filled": "green", "template": "yellow", "missing": "red"}
    for card in data["cards"]:
        console.print(
            f"\n[bold]{escape(card['path'])}[/] ({card['kind']} card): "
            f"documentation score [bold]{card['score']:g}/100[/]"
        )
        if card["metadata_error"]:
            console.print(f"[red]front matter: {escape(card['metadata_error'])}[/]")
        table = Table("item", "state", "points", "where / what to write", show_lines=False)
        for item in card["items"]:
            if item["weight"] == 0 and item["state"] != "filled":
                continue
            style = colour.get(item["state"], "white")
            where = (
                f"line {item['line']}: {item['reason']}"
                if item["state"] == "filled"
                else item["guidance"]
            )
            table.add_row(
                escape(item["title"]),
                f"[{style}]{item['state']}[/]",
                f"{item['weight']:g}",
                escape(where),
            )
        console.print(table)
        asked = card["datasheet_questions"]
        if asked:
            done = [q for q in asked if q["answered"]]
            console.print(
                f"Datasheet questions (Gebru et al.): {len(done)} of {len(asked)} answered"
            )
            for q in asked:
                if not q["answered"]:
                    console.print(f"  [red]open[/] ({q['section']}) {escape(q['question'])}")
        for problem in card["eval_problems"]:
            console.print(f"[yellow]model-index: {escape(problem)}[/]")
        missing = [
            k
            for k in ("license", "datasets", "language", "pipeline_tag", "library_name")
            if k not in card["metadata"]
        ]
        if missing:
            console.print(f"[yellow]front matter lacks: {', '.join(missing)}[/]")
    table = Table("disclosure", "found", "where")
    for d in data["disclosure"]:
        where = f"{d['path']}:{d['line']} {d['excerpt']}" if d["found"] else "not discussed"
        table.add_row(
            escape(d["title"]), "[green]yes[/]" if d["found"] else "[red]no[/]", escape(where[:160])
        )
    console.print(table)


def run(args: argparse.Namespace) -> int:
    """Dispatch to check or init."""
    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"{path} does not exist")
    if args.card_command == "check":
        data = check_data(_evidence(path, args.dataset))
        if args.format == "json":
            emit(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False), None)
        else:
            _print_rich(data)
        return 0
    from opengauge.docs.author import render_card

    if not path.is_dir():
        raise UsageError("card init needs the model or dataset folder")
    text = render_card(_evidence(path, args.dataset), dataset=args.dataset, name=path.name)
    output = args.output or str(path / "README.md")
    if output != "-" and Path(output).exists() and not args.force:
        raise UsageError(f"{output} exists; use --force to overwrite or --output FILE")
    emit(text, output)
    return 0
