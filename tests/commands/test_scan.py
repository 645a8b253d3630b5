"""``opengauge scan``: exit codes, --fail-on, JSON keys, SARIF, skips."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from opengauge.cli import main


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, ("echo x",)


@pytest.fixture()
def evil(tmp_path: Path) -> Path:
    (tmp_path / "model.pkl").write_bytes(pickle.dumps(_Evil(), protocol=4))
    (tmp_path / "empty.bin").write_bytes(b"")
    return tmp_path


@pytest.fixture()
def clean(tmp_path: Path) -> Path:
    import zipfile

    (tmp_path / "data.pkl").write_bytes(pickle.dumps({"w": [1.0, 2.0]}, protocol=4))
    with zipfile.ZipFile(tmp_path / "custom.keras", "w") as archive:
        archive.writestr("config.json", '{"module": "mylib.layers", "class_name": "Thing"}')
    # medium: a Keras config naming a custom module (an unknown pickle import is high)
    return tmp_path


def test_malicious_exits_1(evil: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(evil)]) == 1
    out = capsys.readouterr().out
    assert "[CRITICAL] model.pkl" in out and "posix.system('echo x')" in out
    assert "[SKIPPED] empty.bin: empty weight file" in out


def test_clean_exits_0_and_fail_on(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(clean)]) == 0  # default --fail-on high; the medium does not fail
    assert main(["scan", str(clean), "--fail-on", "medium"]) == 1
    assert main(["scan", str(clean / "data.pkl"), "--fail-on", "info"]) == 0
    capsys.readouterr()


def test_usage_error_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path / "nope")]) == 2
    assert main(["scan", str(tmp_path), "--fail-on", "bogus"]) == 2
    capsys.readouterr()


def test_json_keys(evil: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(evil), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (row,) = [r for r in data["findings"] if r["rule"] == "safety.pickle_imports"]
    assert {"path", "member", "offset", "severity", "rule", "message"} <= set(row)
    assert row["path"] == "model.pkl" and row["member"] is None and row["severity"] == "critical"
    assert isinstance(row["offset"], int)
    assert data["skipped"] == [{"path": "empty.bin", "reason": "empty weight file"}]


def test_member_in_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "m.pt", "w") as archive:
        archive.writestr("m/data.pkl", pickle.dumps(_Evil(), protocol=2))
    assert main(["scan", str(tmp_path / "m.pt"), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)["findings"]
    assert rows[0]["member"] == "m/data.pkl" and rows[0]["path"] == "m.pt"


def test_sarif_output_to_file(evil: Path, tmp_path: Path) -> None:
    out = tmp_path / "scan.sarif"
    assert main(["scan", str(evil), "--format", "sarif", "-o", str(out)]) == 1
    log = json.loads(out.read_text())
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]


LFS_POINTER = (
    b"version https://git-lfs.github.com/spec/v1\n"
    b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    b"size 133456789\n"
)


def test_git_lfs_pointers_are_not_weights_and_never_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "model.safetensors").write_bytes(LFS_POINTER)
    (tmp_path / "pytorch_model.bin").write_bytes(LFS_POINTER)
    assert main(["scan", str(tmp_path), "-f", "json"]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["skipped"] == [
        {"path": "model.safetensors", "reason": "weights not fetched (Git LFS pointer)"},
        {"path": "pytorch_model.bin", "reason": "weights not fetched (Git LFS pointer)"},
    ]
    assert "not determinable" in captured.err
    # nothing is reported as a malformed header or a broken pickle: it is not weights
    assert not any(f["rule"] == "weights.header_valid" for f in data["findings"])
    assert main(["scan", str(tmp_path), "--fail-on", "never"]) == 0
    assert "Safety: not determinable" in capsys.readouterr().out


def test_a_pickle_named_file_that_does_not_parse_is_not_a_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pytorch_model.bin").write_bytes(b"\x00garbage that no loader reads" * 40)
    assert main(["scan", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "[SKIPPED] pytorch_model.bin: not a pickle" in out
    assert "(inconclusive)" in out


def test_help_shows_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "(default: high)" in out and "(default: terminal)" in out
    assert "(default: 100000)" in out


def test_text_is_an_alias_of_terminal(clean: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(clean), "-f", "text"]) == 0
    text = capsys.readouterr().out
    assert main(["scan", str(clean)]) == 0
    assert capsys.readouterr().out == text
