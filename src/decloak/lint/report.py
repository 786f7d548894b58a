"""Output formats for ``decloak lint``: text, JSON, SARIF 2.1.0 and GitHub workflow commands.

Every format carries the same facts per finding: path, 1-based line and column
counted in code points, end (exclusive column), kind, severity, rule and the
message.  Messages are already safe to print: invisible and bidi characters in
them are ``<U+XXXX>`` badges (see :func:`decloak.lint.check.badge`).
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .check import LintFinding
from .rules import RULES, Rule, Severity
from .run import FileResult

__all__ = ["FORMATS", "render", "summary"]

FORMATS = ("text", "json", "sarif", "github")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SECURITY_SEVERITY = {Severity.ERROR: "8.0", Severity.WARNING: "5.0", Severity.NOTE: "2.0"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def render(fmt: str, results: Sequence[FileResult], *, version: str, fixing: bool) -> str:
    """The whole report in ``fmt`` (one of :data:`FORMATS`), ending with a newline if not empty."""
    if fmt == "text":
        return _text(results)
    if fmt == "json":
        return json.dumps(_json(results, fixing), ensure_ascii=False, indent=2) + "\n"
    if fmt == "sarif":
        return json.dumps(sarif(results, version), ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        return _github(results)
    raise ValueError(f"unknown format {fmt!r}")


def summary(results: Sequence[FileResult]) -> str:
    """One line for stderr: how many findings of each severity, files, skips, fixes."""
    counts = Counter(f.severity for r in results for f in r.findings)
    total = sum(counts.values())
    files = sum(1 for r in results if r.skipped is None)
    skipped = len(results) - files
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    line = f"decloak: {total} finding{'s' if total != 1 else ''}"
    if parts:
        line += f" ({', '.join(parts)})"
    line += f" in {files} file{'s' if files != 1 else ''}"
    if skipped:
        line += f", {skipped} skipped"
    fixed = sum(len(r.fixed) for r in results)
    if fixed:
        nfiles = sum(1 for r in results if r.fixed)
        line += f"; fixed {fixed} in {nfiles} file{'s' if nfiles != 1 else ''}"
    return line


# --- text ---------------------------------------------------------------------------------


def _text(results: Sequence[FileResult]) -> str:
    lines: list[str] = []
    for r in results:
        for f in r.fixed:
            lines.append(f"{r.path}:{f.line}:{f.column}: fixed {f.kind}: {f.message} [{f.rule}]")
        for f in r.findings:
            lines.append(
                f"{r.path}:{f.line}:{f.column}: {f.severity.value} {f.kind}: {f.message} [{f.rule}]"
            )
    return "".join(line + "\n" for line in lines)


# --- JSON ---------------------------------------------------------------------------------


def _json(results: Sequence[FileResult], fixing: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "findings": [{"path": r.path, **f.to_dict()} for r in results for f in r.findings],
        "files": sum(1 for r in results if r.skipped is None),
        "skipped": sum(1 for r in results if r.skipped is not None),
    }
    if fixing:
        out["fixed"] = [{"path": r.path, **f.to_dict()} for r in results for f in r.fixed]
    return out


# --- GitHub workflow commands ---------------------------------------------------------------


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(results: Sequence[FileResult]) -> str:
    out: list[str] = []
    for r in results:
        path = _escape_property(r.path.replace(os.sep, "/"))
        for level, f, prefix in (
            *(("notice", f, "fixed: ") for f in r.fixed),
            *((_GITHUB_LEVEL[f.severity], f, "") for f in r.findings),
        ):
            props = (
                f"file={path},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},"
                f"title={_escape_property(f'decloak {f.rule}')}"
            )
            out.append(f"::{level} {props}::{_escape_data(prefix + f.message)}\n")
    return "".join(out)


# --- SARIF 2.1.0 --------------------------------------------------------------------------


def _rule_descriptor(r: Rule) -> dict[str, Any]:
    tags = ["security"] if r.severity is not Severity.NOTE else ["maintainability"]
    return {
        "id": r.id,
        "name": "".join(w.capitalize() for w in r.id.split("-")),
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.help},
        "help": {
            "text": f"{r.help}\n\nExample: {r.example}",
            "markdown": f"{r.help}\n\nExample:\n\n```\n{r.example}\n```",
        },
        "defaultConfiguration": {"level": r.severity.value},
        "properties": {
            "tags": [*tags, r.kind],
            "precision": "high" if r.severity is Severity.ERROR else "medium",
            "problem.severity": "recommendation" if r.severity is Severity.NOTE else r.severity,
            "security-severity": _SECURITY_SEVERITY[r.severity],
        },
    }


def _uri(path: str) -> tuple[str, str | None]:
    """A SARIF artifact URI: relative to %SRCROOT% (the working folder) when possible."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri(), None
    return urllib.parse.quote(path.replace(os.sep, "/")), "%SRCROOT%"


def _location(path: str, f: LintFinding | None = None) -> dict[str, Any]:
    uri, base = _uri(path)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    phys: dict[str, Any] = {"artifactLocation": artifact}
    if f is not None:
        phys["region"] = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
        }
    return {"physicalLocation": phys}


def _fingerprint(path: str, f: LintFinding, seen: Counter[str]) -> str:
    """Stable across runs and line shifts: path, rule, message and occurrence number."""
    key = f"{path}\0{f.rule}\0{f.message}"
    seen[key] += 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]


def sarif(results: Sequence[FileResult], version: str) -> dict[str, Any]:
    """The SARIF 2.1.0 log of one lint run (one ``run``, every rule described)."""
    index = {r.id: k for k, r in enumerate(RULES)}
    seen: Counter[str] = Counter()
    sarif_results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": f.severity.value,
            "message": {"text": f.message},
            "locations": [_location(r.path, f)],
            "partialFingerprints": {"decloakFinding/v1": _fingerprint(r.path, f, seen)},
        }
        for r in results
        for f in r.findings
    ]
    notifications = [
        {
            "level": "note",
            "message": {"text": f"skipped: {r.skipped}"},
            "locations": [_location(r.path)],
        }
        for r in results
        if r.skipped is not None
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    fixed = sum(len(r.fixed) for r in results)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "decloak",
                "version": version,
                "semanticVersion": version.split("+")[0],
                "rules": [_rule_descriptor(r) for r in RULES],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if fixed:
        run["properties"] = {"fixed": fixed}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
