"""Thin command line: argv -> command module -> exit code.

Exit codes: 0 ok, 1 policy or scan threshold failed, 2 usage error, 3 internal error.
Each subcommand lives in ``opengauge.commands.<name>`` and exposes NAME, HELP,
``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from opengauge import __version__
from opengauge.errors import OpengaugeError

COMMANDS: tuple[str, ...] = (
    "audit",
    "mof",
    "card",
    "licenses",
    "scan",
    "badge",
    "diff",
)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises instead of exiting, so main() owns exit codes."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageExit(f"{self.prog}: {message}")


class _UsageExit(Exception):
    pass


def _load(name: str) -> ModuleType:
    return importlib.import_module(f"opengauge.commands.{name}")


def _selected(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line, if it is a registered one."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every registered subcommand, or with ``only`` that one.

    Loading one command module instead of all keeps start-up short: commands import
    what they need (analyzers, frameworks, formatters) at module level.
    """
    parser = _Parser(
        prog="opengauge",
        description="How open and how safe is an AI system? Evidence from its artefacts.",
    )
    parser.add_argument("--version", action="version", version=f"opengauge {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        if only is not None and name != only:
            continue
        module = _load(name)
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_selected(args_list))
    try:
        args = parser.parse_args(args_list)
    except _UsageExit as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version exit through argparse
        return int(exc.code or 0)
    if getattr(args, "_run", None) is None:
        parser.print_help(sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    try:
        return int(args._run(args))
    except OpengaugeError as exc:
        print(f"opengauge: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("opengauge: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: one line, the traceback only with -v
        if args.verbose:
            logging.getLogger(__name__).exception("internal error")
        print(
            f"opengauge: internal error: {type(exc).__name__}: {exc} "
            "(run with -v for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
