"""Pure analyzers: Evidence -> Findings, one question per module.

Every analyzer is registered in ``BUILTIN``; the engine runs them in this order.
"""

from __future__ import annotations

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.claimed_files import ANALYZER as CLAIMED_FILES
from opengauge.analyzers.components import ANALYZER as COMPONENTS
from opengauge.analyzers.evidence_skips import ANALYZER as EVIDENCE_SKIPS
from opengauge.analyzers.weights_header import ANALYZER as WEIGHTS_HEADER

BUILTIN: tuple[Analyzer, ...] = (
    COMPONENTS,
    CLAIMED_FILES,
    EVIDENCE_SKIPS,
    WEIGHTS_HEADER,
)

__all__ = ["BUILTIN", "Analyzer"]
