from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.licenses_component_coverage import ANALYZER
from opengauge.model import Evidence, FileEntry, LicenseCategory, Status

from .licenses_helpers import match

FILES = (FileEntry("model.safetensors", 10, kind="weights"), FileEntry("run.py", 10, kind="code"))


def test_coverage() -> None:
    cases = [
        ((match(component="all"),), Status.PASS),
        ((match(component="code"),), Status.FAIL),
        (
            (
                match(component="code"),
                match("LICENSE-MODEL", "X", LicenseCategory.RESTRICTED_AUP, component="weights"),
            ),
            Status.PASS,
        ),
        ((match(license_id=None, category=LicenseCategory.UNKNOWN),), Status.FAIL),
    ]
    for licenses, expected in cases:
        (finding,) = ANALYZER.run(
            Context.build(Evidence(root="/x", files=FILES, licenses=licenses))
        )
        assert finding.status is expected, licenses
    (finding,) = ANALYZER.run(
        Context.build(Evidence(root="/x", files=FILES, licenses=(match(component="code"),)))
    )
    assert "weights" in finding.message
    (finding,) = ANALYZER.run(Context.build(Evidence(root="/x")))
    assert finding.status is Status.NOT_APPLICABLE
