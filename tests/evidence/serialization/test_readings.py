"""Archives read every way a loader might: zip readings, tar links, compressed layers."""

from __future__ import annotations

import bz2
import io
import lzma
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest
from tests.evidence.serialization.attack_builders import (
    BENIGN_P2,
    EVIL_P0,
    EVIL_P2,
    Entry,
    TarItem,
    compressed,
    eocd,
    gz,
    plain_zip,
    tar_of,
    torch_state,
    torch_zip,
    zip_of,
)
from tests.evidence.serialization.attacks import JUNK, two_eocd, zip64_decoy, zip64_pointer
from tests.helpers import file_reader

from opengauge.evidence.serialization.scan import FileScan, scan_file
from opengauge.evidence.serialization.sources import (
    Budget,
    BudgetExceeded,
    Decompress,
    FileRange,
)
from opengauge.evidence.serialization.zipread import list_zip


def _scan(tmp_path: Path, name: str, data: bytes) -> FileScan:
    path = tmp_path / name
    path.write_bytes(data)
    return scan_file(file_reader(path), name, len(data))


def _kinds(scan: FileScan) -> set[str]:
    return {a.kind for a in scan.anomalies}


def _calls(scan: FileScan) -> set[str]:
    return {f"{i.module}.{i.name}" for i in scan.imports}


def _listing_names(data: bytes) -> list[str]:
    listing = list_zip(io.BytesIO(data), len(data))
    return sorted(m.name for m in listing.members)


# --- zip readings --------------------------------------------------------------------------
@pytest.mark.parametrize("build", [zip64_decoy, two_eocd, zip64_pointer])
def test_every_central_directory_is_read(build: object, tmp_path: Path) -> None:
    data = build(torch_state(), EVIL_P2)  # type: ignore[operator]
    listing = list_zip(io.BytesIO(data), len(data))
    assert [m.name for m in listing.members].count("archive/data.pkl") == 2
    assert "zip-ambiguous" in {a[0] for a in listing.anomalies}
    scan = _scan(tmp_path, "m.pt", data)
    assert "os.system" in _calls(scan)


def test_prepended_data_is_corrected_and_scanned(tmp_path: Path) -> None:
    data = BENIGN_P2 + zip_of({"model.pkl": EVIL_P2}, zipfile.ZIP_DEFLATED)
    listing = list_zip(io.BytesIO(data), len(data))
    assert listing.start == len(BENIGN_P2) and [m.name for m in listing.members] == ["model.pkl"]
    scan = _scan(tmp_path, "m.zip", data)
    assert "os.system" in _calls(scan) and "zip-prepended-data" in _kinds(scan)
    scan = _scan(tmp_path, "m.keras", JUNK + zip_of({"model/data.pkl": EVIL_P0}))
    assert "os.system" in _calls(scan)


def test_case_collisions_and_overlaps(tmp_path: Path) -> None:
    data = zip_of({"archive/data.pkl": torch_state(), "archive/DATA.PKL": EVIL_P0})
    assert "zip-case-collision" in _kinds(_scan(tmp_path, "c.pt", data))
    entry = Entry("archive/data.pkl", BENIGN_P2)
    central = entry.central(0) + Entry("archive/other.pkl", BENIGN_P2).central(0)
    overlap = entry.local() + central + eocd(2, len(central), len(entry.local()))
    assert "zip-overlapping-members" in _kinds(_scan(tmp_path, "o.pt", overlap))


def test_a_stored_zip_inside_a_zip_is_not_a_second_directory(tmp_path: Path) -> None:
    inner = torch_zip(torch_state())
    outer = zip_of({"inner/model.pt": inner})
    listing = list_zip(io.BytesIO(outer), len(outer))
    assert "zip-ambiguous" not in {a[0] for a in listing.anomalies}
    assert _kinds(_scan(tmp_path, "outer.zip", outer)) == set()


