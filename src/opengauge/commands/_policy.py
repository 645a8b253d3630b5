"""Policy wiring for ``opengauge audit`` (the CLI edge reads the policy file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opengauge.model import AuditReport
from opengauge.policy import (
    CONFIG_NAME,
    DEFAULT,
    MAX_CONFIG_BYTES,
    PolicyConfig,
    PolicyError,
    parse_config,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config FILE`` and ``--policy/--no-policy``."""
    parser.add_argument(
        "--config",
        metavar="FILE",
        help=f"policy file (default: {CONFIG_NAME} in PATH, when present)",
    )
    parser.add_argument(
        "--policy",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="apply the policy file: exit 1 when it fails (default: on)",
    )


def _read(path: Path, label: str) -> PolicyConfig:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise PolicyError(f"cannot read policy {label}: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise PolicyError(f"{label}: larger than {MAX_CONFIG_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(f"{label}: not UTF-8") from None
    return parse_config(text, label)


def _trusted(path: str) -> bool:
    """A folder under the working directory is the user's own project; anything else
    (a Hub id, a download, another checkout) is third-party and may not silence itself."""
    if path.startswith("hf://"):
        return False
    try:
        return Path(path).resolve().is_relative_to(Path.cwd().resolve())
    except OSError:
        return False


def load(args: argparse.Namespace) -> PolicyConfig | None:
    """The policy to apply.

    ``--config FILE``; else ``PATH/opengauge.toml`` when PATH is inside the working
    directory (a release must not suppress its own findings: a policy file in a
    third-party folder is ignored unless ``--config`` names it); else the default
    policy (fail on high safety findings and on verdicts that could not be reached).
    """
    if not args.policy:
        return None
    if args.config:
        return _read(Path(args.config), args.config)
    candidate = Path(args.path) / CONFIG_NAME
    if _trusted(args.path) and candidate.is_file() and not candidate.is_symlink():
        return _read(candidate, f"{CONFIG_NAME} (audited folder)")
    return DEFAULT


def enforce(report: AuditReport, config: PolicyConfig | None) -> tuple[AuditReport, int]:
    """The report with suppressions recorded, and the exit code (1 when the policy fails)."""
    if config is None:
        return report, 0
    from opengauge.policy import apply_suppressions, decide

    report = apply_suppressions(report, config)
    result = decide(report, config)
    if result.passed:
        return report, 0
    print(f"opengauge: policy failed ({config.source}):", file=sys.stderr)
    for reason in result.reasons:
        print(f"  - {reason}", file=sys.stderr)
    return report, 1
