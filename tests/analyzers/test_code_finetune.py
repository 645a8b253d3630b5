"""code.finetune_recipe: fine-tuning code for users, told apart from the release's own."""

from __future__ import annotations

from opengauge.analyzers.code_finetune import ANALYZER
from opengauge.analyzers.context import Context
from opengauge.evidence.cards import parse_card
from opengauge.model import Evidence, FileEntry, Finding, Status

SCRIPT = FileEntry("finetune_demo/finetune_hf.py", 900, kind="code", head="import torch\n")
GUIDE = FileEntry("finetune_demo/README.md", 400, kind="doc", head="# Fine-tune\n")


def _run(readme: str, files: tuple[FileEntry, ...]) -> Finding:
    evidence = Evidence(root="/x", cards=(parse_card(readme, "README.md", "readme"),), files=files)
    (finding,) = ANALYZER.run(Context.build(evidence))
    return finding


def test_a_top_level_finetune_folder_is_fine_tuning_code_for_users() -> None:
    finding = _run("# M\n\nWeights on the Hub.\n", (SCRIPT, GUIDE))
    assert finding.status is Status.PASS
    assert finding.facts["folders"] == ["finetune_demo"]
    assert finding.facts["files"] == ["finetune_demo/finetune_hf.py"]
    assert finding.facts["documented"] is True
    assert finding.locations[0].path == "finetune_demo/README.md"


def test_undocumented_recipe_says_so() -> None:
    finding = _run("# M\n", (SCRIPT,))
    assert finding.status is Status.PASS and finding.facts["documented"] is False


def test_a_folder_the_docs_say_trained_the_release_is_not_a_user_recipe() -> None:
    readme = "# M\n\nTo reproduce our model, run the scripts in finetune_demo/.\n"
    finding = _run(readme, (SCRIPT, GUIDE))
    assert finding.status is Status.NOT_APPLICABLE


def test_training_scripts_elsewhere_are_not_counted() -> None:
    other = FileEntry("train/pretrain.py", 900, kind="code", head="import torch\n")
    assert _run("# M\n", (other,)).status is Status.NOT_APPLICABLE
