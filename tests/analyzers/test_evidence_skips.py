from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.evidence_skips import ANALYZER
from opengauge.model import Evidence, FileEntry, Skipped, Status


def test_pass_when_all_read() -> None:
    (finding,) = ANALYZER.run(Context.build(Evidence(root="/x", files=(FileEntry("a", 1),))))
    assert finding.status is Status.PASS


def test_fail_lists_every_skip() -> None:
    skips = (Skipped("a", "symlink loop"), Skipped("b", "malformed JSON: x"))
    (finding,) = ANALYZER.run(Context.build(Evidence(root="/x", skipped=skips)))
    assert finding.status is Status.FAIL
    assert [loc.path for loc in finding.locations] == ["a", "b"]
    assert "symlink loop" in finding.message and finding.facts == {"skipped": 2}
