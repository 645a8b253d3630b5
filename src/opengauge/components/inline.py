"""Components a document holds inside itself (pure).

A README that documents the model is the model card; a results table or an evaluation
chart is the evaluation results; a section that describes the training data (sources,
sizes, filtering) is data information; example responses and output images are sample
outputs; a usage snippet is inference code. Only documents that speak for the release
count (not vendored projects, tests or demos).
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse

from opengauge.components.links import MEDIA_FILE
from opengauge.components.release import Release
from opengauge.model import Card, Component, Placement, Section

C = Component

MODEL_SECTIONS = (
    re.compile(
        r"\b(model|models)\b.*\b(overview|details?|description|introduction|list|info|"
        r"card|zoo|summary|architecture|variants?|weights)\b|\b(overview|introduction) "
        r"(of|to) [\w -]{1,40}models?\b|\b(pre-?trained|released?) models?\b|"
        r"\b(checkpoints?|weights)\b|^models?$",
        re.I,
    ),
    re.compile(r"\b(evaluation|results?|benchmarks?|performance|leaderboard|metrics)\b", re.I),
    re.compile(
        r"\b(limitations?|bias|risks?|disclaimer|ethic\w*|intended use|uses|out-of-scope|"
        r"misuse|safety|broader (implications|impact))\b",
        re.I,
    ),
    re.compile(
        r"\b(training data|pre-?training data|datasets?|data (collection|sources?)|"
        r"training (details|procedure|setup))\b",
        re.I,
    ),
)
# Headings that tell the reader what to do are instructions, not descriptions of a model.
INSTRUCTION = re.compile(
    r"^(how to|to |install|setting up|steps?\b|\d+[.)] )|\bhow to\b|"
    r"^(training|fine-?tuning|finetuning|pre-?training|launch|running|run)\b",
    re.I,
)
LIBRARY_SECTIONS = (
    re.compile(r"\b(install\w*|setup|requirements|dependenc\w*)\b", re.I),
    re.compile(r"\b(contribut\w*|maintainers|community)\b", re.I),
    re.compile(
        r"\b(directory|project structure|repo(sitory)? structure|codebase|"
        r"table of contents|contents)\b",
        re.I,
    ),
    re.compile(
        r"\b(features|docker|containers?|packaging|developing|development|testing|"
        r"tests|changelog|roadmap|troubleshooting)\b",
        re.I,
    ),
    re.compile(r"\b(serv(ing|er)|integrations?|arena|rest api|sdk|plugins?)\b", re.I),
    re.compile(
        r"\b(configuration|launch\w*|multi-node|distributed|profiling|monitoring|"
        r"logging|administrative|environment)\b",
        re.I,
    ),
)
EVAL_HEADINGS = re.compile(
    r"\b(evaluation|results?|benchmarks?|performance|metrics|scores?|"
    r"leaderboard|accuracy)\b",
    re.I,
)
EVAL_NOT = re.compile(
    r"\b(evaluating|how to evaluate|run(ning)? (the )?evaluation|limitations?|"
    r"evaluation (code|scripts?|harness|setup))\b",
    re.I,
)
DATA_HEADINGS = re.compile(
    r"\b(training data|pre-?training data|datasets?|data|data collection|"
    r"data sources?|corpus|data card|data statement)\b",
    re.I,
)
DATA_NOT = re.compile(
    r"\b(access|handling|loading|loader|format|download\w*|usage|"
    r"preprocessing code|generating your own)\b",
    re.I,
)
DATA_FACTS = re.compile(
    r"(\d[\d,.]*\s*(billion|million|thousand|[bmkt])?\s*(tokens|images|documents|examples|"
    r"conversations|samples|pairs|hours|masks|instructions|rows|words|languages)|"
    r"\b(collected|sourced|sources|filter(ed|ing)|dedup\w*|crawl\w*|scraped|curated|"
    r"mixture|composed of|consists? of|comprises|annotat\w*|licen[cs]e[ds]? under|pii)\b)",
    re.I,
)
# How a section that describes training data reads: what was used, collected, filtered.
DESCRIBES = re.compile(
    r"\b(we (use|used|collect(ed)?|gather(ed)?|curat(e|ed)|filter(ed)?|built|train(ed)? on|"
    r"sample(d)?)|(was|were|is|are|been|being) (trained|collected|gathered|curated|filtered|"
    r"sourced|built|constructed|created|composed|derived|drawn|obtained|scraped|crawled|"
    r"deduplicated|annotated)|trained on|consists? of|comprises?|composed of|mixture of|"
    r"sourced from|collected from|derived from|drawn from|"
    r"(?:data|datasets?|corpus|corpora) used (?:in|for|to)\b)\b",
    re.I,
)
OUTPUT_HEADINGS = re.compile(
    r"\b(examples? (outputs?|results?|responses?|generations?)|"
    r"sample (outputs?|generations?)|demo results?|showcase|gallery|"
    r"examples? of (outputs?|generations?))\b",
    re.I,
)
OUTPUT_IMAGES = re.compile(
    r"(sample|example|output|generat|chat|mask|result|gallery|"
    r"showcase|right|wrong|response|turbo|tile)",
    re.I,
)
EVAL_IMAGES = re.compile(
    r"(eval|benchmark|score|leaderboard|accuracy|acc[-_]|zeroshot|"
    r"zero[-_]shot|win[-_]?rate|comparison|perf)",
    re.I,
)
NOT_OUTPUT_IMAGES = re.compile(
    r"(logo|arch|diagram|framework|overview|pipeline|structure|"
    r"formula|loss|[-_]lr|badge|icon|banner|qr|wechat|star|slack|"
    r"discord|\.svg)",
    re.I,
)
OUTPUT_LINES = re.compile(
    r"(#\s*(model )?(response|output|prints?|answer|result)\s*:|"
    r"^\s*(output|response|assistant|answer)\s*[:：]\s*\S|"
    r"#\s*(=>|->)\s*\S|#\s*\[\[)",
    re.I,
)
USAGE_HEADINGS = re.compile(
    r"\b(usage|how to use|how to get started|quick ?start|inference|"
    r"getting started|loading|use (the|our) models?|demo|code|"
    r"run(ning)?)\b",
    re.I,
)
MODEL_CALLS = re.compile(
    r"(from_pretrained|\.generate\(|pipeline\(|\.encode\(|\.predict\(|"
    r"model\(|create_model|load_model|chat\()"
)
TABLE_ROW = re.compile(r"^\s*\|.*\d.*\|\s*$", re.M)
MODEL_DOC_NAMES = re.compile(r"(model|pretrained|card|weights|checkpoints)", re.I)


def _table_rows(text: str) -> int:
    return len(TABLE_ROW.findall(text))


def documents_model(card: Card) -> tuple[bool, str]:
    """Whether a README or document is a model card, and why.

    A model card names the model's details, results, limitations or training data in its
    headings (two kinds at least) more than it documents a codebase (installation,
    contributing, project structure). Hub card metadata or a model-card file name decide
    at once.
    """
    if card.kind == "dataset":
        return False, "dataset card"
    if card.kind == "model" and "card" in card.path.lower():  # also model_cards/<model>.md
        return True, "model card file"
    if {"license", "tags", "pipeline_tag", "model-index", "base_model"} & set(card.metadata):
        return True, "Hugging Face card front matter (" + ", ".join(sorted(card.metadata)[:5]) + ")"
    titles = [s.title for s in card.sections if s.level <= 3]
    described = [t for t in titles if not INSTRUCTION.search(t)]
    kinds = {i for t in described for i, pattern in enumerate(MODEL_SECTIONS) if pattern.search(t)}
    library = {i for t in titles for i, pattern in enumerate(LIBRARY_SECTIONS) if pattern.search(t)}
    if len(kinds) >= 2 and len(kinds) >= len(library):
        shown = sorted({t for t in described if any(p.search(t) for p in MODEL_SECTIONS)})[:5]
        return True, "documents the model (sections: " + "; ".join(shown) + ")"
    return False, "documents a codebase, not a model" if library else "no model-card sections"


def _speaks_for_release(card: Card, release: Release) -> bool:
    """Root documents, docs/ and project write-ups; not the README of a tool beside code."""
    return release.role(card.path) == "own" and not release.tool_doc(card.path)


def _model_card(card: Card) -> list[Placement]:
    base = posixpath.basename(card.path)
    if (
        (card.kind in ("model", "readme") and "/" not in card.path)
        or card.kind == "model"
        or MODEL_DOC_NAMES.search(base)
        or card.metadata
    ):
        ok, why = documents_model(card)
        if ok:
            return [Placement(card.path, C.MODEL_CARD, why)]
    return []


def _with_children(card: Card, index: int, lines: list[str]) -> str:
    """A section's text with its subsections (up to the next heading of its level)."""
    section = card.sections[index]
    end = next((s.line for s in card.sections[index + 1 :] if s.level <= section.level), None)
    start = section.line - card.body_start_line + 1
    stop = (end - card.body_start_line) if end is not None else len(lines)
    return "\n".join(lines[start : min(stop, start + 2000)])


