"""Load framework definitions (TOML data shipped in the package), once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``definitions/<name>.toml``."""
    text = (
        resources.files("opengauge.frameworks")
        .joinpath(f"definitions/{name}.toml")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = tomllib.loads(text)
    return data
