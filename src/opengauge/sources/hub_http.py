"""HTTP to the Hub: ranged reads checked byte for byte, and retries that honour Retry-After.

Requests go through huggingface_hub's shared client (its offline switch, proxy settings
and request hooks) with its headers (``build_hf_headers``: the token from ``HF_TOKEN``
or the login). A range answer is trusted only when it is exactly what was asked: a
``206`` with the asked ``Content-Range``, a ``Content-Length`` of the asked size, the
size the listing gave, and no byte more; anything else is a :class:`ContentError` and
the caller records a skip. The token goes only to the Hub's own origin, never to the
storage host a large file redirects to.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import httpx2
from huggingface_hub import get_session
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.utils._headers import build_hf_headers

from opengauge.sources.reader import ReaderError

log = logging.getLogger(__name__)

T = TypeVar("T")
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
MAX_REDIRECTS = 5
_BROKEN = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)
_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


class ContentError(ReaderError):
    """A content request failed or was answered with other bytes than asked.

    ``final``: the file should not be asked again (the server misbehaves for it).
    ``status``: the HTTP status when one came.
    """

    def __init__(self, message: str, *, final: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.final = final
        self.status = status


class HubBusyError(Exception):
    """The Hub kept answering 429 or 5xx, or asked to wait longer than we may."""


@dataclass
class Counters:
    """What went over the wire: every request, content requests, and body bytes read."""

    requests: int = 0
    content_requests: int = 0
    bytes_read: int = 0


def retry_after(headers: httpx2.Headers) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or a date) or the IETF ``RateLimit``."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return max(0.0, when.timestamp() - time.time())
    match = re.search(r"[;\s]t=(\d+)", headers.get("ratelimit", ""))
    return float(match.group(1)) if match else None


def pause(seconds: float) -> None:
    """Wait before a retry (tests replace this)."""
    time.sleep(seconds)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


class HubHttp:
    """Requests to one Hub endpoint, counted, with bounded retries and waits.

    ``sleep`` (default :func:`pause`) lets tests record waits instead of sleeping. A
    wait longer than ``max_wait`` seconds is not waited: the request fails at once.
    """

    def __init__(
        self,
        endpoint: str,
        token: str | bool | None = None,
        *,
        sleep: Callable[[float], None] | None = None,
        max_retries: int = 5,
        max_wait: float = 60.0,
        timeout: float = 60.0,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.token = token
        self.sleep = sleep
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.timeout = httpx2.Timeout(timeout)
        self.counters = Counters()

    def auth_headers(self) -> dict[str, str]:
        """huggingface_hub's headers (user agent, token when there is one)."""
        return build_hf_headers(token=self.token)

    @property
    def has_token(self) -> bool:
        """Whether requests carry a token."""
        return "authorization" in {k.lower() for k in self.auth_headers()}

    def _wait(self, headers: httpx2.Headers | None, attempt: int, what: str, status: str) -> None:
        """Sleep before retry ``attempt`` (0-based) or raise HubBusyError."""
        asked = retry_after(headers) if headers is not None else None
        wait = asked if asked is not None else min(8.0, 2.0**attempt)
        if attempt >= self.max_retries:
            raise HubBusyError(f"{what}: {status} after {attempt} retries; try again later")
        if wait > self.max_wait:
            raise HubBusyError(f"{what}: {status}; the Hub asks to wait {wait:.0f} s")
        log.info("%s: %s, retrying in %.0f s", what, status, wait)
        (self.sleep or pause)(wait)

    @contextmanager
    def counting(self) -> Iterator[None]:
        """Count the requests huggingface_hub makes inside the block (pages, redirects)."""
        hooks = get_session().event_hooks["request"]

        def count(request: httpx2.Request) -> None:
            self.counters.requests += 1

        hooks.append(count)
        try:
            yield
        finally:
            if count in hooks:
                hooks.remove(count)

    def api(self, what: str, call: Callable[[], T], *, retry: bool = True) -> T:
        """An HfApi call, retried on 429 and 5xx as long as the Hub allows (``retry``
        False: the call retries by itself, as huggingface_hub's paginated listings do)."""
        attempt = 0
        while True:
            try:
                with self.counting():
                    return call()
            except HfHubHTTPError as exc:
                response = exc.response
                status = response.status_code if response is not None else None
                if status not in RETRY_STATUS or not retry:
                    raise
                self._wait(response.headers, attempt, what, f"HTTP {status}")
            except httpx2.ConnectError:
                raise  # no Hub at this address: say so at once
            except (httpx2.TimeoutException, httpx2.NetworkError) as exc:
                self._wait(None, attempt, what, f"network error ({exc})")
            attempt += 1

    def get_range(
        self, url: str, start: int, end: int, size: int, on_redirect: Callable[[str], None]
    ) -> bytes:
        """Exactly bytes ``[start, end)`` of a file of ``size`` bytes at ``url``.

        Redirects are followed by hand (the token stays on the Hub's origin); the final
        location is reported through ``on_redirect`` so later ranges go there directly.
        Broken transfers resume where they stopped; 429 / 5xx wait and retry.
        """
        got = bytearray()
        attempt = 0
        where = [url]

        def moved(new: str) -> None:
            where[0] = new
            on_redirect(new)

        while len(got) < end - start:
            try:
                self._one_range(where[0], start + len(got), end, size, got, moved)
            except _Retry as retry:
                self._wait(retry.headers, attempt, f"{start}-{end - 1}", retry.reason)
                attempt += 1
        return bytes(got)

    def _one_range(
        self,
        url: str,
        start: int,
        end: int,
        size: int,
        got: bytearray,
        on_redirect: Callable[[str], None],
    ) -> None:
        for _ in range(MAX_REDIRECTS + 1):
            headers = {"Range": f"bytes={start}-{end - 1}", "Accept-Encoding": "identity"}
            if _origin(url) == _origin(self.endpoint):
                headers = {**self.auth_headers(), **headers}
            self.counters.requests += 1
            self.counters.content_requests += 1
            try:
                with get_session().stream(
                    "GET", url, headers=headers, follow_redirects=False, timeout=self.timeout
                ) as response:
                    if response.is_redirect:
                        url = self._redirect(url, response, size)
                        on_redirect(url)
                        continue
                    self._check(response, start, end, size)
                    self._body(response, end - start, got)
                    return
            except (
                httpx2.TimeoutException,
                httpx2.NetworkError,
                httpx2.RemoteProtocolError,
            ) as exc:
                raise _Retry(None, f"transfer broken ({type(exc).__name__})") from None
        raise ContentError(f"more than {MAX_REDIRECTS} redirects", final=True)

    def _redirect(self, url: str, response: httpx2.Response, size: int) -> str:
        target = urljoin(url, response.headers.get("location", ""))
        if urlsplit(target).scheme not in ("http", "https"):
            raise ContentError(f"redirected to a non-HTTP location {target[:80]!r}", final=True)
        linked = response.headers.get("x-linked-size")
        if linked is not None and linked.strip() != str(size):
            raise ContentError(
                f"the Hub gives this file {linked.strip()[:20]} bytes, its listing {size}: "
                "not read",
                final=True,
            )
        return target

    def _check(self, response: httpx2.Response, start: int, end: int, size: int) -> None:
        status = response.status_code
        if status in RETRY_STATUS:
            raise _Retry(response.headers, f"HTTP {status}")
        if status in (401, 403, 404, 410, 416):
            raise ContentError(refusal(response), status=status)
        declared = response.headers.get("content-length")
        if status == 200:
            whole = start == 0 and end == size and declared == str(size)
            if not whole:
                raise ContentError(
                    "the server ignored the Range request (HTTP 200 with the whole file): not read",
                    final=True,
                    status=status,
                )
            return
        if status != 206:
            raise ContentError(f"unexpected HTTP {status} for a range", final=True, status=status)
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise ContentError(f"range sent {encoding}-encoded: not read", final=True)
        match = _CONTENT_RANGE.match(response.headers.get("content-range", "").strip())
        if match is None or (int(match.group(1)), int(match.group(2))) != (start, end - 1):
            raise ContentError(
                f"asked bytes {start}-{end - 1}, the server sent "
                f"{response.headers.get('content-range', 'no Content-Range')[:60]!r}: not read",
                final=True,
            )
        if match.group(3) != "*" and int(match.group(3)) != size:
            raise ContentError(
                f"the server gives this file {match.group(3)} bytes, its listing {size}: not read",
                final=True,
            )
        if declared is not None and declared.strip() != str(end - start):
            raise ContentError(
                f"asked {end - start} bytes, the server announces {declared.strip()[:20]}: "
                "not read",
                final=True,
            )

    def _body(self, response: httpx2.Response, want: int, got: bytearray) -> None:
        """Read the body into ``got``; never more than asked is kept or waited for."""
        need = want - len(got)
        received = 0
        for chunk in response.iter_raw(64 << 10):
            self.counters.bytes_read += len(chunk)
            received += len(chunk)
            if received > need:
                raise ContentError(
                    f"the server sent more than the {need} bytes asked: not read", final=True
                )
            got += chunk
        if received < need:
            raise _Retry(None, f"transfer ended after {received} of {need} bytes")


def refusal(response: httpx2.Response) -> str:
    """Why the Hub refused a file, from its error headers (the body is not read)."""
    code = response.headers.get("x-error-code", "").strip()
    message = " ".join(response.headers.get("x-error-message", "").split())[:200]
    reason = {
        "GatedRepo": "gated repository: access not granted to this token",
        "RepoNotFound": "repository not found, or private",
        "EntryNotFound": "file not found at this commit",
        "RevisionNotFound": "revision not found",
    }.get(code, f"HTTP {response.status_code}")
    if response.status_code == 401 and code == "GatedRepo":
        reason = "gated repository: a token with access is needed"
    return f"{reason} ({message})" if message else reason


class _Retry(Exception):
    def __init__(self, headers: httpx2.Headers | None, reason: str) -> None:
        super().__init__(reason)
        self.headers = headers
        self.reason = reason


def describe(exc: BaseException) -> str:
    """One line for an exception from huggingface_hub or httpx2."""
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
