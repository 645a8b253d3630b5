"""Is a licence string open, and suited to a component's content type? MOT's test, and ours.

Two modes. ``strict_mot=True`` reproduces LicenseHandler at MOT 8b5d30e exactly: an exact,
case-sensitive SPDX id from its 2024 list, its quirks included. The default mode fixes the bugs
listed in docs/mof.md, reads SPDX expressions (AND: every term applies, the most restrictive
decides; OR: the licensee chooses, the most open decides) and unambiguous aliases.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from license_expression import ExpressionError, get_spdx_licensing

from opengauge.frameworks.mof.definition import MofDefinition, load_definition
from opengauge.model import ContentType

_MAX_EXPRESSION = 400  # characters; a longer licence string is judged as one opaque name
_OPERATOR = re.compile(r"\s(AND|OR|WITH)\s|[()]")


class LicenseStatus(StrEnum):
    """Outcome of the licence test for one component. Ordered from most to least open."""

    OPEN = "open"  # open and type-appropriate
    CONDITIONAL = (
        "conditional"  # open, but not the type-appropriate kind (e.g. Apache-2.0 on weights)
    )
    UNLICENSED = "unlicensed"  # included without any licence
    INVALID = "invalid"  # a licence that is not open, or a string that names no known licence
    NOT_INCLUDED = "not_included"  # a legacy placeholder saying the component is absent

    @property
    def rank(self) -> int:
        """0 for the most open outcome; higher is more restrictive."""
        return list(LicenseStatus).index(self)

    @property
    def counts(self) -> bool:
        """Whether a component with this outcome counts towards its class."""
        return self in (LicenseStatus.OPEN, LicenseStatus.CONDITIONAL)


@dataclass(frozen=True)
class LicenseVerdict:
    """The licence test's answer: status, the licence as given, how we read it, and why."""

    status: LicenseStatus
    license: str | None
    normalized: str | None
    reasons: tuple[str, ...] = ()


def _worst(verdicts: Sequence[LicenseVerdict]) -> LicenseVerdict:
    return max(verdicts, key=lambda v: v.status.rank)


def _best(verdicts: Sequence[LicenseVerdict]) -> LicenseVerdict:
    return min(verdicts, key=lambda v: v.status.rank)


def _data_text(name: str) -> str:
    return (resources.files("opengauge") / "data" / "mot" / name).read_text(encoding="utf-8")


def _read_json(name: str) -> Any:
    return json.loads(_data_text(name))


def _read_flags(name: str) -> dict[str, tuple[bool, bool]]:
    rows = csv.DictReader(_data_text(name).splitlines(), delimiter="\t")
    return {
        row["spdx_id"]: (row["osi_approved"] == "True", row["fsf_libre"] == "True") for row in rows
    }


def _types_of(row: dict[str, Any]) -> set[str]:
    value = row.get("ContentType")
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)} if value else set()


