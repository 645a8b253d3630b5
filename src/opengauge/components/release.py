"""Facts about the release as a whole that every component rule needs (pure).

Which folders hold downstream demos, tests or vendored third-party code (their files
are not the release's own training code, data or documentation); which documents speak
for the release (its root README and translations, model cards, docs/) and which belong
to a vendored project; which Hub organisations publish the release's own models.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field

from opengauge.components.links import classify_url
from opengauge.model import Card, Evidence

# Copied third-party code: its docs and licences speak for another project.
VENDORED = re.compile(
    r"(^|/)(third[-_]?party|3rd[-_]?party|vendor(ed)?|external|extern|deps|dependencies|"
    r"submodules?)/",
    re.I,
)
# Tests and fixtures: their data is not training data, their code is not a component.
TESTS = re.compile(r"(^|/)(tests?|testing|test[-_]data|fixtures?|__tests__|unit[-_]?tests?)/", re.I)
# Downstream material for users: demos, examples, tutorials, notebooks, cookbooks.
DEMO = re.compile(
    r"(^|/)(examples?|demos?|[^/]*[-_]demos?|demos?[-_][^/]*|cookbooks?|tutorials?|notebooks?|"
    r"playground|quickstart|[^/]*[-_]examples?|examples?[-_][^/]*|quantiz\w*|"
    r"deploy\w*)/",
    re.I,
)
# Downstream fine-tuning folders at the top of a repository that publishes its weights
# elsewhere: a fine-tuning recipe for users unless the docs say it trained the release.
FINETUNE_DIR = re.compile(r"^(fine[-_ ]?tun(e|ing)[^/]*|finetune[^/]*|sft[-_]demo)/", re.I)
REPRODUCE = re.compile(
    r"\b(reproduc\w*|replicat\w*|we (used|use) (this|these|it)|used to (train|fine-?tune)|"
    r"(we|was|were) (trained|fine-?tuned) (with|using|on)|our training (code|script))\b",
    re.I,
)
README = re.compile(r"^readme([._-][a-z]{2}([_-][a-z]{2})?)?\.(md|markdown|rst|txt)$", re.I)


@dataclass(frozen=True)
class Release:
    """What the component rules know about the release as a whole."""

    names: frozenset[str]
    own_orgs: frozenset[str]
    vendored: tuple[str, ...] = ()
    finetune_demo: frozenset[str] = field(default_factory=frozenset)
    paths: frozenset[str] = field(default_factory=frozenset)
    code_dirs: frozenset[str] = field(default_factory=frozenset)
    mentioned: frozenset[str] = field(default_factory=frozenset)
    documents_data: bool = False
    # folders whose README says they hold evaluation material ("how we prepared the data
    # for evaluation"): their data is evaluation data, their links evaluation sets
    eval_dirs: frozenset[str] = field(default_factory=frozenset)

    def in_eval_dir(self, path: str) -> bool:
        """``path`` lies in a folder whose README describes evaluation material."""
        folder = posixpath.dirname(path)
        while folder:
            if folder in self.eval_dirs:
                return True
            folder = posixpath.dirname(folder)
        return False

    def role(self, path: str) -> str:
        """own, vendored, test, demo (downstream material) for a file or document path."""
        if VENDORED.search(path) or path.startswith(self.vendored):
            return "vendored"
        if TESTS.search(path):
            return "test"
        if DEMO.search(path) or path.split("/", 1)[0] in self.finetune_demo:
            return "demo"
        return "own"

    def tool_doc(self, path: str) -> bool:
        """A document beside code (a tool's README): it documents the tool, not the release."""
        folder = posixpath.dirname(path)
        return bool(folder) and folder in self.code_dirs

    def is_root_doc(self, path: str) -> bool:
        """A top-level README (or translation) or a model card: speaks for the release."""
        base = posixpath.basename(path)
        return "/" not in path and bool(README.match(base))


def _names(evidence: Evidence, name: str) -> frozenset[str]:
    found = {name.lower()} if name else set()
    if "__" in name:  # owner__repo folders (the corpus's and some mirrors' convention)
        found.add(name.rsplit("__", 1)[-1].lower())
    return frozenset(n for n in found if n)


def _own_orgs(cards: tuple[Card, ...], names: frozenset[str]) -> frozenset[str]:
    """Hub organisations whose model repos the root documents link most: the publishers.

    An organisation counts with two or more distinct model repositories linked, or when
    its name or a model's name matches the release's name.
    """
    repos: dict[str, set[str]] = {}
    for card in cards:
        if "/" in card.path:
            continue
        for link in card.links:
            target = classify_url(link.url)
            if (
                target is None
                or target.kind not in ("hub-model", "hub-collection")
                or target.org is None
            ):
                continue
            repos.setdefault(target.org.lower(), set()).add(target.key)
    counts = Counter({org: len(keys) for org, keys in repos.items()})
    own = {org for org, n in counts.items() if n >= 2}
    for org, keys in repos.items():
        if any(n and (n in org or any(n.replace("_", "-") in k for k in keys)) for n in names):
            own.add(org)
    return frozenset(own)


def _finetune_demos(evidence: Evidence, cards: tuple[Card, ...]) -> frozenset[str]:
    """Top-level fine-tuning folders the docs do not say trained the release."""
    tops = {
        f.path.split("/", 1)[0]
        for f in evidence.files
        if "/" in f.path and FINETUNE_DIR.match(f.path)
    }
    demos = set()
    for top in tops:
        said = False
        for card in cards:
            for line in card.body.splitlines():
                if top in line and REPRODUCE.search(line):
                    said = True
                    break
        if not said:
            demos.add(top)
    return frozenset(demos)


def release_facts(evidence: Evidence, name: str = "") -> Release:
    """The release-level facts of ``evidence``."""
    names = _names(evidence, name or evidence.root.rstrip("/").rsplit("/", 1)[-1])
    cards = tuple(c for c in evidence.cards if not VENDORED.search(c.path))
    eval_dirs = _eval_dirs(cards)
    return Release(
        names=names,
        own_orgs=_own_orgs(cards, names),
        finetune_demo=_finetune_demos(evidence, cards),
        paths=frozenset(f.path for f in evidence.files),
        code_dirs=frozenset(
            posixpath.dirname(f.path)
            for f in evidence.files
            if f.path.endswith(".py") and "/" in f.path
        ),
        mentioned=_mentioned(evidence, cards),
        documents_data=any(
            c.kind == "dataset" and posixpath.dirname(c.path) not in eval_dirs for c in cards
        ),
        eval_dirs=eval_dirs,
    )


_EVAL_LEAD = re.compile(
    r"\b(?:for|of|in|on) (?:the |our )?evaluat\w*|\bevaluation (?:data|sets?|benchmarks?|"
    r"suites?|datasets?)\b",
    re.I,
)
_TRAIN_LEAD = re.compile(r"\btrain(?:ing)? (?:data|set|corpus)\b|\bpre-?train", re.I)


def _eval_dirs(cards: tuple[Card, ...]) -> frozenset[str]:
    """Folders whose README opens by saying it is about evaluation, not training data."""
    found = set()
    for card in cards:
        folder = posixpath.dirname(card.path)
        if not folder or not README.match(posixpath.basename(card.path)):
            continue
        lead = card.body.strip()[:600]
        if _EVAL_LEAD.search(lead) and not _TRAIN_LEAD.search(lead):
            found.add(folder)
    return frozenset(found)


def _mentioned(evidence: Evidence, cards: tuple[Card, ...]) -> frozenset[str]:
    """Base names of the release's files that its root documents name."""
    names = {posixpath.basename(f.path) for f in evidence.files}
    text = "\n".join(c.body for c in cards if "/" not in c.path)[:4_000_000]
    words = set(re.findall(r"[\w.-]+\.\w{2,8}", text))
    return frozenset(names & words)
