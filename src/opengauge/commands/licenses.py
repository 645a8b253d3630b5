"""``opengauge licenses PATH``: every licence found in a folder or one file, with evidence."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from opengauge.commands._io import add_format, emit, stdout_is_terminal
from opengauge.errors import UsageError
from opengauge.model import LicenseMatch, Skipped

NAME = "licenses"
HELP = "identify every licence in a model folder or file: what it allows, what it governs"

_STYLE = {
    "osi-open": "green",
    "open-data": "green",
    "open-content": "green",
    "restricted-aup": "yellow",
    "noncommercial": "red",
    "proprietary": "red",
    "unknown": "dim",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """PATH, --format, --output."""
    parser.add_argument("path", help="model folder, or a single licence / README file")
    add_format(parser, "json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")


def _single_file(path: Path) -> tuple[tuple[LicenseMatch, ...], tuple[Skipped, ...]]:
    """One file read through the audit's reader: a card, package metadata or licence text."""
    from opengauge import licenses as engine
    from opengauge.evidence.cards import read_card
    from opengauge.evidence.collect import card_kind
    from opengauge.evidence.licenses import card_licenses, read_text
    from opengauge.sources import WalkLimits, open_local

    reader = open_local(path, allow_file=True)
    listing = reader.list(WalkLimits())
    if not listing.files:
        return (), listing.skipped
    entry = listing.files[0]
    name = entry.path
    kind = card_kind(name)
    if kind is not None:
        card, skips = read_card(reader, name, entry.size, kind)
        return (tuple(card_licenses(card)) if card else ()), tuple(skips)
    text, note, skip = read_text(reader, name)
    skips = (skip,) if skip else ()
    if text is None:
        return (), skips
    if name in {"pyproject.toml", "setup.cfg"}:
        return engine.from_package_metadata(text, name), skips
    found = engine.identify(text, name)
    if note:
        from dataclasses import replace

        found = tuple(replace(m, reason=f"{m.reason}; {note}" if m.reason else note) for m in found)
    return found, skips


def _folder(path: Path) -> tuple[tuple[LicenseMatch, ...], tuple[Skipped, ...]]:
    """The audit itself, narrowed to licences."""
    from opengauge.api import audit

    report = audit(path, select="licenses")
    return report.licenses, report.skipped


def as_json(match: LicenseMatch) -> dict[str, Any]:
    """The JSON object of one licence match."""
    return {
        "path": match.path,
        "lines": [match.start_line, match.end_line],
        "id": match.id,
        "name": match.name,
        "category": match.category.value,
        "confidence": round(match.confidence, 4),
        "method": match.method,
        "source": match.source,
        "component": match.component,
        "score": match.score,
        "osi_approved": match.osi_approved,
        "fsf_libre": match.fsf_libre,
        "reason": match.reason,
        "clauses": [
            {"kind": c.kind, "line": c.line, "sentence": c.sentence} for c in match.clauses
        ],
    }


def _text(matches: tuple[LicenseMatch, ...], skipped: tuple[Skipped, ...], color: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=120)
    table = Table(title=f"{len(matches)} licence(s) found", show_lines=True)
    for column in ("where", "licence", "category", "component", "how", "clauses"):
        table.add_column(column, overflow="fold")
    for m in matches:
        licence = Text(m.id or "unidentified", style="bold" if m.id else "dim")
        if m.reason:
            licence.append(f"\n{m.reason[:200]}", style="dim")
        clauses = "\n".join(f"{c.kind} (line {c.line})" for c in m.clauses[:8])
        how = f"{m.method} / {m.source}\nconfidence {m.confidence:.2f}"
        table.add_row(
            Text(m.location.pointer),
            licence,
            Text(m.category.value, style=_STYLE.get(m.category.value, "")),
            m.component,
            how,
            clauses,
        )
    console.print(table)
    for skip in skipped:
        console.print(Text(f"skipped {skip.path}: {skip.reason}", style="yellow"))
    return buffer.getvalue()


def run(args: argparse.Namespace) -> int:
    """Find, print, exit 0; a missing path is a usage error (exit 2)."""
    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"{args.path}: no such file or folder")
    matches, skipped = _folder(path) if path.is_dir() else _single_file(path)
    if args.format == "json":
        body = {
            "path": str(args.path),
            "licenses": [as_json(m) for m in matches],
            "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
        }
        text = json.dumps(body, indent=2, sort_keys=True)
    else:
        text = _text(matches, skipped, color=args.output is None and stdout_is_terminal())
    emit(text, args.output)
    return 0
