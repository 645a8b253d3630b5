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


def test_blanket_licence_in_a_folder_without_weights_covers_code_and_documents() -> None:
    from opengauge.evidence.licenses import repository_scopes
    from opengauge.licenses import governs

    code_repo = (FileEntry("train.py", 100, kind="code"), FileEntry("README.md", 100))
    assert repository_scopes(code_repo) == (governs.CODE, governs.DOCS)
    with_data = (*code_repo, FileEntry("data/train.jsonl", 5 << 20, kind="data"))
    assert repository_scopes(with_data) == (governs.CODE, governs.DOCS, governs.DATA)
    # a small test fixture or demo checkpoint does not make the folder a weights release
    demo = (*code_repo, FileEntry("tests/fixtures/tiny.bin", 10, kind="weights"))
    assert repository_scopes(demo) is not None
    # Hub weight file names count whatever their size
    hub = (*code_repo, FileEntry("pytorch_model.bin", 10, kind="weights"))
    assert repository_scopes(hub) is None


def test_a_fine_tune_inherits_its_base_family_licence() -> None:
    from opengauge.evidence.licenses import inherited
    from opengauge.licenses import governs
    from opengauge.model import LicenseCategory

    card = Card(
        "README.md",
        "readme",
        body="# Vicuna\n\nVicuna is fine-tuned from Llama 2 with user-shared conversations.\n",
    )
    (row,) = inherited((), (card,))
    assert row.component == governs.WEIGHTS
    assert row.category is LicenseCategory.RESTRICTED_AUP
    assert row.source == "base-model" and row.path == "README.md" and row.start_line == 3
    open_base = Card("README.md", "readme", body="# X\n\nX is fine-tuned from Mistral 7B.\n")
    assert inherited((), (open_base,)) == []


def test_statement_subject_decides_the_scope() -> None:
    from opengauge.evidence.cards import parse_card
    from opengauge.evidence.licenses import card_licenses
    from opengauge.licenses import from_statements, governs

    card = parse_card("# Bark\n\nBark is licensed under the MIT License.\n", "README.md", "readme")
    rows = card_licenses(card)
    assert {r.component for r in rows} == {governs.CODE, governs.WEIGHTS, governs.DOCS}
    assert {r.start_line for r in rows} == {3}
    other = parse_card("# Bark\n\nEnCodec is licensed under MIT.\n", "README.md", "readme")
    assert {r.component for r in card_licenses(other)} == {governs.UNKNOWN}
    rows = from_statements("All code and models are licensed under Apache 2.0.\n", "README.md")
    assert {r.component for r in rows} == {governs.CODE, governs.WEIGHTS}


def test_only_the_release_base_is_inherited() -> None:
    from opengauge.evidence.licenses import inherited

    card = Card(
        "README.md",
        "readme",
        body="# X\n\nX is fine-tuned from Mistral 7B.\n\nY is fine-tuned from Llama 2.\n",
    )
    # the first base stated is the release's: Mistral (Apache-2.0) gives no row
    assert inherited((), (card,)) == []


def test_statement_about_another_repositorys_code_does_not_govern_the_code_here(
    tmp_path: Path,
) -> None:
    from opengauge.evidence.cards import parse_card

    root = tmp_path / "llm-foundry"
    root.mkdir()
    (root / "LICENSE").write_text(MIT)
    body = (
        "# LLM Foundry\n\nOur model weights and code are licensed for everyone. The Acme Open "
        "Source License can be found at [LICENSE](https://github.com/acme/dbrx/blob/main/"
        "LICENSE), and our Acceptable Use Policy can be found [here](https://acme.com/p).\n"
    )
    card = parse_card(body, "README.md", "readme")
    matches, _ = collect_licenses(folder_reader(root), entries(root), (card,))
    stated = {(m.name, m.component) for m in matches if m.source == "readme-statement"}
    assert stated == {("Acme Open Source License", "weights")}
    # the same statement pointing at this repository's own licence covers its code too
    own = parse_card(body.replace("acme/dbrx", "acme/llm-foundry"), "README.md", "readme")
    matches, _ = collect_licenses(folder_reader(root), entries(root), (own,))
    stated = {(m.name, m.component) for m in matches if m.source == "readme-statement"}
    assert stated == {("Acme Open Source License", "weights"), ("Acme Open Source License", "code")}


def test_a_licence_field_in_the_model_description_is_the_models(tmp_path: Path) -> None:
    from opengauge.evidence.cards import parse_card
    from opengauge.evidence.licenses import card_licenses

    body = (
        "# Amber\n\n[![license](https://img.shields.io/badge/License-Apache_2.0-blue.svg)](L)\n\n"
        "## Model Description\n\n- **Model type:** Language model\n- **License:** Apache 2.0\n"
    )
    rows = card_licenses(parse_card(body, "README.md", "readme"))
    assert ("Apache-2.0", "weights", 8) in {(r.id, r.component, r.start_line) for r in rows}
    elsewhere = body.replace("## Model Description", "## Contributing")
    rows = card_licenses(parse_card(elsewhere, "README.md", "readme"))
    assert "weights" not in {r.component for r in rows}


def test_a_statement_pointing_at_a_licence_file_gives_it_that_files_licence(
    tmp_path: Path,
) -> None:
    from opengauge.evidence.cards import parse_card

    (tmp_path / "LICENSE").write_text(RAIL)
    readme = parse_card(
        "# SD\n\nThe weights are available via [the Hub](https://huggingface.co/x) under "
        "[a license which contains specific use-based restrictions](LICENSE).\n",
        "README.md",
        "readme",
    )
    card = parse_card(
        "# Model Card\n\n## Model Details\n\n- **License:** [Proprietary](LICENSE)\n",
        "Model_Card.md",
        "model",
    )
    matches, _ = collect_licenses(folder_reader(tmp_path), entries(tmp_path), (readme, card))
    weights = [m for m in matches if m.component == "weights"]
    assert [(m.path, m.id) for m in weights] == [
        ("LICENSE", "LicenseRef-scancode-stable-diffusion-2022-08-22")
    ]
    assert "README.md:3 puts the weights under this file" in (weights[0].reason or "")
