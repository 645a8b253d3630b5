"""Keep huggingface_hub off the network and out of the user's home during tests.

huggingface_hub 2.4.0 reads its environment **once, at import** (``constants.py``):
``HF_ENDPOINT``, ``HF_HUB_OFFLINE``, ``HF_HUB_DISABLE_TELEMETRY``, ``HF_HUB_CACHE``,
``HF_TOKEN_PATH``... so setting env vars in a test is too late for this process (it
only helps subprocesses). ``hub_sandbox`` therefore patches the ``constants`` module
itself, and installs an HTTP client that refuses any host but loopback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import httpx2
import pytest
from huggingface_hub import HfFileSystem, constants, set_client_factory
from huggingface_hub import file_download as _file_download
from huggingface_hub import hf_api as _hf_api
from huggingface_hub.utils import _http

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class NetworkBlockedError(RuntimeError):
    """huggingface_hub tried to reach a host that is not loopback."""


def _loopback_only(request: httpx2.Request) -> None:
    if request.url.host not in LOOPBACK:
        raise NetworkBlockedError(
            f"blocked {request.method} {request.url}: tests must only talk to the fake hub "
            "(pass endpoint=hub.endpoint to HfApi / HfFileSystem / hf_hub_download)"
        )


def loopback_client_factory() -> httpx2.Client:
    """huggingface_hub's default client (its request hook, redirects) + a loopback guard.

    ``trust_env=False``: an HTTP(S)_PROXY in CI must not capture 127.0.0.1.
    """
    return httpx2.Client(
        event_hooks={"request": [_http.hf_request_event_hook, _loopback_only]},
        follow_redirects=True,
        timeout=httpx2.Timeout(30.0),
        trust_env=False,
    )


ENV_SET = {
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "HF_HUB_DISABLE_XET": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "HF_HUB_DISABLE_UPDATE_CHECK": "1",
    "HF_HUB_DISABLE_SYMLINKS_WARNING": "1",
    "HF_HUB_DISABLE_EXPERIMENTAL_WARNING": "1",
}
ENV_UNSET = (
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "HF_OIDC_RESOURCE",
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
    "HUGGINGFACE_CO_STAGING",
    "HF_DEBUG",
)


def _patch_constants(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    hub_cache = home / "hub"
    values: dict[str, object] = {
        # Offline mode must be OFF: it blocks every request, loopback included. The
        # loopback guard is what keeps tests off the network.
        "HF_HUB_OFFLINE": False,
        # Telemetry on means: the first request builds a user-agent that GETs
        # {ENDPOINT}/api/agent-harnesses (utils/_detect_agent.py) from huggingface.co.
        "HF_HUB_DISABLE_TELEMETRY": True,
        "HF_HUB_DISABLE_XET": True,
        "HF_HUB_DISABLE_IMPLICIT_TOKEN": True,  # never send a token stored on this machine
        "HF_HUB_DISABLE_PROGRESS_BARS": True,
        "HF_HUB_DISABLE_UPDATE_CHECK": True,
        "HF_HOME": str(home),
        "HF_HUB_CACHE": str(hub_cache),
        "HUGGINGFACE_HUB_CACHE": str(hub_cache),
        "HF_ASSETS_CACHE": str(home / "assets"),
        "HF_XET_CACHE": str(home / "xet"),
        "HF_TOKEN_PATH": str(home / "token"),
        "HF_STORED_TOKENS_PATH": str(home / "stored_tokens"),
        "AGENT_HARNESSES_PATH": str(home / ".agent_harnesses.json"),
    }
    for name, value in values.items():
        monkeypatch.setattr(constants, name, value)


def _patch_default_endpoint(monkeypatch: pytest.MonkeyPatch, endpoint: str) -> None:
    """Make code that does not pass ``endpoint=`` reach the fake hub (in-process only)."""
    monkeypatch.setattr(constants, "ENDPOINT", endpoint)
    template = endpoint + "/{repo_id}/resolve/{revision}/{filename}"
    monkeypatch.setattr(constants, "HUGGINGFACE_CO_URL_TEMPLATE", template)
    monkeypatch.setattr(_http, "_HUB_ORIGINS", _http._HUB_ORIGINS | {_http._url_origin(endpoint)})
    host = urlsplit(endpoint).hostname or ""
    monkeypatch.setattr(constants, "HF_URL_HOSTS", constants.HF_URL_HOSTS | {host})
    # The module-level HfApi behind huggingface_hub.model_info() & co. was built at import.
    monkeypatch.setattr(_hf_api.api, "endpoint", endpoint)


@contextmanager
def hub_sandbox(
    monkeypatch: pytest.MonkeyPatch, home: Path, *, default_endpoint: str | None = None
) -> Iterator[None]:
    """Isolate huggingface_hub for one test: env, import-time constants, HTTP client.

    ``home`` becomes HF_HOME (cache under ``home/hub``). With ``default_endpoint``,
    ``HfApi()``, ``hf_hub_download()`` and the top-level helpers use it when no
    ``endpoint=`` is passed (``HfFileSystem()`` too, via ``constants.ENDPOINT``).
    Subprocesses get the same through the environment (``HF_ENDPOINT`` etc.).
    """
    home.mkdir(parents=True, exist_ok=True)
    for name, value in ENV_SET.items():
        monkeypatch.setenv(name, value)
    for name in ENV_UNSET:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.setenv("HF_HUB_CACHE", str(home / "hub"))
    _patch_constants(monkeypatch, home)
    if default_endpoint is not None:
        monkeypatch.setenv("HF_ENDPOINT", default_endpoint)
        _patch_default_endpoint(monkeypatch, default_endpoint)
    set_client_factory(loopback_client_factory)  # also closes the current shared client
    HfFileSystem.clear_instance_cache()
    try:
        yield
    finally:
        set_client_factory(_http.default_client_factory)
        HfFileSystem.clear_instance_cache()


def record_backoff_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Replace huggingface_hub's retry sleeps by a recorder: returns the waits asked.

    ``http_backoff`` sleeps ``Retry-After + 1`` s after a 429 (or 1, 2, 4, 8, 8 s after
    5xx / network errors); ``http_get`` sleeps 1 s before resuming a broken download.
    """
    waits: list[float] = []
    sleep: Callable[[float], None] = waits.append
    fake_time = SimpleNamespace(sleep=sleep)
    monkeypatch.setattr(_http, "time", fake_time)
    monkeypatch.setattr(_file_download, "time", fake_time)
    return waits
