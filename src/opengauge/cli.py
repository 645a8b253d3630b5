"""Thin command line: argv -> command module -> exit code.

Exit codes: 0 ok; 1 a gate failed (the policy, ``--fail-on``, a verdict that cannot be
determined, a regression in ``diff``); 2 usage error (one line on stderr); 3 internal
error. Each subcommand lives in ``opengauge.commands.<name>`` and exposes NAME, HELP,
``add_arguments(parser)`` and ``run(args) -> int``. ``-v`` and ``-q`` are accepted
before or after the subcommand.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    """``-v`` / ``-q`` on one parser. SUPPRESS: a level that does not name them keeps
    what another level set, so they work before or after the subcommand."""
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=argparse.SUPPRESS,
        help="log the phases (collect, analyze, evaluate, render) to stderr; -vv: details",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="only errors on stderr: no progress bar, no warnings, one-line gate failures",
    )


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every subcommand parser below it (``mof evaluate`` included)."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


class _Since(logging.Formatter):
    """``opengauge: [  0.12 s] message``: seconds since the command started."""

    def __init__(self, start: float) -> None:
        super().__init__("opengauge: [%(since)6.2f s] %(message)s")
        self.start = start

    def format(self, record: logging.LogRecord) -> str:
        record.since = record.created - self.start
        return super().format(record)


@contextmanager
def _logging(verbose: int, quiet: bool) -> Iterator[None]:
    """Log the ``opengauge`` loggers to this run's stderr, then restore them."""
    logger = logging.getLogger("opengauge")
    saved = (logger.level, logger.propagate)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Since(time.time()))
    level = logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(verbose)
    logger.setLevel(level or logging.DEBUG)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        if only is not None and name != only:
            continue
        module = _load(name)
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    for each in _parsers(parser):
        _add_output_options(each)
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
    args.verbose = int(getattr(args, "verbose", 0) or 0)
    args.quiet = bool(getattr(args, "quiet", False))
    if args.verbose and args.quiet:
        print("opengauge: -v/--verbose and -q/--quiet cannot be combined", file=sys.stderr)
        return 2
    with _logging(args.verbose, args.quiet):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
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
            logging.getLogger("opengauge").error("internal error", exc_info=True)
        print(
            f"opengauge: internal error: {type(exc).__name__}: {exc} "
            "(run with -v for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
