"""The Hugging Face card templates pinned in the package."""

from __future__ import annotations

import importlib.util

import pytest

from opengauge.docs import template
from opengauge.docs.tables import normalise


def test_templates_come_from_the_package_not_the_installed_hub(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    template.model_template.cache_clear()
    template.dataset_template.cache_clear()
    template.all_boilerplate.cache_clear()

    def no_hub(name: str, *args: object) -> None:
        raise AssertionError(f"looked up {name}")

    monkeypatch.setattr(importlib.util, "find_spec", no_hub)
    model, dataset = template.model_template(), template.dataset_template()
    assert (2, "Model Details") in model.headings
    assert (2, "Dataset Details") in dataset.headings
    assert not any("{{" in title for _, title in model.headings + dataset.headings)
    assert normalise("More Information Needed") in template.all_boilerplate()
