"""Build the bundled example releases in examples/ (deterministic; committed output).

    python examples/build.py            # rewrite the examples
    python examples/build.py --check    # exit 1 when a committed file differs

Weights are tiny tensors written with the safetensors library; the unsafe example's
pytorch_model.bin is a hand-assembled pickle that would run os.system on load. It is
built from opcodes here and never loaded by anything in this project.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from safetensors.numpy import save

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "_texts"
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def _tensors(seed: int, hidden: int = 8, vocab: int = 32, layers: int = 2) -> bytes:
    rng = np.random.default_rng(seed)
    tensors = {"embed.weight": rng.standard_normal((vocab, hidden)).astype(np.float32)}
    for i in range(layers):
        tensors[f"layers.{i}.attn.weight"] = rng.standard_normal((hidden, hidden)).astype(
            np.float32
        )
        tensors[f"layers.{i}.mlp.weight"] = rng.standard_normal((hidden, 4 * hidden)).astype(
            np.float32
        )
    tensors["lm_head.weight"] = rng.standard_normal((vocab, hidden)).astype(np.float32)
    return save(tensors, metadata={"format": "np"})


def _text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


def fully_open() -> dict[str, bytes | str]:
    """Every MOF component present, under open licences suited to each content type."""
    config = {
        "architectures": ["TinyGPTForCausalLM"],
        "model_type": "tinygpt",
        "hidden_size": 8,
        "num_hidden_layers": 2,
        "vocab_size": 32,
    }
    return {
        "README.md": _text("fully-open-README.md"),
        "DATASHEET.md": _text("fully-open-DATASHEET.md"),
        "LICENSE": (TEXTS / "Apache-2.0.txt").read_text(encoding="utf-8"),
        "LICENSE-DOCS": (TEXTS / "CC-BY-4.0.txt").read_text(encoding="utf-8"),
        "LICENSE-DATA": (TEXTS / "CDLA-Permissive-2.0.txt").read_text(encoding="utf-8"),
        "config.json": json.dumps(config, indent=2) + "\n",
        "modeling_tinygpt.py": _text("modeling_tinygpt.py"),
        "model.safetensors": _tensors(1),
        "checkpoints/step-500/model.safetensors": _tensors(0),
        "train.py": _text("train.py"),
        "configs/train.yaml": "lr: 0.001\nsteps: 1000\nbatch_size: 16\nseed: 1\n",
        "generate.py": _text("generate.py"),
        "evaluate.py": _text("evaluate.py"),
        "preprocess.py": _text("preprocess.py"),
        "data/train.jsonl": "".join(
            json.dumps({"text": f"tiny sample {i}"}) + "\n" for i in range(8)
        ),
        "eval/heldout.jsonl": "".join(
            json.dumps({"text": f"held out {i}"}) + "\n" for i in range(4)
        ),
        "eval_results.json": json.dumps(
            {"heldout_perplexity": 41.7, "heldout_accuracy": 0.31}, indent=2
        )
        + "\n",
        "samples/outputs.jsonl": json.dumps({"prompt": "tiny", "output": "tiny sample 3"}) + "\n",
        "trainer_state.json": json.dumps(
            {
                "global_step": 1000,
                "log_history": [{"step": 500, "loss": 2.9}, {"step": 1000, "loss": 2.4}],
            },
            indent=2,
        )
        + "\n",
        "paper/tinygpt.tex": _text("tinygpt.tex"),
        "docs/technical_report.md": _text("technical_report.md"),
        "requirements.txt": "numpy>=1.26\nsafetensors>=0.4\n",
        "tokenizer.json": json.dumps(
            {
                "version": "1.0",
                "model": {"type": "WordLevel", "vocab": {f"t{i}": i for i in range(32)}},
            }
        )
        + "\n",
    }


def openwashed() -> dict[str, bytes | str]:
    """Claims 'open source'; weights under a community licence with a 700M MAU cap and an AUP."""
    config = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "hidden_size": 8,
        "num_hidden_layers": 2,
        "vocab_size": 32,
    }
    return {
        "README.md": _text("openwashed-README.md"),
        "LICENSE": _text("llama3_1-LICENSE"),
        "USE_POLICY.md": _text("llama3_1-USE_POLICY.md"),
        "config.json": json.dumps(config, indent=2) + "\n",
        "generation_config.json": json.dumps({"temperature": 0.6, "top_p": 0.9}) + "\n",
        "model.safetensors": _tensors(7),
    }


def _malicious_pickle(command: str) -> bytes:
    """Protocol-2 pickle of a dict whose value is os.system(command), by opcodes."""
    arg = command.encode()
    return b"".join(
        [
            b"\x80\x02",  # PROTO 2
            b"}q\x00",  # EMPTY_DICT, BINPUT 0
            b"X" + struct.pack("<I", 6) + b"weight",  # BINUNICODE key
            b"cos\nsystem\n",  # GLOBAL os.system
            b"X" + struct.pack("<I", len(arg)) + arg,
            b"\x85",  # TUPLE1
            b"R",  # REDUCE -> os.system(command)
            b"s",  # SETITEM
            b".",  # STOP
        ]
    )


def unsafe_pickle() -> dict[str, bytes | str]:
    """A PyTorch-style zip checkpoint whose data.pkl calls os.system when loaded."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in (
            ("archive/data.pkl", _malicious_pickle("echo pwned")),
            ("archive/version", b"3\n"),
            ("archive/byteorder", b"little"),
        ):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            archive.writestr(info, data)
    config = {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 8}
    return {
        "README.md": _text("unsafe-README.md"),
        "config.json": json.dumps(config, indent=2) + "\n",
        "pytorch_model.bin": buffer.getvalue(),
    }


EXAMPLES = {"fully-open": fully_open, "openwashed": openwashed, "unsafe-pickle": unsafe_pickle}


def write(root: Path) -> None:
    """Write every example under ``root``."""
    for name, build in EXAMPLES.items():
        folder = root / name
        if folder.exists():
            shutil.rmtree(folder)
        for rel, content in build().items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)


def differences(root: Path) -> list[str]:
    """Files under ``root`` that differ from a fresh build."""
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp))
        fresh = {
            p.relative_to(tmp).as_posix(): p.read_bytes()
            for p in Path(tmp).rglob("*")
            if p.is_file()
        }
    current = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for name in EXAMPLES
        for p in (root / name).rglob("*")
        if p.is_file()
    }
    return sorted(k for k in fresh.keys() | current.keys() if fresh.get(k) != current.get(k))


if __name__ == "__main__":
    if "--check" in sys.argv:
        diff = differences(HERE)
        print("\n".join(diff) or "examples up to date")
        sys.exit(1 if diff else 0)
    write(HERE)
