"""Responses: JSON and errors as the Hub sends them, and files with Range and faults.

Files are served with seek + bounded reads (``CHUNK``), never read whole: a 10 GB sparse
file costs only the bytes asked for.
"""

from __future__ import annotations

import json
import mimetypes
import re
import uuid
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tests.fakehub.records import FileFaults, RecordedRequest
from tests.fakehub.repo import FakeFile

if TYPE_CHECKING:
    from tests.fakehub.hub import FakeHub, _Server

CHUNK = 256 * 1024
_UNSATISFIABLE = (-1, -1)


def parse_range(value: str, size: int) -> tuple[int, int] | None:
    """(start, end) inclusive; None to ignore the header (multi-range, bad syntax)."""
    value = value.strip()
    if not value.lower().startswith("bytes=") or "," in value:
        return None
    match = re.fullmatch(r"\s*(\d*)\s*-\s*(\d*)\s*", value[6:])
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":
        if int(last) == 0 or size == 0:
            return _UNSATISFIABLE
        return max(0, size - int(last)), size - 1
    start = int(first)
    if start >= size:
        return _UNSATISFIABLE
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if end >= start else None


class ResponderBase(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30
    server: _Server
    record: RecordedRequest

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the request log is ``hub.requests``."""

    @property
    def hub(self) -> FakeHub:
        return self.server.hub

    def _send(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json; charset=utf-8",
    ) -> None:
        self.record.status, self.record.content_length = status, len(body)
        self.send_response(status)
        for key, value in {"Content-Type": content_type, **(headers or {})}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Id", f"Root=1-{uuid.uuid4().hex}")
        if self.command != "HEAD" and body:
            self.record.bytes_sent = len(body)  # counted first: the client may return at once
            self.end_headers()
            self.wfile.write(body)
        else:
            self.end_headers()

    def _json(self, data: Any, headers: dict[str, str] | None = None) -> None:
        self._send(200, json.dumps(data).encode(), headers)

    def _error(
        self,
        status: int,
        message: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        extra = {"X-Error-Message": message, **(headers or {})}
        if code is not None:
            extra["X-Error-Code"] = code
        self._send(status, json.dumps({"error": message}).encode(), extra)

    def _cdn(self, query: dict[str, list[str]]) -> None:
        link = self.hub._lookup_link((query.get("sig") or [""])[-1])
        if link is None or not self.path.startswith(f"/lfs/{link[0].kind}s/{link[0].repo_id}/"):
            body = b"<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
            self._send(403, body, content_type="application/xml")
            return
        entry = link[2]
        name = entry.path.rsplit("/", 1)[-1]
        disposition = f"inline; filename*=UTF-8''{quote(name)}; filename=\"{name}\";"
        self._file(entry, {"ETag": f'"{entry.sha256}"', "Content-Disposition": disposition})

    def _faults(self, *, body: bool) -> FileFaults | None:
        return self.hub._take_file_faults(
            self.path.partition("?")[0],
            head=self.command == "HEAD",
            ranged=self.headers.get("Range") is not None,
            body=body,
        )

    def _file(self, entry: FakeFile, headers: dict[str, str]) -> None:
        """Serve ``entry`` (or a Range of it) with seek + bounded reads."""
        faults = self._faults(body=True)
        size, status, start, end = entry.size, 200, 0, entry.size - 1
        ranged = self.headers.get("Range")
        if ranged is not None and not (faults and faults.ignore_range):
            parsed = parse_range(ranged, size)
            if parsed == _UNSATISFIABLE:
                self._send(416, b"", {"Content-Range": f"bytes */{size}"}, "text/plain")
                return
            if parsed is not None:
                status, (start, end) = 206, parsed
                headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        length = max(0, end - start + 1)
        extra = faults.send_extra_bytes if faults else 0
        lie = faults.lie_content_length if faults else 0
        truncate = faults.truncate if faults else None
        if lie and "X-Linked-Size" in headers:
            headers["X-Linked-Size"] = str(size + lie)
        ctype = mimetypes.guess_type(entry.path)[0] or "application/octet-stream"
        self.record.status, self.record.content_length = status, max(0, length + extra + lie)
        self.record.fault = faults.describe() if faults else None
        self.send_response(status)
        for key, value in {**headers, "Content-Type": ctype, "Accept-Ranges": "bytes"}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(max(0, length + extra + lie)))
        self.send_header("X-Request-Id", f"Root=1-{uuid.uuid4().hex}")
        if lie or truncate is not None:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command == "HEAD":
            return
        todo = length if truncate is None else min(length, truncate)
        tail = b"X" * extra if truncate is None else b""
        with entry.open() as handle:
            handle.seek(start)
            while todo > 0:
                chunk = handle.read(min(CHUNK, todo))
                if not chunk:
                    break
                todo -= len(chunk)
                self._write(chunk + tail if todo == 0 else chunk)
        if tail and length == 0:
            self._write(tail)
        self.wfile.flush()

    def _write(self, data: bytes) -> None:
        """Count, then write: a client may return before this thread runs again."""
        self.record.bytes_sent += len(data)
        try:
            self.wfile.write(data)
        except OSError:
            self.record.bytes_sent -= len(data)  # an upper bound was counted; keep it honest
            raise
