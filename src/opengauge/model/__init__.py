"""Types only: frozen dataclasses and enums shared by every layer."""

from opengauge.model.common import (
    Confidence,
    Finding,
    Location,
    Severity,
    Skipped,
    Status,
    excerpt,
)
from opengauge.model.components import (
    CONTENT_TYPE,
    MOF_COMPONENTS,
    Component,
    ComponentResult,
    ComponentState,
    ContentType,
    Placement,
    Reference,
)
from opengauge.model.evidence import Card, Evidence, FileEntry, Link, Section, WeightInfo
from opengauge.model.licenses import Clause, LicenseCategory, LicenseMatch
from opengauge.model.report import (
    SCHEMA_VERSION,
    AuditReport,
    CardSummary,
    ControlResult,
    FrameworkResult,
    Suppression,
    Target,
)
from opengauge.model.safety import (
    CodeIssue,
    PickleImport,
    SafetyEvidence,
    ScannedFile,
    SerializationAnomaly,
)

__all__ = [
    "CONTENT_TYPE",
    "MOF_COMPONENTS",
    "SCHEMA_VERSION",
    "AuditReport",
    "Card",
    "CardSummary",
    "Clause",
    "CodeIssue",
    "Component",
    "ComponentResult",
    "ComponentState",
    "Confidence",
    "ContentType",
    "ControlResult",
    "Evidence",
    "FileEntry",
    "Finding",
    "FrameworkResult",
    "LicenseCategory",
    "LicenseMatch",
    "Link",
    "Location",
    "PickleImport",
    "Placement",
    "Reference",
    "SafetyEvidence",
    "ScannedFile",
    "Section",
    "SerializationAnomaly",
    "Severity",
    "Skipped",
    "Status",
    "Suppression",
    "Target",
    "WeightInfo",
    "excerpt",
]
