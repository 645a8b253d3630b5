"""Property tests: arbitrary bytes never raise out of the pickle walker or zip reader."""

from __future__ import annotations

import io
import tracemalloc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opengauge.evidence.serialization.pickle_walk import walk
from opengauge.evidence.serialization.scan import Scanner
from opengauge.evidence.serialization.sources import FileRange
from opengauge.evidence.serialization.zipread import list_zip

OPCODES = st.sampled_from(
    [b"\x80\x04", b"\x94", b"h\x00", b"q\x01", b"(", b")", b"]", b"}", b"N", b"K\x01", b"t",
     b"\x85", b"R", b"b", b"\x93", b"\x8c\x02os", b"\x8c\x06system", b"cos\nsystem\n", b"0",
     b"e", b"u", b"s", b"a", b"\x95" + b"\x08" + b"\x00" * 7, b"B\xff\xff\x00\x00", b"."]
)  # fmt: skip
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


def _walk(data: bytes) -> None:
    handle = io.BytesIO(data)
    result = walk(lambda: FileRange(handle, 0, len(data)), budget_seconds=5)
    assert result.error is None or isinstance(result.error, str)
    assert len(result.imports) <= 2000


@SETTINGS
@given(st.binary(max_size=4096))
def test_walker_random_bytes(data: bytes) -> None:
    _walk(data)


@SETTINGS
@given(st.lists(OPCODES, max_size=200))
def test_walker_opcode_soup(ops: list[bytes]) -> None:
    _walk(b"".join(ops))


def _zip_seed() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a/data.pkl", b"\x80\x02]q\x00.")
        archive.writestr("a/data/0", b"\x00" * 32)
    return out.getvalue()


SEED = _zip_seed()


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 255)), max_size=12))
def test_zip_mutations(flips: list[tuple[int, int]]) -> None:
    data = bytearray(SEED)
    for at, value in flips:
        data[at] = value
    listing = list_zip(io.BytesIO(bytes(data)), len(data))
    assert len(listing.members) <= 100_000
    scanner = Scanner("m.pt")
    scanner.blob(io.BytesIO(bytes(data)), 0, len(data), "m.pt", None, 0)


@SETTINGS
@given(st.binary(max_size=2048))
def test_zip_random_tail(tail: bytes) -> None:
    data = b"PK\x03\x04" + tail
    list_zip(io.BytesIO(data), len(data))
    Scanner("x.zip").blob(io.BytesIO(data), 0, len(data), "x.zip", None, 0)


def test_memory_bounded_on_large_payloads() -> None:
    """A 64 MiB BINBYTES8 payload is skipped, not copied."""
    size = 64 << 20
    data = b"\x80\x04\x8e" + size.to_bytes(8, "little") + b"\x00" * size + b"."
    handle = io.BytesIO(data)
    tracemalloc.start()
    result = walk(lambda: FileRange(handle, 0, len(data)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.error is None and result.pickles == 1
    assert peak < 8 << 20


PREFIXES = st.sampled_from(
    [b"", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", b"BZh9", b"\xfd7zXZ\x00", b"\x5d\x00\x00",
     b"x\x9c", b"\x93NUMPY\x01\x00", b"\x89HDF\r\n\x1a\n", b"GGUF\x03\x00\x00\x00",
     b"ustar", b"ZF0x10" + b" " * 15 + b"x"]
)  # fmt: skip


@SETTINGS
@given(prefix=PREFIXES, body=st.binary(max_size=2048))
def test_any_layer_of_random_bytes(prefix: bytes, body: bytes) -> None:
    """Compressed layers, npy, HDF5 and GGUF heads followed by anything: a scan, no raise."""
    data = prefix + body
    for name in ("m.bin", "frame.pkl.gz", "tokenizer_config.json", "a.npy"):
        scanner = Scanner(name, len(data))
        scanner.blob(io.BytesIO(data), 0, len(data), name, None, 0)
        assert len(scanner.scan.anomalies) <= 500
