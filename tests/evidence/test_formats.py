"""The format table: Git LFS pointers are recognised by content and are never weights."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opengauge.evidence.formats import LFS_POINTER, lfs_pointer, sniff, weight_format

OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393"
POINTER = f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize 133456789\n".encode()


def test_a_pointer_is_read_as_one() -> None:
    assert lfs_pointer(POINTER) == (OID, 133456789)
    legacy = POINTER.replace(b"git-lfs.github.com", b"hawser.github.com")
    assert lfs_pointer(legacy) == (OID, 133456789)
    # extension keys (ext-0-foo ...) between version and oid are allowed by the spec
    extended = POINTER.replace(b"\noid", b"\next-0-foo sha256:" + b"0" * 64 + b"\noid")
    assert lfs_pointer(extended) == (OID, 133456789)


@pytest.mark.parametrize(
    "data",
    [
        POINTER[:-1],  # no final newline
        POINTER.replace(b"v1", b"v2"),  # unknown spec
        POINTER.replace(b"sha256:", b"md5:"),
        POINTER.replace(OID.encode(), OID[:-1].encode()),
        POINTER.replace(b"size 133456789", b"size -1"),
        POINTER + b"size 1\n",  # a key twice
        POINTER + b"x" * 1024,  # git-lfs reads at most 1024 bytes of a pointer
        b"\x80\x04" + POINTER,
        b"",
    ],
)
def test_what_is_not_a_pointer(data: bytes) -> None:
    assert lfs_pointer(data) is None


@pytest.mark.parametrize("name", ["model.safetensors", "pytorch_model.bin", "w.h5", "m.gguf"])
def test_content_wins_over_the_name(name: str) -> None:
    assert sniff(POINTER, name).name == LFS_POINTER
    assert weight_format(POINTER, name) is None


@given(st.binary(max_size=1100))
def test_never_raises(data: bytes) -> None:
    result = lfs_pointer(data)
    assert result is None or (len(result[0]) == 64 and result[1] >= 0)
