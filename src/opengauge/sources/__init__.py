"""Where a target's bytes come from: one reader seam, local folders and the HF cache."""

from opengauge.sources.local import LocalReader, ResolvedTarget, open_local, resolve
from opengauge.sources.reader import (
    Listing,
    ProgressCallback,
    ReaderError,
    ReleaseReader,
    WalkLimits,
)

__all__ = [
    "Listing",
    "LocalReader",
    "ProgressCallback",
    "ReaderError",
    "ReleaseReader",
    "ResolvedTarget",
    "WalkLimits",
    "open_local",
    "resolve",
]
