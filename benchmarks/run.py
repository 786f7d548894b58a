"""``make bench``: decloak's speed next to the floors and the peers, measured in one run.

Why this shape (briefing, "Measured, not asserted"): the machine is shared, so
absolute MB/s drift with the neighbours' load; what is stable, and what the
targets are written in, are RATIOS of CPU times (``time.process_time``) measured
in the same run, interleaved (every tool once per round, several rounds) and
reduced to medians.  Every measurement runs in a fresh subprocess whose timed
calls the parent caps by CPU time, so a pathological input becomes a reported
finding instead of a hung suite.

What runs:

- decloak ``clean`` and ``scan`` with the C kernel and with the pure-Python kernel
  (``DECLOAK_PURE_PYTHON=1``) on each corpus (see ``corpora.py``);
- the floors: a compiled ``re`` scan of non-ASCII runs, consumed in a loop, and
  ``unicodedata.normalize("NFKC", text)``;
- the peers through ``eval/adapters`` inside ``eval/.venv-peers``
  (``peer_worker.py``).  A peer slower than ``--slow-mbps`` on a probe is timed
  on a fixed 2 MB prefix, and decloak is timed on the same prefix for that ratio;
- adversarial inputs at three sizes each, to show the cost grows linearly.

Writes ``benchmarks/RESULTS.md`` and ``benchmarks/results/speed.json``.  MB =
10^6 bytes of UTF-8 input; MB/s is per core (CPU time, not wall time).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import hashlib
import json
import math
import os
import platform
import selectors
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpora as _corpora  # noqa: E402
from hostinfo import cpu_model, git_stamp, stamp_line  # noqa: E402

PEERS_PY = ROOT / "eval" / ".venv-peers" / "bin" / "python"
DECLOAK_WORKER = HERE / "decloak_worker.py"
PEER_WORKER = HERE / "peer_worker.py"
RESULTS_MD = HERE / "RESULTS.md"
RESULTS_DIR = HERE / "results"
SPEED_JSON = RESULTS_DIR / "speed.json"
MEMORY_JSON = RESULTS_DIR / "memory.json"

MB = 1_000_000
DEFAULT_PEERS = ("ftfy", "glyphguard", "prompt-canon", "disarm", "confusable-homoglyphs")
ALL_PEERS = (*DEFAULT_PEERS, "decancer", "icu", "silverspeak", "secnorm")
PREFIX_BYTES = 2 * MB
"""Slow peers (and decloak, for their ratio) are timed on this prefix, cut at a line end."""
PROBE_BYTES = 250_000
SLOW_MBPS = 5.0
"""Peers slower than this on the probe get the prefix: 20 MB would take > 4 s a call."""
CAP_S = 60.0
"""CPU seconds one timed call may take before it is killed and reported as a lower bound."""
SCALES = (0.125, 0.25, 0.5, 1.0)
"""Adversarial sizes, as shares of each adversarial file: consecutive sizes double."""
SUPERLINEAR = 1.2
"""Growth exponent above which an adversarial row is flagged (1.0 = linear)."""

CORPUS_ORDER = ("english", "attacked", "multilingual")
CORPUS_TITLES = {
    "english": "English prose",
    "attacked": "2%-attacked copy",
    "multilingual": "legitimate multilingual",
}
TOOL_TITLES = {
    "decloak.clean": "decloak clean (C kernel)",
    "decloak.scan": "decloak scan (C kernel)",
    "decloak.scan-findings": "decloak scan + .findings (C)",
    "pure:decloak.clean": "decloak clean (pure Python)",
    "pure:decloak.scan": "decloak scan (pure Python)",
    "floor.re": "floor: re scan of non-ASCII runs",
    "floor.nfkc": "floor: NFKC",
}


# --------------------------------------------------------------------------- one measurement


@dataclass(frozen=True)
class Job:
    """One tool on one input (or its first ``chars`` code points)."""

    tool: str  # "decloak.clean", "floor.re", "peer:ftfy", ...
    path: Path
    chars: int | None = None  # exactly this many code points
    prefix_bytes: int | None = None  # at most this many bytes, ending at a line end
    expect: Path | None = None
    pure: bool = False
    warmup: int = 250_000  # code points of the untimed first call

    @property
    def key(self) -> str:
        return ("pure:" if self.pure else "") + self.tool


@dataclass
class Outcome:
    """What one worker process reported."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    start: dict[str, Any] = field(default_factory=dict)
    done: dict[str, Any] = field(default_factory=dict)
    timed_out: bool = False
    lower_bound: float | None = None  # CPU seconds the killed call had used
    error: str | None = None
    warmup: float | None = None  # CPU seconds of the untimed first call on a sample
    pairs: list[dict[str, float]] = field(default_factory=list)  # pair.* tools


def _proc_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) the process has used, from ``/proc/<pid>/stat``."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def job_command(job: Job, min_runs: int, min_total: float, max_runs: int) -> list[str]:
    if job.tool.startswith("peer:"):
        cmd = [str(PEERS_PY), str(PEER_WORKER), "--tool", job.tool[5:]]
    else:
        cmd = [sys.executable, str(DECLOAK_WORKER), "--tool", job.tool]
    cmd += ["--file", str(job.path)]
    cmd += ["--min-runs", str(min_runs), "--min-total", str(min_total)]
    cmd += ["--max-runs", str(max_runs)]
    if job.chars is not None:
        cmd += ["--chars", str(job.chars)]
    if job.prefix_bytes is not None:
        cmd += ["--prefix-bytes", str(job.prefix_bytes)]
    cmd += ["--warmup", str(job.warmup)]
    if job.expect is not None:
        cmd += ["--expect", str(job.expect)]
    return cmd


