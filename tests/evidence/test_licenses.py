"""collect_licenses on real folder trees, including hostile licence files."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import folder_reader

from opengauge.evidence.licenses import collect_licenses, decode, is_license_path
from opengauge.licenses.reference import data_root, front_matter
from opengauge.model import Card, FileEntry

MIT = data_root().joinpath("spdx", "MIT.txt").read_text("utf-8")
RAIL = front_matter(
    data_root().joinpath("ai", "stable-diffusion-2022-08-22.LICENSE").read_text("utf-8")
)[1]


def entries(root: Path) -> tuple[FileEntry, ...]:
    return tuple(
        FileEntry(p.relative_to(root).as_posix(), p.stat().st_size)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    )


def test_license_file_names() -> None:
    for name in (
        "LICENSE",
        "licence.txt",
        "COPYING",
        "NOTICE",
        "LICENSE-MODEL",
        "LICENSE_weights",
        "model_licenses/LICENSE-SDXL0.9",
        "USE_POLICY.md",
        "LICENSE.md",
        "sub/License.rst",
    ):
        assert is_license_path(name), name
    for name in (
        "README.md",
        "license.py",
        "src/licenses.json",
        "model.safetensors",
        "config.json",
    ):
        assert not is_license_path(name), name


def test_split_files_and_components(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(MIT)
    (tmp_path / "LICENSE-MODEL").write_text(RAIL)
    (tmp_path / "pyproject.toml").write_text('[project]\nlicense = "MIT"\n')
    (tmp_path / "code.py").write_text("# SPDX-License-Identifier: MIT\n")
    files = entries(tmp_path)
    files = tuple(
        FileEntry(f.path, f.size, kind="code", head="# SPDX-License-Identifier: MIT\n")
        if f.path == "code.py"
        else f
        for f in files
    )
    card = Card(
        "README.md",
        "model",
        metadata={"license": "apache-2.0"},
        body="intro\n\nThe model weights are released under the CreativeML OpenRAIL-M license.\n",
        body_start_line=4,
    )
    matches, skipped = collect_licenses(folder_reader(tmp_path), files, (card,))
    assert skipped == ()
    got = {(m.path, m.id, m.component, m.source) for m in matches}
    assert ("LICENSE", "MIT", "code", "file") in got
    assert (
        "LICENSE-MODEL",
        "LicenseRef-scancode-stable-diffusion-2022-08-22",
        "weights",
        "file",
    ) in got
    assert ("README.md", "Apache-2.0", "weights", "card-metadata") in got
    assert ("pyproject.toml", "MIT", "code", "package-metadata") in got
    assert ("code.py", "MIT", "code", "spdx-header") in got
    prose = [m for m in matches if m.source == "readme-statement"]
    assert prose[0].start_line == 6


def test_hostile_licence_files(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "LICENSE").write_bytes(b"\x7fELF\x00\x00\x01" + bytes(range(256)) * 10)
    (tmp_path / "big").mkdir()
    with (tmp_path / "big" / "LICENSE").open("w") as handle:
        handle.write(MIT)
        chunk = ("All work and no play makes a licence file large. " * 20 + "\n") * 1000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    (tmp_path / "u16").mkdir()
    (tmp_path / "u16" / "LICENSE").write_bytes(MIT.encode("utf-16"))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "LICENSE").write_bytes(MIT.encode() + b"\xff\xfe\xfa broken \xc3\x28\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "LICENSE").write_bytes(b"")
    (tmp_path / "dir" / "LICENSE").mkdir(parents=True)
    files = (*entries(tmp_path), FileEntry("dir/LICENSE", 0))
    readme = Card("README.md", "model", body="license " * 10_000)
    matches, skipped = collect_licenses(folder_reader(tmp_path), files, (readme,))
    by_path = {m.path: m for m in reversed(matches)}  # first match of each file
    reasons = {s.path: s.reason for s in skipped}
    assert "binary" in reasons["bin/LICENSE"]
    assert "not a file of this target" in reasons["dir/LICENSE"]
    assert "2 MB" in reasons["big/LICENSE"]
    assert by_path["big/LICENSE"].id == "MIT"
    assert by_path["u16/LICENSE"].id == "MIT"
    assert by_path["bad/LICENSE"].id == "MIT"
    assert by_path["empty/LICENSE"].id is None and by_path["empty/LICENSE"].method == "abstain"


def test_decode() -> None:
    assert decode(b"\xef\xbb\xbfhi")[0] == "hi"
    assert decode("hi there".encode("utf-16-le"))[0] == "hi there"
    assert decode(b"\x00\x01\x02\x03" * 10)[0] is None


def test_root_card_licence_governs_the_repository_unless_split() -> None:
    from opengauge.evidence.licenses import card_licenses
    from opengauge.licenses import governs

    card = Card("README.md", "model", metadata={"license": "apache-2.0"})
    (whole,) = [m for m in card_licenses(card) if m.source == "card-metadata"]
    assert whole.component == governs.ALL
    (model_only,) = [
        m for m in card_licenses(card, frozenset({governs.WEIGHTS})) if m.source == "card-metadata"
    ]
    assert model_only.component == governs.WEIGHTS
    nested = Card("sub/README.md", "model", metadata={"license": "mit"})
    assert all(
        m.component == governs.WEIGHTS for m in card_licenses(nested) if m.source == "card-metadata"
    )
