"""Make the small real-library samples committed beside this script (run once, by hand).

torch, joblib, scikit-learn and h5py are NOT test dependencies: the tests use the
committed outputs. Regenerate with the dev venv:

    /tmp/ogvenv/bin/python tests/data/generated/make_torch_samples.py

Nothing here is ever loaded back; the malicious sample (joblib_malicious.joblib)
only *pickles* a reducer that names os.system, it never runs it.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import h5py
import joblib
import numpy as np
import torch
from sklearn.linear_model import LogisticRegression

OUT = Path(__file__).parent


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


def main() -> None:
    torch.manual_seed(0)
    model = _Tiny()
    state = model.state_dict()
    torch.save(state, OUT / "torch_state_zip.pt")
    torch.save(state, OUT / "torch_state_legacy.bin", _use_new_zipfile_serialization=False)
    torch.save({"epoch": 3, "model": state, "lr": 0.1}, OUT / "torch_checkpoint.ckpt")
    torch.jit.script(model).save(str(OUT / "torchscript.pt"))
    arrays = {"w": np.arange(64, dtype=np.float32).reshape(8, 8), "b": np.zeros(3, np.int64)}
    joblib.dump(arrays, OUT / "joblib_arrays.joblib")
    joblib.dump(arrays, OUT / "joblib_compressed.joblib", compress=3)
    joblib.dump([np.arange(16, dtype=np.float64), _Reducer()], OUT / "joblib_malicious.joblib")
    x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
    clf = LogisticRegression().fit(x, [0, 1, 1, 0])
    joblib.dump(clf, OUT / "sklearn_model.joblib")
    (OUT / "sklearn_model.pkl").write_bytes(pickle.dumps(clf, protocol=4))
    for name, layer in (("keras_clean.h5", "Dense"), ("keras_lambda.h5", "Lambda")):
        config = {
            "class_name": "Sequential",
            "config": {
                "layers": [{"class_name": layer, "module": "keras.layers", "config": {"name": "l"}}]
            },
        }
        with h5py.File(OUT / name, "w") as handle:
            handle.attrs["model_config"] = json.dumps(config)
            handle.create_dataset("model_weights/l/kernel", data=np.zeros((2, 2), np.float32))


if __name__ == "__main__":
    main()
