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


def test_weight_files_nobody_read_are_not_available() -> None:
    from opengauge.model import FileEntry, Skipped

    files = (
        FileEntry("model.safetensors", 130, kind="weights"),
        FileEntry("cut.safetensors", 900, kind="weights"),
        FileEntry("model.onnx", 50, kind="weights"),
        FileEntry("weights.bin", 4096, kind="weights"),  # the ONNX model's external data
        FileEntry("notes.txt", 10, kind="other"),
    )
    skipped = (
        Skipped("model.safetensors", "weights not fetched (Git LFS pointer)"),
        Skipped("cut.safetensors", "safetensors header unreadable: truncated"),
        Skipped("weights.bin", "not a pickle (bad opcode)"),
        Skipped("notes.txt", "cannot read"),
    )
    weights = (
        WeightInfo("cut.safetensors", "safetensors", details={"error": "truncated"}),
        WeightInfo("model.onnx", "onnx", details={"external_data": ["weights.bin"]}),
    )
    evidence = Evidence(root="/x", files=files, skipped=skipped, weights=weights)
    findings = list(ANALYZER.run(Context.build(evidence)))
    unread = [f for f in findings if f.status is Status.NOT_AVAILABLE]
    assert [(f.message, f.facts.get("unread")) for f in unread] == [
        ("model.safetensors: weights not fetched (Git LFS pointer)", True)
    ]
    # the truncated header is a judged failure, not an unknown
    assert any(f.status is Status.FAIL and "cut.safetensors" in f.message for f in findings)
