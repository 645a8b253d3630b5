"""Formats that run code other than through a plain pickle, and pickles without magic."""

from __future__ import annotations

import io
import json
import pickle
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.evidence.serialization.attack_builders import (
    BENIGN_P0,
    EVIL_P0,
    EVIL_P2,
    legacy_torch,
    npy,
)
from tests.evidence.serialization.attacks import CHATML, LLAMA3, SSTI, _inject
from tests.helpers import file_reader

from opengauge.evidence.formats import sniff
from opengauge.evidence.serialization.contents import has_object, itemsize
from opengauge.evidence.serialization.pickle_args import loader_int
from opengauge.evidence.serialization.pickle_walk import looks_like_pickle, walk
from opengauge.evidence.serialization.safetensors_header import parse_safetensors
from opengauge.evidence.serialization.scan import FileScan, scan_file
from opengauge.evidence.serialization.sources import FileRange
from opengauge.evidence.serialization.templates import template_problems

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))


def _scan(tmp_path: Path, name: str, data: bytes) -> FileScan:
    path = tmp_path / name
    path.write_bytes(data)
    return scan_file(file_reader(path), name, len(data))


# --- pickles without a magic number ---------------------------------------------------------
@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (EVIL_P0, True),
        (b"cos\nsystem\n(X\x02\x00\x00\x00idtR.", True),  # protocol 1
        (EVIL_P2[2:], True),  # protocol 2 opcodes without PROTO
        (BENIGN_P0, False),  # plain data: nothing to run, nothing to claim
        (b"Training notes: 3 epochs, lr 1e-3.\n", False),
        (b"N.B. the weights are in model.safetensors\n", False),
        (b'{"w": [1.0, 2.0]}', False),
        (b"# README\n\nI am a model card.\n", False),
        (b"a,b,c\n1,2,3\n", False),
        (b"The quick brown fox", False),
    ],
)
def test_looks_like_pickle(head: bytes, expected: bool) -> None:
    assert looks_like_pickle(head) is expected
    assert (sniff(head, "notes.txt").name == "pickle") is expected


def test_a_whole_text_file_that_only_names_a_module_is_not_a_pickle() -> None:
    requirements = b"crewai\nlangchain_groq\n"  # GLOBAL rewai.langchain_groq, then EOF
    assert looks_like_pickle(requirements)  # a 16 KiB head of a longer stream: suspicious
    assert not looks_like_pickle(requirements, whole=True)
    assert sniff(requirements, "requirements.txt", whole=True).name != "pickle"
    # a truncated stream that calls something is still one, whole or not: a loader runs
    # the call before it reaches the end
    evil = b"cos\nsystem\n(S'echo hi'\ntR"
    assert looks_like_pickle(evil, whole=True)


@SETTINGS
@given(st.text(max_size=2000))
def test_text_is_never_a_pickle(text: str) -> None:
    assert not looks_like_pickle(text.encode())


@pytest.mark.parametrize(
    ("raw", "value"),
    [(b"0x1", 1), (b"017", 15), (b"0o17", 15), (b"1_000", 1000), (b" 1", 1), (b"-5", -5)],
)
def test_int_arguments_parse_as_the_unpickler_does(raw: bytes, value: int) -> None:
    assert loader_int(raw) == value


def test_legacy_storages_are_skipped_and_what_follows_walked() -> None:
    data = legacy_torch(tail=EVIL_P2)
    handle = io.BytesIO(data)
    result = walk(lambda: FileRange(handle, 0, len(data)))
    assert result.legacy_torch and result.pickles == 6
    assert ("os", "system", "GLOBAL") in result.imports


# --- npy -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("descr", "expected"),
    [
        ("|O", True), ("O8", True), ("object", True), ("<f4", False), ("|b1", False),
        ([("a", "<i4"), ("b", [("c", "|O")])], True), ([("a", "<i4"), ("b", "object")], True),
        ([("a", "<i4"), ("b", "<f8")], False), (("|O", (2,)), True), ({"aO": 1}, True),
    ],
)  # fmt: skip
def test_object_descr(descr: object, expected: bool) -> None:
    assert has_object(descr) is expected