def _sections(card: Card) -> list[Placement]:
    found: list[Placement] = []
    lines = card.body.splitlines()
    for index, section in enumerate(card.sections):
        title, line = section.title, section.line
        text = _with_children(card, index, lines)
        where = f"section '{title}' (line {line})"
        if (
            EVAL_HEADINGS.search(title)
            and not EVAL_NOT.search(title)
            and (_table_rows(text) >= 3 or _has_image(text))
        ):
            found.append(Placement(card.path, C.EVALUATION_RESULTS, f"{where} reports results"))
        elif _scored_table(section.text):
            found.append(
                Placement(card.path, C.EVALUATION_RESULTS, f"{where} holds a table of scores")
            )
        if (
            DATA_HEADINGS.search(title)
            and not DATA_NOT.search(title)
            and len(section.text.split()) >= 30
            and DESCRIBES.search(section.text)
        ):
            found.append(Placement(card.path, C.DATA_CARD, f"{where} describes the training data"))
        if OUTPUT_HEADINGS.search(title) and len(text.split()) >= 10:
            found.append(Placement(card.path, C.SAMPLE_MODEL_OUTPUTS, f"{where} shows outputs"))
        if USAGE_HEADINGS.search(title) and _usage_code(section, lines, card):
            found.append(Placement(card.path, C.INFERENCE_CODE, f"usage code in {where}"))
    return found