@pytest.mark.parametrize(("method", "label"), [(9, "deflate64"), (93, "zstd"), (98, "PPMd")])
def test_unsupported_methods_fail_closed(tmp_path: Path, method: int, label: str) -> None:
    data = plain_zip([Entry("archive/data.pkl", EVIL_P2, method=method, stored=b"\x00" * 40)])
    scan = _scan(tmp_path, "m.pt", data)
    assert "archive-member-unreadable" in _kinds(scan)
    assert label in " ".join(a.message for a in scan.anomalies)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, zipfile.ZIP_DEFLATED])
def test_compressed_members_are_read(tmp_path: Path, method: int) -> None:
    scan = _scan(tmp_path, "m.zip", zip_of({"model.pkl": EVIL_P2}, method))
    assert "os.system" in _calls(scan)
    assert _kinds(_scan(tmp_path, "b.zip", zip_of({"model.pkl": BENIGN_P2}, method))) == set()


# --- tar -----------------------------------------------------------------------------------
LINK, SYM = tarfile.LNKTYPE, tarfile.SYMTYPE


@pytest.mark.parametrize("wrap", [lambda d: d, gz])
@pytest.mark.parametrize(
    ("items", "kind"),
    [
        ([TarItem("m/config.json", kind=SYM, link="/etc/passwd")], "archive-link-outside"),
        ([TarItem("m/v.txt", kind=LINK, link="../../etc/shadow")], "archive-link-outside"),
        ([TarItem("m/cache", kind=SYM, link="../../root")], "archive-link-outside"),
        ([TarItem("b/x", BENIGN_P2), TarItem("m/data.pkl", kind=SYM, link="../b/x")],
         "archive-link"),
    ],
)  # fmt: skip
def test_tar_links(tmp_path: Path, wrap: object, items: list[TarItem], kind: str) -> None:
    data = wrap(tar_of(items))  # type: ignore[operator]
    assert kind in _kinds(_scan(tmp_path, "m.tar.gz" if data[:2] == b"\x1f\x8b" else "m.tar", data))


def test_tar_members_scanned_by_content(tmp_path: Path) -> None:
    data = tar_of([TarItem("model/readme.txt", EVIL_P0)])
    assert "os.system" in _calls(_scan(tmp_path, "m.tar", data))
    assert "os.system" in _calls(_scan(tmp_path, "m.tgz", gz(data)))


# --- compressed layers ---------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["zlib", "gzip", "bz2", "lzma", "xz"])
@pytest.mark.parametrize("name", ["model.joblib", "model.pkl", "weights.bin", "noext"])
def test_compressors_sniffed_whatever_the_name(tmp_path: Path, kind: str, name: str) -> None:
    scan = _scan(tmp_path, name, compressed(kind, EVIL_P2))
    assert "os.system" in _calls(scan), (kind, name)


def test_concatenated_streams_are_all_read(tmp_path: Path) -> None:
    for data in (gz(BENIGN_P2) + gz(EVIL_P0), bz2.compress(BENIGN_P2) + bz2.compress(EVIL_P0),
                 lzma.compress(BENIGN_P2) + lzma.compress(EVIL_P0)):  # fmt: skip
        assert "os.system" in _calls(_scan(tmp_path, "frame.pkl.x", data))


def test_trailing_garbage_after_a_stream_is_not_an_error() -> None:
    data = gz(BENIGN_P2) + b"not gzip at all"
    source = Decompress(FileRange(io.BytesIO(data), 0, len(data)), "gzip", Budget(len(data)))
    assert source.read(1 << 20) == BENIGN_P2 and source.trailing


def test_one_budget_covers_every_layer() -> None:
    """A second decompressing source of the same file draws on the same budget."""
    payload = b"\x00" * (1 << 20)
    packed = zlib.compress(payload, 9)
    budget = Budget(len(packed))
    budget.limit = (3 << 20) // 2
    first = Decompress(FileRange(io.BytesIO(packed), 0, len(packed)), "zlib", budget)
    assert first.skip(1 << 20) == 1 << 20
    second = Decompress(FileRange(io.BytesIO(packed), 0, len(packed)), "zlib", budget)
    with pytest.raises(BudgetExceeded):
        second.skip(1 << 20)
