"""Self-identification of the packaged SPDX texts, and near-duplicate pairs.

Used by test_spdx_coverage.py (floors) and bench/licenses_accuracy.py (report).
"Leave-in": every text is in the index it is matched against, so this measures
whether each one comes back as its own id (or an id whose text is identical, which
the index records as an alias), not how the engine does on unseen texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.licenses import matcher
from opengauge.licenses.refcorpus import spdx_list
from opengauge.licenses.reference import (
    PACK,
    Index,
    data_root,
    default_index,
    front_matter,
    scancode_pack,
)

# SPDX ids for one licence text whose suffix records a fact outside it (whether a
# Reserved Font Name is declared): the base id is the same licence, less specific.
LESS_SPECIFIC = {f"OFL-{v}-{s}": f"OFL-{v}" for v in ("1.0", "1.1") for s in ("RFN", "no-RFN")}


@dataclass(frozen=True)
class SelfId:
    """One packaged text matched against the index."""

    source: str
    expected: str
    got: str | None
    method: str
    equivalent: bool  # got is the expected id, or the expected id is an alias of it


def texts() -> list[tuple[str, str, str]]:
    """(source, SPDX id, text) of every SPDX-listed text in the package."""
    out = []
    for file_name, text in sorted(scancode_pack().items()):
        meta, body = front_matter(text)
        out.append((f"{PACK[0]}/{file_name}", meta["spdx_license_key"], body))
    for entry in sorted(spdx_list().values(), key=lambda e: e.id):
        if entry.has_text:
            text = data_root().joinpath("spdx", f"{entry.id}.txt").read_text("utf-8")
            out.append((f"spdx/{entry.id}.txt", entry.id, text))
    return out


def judge(source: str, expected: str, text: str, index: Index | None = None) -> SelfId:
    """Match one text; the widest hit speaks for it."""
    result = matcher.match_text(text, index or default_index())
    if not result.hits:
        return SelfId(source, expected, None, "abstain", False)
    hit = max(result.hits, key=lambda h: (h.end - h.start, -h.start))
    same = hit.ref.id == expected or expected in hit.ref.aliases
    same = same or LESS_SPECIFIC.get(expected) == hit.ref.id
    return SelfId(source, expected, hit.ref.id, hit.method, same)


TAIL = "\n\nThis file is part of the example project.\n"
MODES = ("as-is", "appended", "rewrapped")


def variant(text: str, mode: str) -> str:
    """``text`` as shipped, with a sentence appended, or re-wrapped and appended.

    The last two have the same meaning but other tokens, so the exact tier cannot
    answer and the template and similarity tiers are measured on every text.
    Re-wrapping is harsh on numbered texts: list markers land mid-line and become
    words (tokenize drops them only at the start of a line).
    """
    if mode == "as-is":
        return text
    if mode == "appended":
        return text + TAIL
    words = text.split()
    return "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12)) + TAIL


def evaluate(mode: str = "as-is") -> list[SelfId]:
    """Judge every packaged SPDX text in the given ``variant`` mode."""
    return [judge(source, spdx_id, variant(text, mode)) for source, spdx_id, text in texts()]


# Near-duplicate families that must never be confused with each other.
PAIRS = (
    ("GPL-2.0-only", "GPL-2.0-or-later"),
    ("BSD-2-Clause", "BSD-3-Clause"),
    ("MIT", "MIT-0"),
    ("CC-BY-4.0", "CC-BY-SA-4.0"),
    ("Apache-2.0", "ECL-2.0"),
)
