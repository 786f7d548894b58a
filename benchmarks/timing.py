"""The timing loop every benchmark worker shares (standard library only).

Why a separate module: the same loop must run in two interpreters, the project's
venv (decloak, the floors) and ``eval/.venv-peers`` (the peer tools, which must
not be installed next to decloak), so it cannot import anything but the standard
library.  Both workers print one JSON object per line on stdout:

- ``{"event": "call", "run": k, "cpu0": ...}`` just before a timed call (``k = -1``:
  the untimed warm-up call), so the parent can cap one call's CPU time (it reads
  ``/proc/<pid>/stat``) and kill it;
- ``{"event": "warmup", "cpu": ...}`` after the warm-up: a first call on a sample
  pays one-time setup (lazy tables, a lexicon load) that is reported apart from
  the throughput;
- ``{"event": "run", "run": k, "cpu": ..., "wall": ...}`` after it;
- ``{"event": "done", ...}`` with sizes, peak RSS and the output check.

CPU time (``time.process_time``) is what is compared: the machine is shared, so
wall time measures the neighbours as much as the code.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Fn = Callable[[str], object]


def emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def load(path: Path, chars: int | None = None, prefix_bytes: int | None = None) -> str:
    """The text of ``path``, its first ``chars`` code points, or its first lines.

    ``prefix_bytes`` keeps at most that many bytes, ending after the last newline
    within them (a slow peer and decloak are timed on the same "2 MB prefix");
    ``chars`` keeps exactly that many code points (adversarial inputs, which may
    have no newline at all).
    """
    if prefix_bytes is not None:
        with path.open("rb") as f:
            data = f.read(prefix_bytes + 1)
        if len(data) > prefix_bytes:
            data = data[:prefix_bytes]
            nl = data.rfind(b"\n")
            if nl > prefix_bytes // 2:
                data = data[: nl + 1]
        return data.decode("utf-8", "ignore")
    text = path.read_text("utf-8")
    return text if chars is None else text[:chars]


def count_diff(a: str, b: str) -> int:
    """Positions where two equal-length strings differ (fast when they mostly agree)."""
    if a == b:
        return 0
    n = 0
    step = 1 << 16
    for i in range(0, len(a), step):
        x = a[i : i + step]
        y = b[i : i + step]
        if x != y:
            n += sum(1 for p, q in zip(x, y, strict=True) if p != q)
    return n


def check(text: str, out: object, expected: str) -> dict[str, Any]:
    """How the output compares with the expected clean text (outside the timing)."""
    if not isinstance(out, str):
        return {}
    res: dict[str, Any] = {
        "identical": out == expected,
        "unchanged": out == text,
        "len_delta": len(out) - len(expected),
    }
    if len(text) == len(expected):
        res["input_diff"] = count_diff(text, expected)
    if len(out) == len(expected):
        res["output_diff"] = count_diff(out, expected)
    return res


def time_calls(
    fn: Fn,
    text: str,
    min_runs: int,
    min_total: float,
    max_runs: int,
    reset: Callable[[], None] | None = None,
) -> tuple[list[float], object]:
    """Call ``fn(text)`` at least ``min_runs`` times, more (up to ``max_runs``) until
    ``min_total`` CPU seconds were spent; returns the CPU time of each call and
    the last output.  A fresh collection before each call keeps garbage of the
    previous call from being billed to the next; ``reset`` (untimed) empties
    caches a tool keeps between calls, so every call is a first call."""
    times: list[float] = []
    out: object = None
    while len(times) < max(1, min_runs) or (sum(times) < min_total and len(times) < max_runs):
        out = None
        if reset is not None:
            reset()
        gc.collect()
        c0 = time.process_time()
        emit({"event": "call", "run": len(times), "cpu0": c0})
        w0 = time.perf_counter()
        out = fn(text)
        wall = time.perf_counter() - w0
        cpu = time.process_time() - c0
        times.append(cpu)
        emit({"event": "run", "run": len(times) - 1, "cpu": cpu, "wall": wall})
    return times, out


def worker_main(
    resolve: Callable[[str], tuple[Fn, dict[str, Any]]],
    argv: list[str],
    reset: Callable[[], None] | None = None,
) -> int:
    """Parse the common worker options, time the tool, print the JSON lines."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--file", required=True, type=Path)
    ap.add_argument("--chars", type=int, default=None, help="time on this many code points")
    ap.add_argument("--prefix-bytes", type=int, default=None, help="time on the first lines")
    ap.add_argument("--warmup", type=int, default=250_000, help="untimed first call on N chars")
    ap.add_argument("--expect", type=Path, default=None, help="the clean original to compare")
    ap.add_argument("--min-runs", type=int, default=1)
    ap.add_argument("--min-total", type=float, default=1.0)
    ap.add_argument("--max-runs", type=int, default=5)
    args = ap.parse_args(argv)

    fn, info = resolve(args.tool)
    text = load(args.file, args.chars, args.prefix_bytes)
    emit(
        {
            "event": "start",
            "tool": args.tool,
            "chars": len(text),
            "bytes": len(text.encode("utf-8")),
            **info,
        }
    )
    warmup = 0.0
    if args.warmup > 0:
        c0 = time.process_time()
        emit({"event": "call", "run": -1, "cpu0": c0})
        fn(text[: args.warmup])
        warmup = time.process_time() - c0
    emit({"event": "warmup", "cpu": warmup})
    times, out = time_calls(fn, text, args.min_runs, args.min_total, args.max_runs, reset)
    done: dict[str, Any] = {"event": "done", "runs": len(times)}
    if args.expect is not None:
        # Aligned by code points: the attacked copy swaps letters one for one.
        expected = load(args.expect, len(text))
        done["check"] = check(text, out, expected)
    done["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    emit(done)
    return 0
