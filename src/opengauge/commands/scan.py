"""`opengauge scan PATH`: what would loading these model files execute?"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import replace
from pathlib import Path

from opengauge.analyzers.safety_code import ANALYZER as SAFETY_CODE
from opengauge.analyzers.safety_integrity import ANALYZER as SAFETY_INTEGRITY
from opengauge.analyzers.safety_pickle import ANALYZER as SAFETY_PICKLE
from opengauge.analyzers.weights_header import ANALYZER as WEIGHTS_HEADER
from opengauge.commands._io import emit
from opengauge.errors import UsageError
from opengauge.evidence.serialization.collector import SKIP_FORMATS, onnx_anomalies, scan_target
from opengauge.evidence.weights import read_weight_header
from opengauge.model import Evidence, Finding, Severity, Skipped, Status, WeightInfo

NAME = "scan"
HELP = "Scan model files (pickles, archives, Keras, ONNX) and shipped code for unsafe content."
MAX_FILES = 100_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the scan command."""
    parser.add_argument("path", help="a folder or a single file")
    parser.add_argument("--format", choices=("terminal", "json", "sarif"), default="terminal")
    parser.add_argument("--fail-on", choices=[s.value for s in Severity], default="high")
    parser.add_argument("--output", "-o", default=None, help="write the report to this file")


def _files(root: Path) -> tuple[Path, list[tuple[str, int]], list[str]]:
    if root.is_file():
        return (
            root.parent,
            [(root.name, root.stat().st_size)],
            ([root.name] if root.suffix == ".py" else []),
        )
    files: list[tuple[str, int]] = []
    code: list[str] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in (".git", "__pycache__"))
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            if name.endswith(".py"):
                code.append(rel)
            else:
                files.append((rel, path.stat().st_size))
            if len(files) + len(code) >= MAX_FILES:
                return root, files, code
    return root, files, code


def scan_findings(path: Path) -> tuple[list[Finding], list[Skipped]]:
    """Run the safety scanner and its analyzers on a folder or file."""
    root, files, code = _files(path)
    safety, skipped = scan_target(root, files, code)
    # Header formats (safetensors, GGUF, ONNX) run no code on load, but crafted
    # offsets and ONNX external-data paths are still worth a finding.
    weights: list[WeightInfo] = []
    for rel, size in files:
        if rel.lower().endswith(SKIP_FORMATS):
            info, header_skips = read_weight_header(root / rel, rel, size)
            weights.extend([info] if info is not None else [])
            skipped.extend(header_skips)
    evidence = Evidence(root=str(root), weights=tuple(weights), skipped=tuple(skipped))
    safety = replace(safety, anomalies=safety.anomalies + tuple(onnx_anomalies(evidence)))
    evidence = replace(evidence, safety=safety)
    analyzers = (SAFETY_PICKLE, SAFETY_INTEGRITY, SAFETY_CODE, WEIGHTS_HEADER)
    findings = [f for a in analyzers for f in a.run(evidence)]
    return findings, skipped


def _json(findings: list[Finding], skipped: list[Skipped]) -> str:
    rows = []
    for f in findings:
        if f.status is not Status.FAIL:
            continue
        loc = f.locations[0] if f.locations else None
        rows.append(
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "confidence": f.confidence.value,
                "message": f.message,
                "path": loc.path if loc else None,
                "member": loc.member if loc else None,
                "offset": loc.offset if loc else None,
                "line": loc.line if loc else None,
                "cwe": f.cwe,
                "remediation": f.remediation,
            }
        )
    skips = [{"path": s.path, "reason": s.reason} for s in skipped]
    return json.dumps({"findings": rows, "skipped": skips}, indent=2, sort_keys=True)


def _terminal(findings: list[Finding], skipped: list[Skipped]) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.markup import escape

    out = StringIO()
    console = Console(file=out, width=120, no_color=True, highlight=False, soft_wrap=True)
    failed = [f for f in findings if f.status is Status.FAIL]
    for f in sorted(failed, key=lambda f: -f.severity.rank):
        loc = f.locations[0] if f.locations else None
        where = ""
        if loc is not None:
            where = loc.path + (f"!{loc.member}" if loc.member else "")
            where += f" @{loc.offset}" if loc.offset is not None else ""
            where += f":{loc.line}" if loc.line is not None else ""
        console.print(f"[{f.severity.value.upper()}] {escape(where)}  {escape(f.message)}")
    for s in skipped:
        console.print(f"[SKIPPED] {escape(s.path)}: {escape(s.reason)}")
    console.print(f"{len(failed)} finding(s), {len(skipped)} skipped")
    return out.getvalue()


def run(args: argparse.Namespace) -> int:
    """Scan and print; exit 1 when a finding reaches --fail-on."""
    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"no such file or folder: {args.path}")
    findings, skipped = scan_findings(path)
    if args.format == "json":
        text = _json(findings, skipped)
    elif args.format == "sarif":
        from opengauge.report.sarif import render_findings

        text = render_findings(findings, skipped)
    else:
        text = _terminal(findings, skipped)
    emit(text, args.output)
    threshold = Severity(args.fail_on).rank
    failed = any(f.status is Status.FAIL and f.severity.rank >= threshold for f in findings)
    return 1 if failed else 0
