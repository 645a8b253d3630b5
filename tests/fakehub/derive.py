"""Metadata the Hub derives from a commit's files: ``cardData`` and ``safetensors``."""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Mapping
from typing import Any

from tests.fakehub.repo import FakeFile


def safetensors_parameters(files: Iterable[FakeFile]) -> dict[str, Any] | None:
    """``{"parameters": {dtype: n}, "total": n}`` from the JSON headers, as the Hub shows.

    Reads only the 8-byte length and the header (capped); unparseable files are skipped.
    """
    counts: dict[str, int] = {}
    for entry in files:
        if not entry.path.endswith(".safetensors") or entry.size < 8:
            continue
        head = entry.read_head(8)
        (length,) = struct.unpack("<Q", head)
        if not 2 <= length <= min(25_000_000, entry.size - 8):
            continue
        try:
            header = json.loads(entry.read_head(8 + length)[8:])
        except ValueError:
            continue
        if not isinstance(header, dict):
            continue
        for name, tensor in header.items():
            if name == "__metadata__" or not isinstance(tensor, dict):
                continue
            count = 1
            for dim in tensor.get("shape", []):
                count *= int(dim)
            dtype = str(tensor.get("dtype", "?"))
            counts[dtype] = counts.get(dtype, 0) + count
    if not counts:
        return None
    return {"parameters": counts, "total": sum(counts.values())}


def card_from_readme(files: Mapping[str, FakeFile]) -> dict[str, Any] | None:
    """The README's YAML front matter, parsed as the Hub does (``cardData``)."""
    from huggingface_hub.repocard import REGEX_YAML_BLOCK

    readme = files.get("README.md")
    if readme is None or readme.size > 1_000_000:
        return None
    import yaml  # a dependency of huggingface_hub

    match = REGEX_YAML_BLOCK.search(readme.read_head(readme.size).decode("utf-8-sig", "replace"))
    if not match:
        return None
    data = yaml.safe_load(match.group(2))
    return data if isinstance(data, dict) else None
