"""What the fake Hub records (``RecordedRequest``) and how it misbehaves (``Faults``)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class Faults:
    """Switches that make the fake Hub misbehave; change them at any time.

    Status faults hit any request (scoped by ``match``, a regex searched in the path):
    ``rate_limit_n`` next requests get 429 + ``Retry-After: retry_after`` (and IETF
    ``RateLimit`` headers), ``server_error_n`` next get ``server_error_status``.
    File faults hit file responses (``/resolve`` served directly, and the CDN), at most
    ``file_fault_n`` times (None: while set): ``ignore_range`` answers 200 with the whole
    file to a Range request; ``lie_content_length`` adds a delta to the declared
    Content-Length / X-Linked-Size (body unchanged, connection closed);
    ``send_extra_bytes`` appends junk bytes (declared); ``truncate`` sends only that many
    body bytes then drops the connection.
    """

    rate_limit_n: int = 0
    retry_after: int = 0
    server_error_n: int = 0
    server_error_status: int = 500
    ignore_range: bool = False
    lie_content_length: int = 0
    send_extra_bytes: int = 0
    truncate: int | None = None
    file_fault_n: int | None = None
    match: str | None = None

    def reset(self) -> None:
        for f in fields(self):
            setattr(self, f.name, f.default)


@dataclass(frozen=True)
class FileFaults:
    """The file faults that apply to one response (only the effective ones are set)."""

    ignore_range: bool = False
    lie_content_length: int = 0
    send_extra_bytes: int = 0
    truncate: int | None = None

    def describe(self) -> str:
        out = ["ignore_range"] if self.ignore_range else []
        if self.lie_content_length:
            out.append(f"lie_content_length={self.lie_content_length}")
        if self.send_extra_bytes:
            out.append(f"send_extra_bytes={self.send_extra_bytes}")
        if self.truncate is not None:
            out.append(f"truncate={self.truncate}")
        return ",".join(out)


@dataclass
class RecordedRequest:
    """One request as the fake Hub saw it and answered it."""

    server: str  # "hub" or "cdn"
    method: str
    path: str  # raw, with the query string
    route: str  # model_info, dataset_info, tree, paths_info, refs, resolve, cdn, unknown
    range: str | None
    authorization: str | None
    status: int = 0
    content_length: int | None = None  # as declared
    bytes_sent: int = 0  # body bytes actually written
    fault: str | None = None
    done: bool = False
    headers: dict[str, str] = field(default_factory=dict)
