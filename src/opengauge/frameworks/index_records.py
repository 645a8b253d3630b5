"""The European Open Source AI Index's own ratings (shipped CSV), to set beside ours."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

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


@dataclass(frozen=True)
class IndexRecord:
    """One system as the index rated it."""

    name: str
    score: float
    ratings: dict[str, str]
    model: str = ""  # the end model the record rates ("Llama-3.1-Tulu-3-405B")
    released: str = ""  # its release date as the index gives it ("2024-11")


def normalise(name: str) -> str:
    """Lower-case letters and digits only: 'OLMo-7B Instruct' -> 'olmo7binstruct'."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@cache
def records() -> dict[str, IndexRecord]:
    """Index records keyed by every normalised name they go by."""
    text = (
        resources.files("opengauge")
        .joinpath("data/osai/scores-12dim.csv")
        .read_text(encoding="utf-8")
    )
    found: dict[str, IndexRecord] = {}
    for row in csv.DictReader(io.StringIO(text)):
        ratings = {d: row[d] for d in DIMENSIONS if row.get(d) in ("open", "partial", "closed")}
        try:
            score = float(row["score_mean"])
        except (KeyError, ValueError):
            continue
        record = IndexRecord(
            row["name"],
            score,
            ratings,
            model=row.get("endmodelname") or "",
            released=row.get("releasedate") or "",
        )
        for key in (row.get("name"), row.get("endmodelname")):
            if key and normalise(key) and normalise(key) not in found:
                found[normalise(key)] = record
    return found


def lookup(names: list[str]) -> IndexRecord | None:
    """The index record for the first of ``names`` the index knows, if any."""
    found = match(names)
    return found[0] if found else None


def match(names: list[str]) -> tuple[IndexRecord, str] | None:
    """The index record for the first of ``names`` the index knows, with that name."""
    table = records()
    for name in names:
        key = normalise(name)
        if key and key in table:
            return table[key], name
    return None
