"""Make the real-library files of the attack corpus (run once, by hand; outputs are committed).

The attack corpus (tests/evidence/serialization/attacks.py) builds almost everything
from raw bytes at test time; the files here need a real writer library: benign
twins written the way real projects write them (GGUF with a chat template,
safetensors, sklearn pipeline, optimizer state, traced TorchScript, joblib with
every compressor, pandas frames), Keras .h5 configs (a user block, odd
whitespace, escapes, key order) and 7z archives. None of these libraries is a
test dependency. Regenerate in a separate venv, never the project's:

    python3.11 -m venv /tmp/genvenv
    /tmp/genvenv/bin/pip install torch==2.13.0 numpy h5py safetensors joblib \
        scikit-learn pandas gguf py7zr
    /tmp/genvenv/bin/python tests/data/generated/make_attack_samples.py

Nothing is ever loaded back. The malicious samples only *pickle* a reducer that
names os.system; it is never run.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import gguf
import h5py
import joblib
import numpy as np
import pandas as pd
import py7zr
import torch
from safetensors.numpy import save_file
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

OUT = Path(__file__).parent
LLAMA3_TEMPLATE = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}"
    "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
    "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
    "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}"
    "{% endif %}"
)
# A Keras 2 Lambda layer: its "function" is marshalled bytecode (base64), run on load.
LAMBDA = {
    "class_name": "Lambda",
    "config": {
        "name": "lambda",
        "trainable": True,
        "dtype": "float32",
        "function": ["4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAfABkARQAUwApAk7pAgAAAKkAKQHa",
                     None, None],
        "function_type": "lambda",
        "module": "__main__",
        "output_shape": None,
        "output_shape_type": "raw",
        "arguments": {},
    },
}  # fmt: skip
DENSE = {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "linear"}}


class _Reducer:
    """Pickles as a call to os.system (never called here)."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, ("echo opengauge-test",)


class _Tiny(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.linear = torch.nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.linear(x))


def _model_config(layer: dict[str, object]) -> dict[str, object]:
    return {"class_name": "Sequential", "config": {"name": "seq", "layers": [layer]}}


def _class_name_last(value: object) -> object:
    """Every dict with "class_name" moved to the end (json.dumps keeps insertion order)."""
    if isinstance(value, dict):
        items = {k: _class_name_last(v) for k, v in value.items() if k != "class_name"}
        if "class_name" in value:
            items["class_name"] = value["class_name"]
        return items
    if isinstance(value, list):
        return [_class_name_last(v) for v in value]
    return value


def _keras_h5(name: str, config_text: str, userblock: bytes = b"") -> None:
    """A Keras-2 style .h5: the model_config attribute on the root group, one weight."""
    path = OUT / name
    kwargs = {"userblock_size": 512} if userblock else {}
    with h5py.File(path, "w", **kwargs) as handle:
        handle.attrs["model_config"] = config_text
        handle.attrs["keras_version"] = "2.15.0"
        handle.attrs["backend"] = "tensorflow"
        handle.create_dataset("model_weights/dense/kernel", data=np.zeros((2, 2), np.float32))
    if userblock:
        with path.open("r+b") as handle:
            handle.write(userblock[:512].ljust(512, b"\x00"))


def keras_files() -> None:
    lam, dense = _model_config(LAMBDA), _model_config(DENSE)
    banner = b"opengauge attack corpus: a 512-byte HDF5 user block before the superblock\n"
    _keras_h5("keras_userblock_lambda.h5", json.dumps(lam), banner)
    _keras_h5("keras_userblock_clean.h5", json.dumps(dense), banner)
    spaced = {"indent": 2, "separators": (",", " : ")}
    _keras_h5("keras_spaced_lambda.h5", json.dumps(lam, **spaced))  # type: ignore[arg-type]
    _keras_h5("keras_spaced_clean.h5", json.dumps(dense, **spaced))  # type: ignore[arg-type]
    _keras_h5("keras_escaped_lambda.h5", json.dumps(lam).replace('"Lambda"', '"L\\u0061mbda"'))
    _keras_h5("keras_keyorder_lambda.h5", json.dumps(_class_name_last(lam)))


def torch_files() -> None:
    torch.manual_seed(0)
    model = _Tiny()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model(torch.ones(3, 4)).sum().backward()
    optimizer.step()
    torch.save(optimizer.state_dict(), OUT / "torch_optimizer.pt")
    torch.jit.trace(model, torch.zeros(1, 4)).save(str(OUT / "torchscript_traced.pt"))


def library_files() -> None:
    arrays = {"w": np.arange(64, dtype=np.float32).reshape(8, 8), "b": np.zeros(3, np.int64)}
    for compressor in ("zlib", "gzip", "bz2", "lzma", "xz"):
        joblib.dump(arrays, OUT / f"joblib_{compressor}.joblib", compress=(compressor, 3))
    labels = np.array(["cat", "dog", None], dtype=object)
    joblib.dump({"labels": labels, "w": arrays["w"]}, OUT / "joblib_object_array.joblib")
    x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
    pipe = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression())])
    joblib.dump(pipe.fit(x, [0, 1, 1, 0]), OUT / "sklearn_pipeline.joblib")
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    for ext in ("gz", "xz", "bz2"):
        frame.to_pickle(OUT / f"pandas_frame.pkl.{ext}")
    save_file(
        {"w": np.arange(16, dtype=np.float32).reshape(4, 4), "b": np.zeros(4, np.float32)},
        str(OUT / "model.safetensors"),
        metadata={"format": "np"},
    )
    (OUT / "model.safetensors").chmod(0o644)  # safetensors writes 0600
    writer = gguf.GGUFWriter(str(OUT / "llama3_chat.gguf"), "llama")
    writer.add_name("tiny-llama3")
    writer.add_context_length(128)
    writer.add_tokenizer_model("gpt2")
    writer.add_token_list(["<|begin_of_text|>", "<|eot_id|>", "a", "b"])
    writer.add_chat_template(LLAMA3_TEMPLATE)
    writer.add_tensor("token_embd.weight", np.zeros((4, 8), np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def seven_zip_files() -> None:
    evil = pickle.dumps(_Reducer(), protocol=2)
    with py7zr.SevenZipFile(OUT / "encrypted_pickle.7z", "w", password="infected") as archive:
        archive.set_encrypted_header(True)
        archive.writestr(evil, "model/data.pkl")
    with py7zr.SevenZipFile(OUT / "plain_pickle.7z", "w") as archive:
        archive.writestr(evil, "model/data.pkl")


def main() -> None:
    keras_files()
    torch_files()
    library_files()
    seven_zip_files()


if __name__ == "__main__":
    main()
