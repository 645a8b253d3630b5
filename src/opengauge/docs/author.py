"""Write a model card or datasheet pre-filled from the evidence (pure: returns a string).

Metadata goes through ``yaml.safe_dump`` so no card or file text can break the front
matter; the body is rendered by Jinja2 without HTML autoescaping (it is Markdown).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from opengauge import __version__
from opengauge.docs.blocks import State, content
from opengauge.docs.check import check_card
from opengauge.docs.metadata import eval_results
from opengauge.docs.tables import card_items
from opengauge.model import Card, Evidence

GAP = "[More Information Needed]"
MAX_COPY = 4000
_ARCH_KEYS = (
    "model_type",
    "hidden_size",
    "num_hidden_layers",
    "num_attention_heads",
    "intermediate_size",
    "vocab_size",
    "max_position_embeddings",
    "torch_dtype",
)


def _one_line(text: str, limit: int = 200) -> str:
    return " ".join(str(text).split())[:limit]


def _cell(value: Any) -> str:
    return _one_line(value, 80).replace("|", "\\|")


def parameters(evidence: Evidence) -> tuple[int | None, list[str]]:
    """Parameter count (largest total over one format, so copies are not added) and formats."""
    totals: dict[str, int] = {}
    for weight in evidence.weights:
        if weight.parameter_count:
            totals[weight.format] = totals.get(weight.format, 0) + weight.parameter_count
    formats = sorted({w.format for w in evidence.weights})
    return (max(totals.values()) if totals else None), formats


def front_matter(evidence: Evidence, card: Card | None, dataset: bool) -> dict[str, Any]:
    """Card metadata: the existing card's, completed with the licence found in the files."""
    meta: dict[str, Any] = dict(card.metadata) if card else {}
    if not meta.get("license"):
        ids = [m.id for m in evidence.licenses if m.id]
        if ids and ids[0].startswith("LicenseRef"):
            meta.update(license="other", license_name=ids[0])
        elif ids:
            meta["license"] = ids[0].lower()
    if not dataset and "model-index" in meta and eval_results(meta)[1]:
        del meta["model-index"]  # malformed: the check reports it; do not copy it
    return meta


def _details(evidence: Evidence, meta: dict[str, Any]) -> list[str]:
    count, formats = parameters(evidence)
    config = evidence.configs.get("config.json")
    arch = config.get("architectures") if isinstance(config, dict) else None
    model_type = _one_line(", ".join(map(str, arch))) if isinstance(arch, list) else GAP
    # identified licences only, by name: an unidentified statement ("open source") is no licence
    licenses = sorted({f"{m.name or m.id} ({m.path})" for m in evidence.licenses if m.id})
    return [
        f"- **Developed by:** {GAP}",
        f"- **Model type:** {model_type}",
        f"- **Parameters:** {f'{count:,}' if count else GAP}"
        + (f" ({', '.join(formats)})" if formats else ""),
        f"- **Language(s):** {_one_line(meta.get('language') or GAP)}",
        f"- **License:** {_one_line('; '.join(licenses) or meta.get('license') or GAP)}",
        f"- **Finetuned from model:** {_one_line(meta.get('base_model') or GAP)}",
    ]


def _prefill(item_id: str, evidence: Evidence, meta: dict[str, Any]) -> list[str]:
    if item_id == "model_details":
        return _details(evidence, meta)
    if item_id == "training_data" and meta.get("datasets"):
        names = meta["datasets"] if isinstance(meta["datasets"], list) else [meta["datasets"]]
        return [
            f"- [{_one_line(n)}](https://huggingface.co/datasets/{_one_line(n)})"
            for n in names[:200]
        ]
    if item_id == "quantitative_analyses":
        rows, _ = eval_results(meta)
        if rows:
            table = ["| task | dataset | metric | value | verified |", "|---|---|---|---|---|"]
            table += [
                f"| {_cell(r.task)} | {_cell(r.dataset)} | {_cell(r.metric)} | "
                f"{_cell(r.value)} | {_cell(r.verified)} |"
                for r in rows[:200]
            ]
            return table
    if item_id == "technical_specifications":
        config = evidence.configs.get("config.json")
        if isinstance(config, dict):
            found = [
                f"- **{key}:** {_one_line(config[key])}" for key in _ARCH_KEYS if key in config
            ]
            return found
    return []


def render_card(evidence: Evidence, dataset: bool = False, name: str = "") -> str:
    """The Markdown text of a new card for the target behind ``evidence``."""
    existing = (
        next((c for c in evidence.cards if c.kind == "dataset"), None)
        if dataset
        else evidence.model_card
    )
    meta = front_matter(evidence, existing, dataset)
    check = check_card(existing) if existing else None
    sections = []
    for spec in card_items("dataset" if dataset else "model"):
        lines = _prefill(spec.id, evidence, meta)
        result = (
            check.item(spec.id)
            if check and check.kind == ("dataset" if dataset else "model")
            else None
        )
        if result and result.state is State.FILLED and result.text and result.location:
            copied = content(result.text)[:MAX_COPY]
            lines += [
                "",
                f"<!-- from {result.location.path} line {result.location.line} -->",
                copied,
            ]
        sections.append(
            {
                "title": spec.standard("hf") or spec.title,
                "guidance": _one_line(spec.guidance or "Optional.", 400).replace("--", "- "),
                "body": "\n".join(lines).strip() or GAP,
            }
        )
    # Markdown, not HTML: no autoescaping; the YAML is dumped by yaml.safe_dump.
    env = Environment(
        loader=PackageLoader("opengauge.report", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701
    )
    template = env.get_template("card_dataset.md.j2" if dataset else "card_model.md.j2")
    title = re.sub(r"[\r\n#]+", " ", name or evidence.root.rstrip("/").split("/")[-1]).strip()
    kind = "Dataset Card" if dataset else "Model Card"
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) if meta else "{}\n"
    return template.render(
        front_matter=dumped,
        heading=f"{kind} for {title or 'this release'}",
        version=__version__,
        sections=sections,
    )
