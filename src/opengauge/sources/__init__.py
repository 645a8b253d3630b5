"""Where a target's bytes come from: local folders, Hugging Face snapshots and caches."""

from opengauge.sources.local import ResolvedTarget, resolve

__all__ = ["ResolvedTarget", "resolve"]
