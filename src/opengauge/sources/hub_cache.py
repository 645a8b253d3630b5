"""Parts of Hub files already fetched, and listings, kept by commit sha between audits.

A commit never changes, so what was read of it stays true: a second audit of the same
revision reads its bytes from here and makes no content request. One SQLite file under
``$OPENGAUGE_CACHE`` (default ``$XDG_CACHE_HOME/opengauge``, else ``~/.cache/opengauge``).
A cache that cannot be opened or written is only a lost speed-up: the audit goes on.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = "hub-parts.sqlite3"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS parts (repo TEXT, sha TEXT, path TEXT, start INTEGER, "
    "data BLOB, PRIMARY KEY (repo, sha, path, start))",
    "CREATE TABLE IF NOT EXISTS meta (repo TEXT, sha TEXT, name TEXT, value TEXT, "
    "PRIMARY KEY (repo, sha, name))",
)


def default_cache_dir() -> Path:
    """Where opengauge keeps what it fetched (``OPENGAUGE_CACHE`` overrides)."""
    given = os.environ.get("OPENGAUGE_CACHE")
    if given:
        return Path(given).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(base).expanduser() / "opengauge"


class PartCache:
    """Fetched byte ranges and JSON metadata of Hub repositories, by (repo, commit sha).

    ``repo`` is ``kind/org/name``. Every method swallows storage errors (logged): a
    broken cache costs requests, never the audit.
    """

    def __init__(self, folder: Path | None) -> None:
        self.db: sqlite3.Connection | None = None
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / FILE_NAME, timeout=10, isolation_level=None)
            for statement in _SCHEMA:
                self.db.execute(statement)
        except (OSError, sqlite3.Error) as exc:
            log.warning("hub part cache disabled (%s): %s", folder, exc)
            self.db = None

    def close(self) -> None:
        """Close the database."""
        if self.db is not None:
            self.db.close()
            self.db = None

    def parts(self, repo: str, sha: str, path: str) -> list[tuple[int, bytes]]:
        """The ranges of one file held: (start, bytes)."""
        if self.db is None:
            return []
        try:
            rows = self.db.execute(
                "SELECT start, data FROM parts WHERE repo=? AND sha=? AND path=? ORDER BY start",
                (repo, sha, path),
            ).fetchall()
        except sqlite3.Error as exc:
            log.warning("hub part cache unreadable: %s", exc)
            return []
        return [(int(start), bytes(data)) for start, data in rows]

    def put_part(self, repo: str, sha: str, path: str, start: int, data: bytes) -> None:
        """Keep one fetched range."""
        if self.db is None or not data:
            return
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO parts VALUES (?, ?, ?, ?, ?)",
                (repo, sha, path, start, data),
            )
        except sqlite3.Error as exc:
            log.warning("hub part cache not written: %s", exc)

    def meta(self, repo: str, sha: str, name: str) -> Any:
        """A JSON value kept for the commit (None when absent or unreadable)."""
        if self.db is None:
            return None
        try:
            row = self.db.execute(
                "SELECT value FROM meta WHERE repo=? AND sha=? AND name=?", (repo, sha, name)
            ).fetchone()
            return json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError) as exc:
            log.warning("hub part cache unreadable: %s", exc)
            return None

    def put_meta(self, repo: str, sha: str, name: str, value: Any) -> None:
        """Keep a JSON value for the commit."""
        if self.db is None:
            return
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?, ?, ?)",
                (repo, sha, name, json.dumps(value, sort_keys=True, default=str)),
            )
        except (sqlite3.Error, ValueError) as exc:
            log.warning("hub part cache not written: %s", exc)
