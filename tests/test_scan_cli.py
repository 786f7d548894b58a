"""``decloak scan`` as a user runs it: linear time, bounded memory, several inputs.

The text report once counted the newlines from the start of the text for every finding
(10 MB with 400,000 findings took 762 s) and ``--json`` held every finding of a file at
once (50 MB: 3.4 GB).  ``scan a missing b`` stopped at ``missing``.  These tests use only
the command, in subprocesses.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

# --- cost and memory of the real command, in a child -------------------------------------

# ``decloak scan ARGS...`` in a child that reports the CPU time of the command and its
# peak resident memory (VmHWM) on its last stderr line; its report goes to /dev/null.
_CHILD = """
import sys, time
sys.argv = ["decloak", "scan", *sys.argv[1:]]
from decloak.cli import main
t0 = time.process_time()
try:
    main()
finally:
    cost = time.process_time() - t0
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
    print("measured", cost, peak, file=sys.stderr)
"""


def scan_in_child(*args: str) -> tuple[int, float, int]:
    """``decloak scan ARGS``: (exit code, CPU seconds of the command, peak bytes)."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=900,
        check=False,
        env=dict(os.environ, NO_COLOR="1"),
    )
    last = proc.stderr.decode().strip().splitlines()[-1].split()
    assert last[0] == "measured", proc.stderr.decode()[-2000:]
    return proc.returncode, float(last[1]), int(last[2])


WORDS = [
    "the",
    "park",
    "would",
    "bring",
    "families",
    "back",
    "to",
    "the",
    "city",
    "and",
    "a",
    "cat",
    "sat",
    "on",
    "a",
    "mat",
]


def prose(n: int, seed: int = 3) -> str:
    """About ``n`` characters of English-like lines, one letter in 25 a Cyrillic а."""
    rng = random.Random(seed)
    lines: list[str] = []
    size = 0
    while size < n:
        line = " ".join(rng.choice(WORDS) for _ in range(12)) + ".\n"
        line = "".join("\u0430" if c == "a" and rng.random() < 0.5 else c for c in line)
        lines.append(line)
        size += len(line)
    return "".join(lines)


RATIO_BOUND = 8.0  # 4x the input: linear ~4, quadratic ~16
SMALL = 600_000


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_scan_cost_is_linear_and_memory_does_not_grow(fmt: str, tmp_path: Path) -> None:
    """1x and 4x the input (24,000 and 96,000 findings): CPU time grows about 4x, and the
    peak memory stays where it was (the findings go to the output as they are found)."""
    opts = ["--json"] if fmt == "json" else []
    costs, peaks = [], []
    for k, n in enumerate((SMALL, 4 * SMALL)):
        p = tmp_path / f"in{k}.txt"
        p.write_text(prose(n), encoding="utf-8")
        code, cost, peak = scan_in_child(*opts, str(p))
        assert code == 0
        costs.append(max(cost, 1e-3))
        peaks.append(peak)
    assert costs[1] / costs[0] < RATIO_BOUND, f"4x input cost {costs[1] / costs[0]:.1f}x"
    assert peaks[1] - peaks[0] < 24 << 20, f"peak {peaks[0] >> 20} MB -> {peaks[1] >> 20} MB"


# --- several inputs ----------------------------------------------------------------------


def test_scan_reports_a_missing_file_and_goes_on(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("first c\u0430rd\n", encoding="utf-8")
    b.write_text("second c\u0430rd\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    folder = tmp_path / "adir"
    folder.mkdir()
    r = run_cli("scan", str(a), str(missing), str(folder), str(b))
    assert r.code == 2
    assert r.err == (
        f"decloak: error: {missing}: No such file or directory\n"
        f"decloak: error: {folder}: Is a directory\n"
    )
    heads = [line for line in r.text.splitlines() if not line.startswith(" ")]
    assert heads == [
        f"{a}: suspicious, score 0.95: 1 finding (homoglyph 1)",
        f"{b}: suspicious, score 0.95: 1 finding (homoglyph 1)",
    ]
    r = run_cli("scan", "--json", str(a), str(missing), str(b))
    assert r.code == 2
    assert [o["path"] for o in json.loads(r.text)] == [str(a), str(b)]
    r = run_cli("scan", "--jsonl", str(missing), str(b))
    assert r.code == 2
    assert [json.loads(x)["path"] for x in r.text.splitlines()] == [str(b)]
    r = run_cli("scan", "--json", str(missing), str(tmp_path / "nope.txt"))
    assert (r.code, r.text) == (2, "[]\n")
    r = run_cli("scan", "--fail-on-findings", str(a), str(missing))
    assert r.code == 2  # an input error outranks findings


def test_invalid_utf8_late_in_a_file_writes_nothing_of_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(("c\u0430rd\n" * 300_000).encode() + b"\xff")
    good = tmp_path / "good.txt"
    good.write_text("c\u0430rd\n", encoding="utf-8")
    r = run_cli("scan", "--json", str(bad), str(good))
    assert r.code == 2
    assert r.err.count("\n") == 1 and "invalid UTF-8 at byte offset 1800000" in r.err
    assert [o["path"] for o in json.loads(r.text)] == [str(good)]
