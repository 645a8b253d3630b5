"""Real releases from the labelled corpus (tests/data/releases), audited once per session.

The SBOM formats are validated on these as well as on the bundled examples: real cards,
licence files, dataset links and shipped code say more than three toy folders.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.validity_scoring import CORPUS, FIXED_TIME, materialize

import opengauge
from opengauge.model import AuditReport

# Picked for variety: Yi (papers, shipped-code findings), dolly (a licence named without
# its version, dataset links, a limitations section), Stability (LicenseRef texts and
# unidentified restrictive licence texts on the weights).
SBOM_RELEASES = ("01-ai__Yi", "databrickslabs__dolly", "Stability-AI__generative-models")


@pytest.fixture(scope="session")
def release_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, AuditReport]:
    """The audit of each release in ``SBOM_RELEASES``, at the fixed time."""
    target: Path = tmp_path_factory.mktemp("releases")
    materialize(CORPUS, target, SBOM_RELEASES)
    return {name: opengauge.audit(target / name, generated_at=FIXED_TIME) for name in SBOM_RELEASES}
