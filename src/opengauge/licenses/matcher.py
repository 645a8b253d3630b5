"""Find the reference licences inside one text: exact → template → similarity → abstain.

A text may hold several licences (concatenations, NOTICE bundles, a licence with its
acceptable-use policy appended), so matching runs in rounds: each round finds the
best-supported reference among the tokens not yet explained, accepts it only if it
passes the tier's test, and marks its span as explained. Similarity must clear a
threshold, beat the runner-up by a margin or win on the text the two do not share,
and agree with the reference's version anchors; otherwise nothing is accepted. A
template or similarity match inside the region of a larger reference whose own text
is there too (MIT inside X11, a GPL notice inside the GPL's appendix) is left to the
larger one (``candidates.explained_better``). Notices match by template only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from opengauge.licenses import anchors, candidates, templates
from opengauge.licenses.candidates import THRESHOLD, Candidate
from opengauge.licenses.normalize import Tokens, shingles, text_hash, tokenize
from opengauge.licenses.reference import SHINGLE, Index, Reference, default_index, template_of

MAX_TOKENS = 250_000  # a longer text is matched on its first part only
MAX_ROUNDS = 8
MIN_RESIDUAL = 30


@dataclass(frozen=True)
class Hit:
    """One accepted reference, its token span and how it was matched."""

    ref: Reference
    start: int
    end: int
    method: str
    score: float
    note: str | None = None


@dataclass
class Result:
    """Hits, unexplained token runs and the best rejected candidate (for abstentions)."""

    tokens: Tokens
    hits: list[Hit] = field(default_factory=list)
    residual: list[tuple[int, int]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    truncated: bool = False


def match_text(text: str, index: Index | None = None) -> Result:
    """Match ``text`` against the reference index (the packaged one by default)."""
    index = index or default_index()
    toks = tokenize(text)
    result = Result(toks, truncated=len(toks) > MAX_TOKENS)
    if result.truncated:
        toks = Tokens(toks.words[:MAX_TOKENS], toks.lines[:MAX_TOKENS])
        result.tokens = toks
    if not toks.words:
        return result
    exact = index.by_digest.get(text_hash(tokenize(text, skip_copyright=True)))
    if exact is not None and not result.truncated:
        result.hits.append(Hit(index.references[exact], 0, len(toks), "exact", 1.0))
        return result
    grams = shingles(toks.words, SHINGLE)
    covered = [False] * len(toks.words)
    source = text.splitlines()
    for _ in range(MAX_ROUNDS):
        hit = _round(index, source, grams, covered, result)
        if hit is None:
            break
        result.hits.append(hit)
        for i in range(hit.start, min(hit.end, len(covered))):
            covered[i] = True
    _finish(result, covered)
    return result


def _round(
    index: Index, source: list[str], grams: list[int], covered: list[bool], result: Result
) -> Hit | None:
    toks = result.tokens
    found = candidates.find(index, grams, covered)
    if not found:
        return None
    for cand in found:
        candidates.region(cand, grams, covered)
    masked = tuple("\x00" if c else w for w, c in zip(toks.words, covered, strict=True))
    with_template = [(c, template_of(c.ref)) for c in found]
    by_size = sorted(
        ((c, t) for c, t in with_template if t is not None), key=lambda pair: -pair[1].size
    )
    for cand, template in by_size:
        span = templates.match(template, masked)
        if span is not None and not candidates.explained_better(cand, span, found, grams, covered):
            method = "notice" if cand.ref.kind == "notice" else "template"
            return Hit(cand.ref, span[0], span[1], method, 0.99)
    return _similarity(found, source, grams, covered, result)


def _similarity(
    found: list[Candidate],
    source: list[str],
    grams: list[int],
    covered: list[bool],
    result: Result,
) -> Hit | None:
    ranked = sorted(found, key=lambda c: (-c.dice, c.number))
    for cand in ranked:
        if cand.ref.kind == "notice":
            continue  # a notice is a few lines where one version number matters: template only
        if cand.dice < THRESHOLD:
            if not result.rejected:
                result.rejected.append(f"closest {cand.ref.id} at {cand.dice:.3f} < {THRESHOLD}")
            break
        if candidates.explained_better(cand, (cand.start, cand.end), ranked, grams, covered):
            result.rejected.append(f"{cand.ref.id} ({cand.dice:.3f}) is part of a larger text")
            continue
        region_text = _region_text(source, result.tokens, covered, cand)
        clash = anchors.conflict(cand.ref.anchors, anchors.extract(region_text))
        if clash:
            result.rejected.append(f"{cand.ref.id} ({cand.dice:.3f}) rejected: {clash}")
            continue
        verdict = candidates.beats_rivals(cand, ranked, grams, covered)
        if verdict is not None:
            result.rejected.append(f"{cand.ref.id} ({cand.dice:.3f}) rejected: {verdict}")
            continue
        return Hit(cand.ref, cand.start, cand.end, "similarity", round(cand.dice, 4))
    return None


def _region_text(source: list[str], toks: Tokens, covered: list[bool], cand: Candidate) -> str:
    """The source lines at the head of the region, for anchor extraction.

    The first shared shingle often comes after the title (the title is what differs),
    so the head reaches back up to three lines, never into text already explained.
    """
    first = toks.lines[cand.start]
    floor = 1
    for i in range(cand.start - 1, -1, -1):
        if covered[i]:
            floor = toks.lines[i] + 1
            break
    begin = max(floor, first - 3)
    return "\n".join(source[begin - 1 : first + 15])


def _split(lines: tuple[int, ...], lower: int, upper: int) -> int:
    """Where a short gap between two licences divides: at its widest run of blank lines."""
    best, where = -1, upper
    for i in range(max(lower, 1), upper + 1):
        if i >= len(lines):
            break
        jump = lines[i] - lines[i - 1]
        if jump > best:
            best, where = jump, i
    return where


def _finish(result: Result, covered: list[bool]) -> None:
    """Merge same-licence neighbours, absorb small gaps, list unexplained runs."""
    hits = sorted(result.hits, key=lambda h: h.start)
    merged: list[Hit] = []
    for hit in hits:
        if merged and merged[-1].ref.id == hit.ref.id and hit.start - merged[-1].end <= 300:
            last = merged[-1]
            merged[-1] = Hit(
                last.ref,
                last.start,
                max(last.end, hit.end),
                last.method,
                max(last.score, hit.score),
                last.note,
            )
        else:
            merged.append(hit)
    total = len(covered)
    lines = result.tokens.lines
    widened: list[Hit] = []
    for n, hit in enumerate(merged):
        lower = widened[-1].end if widened else 0
        upper = merged[n + 1].start if n + 1 < len(merged) else total
        start = hit.start
        if hit.start - lower <= MIN_RESIDUAL:
            start = lower if not widened else _split(lines, lower, hit.start)
            if widened:
                prev = widened[-1]
                widened[-1] = Hit(prev.ref, prev.start, start, prev.method, prev.score, prev.note)
        is_last = n + 1 == len(merged)
        end = upper if is_last and upper - hit.end <= MIN_RESIDUAL else hit.end
        while 0 < end < upper and lines[end] == lines[end - 1]:
            end += 1  # finish the line: a match never stops mid-line
        widened.append(Hit(hit.ref, start, min(end, total), hit.method, hit.score, hit.note))
    result.hits = widened
    explained = [False] * total
    for hit in widened:
        for i in range(hit.start, min(hit.end, total)):
            explained[i] = True
    run_start: int | None = None
    for i, done in enumerate([*explained, True]):
        if not done and run_start is None:
            run_start = i
        elif done and run_start is not None:
            if i - run_start >= MIN_RESIDUAL:
                result.residual.append((run_start, i))
            run_start = None
