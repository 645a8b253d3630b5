"""The shipped reference index: current, loaded (not rebuilt), parsed with bounds."""

from __future__ import annotations

import ast
import functools
import json
import struct
from pathlib import Path

import pytest

from opengauge.licenses import indexfile, reference
from opengauge.licenses.indexfile import IndexFormatError
from opengauge.licenses.reference import Index, build_index, data_root

SHIPPED = data_root().joinpath(indexfile.FILE)
LICENSES = Path(indexfile.__file__).parent


@functools.cache
def _built() -> Index:
    return build_index()


def test_shipped_index_is_current() -> None:
    """Rebuilding from the packaged texts gives the committed bytes exactly.

    Fails after a change to a text, the tokeniser, the shingle hash or the format:
    run ``scripts/build_license_index.py`` and commit the result.
    """
    assert indexfile.dump(_built()) == SHIPPED.read_bytes()


def test_round_trip_keeps_every_field() -> None:
    built = _built()
    loaded = indexfile.load(indexfile.dump(built))
    assert loaded.by_digest == built.by_digest
    assert list(loaded.postings.keys) == list(built.postings.keys)
    assert list(loaded.postings.refs) == list(built.postings.refs)
    for a, b in zip(loaded.references, built.references, strict=True):
        assert a == b
        assert a.shingle_set == b.shingle_set  # recomputed from the text on demand


def test_default_index_is_the_shipped_file() -> None:
    reference.default_index.cache_clear()
    index = reference.default_index()
    assert len(index.references) > 850
    assert index.references[0].__dict__.get("shingle_set") is None  # lazy


def _parts() -> tuple[bytes, int, int, int, bytes]:
    data = SHIPPED.read_bytes()
    meta_len, n_keys, n_post = struct.unpack_from("<III", data, 8)
    return data, meta_len, n_keys, n_post, data[20 + meta_len :]


def _with_meta(meta: object) -> bytes:
    _, _, n_keys, n_post, arrays = _parts()
    body = json.dumps(meta).encode()
    return indexfile.MAGIC + struct.pack("<III", len(body), n_keys, n_post) + body + arrays


def _meta() -> dict[str, object]:
    data, meta_len, *_ = _parts()
    loaded = json.loads(data[20 : 20 + meta_len])
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: b"",
        lambda d: b"PK\x03\x04" + d[4:],  # not ours
        lambda d: d[:-1],  # truncated
        lambda d: d + b"\x00",  # trailing bytes
        lambda d: d[:8] + struct.pack("<III", 2**31, 0, 0) + d[20:],  # lying lengths
        lambda d: d[:20] + b"\xff" + d[21:],  # metadata not UTF-8 / JSON
    ],
)
def test_damaged_files_are_refused(damage: object) -> None:
    assert callable(damage)
    with pytest.raises(IndexFormatError):
        indexfile.load(damage(SHIPPED.read_bytes()))


def test_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(IndexFormatError, match="over"):
        indexfile.load(indexfile.MAGIC + b"\x00" * indexfile.MAX_BYTES)


@pytest.mark.parametrize(
    "change",
    [
        {"hash": "python hash()"},
        {"shingle": 7},
        {"references": "nope"},
        {"references": [{"id": 1}]},
        {"references": [[]]},
    ],
)
def test_wrong_metadata_is_refused(change: dict[str, object]) -> None:
    with pytest.raises(IndexFormatError):
        indexfile.load(_with_meta({**_meta(), **change}))


@pytest.mark.parametrize("source", ["spdx/../../../etc/passwd", "/etc/passwd", "elsewhere/x.txt"])
def test_sources_outside_the_package_data_are_refused(source: str) -> None:
    meta = _meta()
    refs = meta["references"]
    assert isinstance(refs, list)
    bad = [{**refs[0], "source": source}, *refs[1:]]
    with pytest.raises(IndexFormatError, match="packaged file"):
        indexfile.load(_with_meta({**meta, "references": bad}))


def test_postings_out_of_range_are_refused() -> None:
    meta = _meta()
    refs = meta["references"]
    assert isinstance(refs, list)
    with pytest.raises(IndexFormatError, match="out of range"):
        indexfile.load(_with_meta({**meta, "references": refs[:10]}))


def test_no_pickle_or_marshal_in_the_licence_engine() -> None:
    for path in sorted(LICENSES.glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                modules = {node.module or ""}
            else:
                continue
            assert not modules & {"pickle", "_pickle", "marshal", "shelve"}, path.name
