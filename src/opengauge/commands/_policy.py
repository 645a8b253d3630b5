"""Policy wiring for ``opengauge audit`` (the CLI edge reads the policy file)."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from opengauge.commands._io import phase
from opengauge.errors import TargetError
from opengauge.model import AuditReport, Severity
from opengauge.policy import (
    CONFIG_NAME,
    DEFAULT,
    MAX_CONFIG_BYTES,
    NEVER,
    PolicyConfig,
    PolicyError,
    parse_config,
)

LEVELS = (*(s.value for s in Severity), NEVER)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config FILE``, ``--policy/--no-policy`` and ``--fail-on LEVEL|never``."""
    parser.add_argument(
        "--config",
        metavar="FILE",
        help=f"policy file (default: {CONFIG_NAME} in PATH when PATH is your own project, "
        "that is under the working directory)",
    )
    parser.add_argument(
        "--policy",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="apply the policy: exit 1 when it fails (default: on)",
    )
    parser.add_argument(
        "--fail-on",
        choices=LEVELS,
        metavar="{" + ",".join(LEVELS) + "}",
        help="exit 1 when a safety finding reaches this severity, or when safety is not "
        "determinable; 'never' turns the safety gate off (default: the policy's fail_on, "
        "high)",
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


def own_project(path: str) -> Path | None:
    """The folder of ``path`` when it is the user's own project, else None.

    A folder under the working directory is the user's own; a Hub id, a Hugging Face
    cache folder (wherever the cache lives), a download or another checkout elsewhere is
    third-party, and a release must not silence its own findings.
    """
    if path.startswith("hf://"):
        return None
    from opengauge.sources.local import resolve

    try:
        target = resolve(path)
        inside = target.root.is_relative_to(Path.cwd().resolve())
    except (OSError, TargetError):
        return None  # the audit itself reports an unreadable target
    return target.root if inside and target.source == "local" else None


def load(args: argparse.Namespace) -> PolicyConfig | None:
    """The policy to apply.

    ``--config FILE``; else ``PATH/opengauge.toml`` when PATH is the user's own project
    (:func:`own_project`; a policy file in a third-party folder is ignored unless
    ``--config`` names it); else the default policy (fail on high safety findings, on a
    safety verdict that cannot be determined and on verdicts that could not be reached).
    ``--fail-on`` replaces the policy's ``fail_on``; with ``--no-policy`` it is the only
    gate.
    """
    config: PolicyConfig | None = None
    if args.policy and args.config:
        config = _read(Path(args.config), args.config)
    elif args.policy:
        root = own_project(args.path)
        candidate = root / CONFIG_NAME if root is not None else None
        if candidate is not None and candidate.is_file() and not candidate.is_symlink():
            config = _read(candidate, f"{CONFIG_NAME} (audited folder)")
        else:
            config = DEFAULT
    if args.fail_on is not None:
        level = None if args.fail_on == NEVER else Severity(args.fail_on)
        base = config or PolicyConfig(fail_on_error=False)
        source = f"{base.source}, --fail-on {args.fail_on}" if base.source else "--fail-on"
        config = dataclasses.replace(base, fail_on=level, source=source)
    if config is not None:
        phase("policy", config.source)
    return config


def enforce(
    report: AuditReport, config: PolicyConfig | None, quiet: bool = False
) -> tuple[AuditReport, int]:
    """The report with suppressions recorded, and the exit code (1 when the policy fails)."""
    if config is None:
        return report, 0
    from opengauge.policy import apply_suppressions, decide

    report = apply_suppressions(report, config)
    result = decide(report, config)
    if result.passed:
        return report, 0
    count = len(result.reasons)
    if quiet:
        print(f"opengauge: policy failed ({config.source}): {count} reason(s)", file=sys.stderr)
        return report, 1
    print(f"opengauge: policy failed ({config.source}):", file=sys.stderr)
    for reason in result.reasons:
        print(f"  - {reason}", file=sys.stderr)
    return report, 1
