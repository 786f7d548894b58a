"""Latency of ``decloak serve`` under a burst of concurrent requests.

Starts the server in a subprocess on a free loopback port, then for each
endpoint and body size sends ``--requests`` requests at once (each on its own
connection, all in flight together) and reports p50/p95/max latency, measured
from the first byte sent to the last byte received, and the burst's throughput.

The client is a few lines of asyncio speaking HTTP/1.1 directly: a general HTTP
client (httpx) spends more CPU per request than the server does for a 1 KB
body, and on a 2-core machine that would be measured as server latency.  The
client still shares the machine with the server; the load average at the start
of each burst is recorded because the machine may be shared with other jobs.

Usage: python benchmarks/service_bench.py [--requests 200] [--sizes 1024,102400]
Writes benchmarks/results/service.md (or --output) and prints the table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import shlex
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from hostinfo import cpu_model, git_stamp, stamp_line

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "decloak" / "data" / "sample.txt"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "service.md"


@dataclass
class Burst:
    endpoint: str
    body_bytes: int
    latencies: list[float]
    statuses: dict[int, int]
    wall: float
    load: float
    findings: int

    def pct(self, p: float) -> float:
        """Nearest-rank percentile, in milliseconds."""
        xs = sorted(self.latencies)
        return 1000 * xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def body_of_size(target: int) -> bytes:
    """A JSON request body of about ``target`` bytes of the (disguised) bundled sample."""
    sample = SAMPLE.read_text(encoding="utf-8")
    text = sample * (target // len(sample.encode("utf-8")) + 1)
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix whose body fits in target bytes
        mid = (lo + hi + 1) // 2
        if len(json.dumps({"text": text[:mid]}, ensure_ascii=False).encode()) <= target:
            lo = mid
        else:
            hi = mid - 1
    return json.dumps({"text": text[:lo]}, ensure_ascii=False).encode()


async def request(port: int, path: str, body: bytes) -> tuple[int, float, bytes]:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    t0 = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 24)
    writer.write(head + body)
    await writer.drain()
    data = await reader.read()
    elapsed = time.perf_counter() - t0
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, elapsed, data.partition(b"\r\n\r\n")[2]


async def burst(port: int, path: str, body: bytes, n: int) -> Burst:
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    results = await asyncio.gather(*(request(port, path, body) for _ in range(n)))
    wall = time.perf_counter() - t0
    statuses: dict[int, int] = {}
    for status, _, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    findings = len(json.loads(results[0][2])["findings"]) if results[0][0] == 200 else 0
    return Burst(path, len(body), [r[1] for r in results], statuses, wall, load, findings)


def wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("server did not become ready")


def machine() -> str:
    return (
        f"{os.cpu_count()} CPUs (`nproc`), {cpu_model()}, {platform.system()} {platform.release()}"
    )


def table(bursts: list[Burst]) -> str:
    rows = [
        "| endpoint | body | requests | findings/request | p50 ms | p95 ms | max ms "
        "| requests/s | errors | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for b in bursts:
        errors = sum(n for s, n in b.statuses.items() if s != 200)
        size = f"{b.body_bytes / 1024:.0f} KB"
        rows.append(
            f"| {b.endpoint} | {size} | {len(b.latencies)} | {b.findings} | {b.pct(50):,.0f} "
            f"| {b.pct(95):,.0f} | {1000 * max(b.latencies):,.0f} "
            f"| {len(b.latencies) / b.wall:,.1f} | {errors} | {b.load:.1f} |"
        )
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=200, help="Requests per burst.")
    ap.add_argument("--sizes", default="1024,102400", help="Body sizes in bytes.")
    ap.add_argument("--endpoints", default="/v1/scan,/v1/clean")
    ap.add_argument("--workers", type=int, default=None, help="Server worker threads.")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()

    port = free_port()
    server_args = [
        "serve",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
        "--timeout",
        "600",
        "--max-pending",
        str(max(256, 2 * args.requests)),
        *(["--workers", str(args.workers)] if args.workers else []),
    ]
    proc = subprocess.Popen([sys.executable, "-m", "decloak", *server_args], cwd=ROOT)
    bursts: list[Burst] = []
    try:
        wait_ready(port, proc)
        for size in (int(s) for s in args.sizes.split(",")):
            body = body_of_size(size)
            for path in args.endpoints.split(","):
                # warm up: imports, caches, the thread pool
                asyncio.run(burst(port, path, body, 5))
                b = asyncio.run(burst(port, path, body, args.requests))
                bursts.append(b)
                print(table([b]).splitlines()[-1], flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    from decloak import __version__

    shown = " ".join(shlex.quote(a) for a in sys.argv[1:])
    command = f"python benchmarks/service_bench.py {shown}".strip()
    workers = args.workers or min(4, os.cpu_count() or 1)
    text = f"""# Service latency under concurrent load

`{command}`: `decloak serve` on loopback (default limits, `--timeout 600`,
{workers} worker threads); for each endpoint and body size, {args.requests} requests are sent
at once, each on its own connection, after a 5-request warm-up.  Latency runs from the first
byte sent to the last byte received; "requests/s" is the burst's size over its wall time.
Bodies are JSON `{{"text": ...}}` holding the bundled disguised sample (`src/decloak/data/sample.txt`),
repeated and cut to the size shown.

{table(bursts)}

- Machine: {machine()}.  "load avg" is the 1-minute load average when the burst started;
  above the CPU count means other jobs took CPU time from the benchmark.  The client runs on
  the same machine.
- Versions: Python {platform.python_version()}, decloak {__version__}; {stamp_line(git_stamp())}.
- Every request of a burst is in flight at once, so the latencies are mostly queueing: p95
  is close to the time the server needs for the whole burst.  The text work is CPU-bound
  Python and the worker threads share one interpreter lock: more threads make requests
  fairer, not faster.
  Run several server processes behind a load balancer to use more cores.
"""
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print()
    print(table(bursts))
    out = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