@pytest.mark.parametrize(
    ("descr", "size"),
    [("<f4", 4), ("|b1", 1), ("<U3", 12), ([("a", "<i4"), ("b", "<f8")], 12),
     ([("a", "<i2", (3,))], 6), ("float32", None)],
)  # fmt: skip
def test_itemsize(descr: object, size: int | None) -> None:
    assert itemsize(descr) == size


def test_npy_real_files(tmp_path: Path) -> None:
    for name, array in (
        ("f.npy", np.arange(10.0)),
        ("s.npy", np.zeros(3, dtype=[("a", "<i4"), ("b", "<f8")])),
        ("o.npy", np.array(["a", 1, None], dtype=object)),
    ):
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=True)
        scan = _scan(tmp_path, name, buffer.getvalue())
        assert scan.anomalies == [] and all(i.module.startswith("numpy") for i in scan.imports)


def test_npy_trailing_pickle_and_big_header(tmp_path: Path) -> None:
    scan = _scan(tmp_path, "a.npy", npy("'<f4'", (4,), b"\x00" * 16) + EVIL_P2)
    assert any(i.module == "os" for i in scan.imports)
    scan = _scan(tmp_path, "b.npy", npy("'|O'", (2,), EVIL_P2, version=2, pad=(1 << 20) + 64))
    assert any(i.module == "os" for i in scan.imports)


# --- chat templates --------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(SSTI))
def test_ssti_templates(key: str) -> None:
    problems, error = template_problems(_inject(SSTI[key]))
    assert problems and error is None


@pytest.mark.parametrize(
    "template",
    [
        CHATML,
        LLAMA3,
        "{% set ns = namespace(found=false) %}{% for m in messages %}"
        "{% if m['role'] == 'system' %}{% set ns.found = true %}{% endif %}{% endfor %}",
        "{% for m in messages %}{% generation %}{{ m.content }}{% endgeneration %}{% endfor %}",
        "{{ bos_token }}{% for m in messages %}{% if loop.last %}{% break %}{% endif %}"
        "{{ m['content'] | trim }}{% endfor %}{{ raise_exception('x') if false }}",
        "{{ '%s'|format(messages[0].content) }}{{ messages|length }}",
    ],
)
def test_real_templates_are_clean(template: str) -> None:
    assert template_problems(template) == ([], None)


def test_unparseable_template_is_searched_as_text() -> None:
    problems, error = template_problems("{% custom %}{{ x.__class__ }}")
    assert error is not None and problems


@SETTINGS
@given(st.text(max_size=500))
def test_templates_never_raise(text: str) -> None:
    problems, error = template_problems(text)
    assert isinstance(problems, list) and (error is None or isinstance(error, str))


def test_tokenizer_config_forms(tmp_path: Path) -> None:
    evil = _inject(SSTI["joiner-globals"])
    for config in ({"chat_template": evil}, {"chat_template": [{"name": "a", "template": evil}]}):
        scan = _scan(tmp_path, "tokenizer_config.json", json.dumps(config).encode())
        assert {a.kind for a in scan.anomalies} == {"chat-template-injection"}
    scan = _scan(tmp_path, "tokenizer_config.json", json.dumps({"chat_template": CHATML}).encode())
    assert scan.anomalies == []


# --- safetensors header read in pieces -------------------------------------------------------
def test_safetensors_header_in_pieces() -> None:
    count = 5000
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    for i in range(count):
        header[f"t{i}"] = {"dtype": "U8", "shape": [1], "data_offsets": [i, i + 1]}
    raw = json.dumps(header).encode() + b" " * (3 << 20)  # spans several 1 MiB pieces
    data = struct.pack("<Q", len(raw)) + raw + b"\x00" * count
    info = parse_safetensors(io.BytesIO(data), len(data))
    assert info["tensor_count"] == count and info["details"]["problems"] == []
    assert info["metadata"] == {"format": "pt"}


def test_real_pickles_are_never_flagged(tmp_path: Path) -> None:
    for protocol in range(6):
        data = pickle.dumps({"w": [1.0, 2.0], "name": "tiny", "t": (1, None)}, protocol=protocol)
        assert _scan(tmp_path, "m.pkl", data).anomalies == []