SCORES_LEAD = re.compile(
    r"\b(scores?|results?|accuracy|perplexity|performance|win[- ]?rates?)"
    r"\b[^.\n]{0,80}\b(on|of|for|in)\b",
    re.I,
)


def _scored_table(text: str) -> bool:
    """A results table announced by its lead-in ("the GLUE scores on the test set:")."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if SCORES_LEAD.search(line) and line.rstrip().endswith(":"):
            following = "\n".join(lines[index + 1 : index + 30])
            if _table_rows(following) >= 3:
                return True
    return False


def _distinct(pattern: re.Pattern[str], text: str) -> int:
    """How many different words of ``pattern`` the text uses."""
    return len({m.group(0).lower() for m in pattern.finditer(text)})


def _has_image(text: str) -> bool:
    return bool(re.search(r"!\[[^\]]*\]\([^)]+\)|<img\b", text, re.I))


def _usage_code(section: Section, lines: list[str], card: Card) -> bool:
    start = section.line - card.body_start_line
    body = "\n".join(lines[start : start + 200])
    return "```" in body and bool(MODEL_CALLS.search(body))


def _outputs(card: Card, release: Release) -> list[Placement]:
    """Output images embedded in the document and printed outputs in its examples."""
    found: list[Placement] = []
    for link in card.links:
        if not link.image:
            continue
        name = posixpath.basename(link.url.split("?", 1)[0])
        label = f"{name} {link.text}"
        if not MEDIA_FILE.search(name.lower()) and "user-attachments" not in link.url:
            continue
        # the image itself is the artefact when the release holds it
        shown = _image_in_release(card.path, link.url, release)
        where = card.path if shown is None else shown
        place = f"(line {link.line})" if shown is None else f"(shown at {card.path}:{link.line})"
        if EVAL_IMAGES.search(label):
            found.append(Placement(where, C.EVALUATION_RESULTS, f"chart of results {name} {place}"))
        elif OUTPUT_IMAGES.search(label) and not NOT_OUTPUT_IMAGES.search(label):
            found.append(
                Placement(where, C.SAMPLE_MODEL_OUTPUTS, f"image of model outputs {name} {place}")
            )
    lines = card.body.splitlines()
    for index, text in enumerate(lines):
        if OUTPUT_LINES.search(text) or (PRINTED.search(text) and _printed_text(lines, index)):
            found.append(
                Placement(
                    card.path,
                    C.SAMPLE_MODEL_OUTPUTS,
                    f"example output (line {card.body_start_line + index})",
                )
            )
            break
    return found


_OWN_FILE_URL = re.compile(
    r"^https?://(?:github\.com|raw\.githubusercontent\.com)/[^/]+/[^/]+/"
    r"(?:(?:raw|blob)/)?[^/]+/(?P<path>[^?#]+)"
)


def _image_in_release(document: str, url: str, release: Release) -> str | None:
    """The release's path of an image a document shows: a relative link ("assets/x.png",
    "./assets/x.png", "../x.png") or a GitHub raw/blob link whose path the release holds."""
    target = url.split("#", 1)[0].split("?", 1)[0].strip()
    if not target or target.startswith("data:"):
        return None
    own = _OWN_FILE_URL.match(target)
    if own:
        candidate = own.group("path")
    elif "://" in target or target.startswith("//"):
        return None
    elif target.startswith("/"):  # GitHub renders "/x.png" from the repository root
        candidate = posixpath.normpath(target.lstrip("/"))
    else:
        candidate = posixpath.normpath(posixpath.join(posixpath.dirname(document), target))
    candidate = urllib.parse.unquote(candidate)
    return candidate if candidate in release.paths else None


PRINTED = re.compile(
    r"print\(\s*(response|output|answer|result|generated\w*|completion|"
    r"outputs?\[0\]|text)\s*\)"
)
CODE_LIKE = re.compile(r"^\s*(>>|>>>|\$|#|import |from |\w+\s*=|\w+\(|```|\}|\{|\)|\])")


def _printed_text(lines: list[str], index: int) -> bool:
    """A line of prose printed right after ``print(response)``: the model's answer."""
    fenced = False
    for text in lines[index + 1 : index + 5]:
        if text.lstrip().startswith(("```", "~~~")):
            fenced = True  # the block ends: the answer may follow, as a paragraph
            continue
        if fenced and re.match(r"\s*(?:[-*+]\s|\d+[.)]\s|#)", text):
            return False  # a list or a heading after the block: the README goes on
        if text.strip() and not CODE_LIKE.match(text):
            return len(text.split()) >= 4
    return False


def in_document(card: Card, release: Release) -> list[Placement]:
    """Components the document ``card`` holds, each with where and why."""
    if not _speaks_for_release(card, release):
        return []
    found = _model_card(card)
    if card.kind == "doc":  # other documents: only one that is the model card counts
        return found
    found.extend(_sections(card))
    found.extend(_outputs(card, release))
    results = _model_index_results(card)
    if results:
        found.append(
            Placement(
                card.path,
                C.EVALUATION_RESULTS,
                f"model-index metadata carries {results} metric values",
            )
        )
    return found


def _model_index_results(card: Card) -> int:
    total = 0
    entries = card.metadata.get("model-index")
    if not isinstance(entries, list):
        return 0
    for entry in entries[:100]:
        results = entry.get("results") if isinstance(entry, dict) else None
        for result in results[:1000] if isinstance(results, list) else []:
            metrics = result.get("metrics") if isinstance(result, dict) else None
            if isinstance(metrics, list):
                total += sum(1 for m in metrics[:1000] if isinstance(m, dict) and "value" in m)
    return total
