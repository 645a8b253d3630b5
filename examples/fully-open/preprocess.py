"""Build data/train.jsonl: lower-case, strip and de-duplicate the generated corpus."""

import json


def preprocess(lines: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for line in lines:
        clean = line.strip().lower()
        if clean and clean not in seen:  # dedup
            seen.add(clean)
            kept.append(clean)
    return kept


if __name__ == "__main__":
    corpus = [f"tiny sample {i}" for i in range(8)]
    with open("data/train.jsonl", "w", encoding="utf-8") as handle:
        for text in preprocess(corpus):
            handle.write(json.dumps({"text": text}) + "\n")