def run_job(
    job: Job,
    cap: float = CAP_S,
    min_runs: int = 1,
    min_total: float = 1.0,
    max_runs: int = 5,
    setup_timeout: float = 600.0,
) -> Outcome:
    """Run one worker; kill it when a timed call passes ``cap`` CPU seconds.

    The cap is on the call's CPU time (read from ``/proc``), so a loaded machine
    does not turn a slow-but-finite call into a false timeout; a wall-clock
    guard of 5x the cap still catches a call that is starved or blocked.
    """
    env = dict(os.environ)
    env.pop("DECLOAK_PURE_PYTHON", None)
    if job.pure:
        env["DECLOAK_PURE_PYTHON"] = "1"
    env["PYTHONPATH"] = str(HERE)
    out = Outcome()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            job_command(job, min_runs, min_total, max_runs),
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
            cwd=str(HERE),
            start_new_session=True,
        )
        assert proc.stdout is not None
        os.set_blocking(proc.stdout.fileno(), False)
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        buf = b""
        call_cpu0: float | None = None
        call_wall0 = time.monotonic()
        eof = False
        while not eof:
            for _ in sel.select(timeout=0.25):
                chunk = proc.stdout.read()
                if not chunk:
                    eof = True
                    break
                buf += chunk
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    ev = json.loads(line)
                    kind = ev.pop("event")
                    if kind == "call":
                        call_cpu0, call_wall0 = ev["cpu0"], time.monotonic()
                    elif kind == "run":
                        out.cpu.append(ev["cpu"])
                        out.wall.append(ev["wall"])
                        call_cpu0 = None
                    elif kind == "start":
                        out.start = ev
                    elif kind == "warmup":
                        out.warmup = ev["cpu"]
                        call_cpu0 = None
                    elif kind == "done":
                        out.done = ev
                    elif kind == "pair" and out.warmup is not None:  # not the warm-up's
                        out.pairs.append(ev)
            if eof:
                break
            elapsed = time.monotonic() - call_wall0
            if call_cpu0 is None:
                if elapsed > setup_timeout and not out.done:
                    out.error = f"no progress for {setup_timeout:.0f} s"
                    break
                continue
            used = _proc_cpu(proc.pid)
            if used is None:
                continue
            if used - call_cpu0 > cap or elapsed > 5 * cap:
                out.timed_out = True
                out.lower_bound = used - call_cpu0
                break
        sel.close()
        if out.timed_out or out.error:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        rc = proc.wait()
        proc.stdout.close()
        if rc != 0 and not out.timed_out and out.error is None:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            out.error = f"exit {rc}: " + " | ".join(tail)
    return out


# --------------------------------------------------------------------------- aggregation


@dataclass
class Cell:
    """All measurements of one tool on one input, over the rounds."""

    tool: str
    corpus: str
    basis: str  # "full" or "prefix"
    bytes: int = 0
    chars: int = 0
    cpu: list[float] = field(default_factory=list)
    timed_out: bool = False
    lower_bound: float | None = None
    errors: list[str] = field(default_factory=list)
    check: dict[str, Any] = field(default_factory=dict)
    version: str | None = None
    have_c: bool | None = None
    peak_rss_kb: int = 0
    warmup: list[float] = field(default_factory=list)

    def add(self, o: Outcome) -> None:
        self.cpu.extend(o.cpu)
        if o.warmup is not None:
            self.warmup.append(o.warmup)
        self.bytes = o.start.get("bytes", self.bytes)
        self.chars = o.start.get("chars", self.chars)
        self.version = o.start.get("version", self.version)
        self.have_c = o.start.get("have_c", self.have_c)
        if o.done.get("check"):
            self.check = o.done["check"]
        self.peak_rss_kb = max(self.peak_rss_kb, o.done.get("peak_rss_kb", 0))
        if o.timed_out:
            self.timed_out = True
            self.lower_bound = max(self.lower_bound or 0.0, o.lower_bound or 0.0)
        if o.error:
            self.errors.append(o.error)

    @property
    def seconds(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    @property
    def mbps(self) -> float | None:
        """Median MB/s; an upper bound when the only calls were killed at the cap."""
        s = self.seconds
        if s is not None and not self.timed_out:
            return self.bytes / MB / s if s > 0 else math.inf
        if self.timed_out and self.lower_bound:
            return self.bytes / MB / self.lower_bound
        return None

    @property
    def spread(self) -> tuple[float, float] | None:
        if not self.cpu or self.timed_out or min(self.cpu) <= 0:
            return None
        return self.bytes / MB / max(self.cpu), self.bytes / MB / min(self.cpu)

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "corpus": self.corpus,
            "basis": self.basis,
            "bytes": self.bytes,
            "chars": self.chars,
            "cpu_seconds": self.cpu,
            "median_seconds": self.seconds,
            "mb_per_s": self.mbps,
            "timed_out": self.timed_out,
            "lower_bound_seconds": self.lower_bound,
            "errors": self.errors,
            "check": self.check,
            "version": self.version,
            "have_c": self.have_c,
            "peak_rss_kb": self.peak_rss_kb,
            "warmup_seconds": self.warmup,
        }


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Corpus:
    name: str
    path: Path
    expect: Path


def plan_peers(
    corpora: list[Corpus],
    peers: Iterable[str],
    slow_mbps: float = SLOW_MBPS,
    probe_bytes: int = PROBE_BYTES,
    cap: float = CAP_S,
    log: Callable[[str], None] = _log,
) -> dict[tuple[str, str], dict[str, Any]]:
    """Probe each peer on each corpus and choose its basis (full corpus or prefix)."""
    plan: dict[tuple[str, str], dict[str, Any]] = {}
    for c in corpora:
        for peer in peers:
            o = run_job(Job("peer:" + peer, c.path, prefix_bytes=probe_bytes), cap=cap, min_total=0)
            probe = None
            if o.cpu and o.cpu[0] > 0:
                probe = o.start["bytes"] / MB / o.cpu[0]
            basis = "full" if probe is not None and probe >= slow_mbps else "prefix"
            plan[(peer, c.name)] = {"probe_mbps": probe, "basis": basis, "error": o.error}
            shown = f"{probe:.2f} MB/s" if probe is not None else (o.error or "timed out")
            log(f"  probe {peer:22} {c.name:13} {shown} -> {basis}")
    return plan


