"""What a URL points at, from its host and path alone (pure, table-driven).

The words around a link decide *which* component it serves (``components.refs``);
this module only says what kind of thing sits at the other end: a Hub model repo, a
dataset, a paper, a blog post, a code repository, a downloadable file, a bucket, logs,
media. Each kind carries an identity key (``hf:org/name``, ``arxiv:2403.04652``) so
that the same artefact linked twice counts once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

WEIGHT_FILE = re.compile(
    r"\.(safetensors|gguf|ggml|pth|pt|bin|ckpt|h5|hdf5|npz|onnx|pkl|msgpack|tflite|mlmodel|"
    r"caffemodel|params|pdparams|keras)$"
)
DATA_FILE = re.compile(r"\.(jsonl|json|csv|tsv|parquet|arrow|txt|tfrecords?|zst|bz2|xz|idx)$")
ARCHIVE_FILE = re.compile(r"\.(zip|tar|tgz|tar\.gz|gz|7z)$")
MEDIA_FILE = re.compile(r"\.(png|jpe?g|gif|webp|svg|bmp|mp4|webm|mov|wav|mp3|flac|ogg|m4a)$")
DOC_FILE = re.compile(r"\.(pdf)$")

PAPER_HOSTS = re.compile(
    r"(^|\.)(arxiv\.org|aclanthology\.org|aclweb\.org|doi\.org|openreview\.net|neurips\.cc|"
    r"nips\.cc|papers\.nips\.cc|semanticscholar\.org|transacl\.org|springer\.com|"
    r"link\.springer\.com|dl\.acm\.org|ieeexplore\.ieee\.org|jmlr\.org|mlr\.press|"
    r"biorxiv\.org|medrxiv\.org|ssrn\.com|openaccess\.thecvf\.com|paperswithcode\.com|"
    r"aaai\.org|ijcai\.org|iclr\.cc|icml\.cc|researchgate\.net)$"
)
CODE_HOSTS = re.compile(r"(^|\.)(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitee\.com)$")
MODEL_HUBS = re.compile(r"(^|\.)(modelscope\.cn|wisemodel\.cn|openxlab\.org\.cn|ollama\.com)$")
DATA_HOSTS = re.compile(
    r"(^|\.)(kaggle\.com|zenodo\.org|data\.world|figshare\.com|dataverse\.\w+)$"
)
BUCKET_HOSTS = re.compile(
    r"(^|\.)(storage\.googleapis\.com|s3[.\-][\w.-]*amazonaws\.com|amazonaws\.com|"
    r"blob\.core\.windows\.net|r2\.cloudflarestorage\.com|r2\.dev|dl\.fbaipublicfiles\.com|"
    r"the-eye\.eu|mystic\.the-eye\.eu|cdn\.[\w.-]+|download\.[\w.-]+|files\.[\w.-]+|"
    r"huggingface\.co\.cn|oss-[\w-]+\.aliyuncs\.com|bj\.bcebos\.com|cloudfront\.net)$"
)
LOG_HOSTS = re.compile(r"(^|\.)(wandb\.ai|tensorboard\.dev|comet\.com|comet\.ml|neptune\.ai)$")
# tokenizer assets (GPT-2's vocab/merges, SentencePiece models): files a tokenizer loads,
# neither training data nor weights
TOKENIZER_FILE = re.compile(
    r"(^|/)([\w.-]*vocab\.(json|txt)|[\w.-]*merges\.txt|tokenizer(_config)?\.json|"
    r"(spiece|sentencepiece|tokenizer)\.model)$"
)
# package indexes and wheel mirrors: where software is installed from
PACKAGE_HOSTS = re.compile(
    r"(^|\.)(download\.pytorch\.org|pypi\.org|files\.pythonhosted\.org|"
    r"anaconda\.org|repo\.anaconda\.com|data\.pyg\.org)$"
)
MEDIA_HOSTS = re.compile(
    r"(^|\.)(user-images\.githubusercontent\.com|private-user-images\.githubusercontent\.com|"
    r"img\.shields\.io|shields\.io|badge\.fury\.io|youtube\.com|youtu\.be|imgur\.com|"
    r"i\.imgur\.com|colab\.research\.google\.com|discord\.gg|discord\.com|twitter\.com|x\.com)$"
)
BLOG_HOSTS = re.compile(
    r"(^|\.)(medium\.com|substack\.com|notion\.site|feishu\.cn|wordpress\.com)$"
)
HUB_RESERVED = {
    "docs", "blog", "learn", "models", "join", "login", "settings", "pricing", "api", "tasks",
    "chat", "posts", "organizations", "new", "enterprise", "welcome", "terms-of-service",
    "privacy", "search", "course", "hub", "transformers", "inference-endpoints", "papers",
    "collections", "datasets", "spaces",
}  # fmt: skip
ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?")


@dataclass(frozen=True)
class Target:
    """What a link points at.

    ``kind``: hub-model, hub-dataset, hub-space, hub-collection, hub-org, paper, blog, code,
    weights-file, data-file, archive-file, bucket, logs, media, document, site.
    ``key`` identifies the artefact (two links with one key are one artefact); ``org`` is
    the Hub organisation or code owner; ``revision`` a branch or commit named in the URL.
    """

    kind: str
    key: str
    host: str
    org: str | None = None
    name: str | None = None
    revision: str | None = None


def _segments(path: str) -> list[str]:
    return [unquote(s) for s in path.split("/") if s]


def _hub(parts: list[str], query: str, host: str) -> Target:
    revisions = parse_qs(query).get("revision") or []
    revision = revisions[0] if revisions else None
    if not parts:
        return Target("site", host, host)
    head = parts[0].lower()
    if head in ("datasets", "spaces") and len(parts) >= 3:
        org, name = parts[1], parts[2]
        kind = "hub-dataset" if head == "datasets" else "hub-space"
        return Target(
            kind,
            f"hf:{head}/{org}/{name}".lower(),
            host,
            org,
            name,
            _revision(parts[3:]) or revision,
        )
    if head == "datasets" and len(parts) == 2:
        return Target("hub-org", f"hf:{parts[1]}".lower(), host, parts[1])
    if head == "collections" and len(parts) >= 2:
        return Target(
            "hub-collection", "hf:collections/" + "/".join(parts[1:3]).lower(), host, parts[1]
        )
    if head == "papers" and len(parts) >= 2 and ARXIV_ID.fullmatch(parts[1]):
        return Target("paper", f"arxiv:{parts[1]}", host)
    if head in HUB_RESERVED:
        return Target("site", f"hf:{head}", host)
    if len(parts) == 1:
        return Target("hub-org", f"hf:{parts[0]}".lower(), host, parts[0])
    org, name = parts[0], parts[1]
    rest = parts[2:]
    if rest[:1] in (["resolve"], ["blob"]) and len(rest) >= 3:
        filename = rest[-1].lower()
        if WEIGHT_FILE.search(filename):
            return Target(
                "weights-file",
                f"hf:{org}/{name}/{filename}".lower(),
                host,
                org,
                name,
                _revision(rest),
            )
    return Target(
        "hub-model", f"hf:{org}/{name}".lower(), host, org, name, _revision(rest) or revision
    )


def _revision(rest: list[str]) -> str | None:
    """The branch named by ``/tree/<branch>`` (or ``/commit/<sha>``), if any."""
    if len(rest) >= 2 and rest[0] in ("tree", "commit", "blob", "resolve"):
        branch = rest[1]
        return None if branch in ("main", "master") else branch
    return None


def _paper_key(host: str, path: str) -> str:
    match = ARXIV_ID.search(path) if "arxiv" in host else None
    if match:
        return f"arxiv:{match.group(1)}"
    return f"paper:{host}{path.rstrip('/').removesuffix('.pdf')}".lower()


def classify_url(url: str) -> Target | None:
    """What ``url`` points at; None for URLs that cannot be parsed or hold no artefact."""
    if url.lower().startswith("magnet:"):
        return Target("torrent", url[:120].lower(), "magnet")
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path
    lower = path.lower()
    if scheme in ("s3", "gs", "gcs", "az", "abfs", "r2"):
        return Target("bucket", f"{scheme}://{host}{lower}".rstrip("/"), host or scheme)
    if scheme not in ("http", "https") or not host:
        return None
    if host in ("huggingface.co", "hf.co"):
        return _hub(_segments(path), parts.query, "huggingface.co")
    if host.endswith(".huggingface.co"):
        # discuss., status., cdn-lfs. ...: the forum, status page or file CDN, never a repo
        return Target("site", host, host)
    if MODEL_HUBS.search(host):
        segs = [s for s in _segments(path) if s.lower() not in ("models", "model")]
        if len(segs) >= 2:
            return Target(
                "hub-model", f"{host}:{segs[0]}/{segs[1]}".lower(), host, segs[0], segs[1]
            )
        return Target("site", host, host)
    if PAPER_HOSTS.search(host):
        return Target("paper", _paper_key(host, lower), host)
    if PACKAGE_HOSTS.search(host) or "/whl/" in f"{lower}/":
        return Target("package-index", f"{host}{lower}".rstrip("/"), host)
    if TOKENIZER_FILE.search(lower):
        return Target("tokenizer-file", f"{host}{lower}", host)
    if (
        MEDIA_HOSTS.search(host)
        or MEDIA_FILE.search(lower)
        or "/user-attachments/" in lower
        or (host == "zenodo.org" and lower.startswith("/badge/"))
    ):
        return Target("media", f"{host}{lower}", host)
    if LOG_HOSTS.search(host):
        segs = _segments(path)
        if host == "wandb.ai" and (len(segs) < 2 or segs[0] in ("site", "authorize", "login")):
            return Target("site", host, host)
        return Target("logs", f"{host}{lower}".rstrip("/"), host)
    if WEIGHT_FILE.search(lower):
        return Target("weights-file", f"{host}{lower}", host)
    if CODE_HOSTS.search(host) or host == "raw.githubusercontent.com":
        segs = _segments(path)
        if "releases" in segs and "download" in segs and len(segs) >= 5:
            kind = "archive-file" if ARCHIVE_FILE.search(lower) else "data-file"
            return Target(kind, f"{host}{lower}", host, segs[0])
        if len(segs) >= 3 and segs[2] in (
            "issues",
            "pull",
            "pulls",
            "discussions",
            "commit",
            "compare",
            "actions",
            "wiki",
            "releases",
        ):
            return Target("discussion", f"{host}{lower}", host, segs[0], segs[1])
        if len(segs) >= 2:
            owner, repo = segs[0], segs[1].removesuffix(".git")
            return Target("code", f"git:{host}/{owner}/{repo}".lower(), host, owner, repo)
        return Target("site", host, host)
    if ARCHIVE_FILE.search(lower):
        return Target("archive-file", f"{host}{lower}", host)
    if (DATA_FILE.search(lower) and not lower.endswith((".txt", ".json"))) or (
        DATA_FILE.search(lower)
        and (
            BUCKET_HOSTS.search(host)
            or DATA_HOSTS.search(host)
            or "data" in lower
            or "dev" in lower
            or "train" in lower
        )
    ):
        return Target("data-file", f"{host}{lower}", host)
    if DATA_HOSTS.search(host):
        return Target("dataset-page", f"{host}{lower}".rstrip("/"), host)
    if BUCKET_HOSTS.search(host):
        return Target("bucket", f"{host}{lower}".rstrip("/"), host)
    if DOC_FILE.search(lower):
        return Target("document", f"{host}{lower}", host)
    if (
        BLOG_HOSTS.search(host)
        or host.startswith("blog.")
        or "/blog" in lower
        or re.search(r"/20\d\d/\d\d/", lower)
        or "/news/" in lower
        or "/posts/" in lower
    ):
        return Target("blog", f"{host}{lower}".rstrip("/"), host)
    return Target("site", f"{host}{lower}".rstrip("/"), host)
