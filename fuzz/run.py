"""Run the coverage-guided fuzzing campaign: every harness in ``fuzz/`` for N seconds each.

    .venv/bin/python fuzz/run.py                    # every target, 60 s each (make fuzz)
    .venv/bin/python fuzz/run.py --seconds 120 --targets clean,cli
    .venv/bin/python fuzz/run.py --adversarial      # also the full-size adversarial inputs

Installs ``fuzz/requirements.txt`` (atheris) into the running interpreter's
environment when it is missing, writes fresh seeds from the evaluation data to
``fuzz/.work/seeds/<target>/``, keeps the growing corpus in
``fuzz/.work/corpus/<target>/`` (reused by the next run) and every crashing input
in ``fuzz/.work/crashes/<target>/``.  A target that crashes is restarted with the
time it has left, so one crash does not end its campaign; restarts stop after a
few crashes of the same kind.

Prints one row per target (inputs executed, crashes, distinct crash kinds) and
writes them to ``fuzz/.work/results.json``.  Exits 1 when any target crashed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import WORK  # noqa: E402

TARGETS = ["clean", "scan", "apply_plan", "stream", "cli", "corpus", "index", "lint", "service"]
MAX_RESTARTS = 4


@dataclass
class TargetResult:
    """What one target's campaign did."""

    target: str
    seconds: float = 0.0
    executed: int = 0
    corpus: int = 0
    seeds: int = 0
    crashes: int = 0
    kinds: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def ensure_atheris() -> None:
    """Install atheris from ``fuzz/requirements.txt`` when it is not importable."""
    try:
        import atheris  # noqa: F401
    except ImportError:
        req = HERE / "requirements.txt"
        print(f"fuzz: installing {req.name} into {sys.prefix}", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "-r", str(req)], check=True
        )


_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_PY_EXC = re.compile(r"=== Uncaught Python exception: ===\n(.+)")
_ARTIFACT = re.compile(r"Test unit written to (\S+)")


def _crash_kind(log: str) -> str | None:
    m = _PY_EXC.search(log)
    if m:
        return m.group(1).strip()[:200]
    for marker in ("ERROR: libFuzzer: timeout", "out-of-memory", "deadly signal"):
        if marker in log:
            return marker
    return None


def run_target(target: str, seconds: float, rss_mb: int) -> TargetResult:
    """Fuzz one target for ``seconds`` in total, restarting after each crash."""
    from _seeds import write_seeds

    res = TargetResult(target)
    seeds = WORK / "seeds" / target
    corpus = WORK / "corpus" / target
    crashes = WORK / "crashes" / target
    logs = WORK / "logs"
    for d in (corpus, crashes, logs):
        d.mkdir(parents=True, exist_ok=True)
    for old in seeds.glob("seed-*"):
        old.unlink()
    res.seeds = write_seeds(target, seeds)
    started = time.monotonic()
    kinds: dict[str, int] = {}
    for attempt in range(MAX_RESTARTS + 1):
        left = seconds - (time.monotonic() - started)
        if left < 3:
            break
        log_path = logs / f"{target}-{attempt}.log"
        cmd = [
            sys.executable,
            str(HERE / f"fuzz_{target}.py"),
            f"-max_total_time={int(left)}",
            "-print_final_stats=1",
            "-timeout=60",
            f"-rss_limit_mb={rss_mb}",
            "-max_len=65536",
            f"-artifact_prefix={crashes}/",
            str(corpus),
            str(seeds),
        ]
        with log_path.open("wb") as log:
            subprocess.run(
                cmd, stdout=log, stderr=subprocess.STDOUT, cwd=HERE, timeout=left + 600, check=False
            )
        text = log_path.read_text(encoding="utf-8", errors="replace")
        res.executed += sum(int(n) for n in _EXECUTED.findall(text))
        kind = _crash_kind(text)
        if kind is None:
            break
        res.crashes += 1
        kinds[kind] = kinds.get(kind, 0) + 1
        res.files += [Path(p).name for p in _ARTIFACT.findall(text)]
        if kinds[kind] >= 2:
            break  # the same crash again: restarting would only find it a third time
    res.seconds = round(time.monotonic() - started, 1)
    res.corpus = sum(1 for _ in corpus.iterdir())
    res.kinds = sorted(kinds)
    return res


def table(results: list[TargetResult]) -> str:
    """The campaign as a Markdown table (pasted into docs/hardening.md)."""
    rows = [
        "| target | seconds | inputs executed | corpus | crashes | crash kinds |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        kinds = "; ".join(r.kinds) or "none"
        rows.append(
            f"| {r.target} | {r.seconds:.0f} | {r.executed:,} | {r.corpus:,} | {r.crashes} | "
            f"{kinds} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="Fuzzing time per target.")
    ap.add_argument("--targets", default=",".join(TARGETS), help="Comma-separated targets.")
    ap.add_argument("--rss-mb", type=int, default=3072, help="Memory limit of a fuzzer process.")
    ap.add_argument(
        "--adversarial", action="store_true", help="Also run fuzz/adversarial.py (full sizes)."
    )
    args = ap.parse_args(argv)
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = sorted(set(targets) - set(TARGETS))
    if unknown:
        ap.error(f"unknown targets: {', '.join(unknown)} (known: {', '.join(TARGETS)})")
    ensure_atheris()
    results = []
    for t in targets:
        print(f"fuzz: {t} for {args.seconds:g} s ...", file=sys.stderr, flush=True)
        r = run_target(t, args.seconds, args.rss_mb)
        print(
            f"fuzz: {t}: {r.executed:,} inputs, {r.crashes} crashes {r.kinds or ''}",
            file=sys.stderr,
            flush=True,
        )
        results.append(r)
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "results.json").write_text(
        json.dumps([asdict(r) for r in results], indent=1) + "\n", encoding="utf-8"
    )
    print(table(results))
    status = 1 if any(r.crashes for r in results) else 0
    if args.adversarial:
        status |= subprocess.run(
            [sys.executable, str(HERE / "adversarial.py")], check=False
        ).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