def measure_corpora(
    corpora: list[Corpus],
    *,
    tools: Iterable[str] = ("decloak.clean", "decloak.scan", "decloak.scan-findings"),
    pure_tools: Iterable[str] = ("decloak.clean", "decloak.scan"),
    floors: Iterable[str] = ("floor.re", "floor.nfkc"),
    peers: Iterable[str] = DEFAULT_PEERS,
    rounds: int = 3,
    cap: float = CAP_S,
    prefix_bytes: int = PREFIX_BYTES,
    slow_mbps: float = SLOW_MBPS,
    min_total: float = 1.0,
    log: Callable[[str], None] = _log,
    pair_runs: int = 4,
) -> tuple[list[Cell], dict[str, Any], dict[str, list[dict[str, float]]]]:
    """Every tool on every corpus, interleaved over ``rounds`` rounds; and
    ``pair_runs`` back-to-back scan/clean pairs per corpus and round.

    Interleaving matters on a shared machine: a neighbour's burst then slows one
    round of every tool instead of every run of one tool, and the median drops it.
    """
    peers = list(peers)
    plan = plan_peers(corpora, peers, slow_mbps, cap=cap, log=log) if peers else {}
    jobs: list[tuple[Cell, Job]] = []
    for c in corpora:
        repair = {"decloak.clean"}
        for t in tools:
            expect = c.expect if t in repair else None
            jobs.append((Cell(t, c.name, "full"), Job(t, c.path, expect=expect)))
        for t in pure_tools:
            expect = c.expect if t in repair else None
            job = Job(t, c.path, expect=expect, pure=True)
            jobs.append((Cell("pure:" + t, c.name, "full"), job))
        for t in floors:
            jobs.append((Cell(t, c.name, "full"), Job(t, c.path)))
        prefixed = False
        for p in peers:
            entry = plan[(p, c.name)]
            if entry["error"] and entry["probe_mbps"] is None:
                cell = Cell("peer:" + p, c.name, entry["basis"])
                cell.errors.append(entry["error"])
                jobs.append((cell, Job("skip", c.path)))
                continue
            size = prefix_bytes if entry["basis"] == "prefix" else None
            prefixed |= size is not None
            job = Job("peer:" + p, c.path, prefix_bytes=size, expect=c.expect)
            jobs.append((Cell("peer:" + p, c.name, entry["basis"]), job))
        if prefixed:
            for t in ("decloak.clean", "floor.re"):
                expect = c.expect if t in repair else None
                job = Job(t, c.path, prefix_bytes=prefix_bytes, expect=expect)
                jobs.append((Cell(t, c.name, "prefix"), job))
    pair_jobs = {c.name: Job("pair.scan-clean", c.path) for c in corpora} if pair_runs else {}
    pairs: dict[str, list[dict[str, float]]] = {name: [] for name in pair_jobs}
    for r in range(rounds):
        log(f"round {r + 1}/{rounds}")
        for name, job in pair_jobs.items():
            o = run_job(job, cap=cap, min_runs=pair_runs, min_total=0.0, max_runs=pair_runs)
            pairs[name].extend(o.pairs)
            got = paired_ratio(pairs[name])
            shown = "-" if got is None else f"{got:.3f}"
            log(f"  {name:13} paired scan ÷ clean so far: {shown} ({len(pairs[name])} pairs)")
        for cell, job in jobs:
            if job.tool == "skip" or cell.timed_out:
                continue
            o = run_job(job, cap=cap, min_total=min_total)
            cell.add(o)
            mbps = cell.mbps
            shown = "-" if mbps is None else f"{mbps:8.2f} MB/s"
            note = " (timed out)" if o.timed_out else (f" ({o.error})" if o.error else "")
            log(f"  {cell.corpus:13} {cell.basis:6} {cell.tool:28} {shown}{note}")
    plan_out = {f"{p}|{c}": v for (p, c), v in plan.items()}
    return [cell for cell, _ in jobs], plan_out, pairs


def sign_test(pairs: list[dict[str, float]]) -> tuple[int, float]:
    """(pairs where scan was slower, one-sided sign-test p-value of that many or more
    if neither were faster): a small p means scan is really slower than clean."""
    ratios = [p["clean"] / p["scan"] for p in pairs if p.get("scan") and p.get("clean")]
    n, k = len(ratios), sum(1 for r in ratios if r < 1.0)
    p = sum(math.comb(n, j) for j in range(k, n + 1)) / 2**n if n else 1.0
    return k, p


def paired_ratio(pairs: list[dict[str, float]]) -> float | None:
    """Median over back-to-back calls of clean's CPU time ÷ scan's (scan's speed ÷ clean's)."""
    ratios = [p["clean"] / p["scan"] for p in pairs if p.get("scan") and p.get("clean")]
    return statistics.median(ratios) if ratios else None


# --------------------------------------------------------------------------- adversarial


