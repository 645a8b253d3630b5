"""Every built-in analyzer, in the order the engine runs them: the one visible registry."""

from __future__ import annotations

from opengauge.analyzers.base import Analyzer
from opengauge.analyzers.claimed_files import ANALYZER as CLAIMED_FILES
from opengauge.analyzers.code_finetune import ANALYZER as CODE_FINETUNE
from opengauge.analyzers.components import ANALYZER as COMPONENTS
from opengauge.analyzers.docs_card_metadata import ANALYZER as DOCS_CARD_METADATA
from opengauge.analyzers.docs_card_score import ANALYZER as DOCS_CARD_SCORE
from opengauge.analyzers.docs_code_comments import ANALYZER as DOCS_CODE_COMMENTS
from opengauge.analyzers.docs_data_card import ANALYZER as DOCS_DATA_CARD
from opengauge.analyzers.docs_datasheet_questions import ANALYZER as DOCS_DATASHEET_QUESTIONS
from opengauge.analyzers.docs_disclosure import ANALYZER as DOCS_DISCLOSURE
from opengauge.analyzers.docs_eval_results import ANALYZER as DOCS_EVAL_RESULTS
from opengauge.analyzers.docs_hardware import ANALYZER as DOCS_HARDWARE
from opengauge.analyzers.docs_model_card import ANALYZER as DOCS_MODEL_CARD
from opengauge.analyzers.docs_publication import ANALYZER as DOCS_PUBLICATION
from opengauge.analyzers.evidence_skips import ANALYZER as EVIDENCE_SKIPS
from opengauge.analyzers.licenses_base_model import ANALYZER as LICENSES_BASE_MODEL
from opengauge.analyzers.licenses_component_coverage import ANALYZER as LICENSES_COVERAGE
from opengauge.analyzers.licenses_contradiction import ANALYZER as LICENSES_CONSISTENT
from opengauge.analyzers.licenses_governance import ANALYZER as LICENSES_GOVERNANCE
from opengauge.analyzers.licenses_identified import ANALYZER as LICENSES_IDENTIFIED
from opengauge.analyzers.licenses_restrictions import ANALYZER as LICENSES_RESTRICTIONS
from opengauge.analyzers.openwashing_claims import ANALYZER as OPENWASHING_CLAIMS
from opengauge.analyzers.release_identity import ANALYZER as RELEASE_IDENTITY
from opengauge.analyzers.safety_code import ANALYZER as SAFETY_CODE
from opengauge.analyzers.safety_integrity import ANALYZER as SAFETY_INTEGRITY
from opengauge.analyzers.safety_pickle import ANALYZER as SAFETY_PICKLE
from opengauge.analyzers.weights_header import ANALYZER as WEIGHTS_HEADER

BUILTIN: tuple[Analyzer, ...] = (
    COMPONENTS,
    RELEASE_IDENTITY,
    CLAIMED_FILES,
    EVIDENCE_SKIPS,
    WEIGHTS_HEADER,
    OPENWASHING_CLAIMS,
    DOCS_MODEL_CARD,
    DOCS_CARD_METADATA,
    DOCS_EVAL_RESULTS,
    DOCS_DATA_CARD,
    DOCS_DATASHEET_QUESTIONS,
    DOCS_DISCLOSURE,
    DOCS_CARD_SCORE,
    DOCS_HARDWARE,
    DOCS_PUBLICATION,
    DOCS_CODE_COMMENTS,
    CODE_FINETUNE,
    LICENSES_IDENTIFIED,
    LICENSES_CONSISTENT,
    LICENSES_RESTRICTIONS,
    LICENSES_COVERAGE,
    LICENSES_GOVERNANCE,
    LICENSES_BASE_MODEL,
    SAFETY_PICKLE,
    SAFETY_INTEGRITY,
    SAFETY_CODE,
)

__all__ = ["BUILTIN"]
