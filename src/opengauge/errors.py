"""One error hierarchy; only the CLI turns these into messages and exit codes."""


class OpengaugeError(Exception):
    """Base of every error opengauge raises on purpose."""


class TargetError(OpengaugeError):
    """The target cannot be audited at all (missing, not a folder, unreadable)."""


class UsageError(OpengaugeError):
    """The caller asked for something that does not make sense."""
