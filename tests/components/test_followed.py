"""Which followed place a reference names, and what a verdict says of it."""

from __future__ import annotations

import pytest

from opengauge.components.followed import (
    LINKED,
    UNREACHABLE,
    VERIFIED,
    attach,
    follow_key,
    followed_counts,
    shown_reference,
    state_text,
)
from opengauge.model import Component, ComponentResult, ComponentState, FollowedLink, Reference
from opengauge.model.common import Location

SHA = "0123456789abcdef" * 2 + "01234567"


@pytest.mark.parametrize(
    ("target", "key"),
    [
        ("https://huggingface.co/org/weights", "hf://org/weights"),
        ("https://huggingface.co/org/weights/tree/v1.0", "hf://org/weights@v1.0"),
        ("https://huggingface.co/datasets/org/data", "hf://datasets/org/data"),
        ("hf://datasets/org/data", "hf://datasets/org/data"),
        ("https://arxiv.org/abs/2403.04652", "arxiv:2403.04652"),
        ("https://modelscope.cn/models/org/weights", None),  # not the Hugging Face Hub
        ("https://github.com/org/code", None),
        ("https://huggingface.co/org", None),
        ("hf://../x", None),
        ("not a url", None),
    ],
)
def test_follow_key(target: str, key: str | None) -> None:
    assert follow_key(target) == key


def _result(*targets: str) -> ComponentResult:
    refs = tuple(
        Reference(Component.MODEL_PARAMETERS_FINAL, t, "linked", Location("README.md", line=3))
        for t in targets
    )
    return ComponentResult(
        Component.MODEL_PARAMETERS_FINAL, ComponentState.REFERENCED, references=refs
    )


def test_references_carry_what_following_found() -> None:
    verified = FollowedLink(
        "hf://org/weights", "link", VERIFIED, revision=SHA, licence=("apache-2.0",), gated=True
    )
    gone = FollowedLink("hf://datasets/org/gone", "link", UNREACHABLE, detail="not found")
    paper = FollowedLink("arxiv:2403.04652", "link", LINKED, detail="arXiv paper, cited by id only")
    (result,) = attach(
        [
            _result(
                "https://github.com/org/code",
                "https://huggingface.co/datasets/org/gone",
                "https://huggingface.co/ORG/weights",
                "https://arxiv.org/abs/2403.04652",
            )
        ],
        [verified, gone, paper],
    )
    code, missing, weights, cited = result.references
    assert code.verification is None and state_text(code) == "not inspected"
    assert weights.verification == verified  # ids compare without case, as on the Hub
    assert state_text(weights) == f"verified on the Hub at {SHA[:12]}, licence apache-2.0; gated"
    assert state_text(missing) == "not reachable (not found)"
    assert state_text(cited) == "linked only (arXiv paper, cited by id only)"
    assert shown_reference(result) == missing  # the first followed one
    assert followed_counts(result) == "1 verified on the Hub, 1 not reachable, 1 linked only"


def test_nothing_followed_changes_nothing() -> None:
    result = _result("https://huggingface.co/org/weights")
    assert attach([result], []) == (result,)
    assert shown_reference(result) == result.references[0]
    assert followed_counts(result) == ""
    assert shown_reference(_result()) is None
