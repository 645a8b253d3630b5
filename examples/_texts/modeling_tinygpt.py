"""TinyGPT: a two-layer decoder, written out so the architecture can be studied."""

import numpy as np


class TinyGPTConfig:
    """Sizes of the model."""

    def __init__(self, hidden_size: int = 8, num_hidden_layers: int = 2, vocab_size: int = 32):
        self.hidden_size = hidden_size
        self.num_hidden_layers = num_hidden_layers
        self.vocab_size = vocab_size


class TinyGPTForCausalLM:
    """Embedding, a stack of attention + MLP blocks, and a language-model head."""

    def __init__(self, config: TinyGPTConfig, weights: dict[str, np.ndarray]):
        self.config = config
        self.weights = weights

    def forward(self, token_ids: list[int]) -> np.ndarray:
        hidden = self.weights["embed.weight"][token_ids]
        for i in range(self.config.num_hidden_layers):
            attn = hidden @ self.weights[f"layers.{i}.attn.weight"]
            hidden = hidden + attn
            mlp = np.maximum(hidden @ self.weights[f"layers.{i}.mlp.weight"], 0)
            hidden = hidden + mlp[:, : self.config.hidden_size]
        return hidden @ self.weights["lm_head.weight"].T
