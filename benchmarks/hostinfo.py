"""What every benchmark report says about the machine it ran on."""

from __future__ import annotations

import platform
import subprocess
from pathlib import Path
from typing import Any


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo``, else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


#: Tracked paths whose edits make a result "dirty" (results files excepted, or a
#: re-run would mark itself dirty).  The same list as ``eval/common.py``.
STAMP_PATHS = (
    "src",
    "eval",
    "benchmarks",
    ":(exclude)eval/results",
    ":(exclude)benchmarks/results",
    ":(exclude)benchmarks/RESULTS.md",
)


def git_stamp(repo: Path | None = None) -> dict[str, Any]:
    """``{"commit": HEAD, "dirty": bool}`` of the checkout that produced a result.

    Why: a results file must say which code made it.  ``dirty`` is true when
    ``git status --porcelain`` of tracked files under ``src/``, ``eval/`` or
    ``benchmarks/`` (results files excepted) is non-empty.  Outside a git
    checkout both are ``None``.  ``eval/common.py`` has the same function.
    """
    root = repo or Path(__file__).resolve().parent.parent

    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
            )
        except OSError:
            return None
        return proc.stdout.strip() if proc.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "dirty": None}
    status = git("status", "--porcelain", "--untracked-files=no", "--", *STAMP_PATHS)
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def stamp_line(stamp: dict[str, Any]) -> str:
    """``commit abc1234`` (``, uncommitted changes`` when dirty) for Markdown reports."""
    if not stamp.get("commit"):
        return "commit unknown (not a git checkout)"
    return f"commit {stamp['commit'][:7]}" + (
        " (with uncommitted changes)" if stamp.get("dirty") else ""
    )