@dataclass
class Scaling:
    """decloak clean on one adversarial input at growing sizes."""

    name: str
    kernel: str  # "C" or "pure"
    description: str
    sizes: list[dict[str, Any]] = field(default_factory=list)
    timeout: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)
    confirmed: bool = False  # flagged on the first pass, so measured twice

    @property
    def exponent(self) -> float | None:
        """Growth exponent of CPU time: least-squares slope of log(time) on log(size).

        A fit over every size rather than the two ends, so one noisy size on a
        shared machine moves it less (1.0 = linear, 2.0 = quadratic).
        """
        pts = [
            (math.log(s["bytes"]), math.log(s["seconds"]))
            for s in self.sizes
            if s["seconds"] and s["seconds"] > 0 and s["bytes"]
        ]
        if len(pts) < 2:
            return None
        mx = statistics.fmean(x for x, _ in pts)
        my = statistics.fmean(y for _, y in pts)
        sxx = sum((x - mx) ** 2 for x, _ in pts)
        if sxx == 0:
            return None
        return sum((x - mx) * (y - my) for x, y in pts) / sxx

    @property
    def capped_exponent(self) -> float | None:
        """Lower bound of the growth exponent up to the size that hit the cap."""
        if not self.timeout or not self.sizes or not self.timeout.get("cpu_seconds_at_kill"):
            return None
        last = self.sizes[-1]
        if not last["seconds"] or not self.timeout.get("bytes"):
            return None
        return math.log(self.timeout["cpu_seconds_at_kill"] / last["seconds"]) / math.log(
            self.timeout["bytes"] / last["bytes"]
        )

    @property
    def verdict(self) -> str:
        """linear / SUPERLINEAR / CAPPED (a size passed the CPU cap, growth linear so far)."""
        if self.errors:
            return "ERROR"
        e, lb = self.exponent, self.capped_exponent
        if (e is not None and e > SUPERLINEAR) or (lb is not None and lb > SUPERLINEAR):
            return "SUPERLINEAR"
        if self.timeout:
            return "CAPPED"
        if e is None:
            return "?"
        return "linear"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kernel": self.kernel,
            "description": self.description,
            "sizes": self.sizes,
            "exponent": self.exponent,
            "capped_exponent": self.capped_exponent,
            "verdict": self.verdict,
            "timeout": self.timeout,
            "errors": self.errors,
            "confirmed": self.confirmed,
        }


def measure_scaling(
    name: str,
    path: Path,
    description: str = "",
    pure: bool = False,
    scales: Iterable[float] = SCALES,
    cap: float = CAP_S,
    min_total: float = 1.0,
    log: Callable[[str], None] = _log,
    confirm: bool = True,
) -> Scaling:
    """Time clean on prefixes of ``path`` (exact code point counts), smallest first.

    A size that passes the cap ends the row: it is the finding (with the input
    and its size), and larger sizes would only take longer.
    """
    total = len(path.read_text("utf-8"))
    row = Scaling(name, "pure" if pure else "C", description)
    samples: dict[int, list[float]] = {}
    for attempt in range(2):
        prev: float | None = None
        row.sizes = []
        for s in scales:
            chars = max(1, round(total * s))
            o = run_job(
                Job("decloak.clean", path, chars, pure=pure, warmup=5000),
                cap=cap,
                min_runs=3,
                min_total=min_total,
                max_runs=25,
            )
            size_bytes = o.start.get("bytes", 0)
            if o.timed_out:
                row.timeout = {
                    "file": path.name,
                    "chars": chars,
                    "bytes": size_bytes,
                    "cpu_seconds_at_kill": o.lower_bound,
                }
                log(f"  {name:12} {row.kernel:4} {chars:>10} chars: TIMEOUT (> {cap:.0f} s CPU)")
                return row
            if o.error or not o.cpu:
                row.errors.append(o.error or "no timing")
                log(f"  {name:12} {row.kernel:4} {chars:>10} chars: ERROR {o.error}")
                return row
            cpu = samples.setdefault(chars, [])
            cpu.extend(o.cpu)
            sec = statistics.median(cpu)
            entry = {
                "chars": chars,
                "bytes": size_bytes,
                "seconds": sec,
                "cpu_seconds": list(cpu),
                "s_per_mb": sec / (size_bytes / MB) if size_bytes else None,
                "ratio_to_previous": sec / prev if prev else None,
                "peak_rss_kb": o.done.get("peak_rss_kb"),
            }
            row.sizes.append(entry)
            prev = sec
            ratio = f" x{entry['ratio_to_previous']:.2f}" if entry["ratio_to_previous"] else ""
            log(f"  {name:12} {row.kernel:4} {size_bytes / MB:8.3f} MB {sec:8.3f} s{ratio}")
        if row.verdict != "SUPERLINEAR" or attempt or not confirm:
            break
        # A flag on a shared machine may be a neighbour's burst: measure every size
        # again and judge the medians of both passes together.
        log(f"  {name:12} {row.kernel:4} looks superlinear: measuring again to confirm")
        row.confirmed = True
    return row


# --------------------------------------------------------------------------- report


