"""Card Markdown parse time: large real cards and hostile ones, optionally against another parser.

Usage: python bench/bench_markdown.py [--old PATH] [--repeat N]
Times :func:`opengauge.docs.markdown.parse_markdown` on the largest real README of the
validity corpus (tests/data/releases, 87 KB), on two and six copies of it, on the whole
corpus (259 documents) and on 2 MB hostile cards (the card reader's cap). ``--old`` loads
another version of the module from a file (e.g. the regex parser it replaced:
``git show fbe2946:src/opengauge/docs/markdown.py > /tmp/old_markdown.py``) and times it on
the same inputs. Prints the median in milliseconds and what each parser found.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from opengauge.docs import markdown  # noqa: E402
from opengauge.docs.frontmatter import split_front_matter  # noqa: E402

RELEASES = ROOT / "tests" / "data" / "releases"
LARGEST = RELEASES / "01-ai__Yi" / "tree" / "README.md"
TWO_MB = 2 * 1024 * 1024


def _hostile() -> dict[str, str]:
    return {
        "2 MB of '[' lines": ("[" * 20_000 + "\n") * 105,
        "2 MB of '[a](' lines": ("[a](" * 5_000 + "\n") * 105,
        "2 MB of '<' lines": ("<" * 20_000 + "\n") * 105,
        "2 MB table with links": ("|x|[y](https://z.example)|\n" * 80_000)[:TWO_MB],
        "2 MB of headings": "".join(f"## s{i}\n" for i in range(250_000))[:TWO_MB],
        "4000 nested lists": "".join(" " * (2 * i) + "- a\n" for i in range(4_000)),
    }


def _corpus() -> list[list[str]]:
    """Card bodies (front matter removed, as the card reader does) of every .md file."""
    bodies = []
    for path in sorted(RELEASES.glob("*/tree/**/*.md")):
        if path.is_file():
            lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
            bodies.append(lines[split_front_matter(lines)[1] :])
    return bodies


def _load(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("old_markdown", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_markdown"] = module
    spec.loader.exec_module(module)
    return module


def _time(parse: Callable[..., Any], documents: list[list[str]], repeat: int) -> tuple[float, str]:
    times = []
    found = ""
    for _ in range(repeat):
        start = time.perf_counter()
        results = [parse(lines, 1, "README.md") for lines in documents]
        times.append((time.perf_counter() - start) * 1000)
        sections = sum(len(r.sections) for r in results)
        links = sum(len(r.links) for r in results)
        found = f"{sections} sections, {links} links"
    return statistics.median(times), found


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--old", help="another markdown.py to time on the same inputs")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    parsers: dict[str, Callable[..., Any]] = {"markdown-it": markdown.parse_markdown}
    if args.old:
        parsers["old"] = _load(args.old).parse_markdown
    card = LARGEST.read_text(encoding="utf-8").split("\n")
    inputs: dict[str, list[list[str]]] = {
        f"largest real card ({LARGEST.stat().st_size // 1024} KB)": [card],
        "two copies": [card * 2],
        "six copies (over the parse cap)": [card * 6],
        "whole corpus": _corpus(),
    }
    inputs.update({name: [text.split("\n")] for name, text in _hostile().items()})
    for parse in parsers.values():  # warm-up: imports, compiled regexes
        parse(card, 1, "README.md")
    print(f"{'input':34} {'parser':12} {'median ms':>10}  found")
    for name, documents in inputs.items():
        for label, parse in parsers.items():
            median, found = _time(parse, documents, args.repeat)
            print(f"{name:34} {label:12} {median:10.0f}  {found}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
