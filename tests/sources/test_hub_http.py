"""HTTP to the Hub: exact ranges or a refusal, the token kept on the Hub, bounded retries."""

from __future__ import annotations

import email.utils
import gzip
import time
from collections.abc import Callable, Iterator

import httpx2
import pytest
from huggingface_hub import constants, set_client_factory
from huggingface_hub.utils import _http

from opengauge.sources.hub_http import ContentError, HubBusyError, HubHttp, retry_after


def test_retry_after_in_seconds_dates_and_ratelimit_headers() -> None:
    assert retry_after(httpx2.Headers({"Retry-After": "7"})) == 7
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= (retry_after(httpx2.Headers({"Retry-After": later})) or 0) <= 31
    assert retry_after(httpx2.Headers({"RateLimit": '"api";r=0;t=12'})) == 12
    assert retry_after(httpx2.Headers({"Retry-After": "soon"})) is None
    assert retry_after(httpx2.Headers({})) is None


Handler = Callable[[httpx2.Request], httpx2.Response]


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Handler], HubHttp]]:
    """A HubHttp whose requests a function answers (huggingface_hub's client, mocked)."""

    def install(handler: Handler) -> HubHttp:
        set_client_factory(lambda: httpx2.Client(transport=httpx2.MockTransport(handler)))
        return HubHttp("https://hub.test", token="hf_secret", sleep=lambda seconds: None)

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", True)
    yield install
    set_client_factory(_http.default_client_factory)


def _answer(status: int, body: bytes = b"", **headers: str) -> httpx2.Response:
    """A response whose body is still to be read, as from the network."""
    return httpx2.Response(status, stream=httpx2.ByteStream(body), headers=headers)


DATA = bytes(range(256)) * 4
GZIP = gzip.compress(b"x" * 10)


def _ranged(request: httpx2.Request) -> httpx2.Response:
    first, last = (int(x) for x in request.headers["range"][6:].split("-"))
    body = DATA[first : last + 1]
    return _answer(206, body, **{"Content-Range": f"bytes {first}-{last}/{len(DATA)}"})


def test_redirects_keep_the_token_on_the_hub(serve: Callable[[Handler], HubHttp]) -> None:
    seen: list[tuple[str, str | None]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append((request.url.host, request.headers.get("authorization")))
        if request.url.host == "hub.test":
            return _answer(302, location="https://cdn.test/blob?sig=1", **{"X-Linked-Size": "1024"})
        return _ranged(request)

    http = serve(handler)
    moved: list[str] = []

    assert (
        http.get_range("https://hub.test/o/n/resolve/c/f", 10, 20, 1024, moved.append)
        == (DATA[10:20])
    )
    assert seen == [("hub.test", "Bearer hf_secret"), ("cdn.test", None)]
    assert moved == ["https://cdn.test/blob?sig=1"]
    assert http.counters.bytes_read == 10 and http.counters.requests == 2


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (_answer(206, b"x" * 10, **{"Content-Range": "bytes 0-9/1024"}), "asked bytes 10-19"),
        (_answer(206, b"x" * 10, **{"Content-Range": "bytes 10-19/9999"}), "9999 bytes"),
        (
            _answer(206, GZIP, **{"Content-Range": "bytes 10-19/1024", "Content-Encoding": "gzip"}),
            "gzip-encoded",
        ),
        (_answer(200, DATA), "ignored the Range"),
        (_answer(302, location="file:///etc/passwd"), "non-HTTP location"),
        (_answer(302, location="https://hub.test/again"), "more than 5 redirects"),
        (_answer(302, location="https://x.test/", **{"X-Linked-Size": "5"}), "gives this file 5"),
        (_answer(404, **{"X-Error-Code": "EntryNotFound"}), "file not found at this commit"),
        (_answer(401, **{"X-Error-Code": "GatedRepo"}), "a token with access is needed"),
    ],
)
def test_answers_other_than_asked_are_refused(
    serve: Callable[[Handler], HubHttp], answer: httpx2.Response, reason: str
) -> None:
    http = serve(lambda request: answer)

    with pytest.raises(ContentError, match=reason):
        http.get_range("https://hub.test/o/n/resolve/c/f", 10, 20, 1024, lambda url: None)
    assert http.counters.bytes_read <= 10


def test_chunked_answers_longer_than_asked_stop_at_once(
    serve: Callable[[Handler], HubHttp],
) -> None:
    def endless() -> Iterator[bytes]:
        yield from (b"\0" * 65536 for _ in range(10_000))

    http = serve(
        lambda request: httpx2.Response(
            206, content=endless(), headers={"Content-Range": "bytes 10-19/1024"}
        )
    )

    with pytest.raises(ContentError, match="more than the 10 bytes"):
        http.get_range("https://hub.test/f", 10, 20, 1024, lambda url: None)
    assert http.counters.bytes_read <= 65536


def test_server_errors_are_retried_then_given_up(serve: Callable[[Handler], HubHttp]) -> None:
    waits: list[float] = []
    http = serve(lambda request: _answer(503, **{"Retry-After": "2"}))
    http.sleep = waits.append

    with pytest.raises(HubBusyError, match="HTTP 503 after 5 retries"):
        http.get_range("https://hub.test/f", 0, 10, 1024, lambda url: None)
    assert waits == [2, 2, 2, 2, 2] and http.counters.requests == 6
