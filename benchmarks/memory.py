"""Peak memory of the CLI cleaning a file far larger than the memory target.

Why: ``decloak clean FILE -o OUT`` promises to stream files of any size in
bounded memory (``decloak.stream.clean_stream``); the only convincing check is
a file much larger than the bound.  ``--big`` cleans a 1 GB file of English
prose (the benchmark corpus repeated, written streaming) and reports the
process's peak resident set size (target < 200 MB), measured by GNU
``/usr/bin/time -v`` when it is installed and by ``wait4``'s rusage otherwise,
and checks that the output is byte-identical to the input (clean English must
come back unchanged).  Without ``--big`` the same test runs on the 20 MB corpus
(a quick look; nothing is saved).

``--big`` also runs the CLI on each adversarial input (peak RSS per input byte:
a line that never ends cannot be streamed), writes
``benchmarks/results/memory.json`` and refreshes
``benchmarks/RESULTS.md``.  The 1 GB input and the output are deleted afterwards
unless ``--keep`` (the input is regenerated from the cached corpus in seconds).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpora as _corpora  # noqa: E402
from hostinfo import git_stamp  # noqa: E402

MEMORY_JSON = HERE / "results" / "memory.json"
GNU_TIME = Path("/usr/bin/time")
MB = 1_000_000
TARGET_MB = 200


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def _gnu_time_field(report: str, name: str) -> str | None:
    m = re.search(rf"^\s*{re.escape(name)}:\s*(.+)$", report, re.MULTILINE)
    return m.group(1).strip() if m else None


def measure_cli(src: Path, dst: Path) -> dict[str, Any]:
    """Run ``python -m decloak clean src -o dst``; peak RSS (MB), CPU and wall seconds."""
    cmd = [sys.executable, "-m", "decloak", "clean", str(src), "-o", str(dst)]
    t0 = time.monotonic()
    if GNU_TIME.exists():
        proc = subprocess.run(
            [str(GNU_TIME), "-v", *cmd], capture_output=True, text=True, check=False
        )
        wall = time.monotonic() - t0
        rss = _gnu_time_field(proc.stderr, "Maximum resident set size (kbytes)")
        user = _gnu_time_field(proc.stderr, "User time (seconds)")
        system = _gnu_time_field(proc.stderr, "System time (seconds)")
        status = _gnu_time_field(proc.stderr, "Exit status")
        if rss is None or user is None or system is None:
            raise RuntimeError("could not read /usr/bin/time -v output:\n" + proc.stderr[-2000:])
        return {
            "method": "GNU /usr/bin/time -v (Maximum resident set size)",
            "peak_rss_mb": round(int(rss) / 1024, 1),
            "cpu_s": round(float(user) + float(system), 2),
            "wall_s": round(wall, 2),
            "exit_status": int(status) if status is not None else proc.returncode,
            "stderr_tail": proc.stderr.splitlines()[:3] if proc.returncode else [],
        }
    child = subprocess.Popen(cmd)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - t0
    return {
        "method": "wait4 rusage ru_maxrss (GNU time not installed)",
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "wall_s": round(wall, 2),
        "exit_status": os.waitstatus_to_exitcode(status),
        "stderr_tail": [],
    }


def run_memory_test(
    store: _corpora.Corpora | None = None, big: bool = True, keep: bool = False
) -> dict[str, Any]:
    """Clean the 1 GB (or, without ``big``, the 20 MB) file and check the output."""
    store = store or _corpora.Corpora()
    src = store.big() if big else store.english()
    dst = src.with_name(src.stem + ".cleaned.txt")
    print(f"cleaning {src.stat().st_size / MB:,.0f} MB with the CLI ...", file=sys.stderr)
    try:
        res = measure_cli(src, dst)
        in_bytes = src.stat().st_size
        out_bytes = dst.stat().st_size if dst.exists() else 0
        res.update(
            {
                "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "command": f"python -m decloak clean {src.name} -o {dst.name}",
                **git_stamp(),
                "input_bytes": in_bytes,
                "output_bytes": out_bytes,
                "same_size": in_bytes == out_bytes,
                "identical": in_bytes == out_bytes and _sha256(src) == _sha256(dst),
                "mbps": round(in_bytes / MB / res["cpu_s"], 1) if res["cpu_s"] else None,
                "target_mb": TARGET_MB,
                "met": res["peak_rss_mb"] < TARGET_MB and res["exit_status"] == 0,
                "loadavg": os.getloadavg(),
            }
        )
    finally:
        dst.unlink(missing_ok=True)
        if big and not keep:
            src.unlink(missing_ok=True)
    if big:
        print("peak memory of the CLI on the adversarial inputs ...", file=sys.stderr)
        res["adversarial"] = adversarial_memory(store)
        MEMORY_JSON.parent.mkdir(parents=True, exist_ok=True)
        MEMORY_JSON.write_text(json.dumps(res, indent=1) + "\n", "utf-8")
    return res


def adversarial_memory(store: _corpora.Corpora | None = None) -> list[dict[str, Any]]:
    """Peak RSS of the CLI on each adversarial input: where streaming cannot bound memory.

    The stream cuts only at line starts between units, so a file without a
    newline (or a unit that never ends) is held whole; this shows how much each
    disguise costs in memory per input byte.
    """
    store = store or _corpora.Corpora()
    rows = []
    for name in _corpora.ADVERSARIAL:
        src = store.adversarial(name)
        dst = src.with_name(src.stem + ".cleaned.txt")
        try:
            res = measure_cli(src, dst)
            out_bytes = dst.stat().st_size if dst.exists() else 0
        finally:
            dst.unlink(missing_ok=True)
        in_bytes = src.stat().st_size
        rows.append(
            {
                "input": name,
                "input_bytes": in_bytes,
                "output_bytes": out_bytes,
                "peak_rss_mb": res["peak_rss_mb"],
                "rss_per_input_mb": round(res["peak_rss_mb"] / (in_bytes / MB), 1),
                "cpu_s": res["cpu_s"],
                "exit_status": res["exit_status"],
            }
        )
        print(
            f"  {name:12} {in_bytes / MB:7.2f} MB -> peak RSS {res['peak_rss_mb']} MB",
            file=sys.stderr,
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big", action="store_true", help="the 1 GB test (writes memory.json)")
    ap.add_argument("--keep", action="store_true", help="keep the 1 GB input file")
    args = ap.parse_args(argv)
    if args.big:
        free = shutil.disk_usage(_corpora.DATA.parent if _corpora.DATA.exists() else HERE).free
        if free < 3 * _corpora.BIG_BYTES:
            print(f"need ~{3 * _corpora.BIG_BYTES / MB:,.0f} MB free disk", file=sys.stderr)
            return 2
    res = run_memory_test(big=args.big, keep=args.keep)
    print(json.dumps(res, indent=1))
    if args.big:
        import run as _run

        _run.rerender()
        print(f"wrote {MEMORY_JSON.relative_to(ROOT)} and refreshed benchmarks/RESULTS.md")
    return 0 if res["met"] or not args.big else 1


if __name__ == "__main__":
    sys.exit(main())
