"""Model Openness Framework: MOT-compatible classification, records, export and comparison.

Entry points: :func:`evaluate` (facts -> :class:`MofResult`), :func:`facts_from_record`,
:func:`facts_from_audit`, :func:`to_mot_record`, :func:`compare`, :func:`to_framework_result`.
"""

from opengauge.frameworks.mof.audit import (
    facts_from_audit,
    facts_from_observed,
    observed_from_audit,
)
from opengauge.frameworks.mof.compare import Disagreement, ObservedComponent, compare
from opengauge.frameworks.mof.definition import MofDefinition, load_definition
from opengauge.frameworks.mof.evaluate import apply_conventions, evaluate
from opengauge.frameworks.mof.licenses import (
    LicensePolicy,
    LicenseStatus,
    LicenseVerdict,
    load_policy,
)
from opengauge.frameworks.mof.record import (
    MotComponent,
    MotRecord,
    facts_from_record,
    record_from_dict,
    to_mot_record,
)
from opengauge.frameworks.mof.result import FRAMEWORK, evaluate_input, to_framework_result
from opengauge.frameworks.mof.types import (
    ComponentFacts,
    ComponentStatus,
    ComponentVerdict,
    MofFacts,
    MofResult,
)

__all__ = [
    "FRAMEWORK",
    "ComponentFacts",
    "ComponentStatus",
    "ComponentVerdict",
    "Disagreement",
    "LicensePolicy",
    "LicenseStatus",
    "LicenseVerdict",
    "MofDefinition",
    "MofFacts",
    "MofResult",
    "MotComponent",
    "MotRecord",
    "ObservedComponent",
    "apply_conventions",
    "compare",
    "evaluate",
    "evaluate_input",
    "facts_from_audit",
    "facts_from_observed",
    "facts_from_record",
    "load_definition",
    "load_policy",
    "observed_from_audit",
    "record_from_dict",
    "to_framework_result",
    "to_mot_record",
]