def src_fingerprint() -> str:
    """A hash of decloak's sources (``src/decloak``: .py, .c, tables): other engineers edit
    them while a run is going on, so a run records them at its start and its end."""
    h = hashlib.sha256()
    src = ROOT / "src" / "decloak"
    for p in sorted(src.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".c", ".so", ".bin", ".json"}:
            h.update(str(p.relative_to(src)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def machine_info() -> dict[str, Any]:
    commit = "?"
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "src"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        commit = head + (" (src/ modified)" if dirty else "")
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": commit,
        "loadavg_start": os.getloadavg(),
    }


def _fmt_mbps(cell: Cell | None) -> str:
    if cell is None:
        return ""
    if cell.errors and not cell.cpu and not cell.timed_out:
        return "error"
    m = cell.mbps
    if m is None:
        return "-"
    star = "†" if cell.basis == "prefix" else ""
    if cell.timed_out:
        return f"< {m:.3g}{star}"
    return f"{m:.3g}{star}" if m < 100 else f"{m:.0f}{star}"


def _fmt_ratio(r: float | None, bound: str = "") -> str:
    if r is None:
        return ""
    return f"{bound}{r:.2f}x" if r < 10 else f"{bound}{r:.0f}x"


def index(cells: list[Cell]) -> dict[tuple[str, str, str], Cell]:
    return {(c.tool, c.corpus, c.basis): c for c in cells}


def ratio_on(cells: dict[tuple[str, str, str], Cell], other: Cell) -> tuple[float, str]:
    """decloak clean (C) MB/s over ``other``'s, on the same input; ``>`` when a bound."""
    mine = cells.get(("decloak.clean", other.corpus, other.basis))
    if mine is None or mine.mbps is None or other.mbps is None or other.mbps == 0:
        return math.nan, ""
    return mine.mbps / other.mbps, (">" if other.timed_out else "")


def ratio(cells: dict[tuple[str, str, str], Cell], tool: str, corpus: str) -> tuple[float, str]:
    """decloak clean (C) ÷ ``tool`` on ``corpus``, on the tool's basis (full corpus first)."""
    other = cells.get((tool, corpus, "full")) or cells.get((tool, corpus, "prefix"))
    if other is None:
        return math.nan, ""
    return ratio_on(cells, other)


def speed_table(cells: list[Cell], corpora: Iterable[str]) -> list[list[str]]:
    """Rows: tool, then per corpus its MB/s and decloak clean (C) ÷ the tool.

    The ratio is taken on the tool's own basis: against a peer timed on the 2 MB
    prefix, decloak's speed on that same prefix is used.
    """
    idx = index(cells)
    corpora = list(corpora)
    tools = list(dict.fromkeys(c.tool for c in cells))
    head = ["tool"]
    for c in corpora:
        head += [f"{CORPUS_TITLES.get(c, c)}: MB/s", "clean ÷ tool"]
    rows = [head]
    for t in tools:
        row = [TOOL_TITLES.get(t, t.removeprefix("peer:"))]
        for c in corpora:
            cell = idx.get((t, c, "full")) or idx.get((t, c, "prefix"))
            r, bound = (math.nan, "") if cell is None else ratio(idx, t, c)
            row.append(_fmt_mbps(cell))
            row.append("" if t == "decloak.clean" or math.isnan(r) else _fmt_ratio(r, bound))
        rows.append(row)
        pre = [idx.get((t, c, "prefix")) for c in corpora]
        if t in ("decloak.clean", "floor.re") and any(pre):
            row = [TOOL_TITLES[t] + ", 2 MB prefix†"]
            for p in pre:
                skip = p is None or t == "decloak.clean"
                r, bound = (math.nan, "") if p is None or skip else ratio_on(idx, p)
                row += [_fmt_mbps(p), "" if math.isnan(r) else _fmt_ratio(r, bound)]
            rows.append(row)
    return rows


def check_table(cells: list[Cell], corpora: Iterable[str]) -> list[list[str]]:
    """What each repair did to the text (outside the timing): changes vs the clean original."""
    corpora = list(corpora)
    rows = [["tool", *[CORPUS_TITLES.get(c, c) for c in corpora]]]
    idx = index(cells)
    tools = [t for t in dict.fromkeys(c.tool for c in cells) if t.endswith("clean") or "peer:" in t]
    for t in tools:
        row = [TOOL_TITLES.get(t, t.removeprefix("peer:"))]
        for c in corpora:
            cell = idx.get((t, c, "full")) or idx.get((t, c, "prefix"))
            ch = cell.check if cell else {}
            if not ch:
                row.append("")
                continue
            star = "†" if cell and cell.basis == "prefix" else ""
            if ch.get("identical"):
                row.append("identical" + star)
            elif "output_diff" in ch and ch.get("input_diff"):
                left = ch["output_diff"]
                row.append(f"{left:,} of {ch['input_diff']:,} look-alikes left{star}")
            elif "output_diff" in ch:
                row.append(f"{ch['output_diff']:,} chars changed{star}")
            else:
                row.append(f"changed (length {ch.get('len_delta', 0):+,}){star}")
        rows.append(row)
    return rows


def md_table(rows: list[list[str]]) -> str:
    head, *body = rows
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(out)


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def scaling_table(rows: list[Scaling]) -> list[list[str]]:
    out = [
        [
            "input",
            "kernel",
            "sizes (MB)",
            "s per MB at each size",
            "time ratio per doubling",
            "exponent",
            "verdict",
        ]
    ]
    for r in rows:
        sizes = " / ".join(f"{s['bytes'] / MB:.3g}" for s in r.sizes)
        per = " / ".join(f"{s['s_per_mb']:.3g}" for s in r.sizes if s["s_per_mb"] is not None)
        rat = " / ".join(f"{s['ratio_to_previous']:.2f}" for s in r.sizes if s["ratio_to_previous"])
        e = r.exponent
        verdict = r.verdict
        if r.timeout:
            t = r.timeout
            verdict += (
                f"; {t['file']} at {t['chars']:,} code points ({t['bytes'] / MB:.3g} MB) "
                f"killed after {t['cpu_seconds_at_kill']:.0f} s CPU"
            )
        if r.errors:
            verdict += ": " + r.errors[0][:80]
        out.append(
            [
                r.name + (" *" if r.confirmed else ""),
                r.kernel,
                sizes,
                per,
                rat,
                f"{e:.2f}" if e is not None else "",
                verdict,
            ]
        )
    return out


def targets(
    cells: list[Cell],
    scaling: list[Scaling],
    memory: dict[str, Any] | None,
    pairs: dict[str, list[dict[str, float]]] | None = None,
) -> list[dict[str, Any]]:
    """The lead's targets, each with the measured value and how far off it is."""
    idx = index(cells)
    res: list[dict[str, Any]] = []

    def mbps(tool: str, corpus: str, basis: str = "full") -> float | None:
        c = idx.get((tool, corpus, basis))
        return c.mbps if c and not c.timed_out else None

    def add(
        name: str, value: float | None, goal: float, unit: str = "x", bound: bool = False
    ) -> None:
        ok = value is not None and value >= goal
        if value is None:
            off = "not measured"
        elif ok:
            off = f"met ({value / goal:.2f}x the target)"
        elif bound:
            off = f"at least {value:.2f}x (the peer hit the CPU cap): undecided"
        else:
            off = f"needs {goal / value:.2f}x faster"
        res.append(
            {
                "target": name,
                "goal": f">= {goal:g}{unit}",
                "measured": None if value is None else round(value, 3),
                "met": ok,
                "how_far": off,
            }
        )

    for corpus, goal in (("english", 0.8), ("attacked", 0.4), ("multilingual", 0.2)):
        a, b = mbps("decloak.clean", corpus), mbps("floor.re", corpus)
        add(f"clean ÷ re floor, {CORPUS_TITLES[corpus]}", a / b if a and b else None, goal)
    for corpus in CORPUS_ORDER:
        if pairs and pairs.get(corpus):
            # back-to-back calls in one process: the machine's drift cancels out
            n = len(pairs[corpus])
            name = f"scan ÷ clean, {CORPUS_TITLES[corpus]} (median of {n} paired calls)"
            add(name, paired_ratio(pairs[corpus]), 1.0)
            slower, p = sign_test(pairs[corpus])
            if not res[-1]["met"] and p >= 0.05:
                # "at least as fast": not detectably slower.  On text with no
                # finding both do the same work, and a tie lands either side of 1.
                res[-1]["met"] = True
                res[-1]["how_far"] = (
                    f"tied: scan slower in {slower} of {n} pairs (sign test p = {p:.2f})"
                )
            continue
        a, b = mbps("decloak.scan", corpus), mbps("decloak.clean", corpus)
        add(f"scan ÷ clean, {CORPUS_TITLES[corpus]}", a / b if a and b else None, 1.0)
    for peer, goal in (("glyphguard", 10.0), ("ftfy", 20.0)):
        for corpus in CORPUS_ORDER:
            if not any(k[0] == "peer:" + peer and k[1] == corpus for k in idx):
                continue
            r, bound = ratio(idx, "peer:" + peer, corpus)
            cell = idx.get(("peer:" + peer, corpus, "full")) or idx.get(
                ("peer:" + peer, corpus, "prefix")
            )
            basis = " (2 MB prefix)" if cell and cell.basis == "prefix" else ""
            add(
                f"clean ÷ {peer}, {CORPUS_TITLES[corpus]}{basis}",
                None if math.isnan(r) else r,
                goal,
                bound=bool(bound),
            )
    if memory and memory.get("peak_rss_mb") is not None:
        peak = float(memory["peak_rss_mb"])
        ok = peak < 200
        res.append(
            {
                "target": "peak RSS cleaning 1 GB (CLI)",
                "goal": "< 200 MB",
                "measured": peak,
                "met": ok,
                "how_far": "met" if ok else f"{peak - 200:.0f} MB over",
            }
        )
    else:
        res.append(
            {
                "target": "peak RSS cleaning 1 GB (CLI)",
                "goal": "< 200 MB",
                "measured": None,
                "met": False,
                "how_far": "not measured: run `benchmarks/memory.py --big`",
            }
        )
    for kernel in ("C", "pure"):
        rows = [r for r in scaling if r.kernel == kernel]
        if not rows:
            continue

        def why(r: Scaling) -> str:
            parts = [r.verdict]
            if r.exponent is not None:
                parts.append(f"exponent {r.exponent:.2f}")
            if r.capped_exponent is not None:
                parts.append(f"> {r.capped_exponent:.2f} up to the capped size")
            return f"{r.name} ({', '.join(parts)})"

        bad = [why(r) for r in rows if r.verdict != "linear"]
        res.append(
            {
                "target": f"every adversarial input linear ({kernel} kernel)",
                "goal": f"exponent <= {SUPERLINEAR}",
                "measured": f"{len(rows) - len(bad)} of {len(rows)}",
                "met": not bad,
                "how_far": "met" if not bad else "not met: " + "; ".join(bad),
            }
        )
    return res


def render_markdown(data: dict[str, Any]) -> str:
    """RESULTS.md from the JSON document (``speed.json`` plus ``memory.json``)."""
    cells = [Cell(**_cell_args(c)) for c in data.get("cells", [])]
    scaling = [_scaling_from(r) for r in data.get("adversarial", [])]
    memory = data.get("memory")
    m = data.get("machine", {})
    corpora = [c for c in CORPUS_ORDER if any(x.corpus == c for x in cells)]
    lines = [
        "# decloak speed: measured",
        "",
        "Generated by `benchmarks/run.py` (`make bench`); do not edit by hand. "
        "Ratios are what to compare across machines: absolute MB/s drift with load.",
        "",
        f"- **Date**: {data.get('date', '?')}",
        f"- **Command**: `{data.get('command', '?')}` "
        f"({data.get('elapsed_s', 0) / 60:.0f} min wall)",
        f"- **Machine**: {m.get('nproc')} cores, {m.get('cpu_model')}, {m.get('platform', '')}",
        f"- **Load average** (1 min) at start / end: "
        f"{m.get('loadavg_start', ['?'])[0]:.2f} / {m.get('loadavg_end', ['?'])[0]:.2f} "
        "on this shared machine: other engineers' test runs were going on.",
        f"- **Python**: {m.get('python')}; **decloak** {data.get('decloak_version')} "
        f"({stamp_line(data)}, src/decloak hash {m.get('src_start', '?')}), "
        "C kernel in use: "
        f"{'yes' if data.get('have_c') else 'NO'}",
        "- **Peers** (`eval/.venv-peers`, via `eval/adapters`): "
        + (
            ", ".join(f"{k} {v}" for k, v in sorted(data.get("peer_versions", {}).items()))
            or "none"
        ),
        "",
        "## Targets",
        "",
    ]
    tg = data.get("targets", [])
    rows = [["target", "goal", "measured", "status"]]
    for t in tg:
        v = t["measured"]
        rows.append(
            [
                t["target"],
                t["goal"],
                "-" if v is None else (f"{v:g}" if isinstance(v, float | int) else str(v)),
                ("✅ " if t["met"] else "❌ ") + t["how_far"],
            ]
        )
    lines += [md_table(rows), ""]
    if cells:
        lines += [
            "## Speed (MB/s per core, median CPU time) and decloak clean ÷ tool",
            "",
            md_table(speed_table(cells, corpora)),
            "",
            f"† timed on the first {data.get('prefix_bytes', PREFIX_BYTES) / MB:g} MB "
            "(cut at a line end) because the tool ran below "
            f"{data.get('slow_mbps', SLOW_MBPS):g} MB/s on a {PROBE_BYTES / MB:g} MB probe; "
            "its ratio uses decloak on that same prefix. `<` = the call was killed at "
            f"{data.get('cap_s', CAP_S):g} s CPU (an upper bound on MB/s).",
            "",
            "### What each repair did to the text (checked outside the timing)",
            "",
            md_table(check_table(cells, corpora)),
            "",
        ]
    if scaling:
        lines += [
            "## Adversarial inputs: does the cost grow linearly?",
            "",
            "decloak clean on prefixes of each input at 1/8, 1/4, 1/2 and all of it (each size "
            "doubles the previous one): seconds per MB should stay flat and the time ratio per "
            "doubling near 2. Exponent = least-squares slope of log(time) on log(size) (1 = "
            f"linear, 2 = quadratic), flagged above {SUPERLINEAR}; a flagged row is measured a "
            "second time and judged on the medians of both passes (marked *). Each size: median "
            "of 3–25 calls (at least 1 s CPU in all) in a fresh process; a call over "
            f"{data.get('cap_s', CAP_S):g} s CPU is killed and reported.",
            "",
            md_table(scaling_table(scaling)),
            "",
        ]
        for r in scaling:
            if r.kernel == "C":
                lines.append(f"- `{r.name}`: {r.description}")
        lines.append("")
    lines += ["## Peak memory: cleaning 1 GB with the CLI", ""]
    if memory:
        lines += [
            f"- **Date**: {memory.get('date')}; **command**: `{memory.get('command')}`",
            f"- **Input**: {memory.get('input_bytes', 0) / MB:,.0f} MB of English prose "
            "(the English corpus repeated)",
            f"- **Peak RSS**: {memory.get('peak_rss_mb')} MB (target < 200 MB; measured with "
            f"{memory.get('method')})",
            f"- **CPU time**: {memory.get('cpu_s')} s ({memory.get('mbps')} MB/s); wall "
            f"{memory.get('wall_s')} s; exit status {memory.get('exit_status')}",
            f"- **Output**: {memory.get('output_bytes', 0):,} bytes, "
            + ("same size as the input" if memory.get("same_size") else "SIZE DIFFERS")
            + (", byte-identical" if memory.get("identical") else ", NOT identical"),
            "",
        ]
        adv = memory.get("adversarial") or []
        if adv:
            rows = [["adversarial input", "MB", "peak RSS (MB)", "RSS ÷ input", "CPU s"]]
            for a in adv:
                rows.append(
                    [
                        a["input"],
                        f"{a['input_bytes'] / MB:.3g}",
                        f"{a['peak_rss_mb']:g}",
                        f"{a['rss_per_input_mb']:g}x",
                        f"{a['cpu_s']:g}",
                    ]
                )
            lines += [
                "The same CLI on each adversarial input (the stream cuts only at line starts "
                "between units, so a line without an end is held whole):",
                "",
                md_table(rows),
                "",
            ]
    else:
        lines += ["Not measured in this run: `.venv/bin/python benchmarks/memory.py --big`.", ""]
    lines += [
        "## Notes",
        "",
        "- Every number is CPU time (`time.process_time`) of the call alone, in a fresh "
        "subprocess per measurement (file read and imports excluded); MB = 10^6 bytes of "
        "UTF-8 input. Rounds are interleaved (every tool once per round) so that a burst "
        "of load hits one round of every tool, and medians drop it.",
        "- decloak `scan` is timed with its verdict (`.score`, `.suspicious`); findings are "
        "built lazily, so `scan + .findings` is listed separately. The scan ÷ clean "
        "targets are the median of paired calls: `scan` and `clean` timed back to back in "
        "one process, alternating which goes first, four pairs per corpus and round (the "
        "process's speed drifts by more than the difference measured; the per-tool medians "
        "above are not paired).",
        "- Peers run their `eval/adapters` call (the most favourable reasonable call for each "
        "tool, see `eval/README.md`); module-level memo caches in an adapter are emptied "
        "before each timed call.",
        "- Corpora (`benchmarks/corpora.py`, cached in `benchmarks/data/`): "
        + "; ".join(
            f"`{k}` {v.get('bytes', 0) / MB:.2f} MB sha256 {str(v.get('sha256', ''))[:12]}"
            for k, v in data.get("corpora", {}).items()
        )
        + ".",
    ]
    att = data.get("corpora", {}).get("attacked", {})
    if att:
        lines.append(
            f"- The attacked copy swaps {att.get('swaps', 0):,} of "
            f"{att.get('letters', 0):,} letters ({att.get('swaps', 0) / max(1, att.get('letters', 1)):.2%}) "
            "for Cyrillic look-alikes, at uniform positions among the swappable ones."
        )
    for note in data.get("notes", []):
        lines.append(f"- {note}")
    return "\n".join(lines) + "\n"


def _cell_args(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "tool": d["tool"],
        "corpus": d["corpus"],
        "basis": d["basis"],
        "bytes": d["bytes"],
        "chars": d["chars"],
        "cpu": d["cpu_seconds"],
        "timed_out": d["timed_out"],
        "lower_bound": d["lower_bound_seconds"],
        "errors": d["errors"],
        "check": d["check"],
        "version": d["version"],
        "have_c": d["have_c"],
        "peak_rss_kb": d["peak_rss_kb"],
        "warmup": d.get("warmup_seconds", []),
    }


def _scaling_from(d: dict[str, Any]) -> Scaling:
    return Scaling(
        d["name"],
        d["kernel"],
        d["description"],
        d["sizes"],
        d["timeout"],
        d["errors"],
        d.get("confirmed", False),
    )


def write_results(
    data: dict[str, Any], md_path: Path = RESULTS_MD, json_path: Path = SPEED_JSON
) -> None:
    """Write the JSON document and RESULTS.md (with the latest memory.json, if any)."""
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    md_path.write_text(render_markdown(data), "utf-8")


def rerender(
    md_path: Path = RESULTS_MD, json_path: Path = SPEED_JSON, memory_path: Path = MEMORY_JSON
) -> None:
    """Rebuild RESULTS.md from the saved JSON (after ``memory.py`` ran)."""
    data = json.loads(json_path.read_text("utf-8")) if json_path.exists() else {}
    memory = json.loads(memory_path.read_text("utf-8")) if memory_path.exists() else None
    data["memory"] = memory
    cells = [Cell(**_cell_args(c)) for c in data.get("cells", [])]
    scaling = [_scaling_from(r) for r in data.get("adversarial", [])]
    data["targets"] = targets(cells, scaling, memory, data.get("pairs"))
    write_results(data, md_path, json_path)


# --------------------------------------------------------------------------- main


def ensure_peers_venv() -> bool:
    """Create ``eval/.venv-peers`` through the eval Makefile's own target when missing."""
    if PEERS_PY.exists():
        return True
    _log("eval/.venv-peers is missing: creating it (make -C eval .venv-peers/.installed) ...")
    rc = subprocess.run(["make", "-C", str(ROOT / "eval"), ".venv-peers/.installed"], check=False)
    return rc.returncode == 0 and PEERS_PY.exists()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    ap.add_argument(
        "--peers",
        default=",".join(DEFAULT_PEERS),
        help=f"comma-separated adapters, 'all' ({', '.join(ALL_PEERS)}) or ''",
    )
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--no-pure", action="store_true", help="skip the pure-Python kernel")
    ap.add_argument("--no-adversarial", action="store_true")
    ap.add_argument("--corpora", default=",".join(CORPUS_ORDER))
    ap.add_argument("--cap", type=float, default=CAP_S, help="CPU seconds per call before a kill")
    ap.add_argument("--big", action="store_true", help="also run the 1 GB memory test")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="one round, no pure kernel, C-only adversarial rows (a sanity pass)",
    )
    args = ap.parse_args(argv)
    if args.quick:
        args.rounds, args.no_pure = 1, True

    t0 = time.monotonic()
    machine = machine_info()
    machine["src_start"] = src_fingerprint()
    store = _corpora.Corpora()
    paths = {
        "english": store.english(),
        "attacked": store.attacked(),
        "multilingual": store.multilingual(),
    }
    expects = {"english": paths["english"], "attacked": paths["english"]}
    chosen = [c for c in args.corpora.split(",") if c]
    corpora = [Corpus(c, paths[c], expects.get(c, paths[c])) for c in chosen]

    peers = (
        []
        if args.no_peers
        else (list(ALL_PEERS) if args.peers == "all" else [p for p in args.peers.split(",") if p])
    )
    notes: list[str] = []
    if peers and not ensure_peers_venv():
        notes.append("peers skipped: eval/.venv-peers could not be created")
        peers = []

    _log(f"timing {len(corpora)} corpora, {len(peers)} peers, {args.rounds} rounds ...")
    cells, plan, pairs = measure_corpora(
        corpora,
        pure_tools=() if args.no_pure else ("decloak.clean", "decloak.scan"),
        peers=peers,
        rounds=args.rounds,
        cap=args.cap,
    )
    scaling: list[Scaling] = []
    if not args.no_adversarial:
        _log("adversarial inputs ...")
        for name, desc in _corpora.ADVERSARIAL.items():
            path = store.adversarial(name)
            for pure in (False,) if args.no_pure else (False, True):
                scaling.append(measure_scaling(name, path, desc, pure=pure, cap=args.cap))

    have_c = next((c.have_c for c in cells if c.tool == "decloak.clean"), None)
    version = next((c.version for c in cells if c.tool == "decloak.clean"), None)
    machine["loadavg_end"] = os.getloadavg()
    machine["src_end"] = src_fingerprint()
    if machine["src_end"] != machine["src_start"]:
        notes.append(
            "decloak's sources changed during this run (another engineer's edit): "
            f"src/decloak hash {machine['src_start']} at the start, {machine['src_end']} "
            "at the end; rows measured before and after may differ for that reason."
        )
    memory = None
    if args.big:
        import memory as _memory

        memory = _memory.run_memory_test(store)
    elif MEMORY_JSON.exists():
        memory = json.loads(MEMORY_JSON.read_text("utf-8"))
    cmd = (
        "make bench"
        if argv is None and not sys.argv[1:]
        else ("python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv))
    )
    data: dict[str, Any] = {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": cmd,
        "elapsed_s": round(time.monotonic() - t0, 1),
        "machine": machine,
        "decloak_version": version,
        **git_stamp(),
        "have_c": have_c,
        "peer_versions": {
            c.tool.removeprefix("peer:"): c.version
            for c in cells
            if c.tool.startswith("peer:") and c.version
        },
        "rounds": args.rounds,
        "cap_s": args.cap,
        "prefix_bytes": PREFIX_BYTES,
        "slow_mbps": SLOW_MBPS,
        "peer_plan": plan,
        "corpora": {k: store.info(k) for k in ("english", "attacked", "multilingual")},
        "cells": [c.to_json() for c in cells],
        "adversarial": [r.to_json() for r in scaling],
        "memory": memory,
        "pairs": pairs,
        "targets": targets(cells, scaling, memory, pairs),
        "notes": notes,
    }
    write_results(data)
    if cells:
        print(text_table(speed_table(cells, [c.name for c in corpora])))
        print()
    if scaling:
        print(text_table(scaling_table(scaling)))
        print()
    for t in data["targets"]:
        print(
            f"{'OK ' if t['met'] else 'OFF'} {t['target']}: {t['measured']} "
            f"(goal {t['goal']}) {t['how_far']}"
        )
    print(f"\nwrote {RESULTS_MD.relative_to(ROOT)} and {SPEED_JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
