"""Accuracy floor on picklescan's labelled samples: every malicious found, every benign clean."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tests.helpers import scan_findings

from opengauge.model import Status

DATA = Path(__file__).parents[2] / "data" / "picklescan"
LABELS = list(csv.DictReader((DATA / "LABELS.csv").open()))
# Benign but unverifiable: the member is really encrypted, so nobody can check what a
# loader given the password would run; the scanner fails closed (high), by design.
UNVERIFIABLE = {"benign_password_protected.zip"}


@pytest.mark.parametrize("row", LABELS, ids=[r["file"] for r in LABELS])
def test_label(row: dict[str, str]) -> None:
    findings, _ = scan_findings(DATA / row["file"])
    flagged = [f for f in findings if f.status is Status.FAIL and f.severity.rank >= 2]
    if row["label"] == "malicious":
        assert flagged, row
    elif row["file"] in UNVERIFIABLE:
        assert [f.subrule for f in flagged] == ["archive-member-unreadable"], flagged
    else:
        assert not flagged, [f.message for f in flagged]


def test_critical_names_and_calls() -> None:
    findings, _ = scan_findings(DATA / "malicious2_v0.pkl")
    critical = [f for f in findings if f.severity.value == "critical"]
    assert critical and "posix.system('ls -la')" in critical[0].message
    assert critical[0].locations[0].offset == 0
