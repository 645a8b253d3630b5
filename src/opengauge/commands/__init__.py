"""Subcommands of the CLI; each module is registered in ``opengauge.cli.COMMANDS``."""
