"""The MOT record reader on good and hostile input: never a traceback, always MotRecordError."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opengauge.errors import OpengaugeError, UsageError
from opengauge.sources.mot import (
    MAX_BYTES,
    MotRecordError,
    dump_record,
    parse_record,
    read_record,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "mot"
GOOD = """\
framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: demo
  date: 2024-06-13
  producer: me
  license: {distribution: {name: MIT, path: null}, code: {name: '', path: ''}}
  components:
    - {name: Model architecture, description: code, license: Apache-2.0}
    - {name: Model card}
    - {name: Not a component}
"""


def test_reads_every_bundled_record() -> None:
    paths = sorted(DATA.glob("models/*.yml")) + sorted(DATA.glob("test-data/*.yml"))
    assert len(paths) == 161
    for path in paths:
        assert read_record(path).components is not None


def test_parse_good_record() -> None:
    record = parse_record(GOOD)
    assert (record.name, record.producer, record.date) == ("demo", "me", "2024-06-13")
    assert record.global_licenses == {
        "distribution": "MIT",
        "code": "",
        "data": None,
        "document": None,
    }
    assert record.components[0].license == "Apache-2.0" and record.components[1].license is None
    assert record.unknown_components == ("Not a component",)


def test_error_is_a_usage_error() -> None:
    assert issubclass(MotRecordError, UsageError) and issubclass(MotRecordError, OpengaugeError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("release: [unclosed", "not valid YAML"),
        ("- a\n- b\n", "mapping"),
        ("just a string", "mapping"),
        ("", "mapping"),
        ("framework: {name: X, version: '1', date: d}\nrelease: {}", "not a valid MOT record"),
        (GOOD.replace("producer: me", "producer: [1, 2]"), "producer"),
        (GOOD.replace("name: demo", "name: ''"), "name"),
        (GOOD.replace("license: Apache-2.0", "license: 42"), "license"),
        ("a: !!python/object/apply:os.system ['true']", "not valid YAML"),
        ("[" * 100 + "]" * 100, "nested deeper"),
        ("a: &a [1, *a]", "recursive"),
    ],
)
def test_bad_records(text: str, message: str) -> None:
    with pytest.raises(MotRecordError, match=message):
        parse_record(text)


def test_yaml_bomb_is_refused_without_expanding() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(MotRecordError, match=r"alias|expands"):
        parse_record("\n".join(lines))
    few = 'a: &a ["x"]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n'
    big = few.replace('["x"]', "[" + ", ".join(['"x"'] * 30_000) + "]")
    with pytest.raises(MotRecordError, match="expands"):
        parse_record(big)


def test_huge_input(tmp_path: Path) -> None:
    with pytest.raises(MotRecordError, match="larger than"):
        parse_record("a: " + "x" * MAX_BYTES)
    path = tmp_path / "big.yml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(MotRecordError, match="larger than"):
        read_record(path)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(MotRecordError, match="no such"):
        read_record(tmp_path / "nope.yml")
    with pytest.raises(MotRecordError, match="no such"):
        read_record(tmp_path)
    path = tmp_path / "bin.yml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(MotRecordError):
        read_record(path)


def test_dump_refuses_invalid() -> None:
    with pytest.raises(MotRecordError):
        dump_record({"release": {}})


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(MotRecordError):
        parse_record(data)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["framework", "release", "x"]), yaml_values, max_size=3))
def test_arbitrary_structures(doc: dict[str, object]) -> None:
    import yaml

    with contextlib.suppress(MotRecordError):
        parse_record(yaml.safe_dump(doc))
