from __future__ import annotations

import pytest

from opengauge.components.links import classify_url


@pytest.mark.parametrize(
    ("url", "kind", "key"),
    [
        ("https://huggingface.co/01-ai/Yi-34B-Chat", "hub-model", "hf:01-ai/yi-34b-chat"),
        ("https://hf.co/org/name/tree/step-1000", "hub-model", "hf:org/name"),
        (
            "https://huggingface.co/datasets/allenai/dolma",
            "hub-dataset",
            "hf:datasets/allenai/dolma",
        ),
        ("https://huggingface.co/spaces/lmsys/mt-bench", "hub-space", "hf:spaces/lmsys/mt-bench"),
        (
            "https://huggingface.co/collections/ibm-granite/granite-code-models-66",
            "hub-collection",
            "hf:collections/ibm-granite/granite-code-models-66",
        ),
        ("https://huggingface.co/papers/2403.04652", "paper", "arxiv:2403.04652"),
        ("https://huggingface.co/docs/transformers/index", "site", "hf:docs"),
        ("https://huggingface.co/BlinkDL", "hub-org", "hf:blinkdl"),
        (  # a wheel index is where software comes from, not data
            "https://download.pytorch.org/whl/cu121",
            "package-index",
            "download.pytorch.org/whl/cu121",
        ),
        (  # GPT-2's tokenizer files are not training data
            "https://s3.amazonaws.com/models.huggingface.co/bert/gpt2-vocab.json",
            "tokenizer-file",
            "s3.amazonaws.com/models.huggingface.co/bert/gpt2-vocab.json",
        ),
        (  # a DOI badge image, not a dataset
            "https://zenodo.org/badge/latestdoi/390536799",
            "media",
            "zenodo.org/badge/latestdoi/390536799",
        ),
        (  # the forum is not a model repository
            "https://discuss.huggingface.co/t/some-thread/1234",
            "site",
            "discuss.huggingface.co",
        ),
        ("https://arxiv.org/abs/2403.04652v2", "paper", "arxiv:2403.04652"),
        ("https://arxiv.org/pdf/2403.04652.pdf", "paper", "arxiv:2403.04652"),
        (
            "https://aclanthology.org/2020.acl-main.447/",
            "paper",
            "paper:aclanthology.org/2020.acl-main.447",
        ),
        (
            "https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h.pth",
            "weights-file",
            "dl.fbaipublicfiles.com/segment_anything/sam_vit_h.pth",
        ),
        (
            "https://storage.googleapis.com/bert_models/2018/uncased_L-12.zip",
            "archive-file",
            "storage.googleapis.com/bert_models/2018/uncased_l-12.zip",
        ),
        ("s3://contrastive/index", "bucket", "s3://contrastive/index"),
        ("magnet:?xt=urn:btih:abc", "torrent", "magnet:?xt=urn:btih:abc"),
        ("https://zenodo.org/records/123", "dataset-page", "zenodo.org/records/123"),
        ("https://wandb.ai/eleutherai/neox", "logs", "wandb.ai/eleutherai/neox"),
        ("https://wandb.ai/site", "site", "wandb.ai"),
        ("https://github.com/young-geng/EasyLM", "code", "git:github.com/young-geng/easylm"),
        (
            "https://github.com/huggingface/transformers/issues/24233",
            "discussion",
            "github.com/huggingface/transformers/issues/24233",
        ),
        (
            "https://user-images.githubusercontent.com/1/clip.webm",
            "media",
            "user-images.githubusercontent.com/1/clip.webm",
        ),
        ("https://www.mosaicml.com/blog/mpt-7b", "blog", "mosaicml.com/blog/mpt-7b"),
        (
            "https://crfm.stanford.edu/2023/03/13/alpaca.html",
            "blog",
            "crfm.stanford.edu/2023/03/13/alpaca.html",
        ),
        ("https://modelscope.cn/models/01ai/Yi-6B", "hub-model", "modelscope.cn:01ai/yi-6b"),
    ],
)
def test_classify_url(url: str, kind: str, key: str) -> None:
    target = classify_url(url)
    assert target is not None and (target.kind, target.key) == (kind, key)


def test_revisions_and_unparseable() -> None:
    blob = classify_url("https://huggingface.co/org/m/blob/main/model.safetensors")
    assert blob is not None and blob.kind == "weights-file" and blob.revision is None
    step = classify_url("https://huggingface.co/org/m/tree/step1000")
    assert step is not None and step.revision == "step1000"
    assert classify_url("http://[::1") is None
    assert classify_url("mailto:x@y.z") is None
