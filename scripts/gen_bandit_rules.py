"""Regenerate src/opengauge/data/rules/ruff-bandit.json from the installed ruff.

Run: python scripts/gen_bandit_rules.py   (tests/analyzers/test_catalogue.py checks that
every S rule ruff can report to us has an entry)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from opengauge.evidence.code_scan import RUFF_CWE, RUFF_IGNORED, ruff_binary

OUT = Path(__file__).resolve().parents[1] / "src/opengauge/data/rules/ruff-bandit.json"


def main() -> int:
    ruff = ruff_binary()
    if ruff is None:
        print("ruff not found", file=sys.stderr)
        return 2
    done = subprocess.run(  # noqa: S603
        [ruff, "rule", "--all", "--output-format", "json"],
        capture_output=True,
        check=True,
    )
    rules = []
    for rule in json.loads(done.stdout):
        code = rule.get("code") or ""
        if rule.get("linter") != "flake8-bandit" or code in RUFF_IGNORED:
            continue
        rules.append(
            {
                "code": code,
                "name": rule["name"],
                "summary": rule["summary"],
                "cwe": RUFF_CWE.get(code),
            }
        )
    OUT.write_text(json.dumps(sorted(rules, key=lambda r: r["code"]), indent=1) + "\n")
    print(f"{len(rules)} rules -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
