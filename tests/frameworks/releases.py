"""Fixture releases modelled on systems the OSI judged against OSAID 1.0 (October 2024).

Pass: Pythia, OLMo, Amber, CrystalCoder, T5. Fail: Llama 2 (licence terms), Grok, Phi-2,
Mixtral (no data information, no training code). Each is a folder of small files: the
HF-style card and config, a tiny safetensors file, licence texts, and code files as a
clone of the model's code repository would hold them.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPDX = ROOT / "src/opengauge/data/licenses/spdx"
CORPUS = ROOT / "tests/data/licenses_corpus"


def tiny_safetensors() -> bytes:
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}})
    raw = header.encode()
    return struct.pack("<Q", len(raw)) + raw + b"\x00" * 16


def _card(meta: dict[str, object], body: str) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"- {v}" for v in value)
        else:
            lines.append(f"{key}: {value}")
    return "\n".join([*lines, "---", "", body])


def _code(doc: str, body: str) -> str:
    return f'"""{doc}"""\n\n{body}\n'


OPEN_DATA_SECTION = """## Training data

{name} was trained on {data}, a corpus of {size} documents assembled from public sources
(web pages, books, code, scientific papers). Every source, its size and licence, and the
filtering, de-duplication and tokenization applied are documented in the datasheet
({datasheet}). The full corpus can be downloaded from [the Hub]({link}).
"""

TRAINING_SECTION = """## Training procedure

The model was trained with the code in this repository (`train.py`, see also
[the training code]({code})); data preparation is `{prep}`. Checkpoints every 1000 steps.
Hardware: 256 A100 GPUs on 32 nodes with InfiniBand, data parallel, batch size 1024.
"""


def open_release(
    name: str, arch: str, data: str, dataset_id: str, code: str, prep: str
) -> dict[str, str | bytes]:
    body = (
        f"# {name}\n\n{name} is a language model released with its data, code and "
        f"weights.\n\n"
        + OPEN_DATA_SECTION.format(
            name=name,
            data=data,
            size="hundreds of millions of",
            datasheet="https://arxiv.org/abs/2101.00027",
            link=f"https://huggingface.co/datasets/{dataset_id}",
        )
        + "\n"
        + TRAINING_SECTION.format(code=code, prep=prep)
        + "\n## Usage\n\n```python\nfrom transformers import AutoModelForCausalLM\n```\n"
    )
    return {
        "README.md": _card({"license": "apache-2.0", "datasets": [dataset_id]}, body),
        "LICENSE": (SPDX / "Apache-2.0.txt").read_text(encoding="utf-8"),
        "config.json": json.dumps({"architectures": [arch], "model_type": arch.lower()}),
        "model.safetensors": tiny_safetensors(),
        "train.py": _code("Train the model.", "def train():\n    loss.backward()\n"),
        prep: _code("Prepare and de-duplicate the corpus.", "def run():\n    pass"),
        "generate.py": _code("Generate text.", "def main():\n    pass"),
    }


def pythia() -> dict[str, str | bytes]:
    return open_release(
        "Pythia-1B",
        "GPTNeoXForCausalLM",
        "the Pile",
        "EleutherAI/pile",
        "https://github.com/EleutherAI/gpt-neox",
        "tools/preprocess_data.py",
    )


def olmo() -> dict[str, str | bytes]:
    files = open_release(
        "OLMo-7B",
        "OlmoForCausalLM",
        "Dolma",
        "allenai/dolma",
        "https://github.com/allenai/OLMo",
        "scripts/prepare_memmap_dataset.py",
    )
    files["checkpoints/step1000/model.safetensors"] = tiny_safetensors()
    return files


def amber() -> dict[str, str | bytes]:
    files = open_release(
        "Amber",
        "LlamaForCausalLM",
        "AmberDatasets",
        "LLM360/AmberDatasets",
        "https://github.com/LLM360/amber-train",
        "preprocess/tokenize.py",
    )
    files["ckpt_355/model.safetensors"] = tiny_safetensors()
    return files


def crystalcoder() -> dict[str, str | bytes]:
    return open_release(
        "CrystalCoder",
        "CrystalCoderLMHeadModel",
        "SlimPajama and StarCoder data",
        "LLM360/CrystalCoderDatasets",
        "https://github.com/LLM360/crystalcoder-train",
        "data_processing/prepare.py",
    )


def t5() -> dict[str, str | bytes]:
    files = open_release(
        "T5",
        "T5ForConditionalGeneration",
        "C4",
        "allenai/c4",
        "https://github.com/google-research/text-to-text-transfer-transformer",
        "t5/data/preprocessors.py",
    )
    return files


def llama2() -> dict[str, str | bytes]:
    body = (
        "# Llama 2\n\nLlama 2 is a collection of pretrained and fine-tuned generative text "
        "models.\n\n## Training data\n\nLlama 2 was pretrained on 2 trillion tokens of data "
        "from publicly available sources. The fine-tuning data includes publicly available "
        "instruction datasets, as well as over one million new human-annotated examples. "
        "Neither the pretraining nor the fine-tuning datasets include Meta user data.\n\n"
        "## Training procedure\n\nSee the [research paper](https://arxiv.org/abs/2307.09288)"
        ".\n"
    )
    return {
        "README.md": _card({"license": "llama2"}, body),
        "LICENSE.txt": (CORPUS / "meta-llama__llama-models__models__llama2__LICENSE").read_text(
            encoding="utf-8"
        ),
        "USE_POLICY.md": (
            CORPUS / "meta-llama__llama-models__models__llama2__USE_POLICY.md"
        ).read_text(encoding="utf-8"),
        "config.json": json.dumps({"architectures": ["LlamaForCausalLM"], "model_type": "llama"}),
        "model.safetensors": tiny_safetensors(),
    }


def _weights_only(
    name: str, arch: str, license_id: str, text: str, extra: dict[str, str | bytes] | None = None
) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "README.md": _card({"license": license_id}, f"# {name}\n\n{text}\n"),
        "LICENSE": (SPDX / ("MIT.txt" if license_id == "mit" else "Apache-2.0.txt")).read_text(
            encoding="utf-8"
        ),
        "config.json": json.dumps({"architectures": [arch], "model_type": arch.lower()}),
        "model.safetensors": tiny_safetensors(),
    }
    files.update(extra or {})
    return files


def grok() -> dict[str, str | bytes]:
    return _weights_only(
        "Grok-1",
        "Grok1ForCausalLM",
        "apache-2.0",
        "Grok-1 is a 314B parameter Mixture-of-Experts model. This repository "
        "contains JAX example code for loading and running the weights.",
        {"run.py": _code("Load the checkpoint and sample.", "def main():\n    pass")},
    )


def phi2() -> dict[str, str | bytes]:
    return _weights_only(
        "phi-2",
        "PhiForCausalLM",
        "mit",
        "Phi-2 is a Transformer with 2.7 billion parameters. It was trained "
        "using the same data sources as Phi-1.5, augmented with a new data "
        "source that consists of various NLP synthetic texts and filtered "
        "websites.",
    )


def mixtral() -> dict[str, str | bytes]:
    return _weights_only(
        "Mixtral-8x7B",
        "MixtralForCausalLM",
        "apache-2.0",
        "The Mixtral-8x7B Large Language Model is a pretrained generative "
        "Sparse Mixture of Experts.",
    )


PASS = {"Pythia": pythia, "OLMo": olmo, "Amber": amber, "CrystalCoder": crystalcoder, "T5": t5}
FAIL = {"Llama 2": llama2, "Grok": grok, "Phi-2": phi2, "Mixtral": mixtral}


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder
