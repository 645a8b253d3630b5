from __future__ import annotations

import pytest

from opengauge.evidence.kinds import kind_of, sniff, suffix


@pytest.mark.parametrize(
    ("path", "first", "kind"),
    [
        ("model.safetensors", b"", "weights"),
        ("pytorch_model.bin", b"PK\x03\x04", "weights"),
        ("weird.dat", b"GGUF\x03\x00\x00\x00", "weights"),
        ("weird.dat", b"\x80\x04\x95", "weights"),
        ("LICENSE", b"", "license"),
        ("LICENSE-MODEL", b"", "license"),
        ("model_licenses/LICENCE-SD-Turbo", b"", "license"),
        ("USE_POLICY.md", b"", "license"),
        ("license_utils.py", b"", "code"),
        ("tokenizer.json", b"", "tokenizer"),
        ("vocab.txt", b"", "tokenizer"),
        ("train.py", b"", "code"),
        ("README.md", b"", "doc"),
        ("config.json", b"", "config"),
        ("data/train.jsonl", b"", "data"),
        ("bundle.zip", b"PK\x03\x04", "archive"),
        ("Makefile", b"", "code"),
        ("noext", b"", "other"),
    ],
)
def test_kind_of(path: str, first: bytes, kind: str) -> None:
    assert kind_of(path, first) == kind


def test_sniff_safetensors_header() -> None:
    header = b'{"a":1}'
    assert sniff(len(header).to_bytes(8, "little") + header) == "safetensors"
    assert sniff(b"\x00" * 16) is None
    assert suffix("a/b.tar.GZ") == ".gz"
    assert suffix(".gitignore") == ""
