"""Code scan: each OG10x rule, a ruff S finding, and a missing ruff recorded as a skip."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import folder_reader

from opengauge.evidence import code_scan
from opengauge.evidence.code_scan import ast_issues, scan_code
from opengauge.model import FileEntry
from opengauge.sources import LocalReader, WalkLimits

RULES = [
    ("OG101", "import torch\ntorch.load('m.bin')\n"),
    ("OG102", "import pickle\npickle.loads(b'')\n"),
    ("OG103", "AutoModel.from_pretrained('x', trust_remote_code=True, revision='abc')\n"),
    ("OG104", "eval('1+1')\n"),
    ("OG105", "import subprocess\nsubprocess.run('ls', shell=True)\n"),
    ("OG106", "snapshot_download('org/model')\n"),
    ("OG107", "__import__('o' + 's').system('id')\n"),
]


@pytest.mark.parametrize(("rule", "source"), RULES)
def test_each_rule(rule: str, source: str) -> None:
    issues = list(ast_issues("m.py", source))
    assert [i.rule for i in issues] == [rule]
    assert issues[0].line == source.count("\n") and issues[0].excerpt


@pytest.mark.parametrize(
    "source",
    [
        "torch.load('m.bin', weights_only=True)\n",
        "torch.load('m.bin', **load_kwargs)\n",  # weights_only may come through **kwargs
        "torch.load('m.bin', weights_only=safe)\n",  # computed: may be True
        "AutoModel.from_pretrained('x', revision='0123abc')\n",
        "subprocess.run(['ls'])\n",
        "def broken(:\n",  # syntax errors are not a crash
    ],
)
def test_clean(source: str) -> None:
    assert list(ast_issues("m.py", source)) == []


def _files(root: Path, *names: str) -> tuple[LocalReader, list[FileEntry]]:
    """The reader the audit uses, and the entries of ``names`` (missing ones made up)."""
    reader = folder_reader(root)
    listed = {e.path: e for e in reader.list(WalkLimits()).files}
    return reader, [listed.get(n, FileEntry(n, 0)) for n in names]


def test_ruff_bandit_finding(tmp_path: Path) -> None:
    if code_scan.ruff_binary() is None:
        pytest.skip("ruff not installed")
    (tmp_path / "modeling_x.py").write_text("import os\nos.system('ls ' + x)\n")
    issues, skipped = scan_code(*_files(tmp_path, "modeling_x.py"))
    ruff = [i for i in issues if i.source == "ruff"]
    assert skipped == [] and any(i.rule == "S605" and i.line == 2 for i in ruff)
    assert ruff[0].path == "modeling_x.py"


def test_ruff_missing_is_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(code_scan, "ruff_binary", lambda: None)
    (tmp_path / "a.py").write_text("eval('1')\n")
    issues, skipped = scan_code(*_files(tmp_path, "a.py"))
    assert [i.rule for i in issues] == ["OG104"]
    assert [(s.path, s.reason) for s in skipped] == [(".", "ruff not found: bandit rules not run")]


def test_oversized_and_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(code_scan, "MAX_FILE", 10)
    monkeypatch.setattr(code_scan, "ruff_binary", lambda: None)
    (tmp_path / "big.py").write_text("x = 1\n" * 10)
    _, skipped = scan_code(*_files(tmp_path, "big.py", "missing.py"))
    assert [s.path for s in skipped][:2] == ["big.py", "missing.py"]


def test_quality_only_rules_are_not_reported(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "import random\n\n\ndef f(x):\n    assert x\n    try:\n        x()\n"
        "    except Exception:\n        pass\n    return random.random()\n"
    )
    issues, skipped = scan_code(*_files(tmp_path, "m.py"))
    assert skipped == []
    assert issues == []


def test_one_finding_per_line_when_our_rule_and_bandit_agree(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("import pickle\n\n\ndef f(b):\n    return pickle.loads(b)\n")
    issues, _ = scan_code(*_files(tmp_path, "m.py"))
    assert [(i.rule, i.line) for i in issues] == [("OG102", 5)]


HIDDEN = [
    ("import importlib\nname = ''.join(['o', 's'])\nimportlib.import_module(name).system('x')\n",
     "os.system"),
    ("import os\ngetattr(os, 'sys' + 'tem')('x')\n", "os.system"),
    ("import builtins\nvars(builtins)['ex' + 'ec']('1')\n", "builtins.exec"),
    ("import base64\n__import__(base64.b64decode('b3M=').decode()).popen('x')\n", "os.popen"),
    ("m = __import__('subprocess')\nm.getoutput('x')\n", "subprocess.getoutput"),
    ("getattr(__import__('os'), 'metsys'[::-1])('x')\n", "os.system"),
    ("import importlib\nimportlib.import_module(plugin).system('x')\n", "<dynamic>.system"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "target"), HIDDEN)
def test_hidden_calls(source: str, target: str) -> None:
    issues = [i for i in ast_issues("modeling_x.py", source) if i.rule == "OG107"]
    assert len(issues) == 1 and target in issues[0].message


@pytest.mark.parametrize(
    "source",
    [
        "import torch\nact = getattr(torch.nn, 'ReLU')()\n",
        "import importlib.util\nok = importlib.util.find_spec('flash_attn') is not None\n",
        "value = getattr(config, key)\nmodule = importlib.import_module(name)\nmodule.build()\n",
        "import os\nos.system('ls')  # plain calls are ruff's (S605), not a hidden call\n",
    ],
)
def test_no_hidden_call(source: str) -> None:
    assert [i for i in ast_issues("m.py", source) if i.rule == "OG107"] == []
