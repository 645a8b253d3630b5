"""Evidence: facts read once from the target, read-only afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from opengauge.model.common import Location, Skipped
from opengauge.model.components import FollowedLink
from opengauge.model.licenses import LicenseMatch
from opengauge.model.safety import SafetyEvidence


@dataclass(frozen=True)
class FileEntry:
    """One regular file of the target.

    ``path`` is relative to the root, '/'-separated, and unique in the target: it is the
    file's one identity from the walk to the report (bytes of names that are not valid
    UTF-8 are shown as ``\\xNN`` and ``name_ok`` is False). ``format`` is what the
    content says the file is (``evidence.formats``: pickle, zip, safetensors ...), else
    what its name says. ``head`` keeps the first bytes of small text files (decoded) so
    analyzers can read contents without I/O.
    """

    path: str
    size: int
    sha256: str | None = None
    kind: str = "other"
    name_ok: bool = True
    head: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Link:
    """A URL or relative link in a document, with where it stands."""

    url: str
    text: str
    path: str
    line: int
    image: bool = False  # an embedded image (``![alt](src)``, ``<img src>``)
    code: bool = False  # inside a fenced code block

    @property
    def location(self) -> Location:
        """Where the link stands in its document."""
        return Location(self.path, line=self.line, excerpt=self.text or self.url)


@dataclass(frozen=True)
class Section:
    """A Markdown heading and the text under it (up to the next heading of any level)."""

    title: str
    level: int
    line: int
    text: str
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Card:
    """A parsed model card, dataset card or README.

    ``kind`` is model, dataset or readme. ``metadata`` is the YAML front matter
    (empty when absent or unreadable; ``metadata_error`` then says why).
    ``notes`` records what reading changed or could not keep (truncation, invalid
    UTF-8 replaced, headings or links over their caps, metadata the Hub would reject).
    """

    path: str
    kind: str
    metadata: dict[str, Any] = field(default_factory=dict)
    metadata_error: str | None = None
    body: str = ""
    body_start_line: int = 1
    sections: tuple[Section, ...] = ()
    links: tuple[Link, ...] = ()
    notes: tuple[str, ...] = ()

    def section_at(self, line: int) -> Section | None:
        """The innermost section holding file line ``line`` (None before the first)."""
        current = None
        for section in self.sections:
            if section.line > line:
                break
            current = section
        return current


@dataclass(frozen=True)
class WeightInfo:
    """What a weight file's header says, read without loading tensors."""

    path: str
    format: str
    parameter_count: int | None = None
    tensor_count: int | None = None
    dtypes: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    """Everything gathered from one target. Analyzers read only this."""

    root: str
    source: str = "local"
    files: tuple[FileEntry, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    cards: tuple[Card, ...] = ()
    weights: tuple[WeightInfo, ...] = ()
    configs: dict[str, Any] = field(default_factory=dict)
    licenses: tuple[LicenseMatch, ...] = ()
    hashed: bool = False
    safety: SafetyEvidence | None = None
    # The listing stopped at a cap: verdicts on the whole release are not determinable.
    truncated: bool = False
    # The parts published elsewhere that were checked on the Hub (gathered at the edge,
    # by ``opengauge.follow``, before analysis); empty when nothing was followed.
    followed: tuple[FollowedLink, ...] = ()

    def file(self, path: str) -> FileEntry | None:
        """The entry for ``path``, or None."""
        for entry in self.files:
            if entry.path == path:
                return entry
        return None

    @property
    def model_card(self) -> Card | None:
        """The model card: a file named as one, else a document with Hub card metadata,
        else the root README, else another README."""

        def named(card: Card) -> bool:
            base = card.path.rsplit("/", 1)[-1].lower()
            return "card" in base and card.kind == "model"

        def carded(card: Card) -> bool:
            return card.kind != "dataset" and bool(
                {"license", "tags", "pipeline_tag", "model-index", "base_model"}
                & set(card.metadata)
            )

        for test in (
            named,
            carded,
            lambda c: c.kind == "model" and "/" not in c.path,
            lambda c: c.kind == "model",
            lambda c: c.kind == "readme",
        ):
            for card in sorted(self.cards, key=lambda c: (c.path.count("/"), c.path)):
                if test(card):
                    return card
        return None
