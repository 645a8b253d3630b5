"""A loopback imitation of the Hugging Face Hub for offline tests of remote reading.

Usage::

    from tests.fakehub import FakeHub, hub_sandbox

    with hub_sandbox(monkeypatch, tmp_path / "hf"), FakeHub() as hub:
        hub.add_repo("org/name", Path("examples/fully-open"))
        api = HfApi(endpoint=hub.endpoint)
        info = api.model_info("org/name", files_metadata=True)

See README.md next to this file for the endpoints, headers and fault switches.
"""

from tests.fakehub.hub import DEFAULT_TOKEN, FakeHub
from tests.fakehub.records import Faults, FileFaults, RecordedRequest
from tests.fakehub.repo import (
    LFS_SUFFIXES,
    LFS_THRESHOLD,
    Commit,
    FakeFile,
    FakeRepo,
    build_repo_from_folder,
    build_repo_from_mapping,
)
from tests.fakehub.sandbox import (
    NetworkBlockedError,
    hub_sandbox,
    loopback_client_factory,
    record_backoff_sleeps,
)

__all__ = [
    "DEFAULT_TOKEN",
    "LFS_SUFFIXES",
    "LFS_THRESHOLD",
    "Commit",
    "FakeFile",
    "FakeHub",
    "FakeRepo",
    "Faults",
    "FileFaults",
    "NetworkBlockedError",
    "RecordedRequest",
    "build_repo_from_folder",
    "build_repo_from_mapping",
    "hub_sandbox",
    "loopback_client_factory",
    "record_backoff_sleeps",
]
