"""What every benchmark report says about the machine it ran on."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from collections.abc import Callable, Iterable
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


# --- what else ran on the machine during a measurement (Linux /proc) ----------------------

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def busy_seconds() -> float:
    """CPU seconds spent busy (not idle or waiting for I/O) by the whole machine so far."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / CLK_TCK


def process_seconds(pids: Iterable[int]) -> float:
    """CPU seconds (user + system) used so far by the processes ``pids``."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants now."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return out


class OtherLoad:
    """The share of the machine's CPUs that processes other than ``pids`` used meanwhile.

    Load averages include the benchmark's own processes (and, for a minute, those of the
    previous measurement); this counts busy CPU time from ``/proc/stat`` minus the time
    of the measured processes, over the wall time and the number of CPUs.
    """

    def __init__(self, pids: Callable[[], Iterable[int]]) -> None:
        self.pids = pids
        self.start()

    def start(self) -> None:
        self.t0 = time.perf_counter()
        self.busy0 = busy_seconds()
        self.ours0 = process_seconds(self.pids())

    def share(self) -> float:
        wall = max(time.perf_counter() - self.t0, 1e-9)
        others = (busy_seconds() - self.busy0) - (process_seconds(self.pids()) - self.ours0)
        return max(0.0, others) / (wall * (os.cpu_count() or 1))
