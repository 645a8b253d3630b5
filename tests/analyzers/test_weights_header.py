from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.weights_header import ANALYZER
from opengauge.model import Evidence, Status, WeightInfo


def test_valid_and_malformed_headers() -> None:
    weights = (
        WeightInfo("ok.safetensors", "safetensors", parameter_count=10, tensor_count=1),
        WeightInfo("bad.safetensors", "safetensors", details={"problems": ["tensor a overlaps b"]}),
        WeightInfo("cut.safetensors", "safetensors", details={"error": "header truncated"}),
    )
    findings = list(ANALYZER.run(Context.build(Evidence(root="/x", weights=weights))))
    assert [f.status for f in findings] == [Status.PASS, Status.FAIL, Status.FAIL]
    assert "10 parameters" in findings[0].message
    assert "overlaps" in findings[1].message
    assert findings[2].locations[0].excerpt == "header truncated"


def test_an_analyzer_that_raises_becomes_an_error_finding() -> None:
    from dataclasses import replace

    def boom(_: Evidence) -> list[object]:
        raise ValueError("broken")

    broken = replace(ANALYZER, check=boom)  # type: ignore[arg-type]
    (finding,) = broken.run(Context.build(Evidence(root="/x")))
    assert finding.status is Status.ERROR and "broken" in finding.message
