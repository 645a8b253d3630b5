from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.licenses_identified import ANALYZER
from opengauge.model import Evidence, Status

from .licenses_helpers import match


def test_statuses() -> None:
    cases = [
        ((), Status.NOT_AVAILABLE),
        ((match(),), Status.PASS),
        ((match(), match("NOTICE", None, reason="no reference licence matched")), Status.FAIL),
        ((match("README.md", None, source="readme-statement"),), Status.NOT_AVAILABLE),
    ]
    for licenses, expected in cases:
        (finding,) = ANALYZER.run(Context.build(Evidence(root="/x", licenses=licenses)))
        assert finding.status is expected, licenses
    (fail,) = ANALYZER.run(Context.build(Evidence(root="/x", licenses=(match("NOTICE", None),))))
    assert fail.locations[0].path == "NOTICE"
