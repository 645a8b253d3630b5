"""docs.publication: the release's own citation, top-level documents only."""

from __future__ import annotations

from opengauge.analyzers.context import Context
from opengauge.analyzers.docs_publication import ANALYZER
from opengauge.evidence.cards import parse_card
from opengauge.model import Evidence, FileEntry, Finding, Status

PEER = (
    "@inproceedings{x,\n  title={Our Model},\n  author={Ada Lovelace and Alan Turing},\n"
    "  booktitle={Proceedings of ACL},\n}\n"
)
WORKSHOP = "@inproceedings{w,\n  title={W},\n  booktitle={ICLR Workshop on Things},\n}\n"
PREPRINT = (
    "@misc{p,\n  title={P},\n  author={Lovelace, Ada and Turing, Alan and Hopper, Grace},\n"
    "  eprint={2401.00001},\n  archivePrefix={arXiv},\n}\n"
)


def _run(readme: str, files: tuple[FileEntry, ...] = ()) -> Finding:
    evidence = Evidence(root="/x", cards=(parse_card(readme, "README.md", "readme"),), files=files)
    (finding,) = ANALYZER.run(Context.build(evidence))
    return finding


def test_peer_reviewed_entry_passes_with_its_line() -> None:
    finding = _run(f"# M\n\n## Citation\n\n```bibtex\n{PREPRINT}{PEER}```\n")
    assert finding.status is Status.PASS
    assert finding.facts["level"] == "peer-reviewed" and finding.facts["preprint"] is True
    assert finding.locations[0].line == 12


def test_workshop_and_preprint_levels() -> None:
    assert _run(f"# M\n\n{WORKSHOP}").facts["level"] == "workshop"
    assert _run(f"# M\n\n{PREPRINT}").facts["level"] == "preprint"
    assert _run("# M\n\nno citation\n").facts["level"] == "none"


def test_citations_in_sub_folders_are_other_papers() -> None:
    vendored = FileEntry("third_party/lib/README.md", 100, kind="doc", head=PEER)
    assert _run("# M\n", (vendored,)).facts["level"] == "none"
    top = FileEntry("CITATION.md", 100, kind="doc", head=PEER)
    assert _run("# M\n", (top,)).facts["level"] == "peer-reviewed"


def test_related_work_the_readme_also_cites_is_not_the_releases() -> None:
    software = "@software{s,\n  author={Geng, Xinyang and Liu, Hao},\n  title={OpenThing},\n}\n"
    others = (
        "@article{t,\n  title={Llama},\n  author={Touvron, Hugo and Lavril, Thibaut},\n"
        "  journal={arXiv preprint arXiv:2302.13971},\n}\n"
    )
    finding = _run(f"# M\n\n```\n{software}```\n```\n{others}```\n")
    assert finding.facts["level"] == "none" and finding.facts["preprint"] is False
    # the same group's paper after its software entry is its own
    own = others.replace("Touvron, Hugo and Lavril, Thibaut", "Xinyang Geng and Hao Liu")
    assert _run(f"# M\n\n{software}{own}").facts["preprint"] is True