class LicensePolicy:
    """MOT's licence tables, replayed the way LicenseImporter builds them, plus our fixes."""

    def __init__(self, definition: MofDefinition, *, strict_mot: bool) -> None:
        policy = definition.licenses
        self.strict_mot = strict_mot
        self.unlicensed = str(policy["unlicensed"])
        rows: dict[str, dict[str, Any]] = {}
        types: dict[str, set[str]] = {}
        for row in _read_json(policy["spdx_list"])["licenses"]:
            rows[row["licenseId"]] = row
        merge = bool(policy["fixes"]["merge_duplicate_types"]) and not strict_mot
        for row in _read_json(policy["type_list"])["licenses"]:
            lid = row["licenseId"]
            rows[lid] = row  # later rows overwrite earlier ones, as MOT's importer does
            # MOT keeps only the last row's type (the CC0 / CC-PDDC collision); we merge.
            types[lid] = (types.get(lid, set()) if merge else set()) | _types_of(row)
        self.types = types
        self.open_ids: set[str] = {
            lid for lid, row in rows.items() if row.get("isOsiApproved") or row.get("isFsfLibre")
        }
        self.open_ids |= set(policy["open_data"]) | set(policy["open_other"])
        self.ids: frozenset[str] = frozenset(rows)
        self.known: dict[str, str] = {lid.casefold(): lid for lid in rows}
        self.aliases: dict[str, str] = {}
        self.placeholders: dict[str, LicenseStatus] = {}
        if not strict_mot:
            for lid, (osi, fsf) in _read_flags(policy["newer_spdx_flags"]).items():
                self.known.setdefault(lid.casefold(), lid)
                if lid not in rows and (osi or fsf):
                    self.open_ids.add(lid)
            self.open_ids |= set(policy["fixes"]["also_open"])
            self.aliases = {_squash(k): v for k, v in policy["aliases"].items()}
            for key in policy["placeholders"]["not_included"]:
                self.placeholders[_squash(key)] = LicenseStatus.NOT_INCLUDED
            for key in policy["placeholders"]["no_license"]:
                self.placeholders[_squash(key)] = LicenseStatus.UNLICENSED
        self.suggest = {k: tuple(v) for k, v in policy["suggest"].items()}

    # -- one licence string ------------------------------------------------------------------

    def judge(self, license: str | None, content_type: ContentType) -> LicenseVerdict:
        """Judge one licence string (an id, a name or an SPDX expression) for a content type."""
        if license is None or license == "" or license == self.unlicensed:
            return LicenseVerdict(LicenseStatus.UNLICENSED, license, None, ("no licence",))
        if self.strict_mot:
            return self._judge_id(license, content_type, license)
        text = " ".join(license.split())
        if not text or text.casefold() == self.unlicensed:
            return LicenseVerdict(LicenseStatus.UNLICENSED, license, None, ("no licence",))
        for prefix, status in self.placeholders.items():
            if _squash(text).startswith(prefix):
                why = (
                    "placeholder: component not included"
                    if status is LicenseStatus.NOT_INCLUDED
                    else "placeholder: no licence given"
                )
                return LicenseVerdict(status, license, None, (f"{license!r} is a {why}",))
        known = self.resolve_id(text)
        if known is not None:
            return self._judge_id(known, content_type, license)
        if len(text) <= _MAX_EXPRESSION and _OPERATOR.search(text):
            verdict = self._judge_expression(text, content_type, license)
            if verdict is not None:
                return verdict
        return LicenseVerdict(
            LicenseStatus.INVALID, license, None, (f"{license!r} is not a known SPDX licence id",)
        )

    def judge_all(self, licenses: Iterable[str], content_type: ContentType) -> LicenseVerdict:
        """Several licences govern one component: all apply, so the most restrictive decides."""
        verdicts = [self.judge(lic, content_type) for lic in licenses]
        if not verdicts:
            return self.judge(None, content_type)
        if len(verdicts) == 1:
            return verdicts[0]
        worst = _worst(verdicts)
        names = " AND ".join(v.normalized or repr(v.license) for v in verdicts)
        why = (f"several licences apply ({names}); the most restrictive decides", *worst.reasons)
        return LicenseVerdict(worst.status, worst.license, worst.normalized, why)

    def resolve_id(self, text: str) -> str | None:
        """The SPDX id ``text`` names: exact, case-insensitive, or an unambiguous alias."""
        if self.strict_mot:
            return text if text in self.ids else None
        return self.known.get(text.casefold()) or self.aliases.get(_squash(text))

    def suggestions(self, content_type: ContentType) -> tuple[str, ...]:
        """Licences to recommend for a content type: open and type-appropriate in this mode."""
        return tuple(
            lid
            for lid in self.suggest.get(content_type.value, ())
            if lid in self.open_ids and content_type.value in self.types.get(lid, set())
        )

    # -- internals ----------------------------------------------------------------------------

    def _judge_id(self, lid: str, content_type: ContentType, given: str) -> LicenseVerdict:
        reasons: list[str] = []
        if lid != given:
            reasons.append(f"{given!r} read as {lid} (not an exact SPDX id)")
        is_open = lid in self.open_ids
        if lid.startswith("LicenseRef-"):
            is_open = False
        suited = content_type.value in self.types.get(lid, set())
        if is_open and suited:
            return LicenseVerdict(LicenseStatus.OPEN, given, lid, tuple(reasons))
        if is_open:
            reasons.append(
                f"{lid} is open but not a type-appropriate licence for {content_type.value}"
            )
            return LicenseVerdict(LicenseStatus.CONDITIONAL, given, lid, tuple(reasons))
        if lid.casefold() in self.known:
            reasons.append(
                f"{lid} is not an open licence (not OSI-approved, FSF-libre or open data)"
            )
        else:
            reasons.append(f"{given!r} is not a known SPDX licence id")
        return LicenseVerdict(
            LicenseStatus.INVALID,
            given,
            lid if lid.casefold() in self.known else None,
            tuple(reasons),
        )

    def _judge_expression(
        self, text: str, content_type: ContentType, given: str
    ) -> LicenseVerdict | None:
        try:
            parsed = get_spdx_licensing().parse(text, validate=False, simple=False)
        except (ExpressionError, ValueError, TypeError, RecursionError):
            return None
        if parsed is None:
            return None
        verdict = self._walk(parsed, content_type)
        why = (
            f"{given!r} read as the SPDX expression {parsed.render('{symbol.key}')}",
            *verdict.reasons,
        )
        return LicenseVerdict(verdict.status, given, str(parsed.render("{symbol.key}")), why)

    def _walk(self, node: Any, content_type: ContentType) -> LicenseVerdict:
        operator = getattr(node, "operator", None)
        if operator is not None and getattr(node, "args", None):
            parts = [self._walk(arg, content_type) for arg in node.args]
            # AND: every term binds, the most restrictive decides. OR: the licensee picks.
            return _worst(parts) if operator.strip().upper() == "AND" else _best(parts)
        symbol = getattr(node, "license_symbol", node)  # WITH: the exception does not close it
        key = str(getattr(symbol, "key", node))
        lid = self.resolve_id(key) or key
        return self._judge_id(lid, content_type, key)


def _squash(text: str) -> str:
    return " ".join(text.casefold().split())


@cache
def load_policy(strict_mot: bool = False) -> LicensePolicy:
    """The packaged licence policy for one mode (built once)."""
    return LicensePolicy(load_definition(), strict_mot=strict_mot)
