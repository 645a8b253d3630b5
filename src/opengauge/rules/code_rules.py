"""opengauge's own rules for Python shipped with a model (OG1xx): the catalogue's data.

The code scanner (``evidence.code_scan``) reports these codes; severities, CWEs and
titles live here once, beside ruff's bandit rules (``data/rules/ruff-bandit.json``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeRule:
    """One OG rule: its code, title (phrased as the problem), severity and CWE."""

    code: str
    title: str
    severity: str
    cwe: int
    remediation: str


OG_RULES: dict[str, CodeRule] = {
    r.code: r
    for r in (
        CodeRule(
            "OG101",
            "torch.load without weights_only=True unpickles arbitrary code",
            "high",
            502,
            "Pass weights_only=True to torch.load, or load safetensors instead.",
        ),
        CodeRule(
            "OG102",
            "pickle, dill or joblib deserialization runs arbitrary code",
            "high",
            502,
            "Load weights from safetensors; never unpickle files from a repository.",
        ),
        CodeRule(
            "OG103",
            "trust_remote_code=True runs code from the model repository",
            "medium",
            94,
            "Review the remote code and pin its revision, or avoid trust_remote_code.",
        ),
        CodeRule(
            "OG104",
            "exec() or eval() runs dynamic code",
            "high",
            95,
            "Replace exec/eval with explicit code paths.",
        ),
        CodeRule(
            "OG105",
            "subprocess call with shell=True",
            "high",
            78,
            "Pass an argument list without shell=True.",
        ),
        CodeRule(
            "OG106",
            "Hub download without a pinned revision",
            "low",
            494,
            "Pin hf_hub_download / snapshot_download / from_pretrained to a commit.",
        ),
        CodeRule(
            "OG107",
            "dangerous call reached through a dynamic import or computed name",
            "high",
            94,
            "Call functions by their plain names; a name built at run time (__import__, "
            "import_module, getattr, vars()[...]) hides what the code does from review.",
        ),
    )
}
