"""Framework verdicts and the audit report, the one object every formatter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from opengauge.model.common import Finding, Skipped
from opengauge.model.components import ComponentResult, FollowedLink
from opengauge.model.evidence import FileEntry, WeightInfo
from opengauge.model.licenses import LicenseMatch

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class ControlResult:
    """One requirement of a framework: its outcome and the findings behind it.

    ``passed`` is None when the evidence cannot decide (never a -1 sentinel).
    """

    id: str
    title: str
    passed: bool | None
    rating: str | None = None
    reason: str = ""
    findings: tuple[str, ...] = ()
    remediation: str | None = None


class Outcome(StrEnum):
    """How a framework concluded. ``error`` and ``inconclusive`` never count as a pass.

    pass / fail: the evidence decides. inconclusive: it cannot (a licence we cannot read,
    a truncated listing). error: an input the framework needs failed or did not run.
    """

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


@dataclass(frozen=True)
class FrameworkResult:
    """A framework's verdict (class, level, score), why, and what would raise it.

    ``outcome`` is the typed conclusion every formatter and the policy read; ``passed``
    mirrors it (True for pass, False for fail, None otherwise). ``verdict`` is the short
    text ("Class II", "passes", "score 0.54"); ``label`` what the verdict screen calls the
    framework; ``score_unit`` what ``score`` counts; ``goal`` names what ``to_raise``
    reaches ("reach MOF Class II"). ``inputs`` lists the analyzers it consumed.
    """

    framework: str
    title: str
    verdict: str
    score: float | None = None
    level: int | None = None
    passed: bool | None = None
    summary: str = ""
    controls: tuple[ControlResult, ...] = ()
    to_raise: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    outcome: Outcome = Outcome.INCONCLUSIVE
    label: str = ""
    score_unit: str | None = None
    goal: str | None = None
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class CardSummary:
    """The parts of a card worth carrying in the report."""

    path: str
    kind: str
    metadata: dict[str, Any]
    metadata_error: str | None
    sections: tuple[str, ...]
    link_count: int


@dataclass(frozen=True)
class ModelSummary:
    """What the model is, in brief: architecture from its config, size from its weights.

    ``parameter_count`` sums the final weight files whose headers give a count;
    ``counted_files`` says how many did (None when no header gave one).
    """

    architectures: tuple[str, ...] = ()
    model_type: str | None = None
    config: str | None = None
    parameter_count: int | None = None
    counted_files: int = 0
    weight_formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemoteRead:
    """What an audit of a remote target fetched: content bytes read against the total
    size of its files, HTTP requests (all, and those for file content), and the cap."""

    bytes_read: int
    bytes_total: int
    requests: int
    content_requests: int
    max_bytes: int


@dataclass(frozen=True)
class HubMetadata:
    """What the Hub's API says of a repository read there (not what its files say):
    ``gated`` ("auto", "manual" or None), ``private``, the ``license:`` tags, the
    ``base_model:`` and ``dataset:`` tags, ``library_name``, ``pipeline_tag`` and the
    parameter count the Hub computed from the safetensors headers."""

    gated: str | None = None
    private: bool = False
    licence: tuple[str, ...] = ()
    base_model: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()
    library_name: str | None = None
    pipeline_tag: str | None = None
    parameters: int | None = None


@dataclass(frozen=True)
class Target:
    """What was audited: ``source`` is local, hf-cache or hf-hub; ``revision`` the commit
    read when the source knows one; ``remote`` what a remote read cost;
    ``checkout_subdir`` the audited folder's path inside the git checkout holding it
    ('' at its root; None when it is not in one), so paths can be given from the
    repository root; ``followed`` the parts published elsewhere that were checked;
    ``hub`` the Hub's metadata of a repository read there."""

    path: str
    name: str
    source: str
    revision: str | None = None
    remote: RemoteRead | None = None
    checkout_subdir: str | None = None
    followed: tuple[FollowedLink, ...] = ()
    hub: HubMetadata | None = None


@dataclass(frozen=True)
class Suppression:
    """A policy entry that silences matching findings for CI, with its mandatory reason.

    Findings stay in the report untouched; formatters mark the ones a suppression
    ``matches`` (rule and optional path are ``fnmatch`` patterns). ``source`` names the
    policy file it came from; ``matched`` counts the findings it silenced.
    """

    rule: str
    reason: str
    path: str | None = None
    source: str = ""
    matched: int = 0

    def matches(self, finding: Finding) -> bool:
        """True when ``finding`` falls under this suppression (rule, and path if given)."""
        from fnmatch import fnmatchcase

        if not fnmatchcase(finding.rule, self.rule):
            return False
        if self.path is None:
            return True
        return any(fnmatchcase(loc.path, self.path) for loc in finding.locations)


@dataclass(frozen=True)
class AuditReport:
    """The canonical result of an audit; JSON is its versioned serialisation."""

    schema_version: str
    tool_version: str
    generated_at: str
    target: Target
    files: tuple[FileEntry, ...]
    components: tuple[ComponentResult, ...]
    licenses: tuple[LicenseMatch, ...]
    weights: tuple[WeightInfo, ...]
    cards: tuple[CardSummary, ...]
    findings: tuple[Finding, ...]
    frameworks: tuple[FrameworkResult, ...]
    skipped: tuple[Skipped, ...]
    hashed: bool = False
    model: ModelSummary = ModelSummary()
    # Set by opengauge.policy.apply_suppressions; empty when no policy was applied.
    suppressed: tuple[Suppression, ...] = ()

    def framework(self, framework_id: str) -> FrameworkResult | None:
        """The verdict of framework ``framework_id`` ("mof", "osaid", "osai", "safety",
        "openwashing"), or None when it was not evaluated (e.g. ``select="safety"``)."""
        return next((r for r in self.frameworks if r.framework == framework_id), None)

    @property
    def safety(self) -> FrameworkResult | None:
        """The safety verdict (serialization and code risks), if evaluated."""
        return self.framework("safety")

    @property
    def mof(self) -> FrameworkResult | None:
        """The Model Openness Framework class (``level`` 1-3, 0 unclassified), if evaluated."""
        return self.framework("mof")

    @property
    def osaid(self) -> FrameworkResult | None:
        """The Open Source AI Definition 1.0 verdict, if evaluated."""
        return self.framework("osaid")

    @property
    def index(self) -> FrameworkResult | None:
        """The European Open Source AI Index rating ("osai"), if evaluated."""
        return self.framework("osai")

    @property
    def openwashing(self) -> FrameworkResult | None:
        """Whether the release's openness claims hold, if evaluated."""
        return self.framework("openwashing")
