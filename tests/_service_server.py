"""Start ``decloak serve`` in a real subprocess on a free loopback port, for the tests.

Shared by the service, schema and browser tests (not itself a test module).
The server's output goes to a log file, not a pipe: a full pipe would block a
chatty server and hang the test.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "decloak" / "data" / "sample.txt"


SOURCES = {
    "park.txt": (
        "The city council voted on Tuesday to turn the old freight yard into a riverside "
        "park. The plan, which has been debated for three years, includes a playground, a "
        "small harbour for rowing clubs and a path that links the two bridges.\n"
    ),
    "pasta.txt": (
        "A different document about cooking pasta with tomatoes, garlic, olive oil and "
        "basil from the garden on a warm summer evening, with friends around the table.\n"
    ),
}
# A disguised excerpt of park.txt (Cyrillic о and а)
QUERY = (
    "The city cоuncil voted on Tuesday to turn the old freight yard into a riverside pаrk. "
    "The plan, which has been debated for three years"
)


_SHARED_INDEX: list[Path] = []


def shared_index_dir(factory: pytest.TempPathFactory) -> Path:
    """One directory holding ``idx.db`` (and its sources) for the whole test session."""
    if not _SHARED_INDEX:
        tmp = factory.mktemp("index")
        build_index(tmp)
        _SHARED_INDEX.append(tmp)
    return _SHARED_INDEX[0]


def build_index(directory: Path) -> Path:
    """A small provenance index built with the CLI (``decloak index add``)."""
    for name, text in SOURCES.items():
        (directory / name).write_text(text, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "decloak", "index", "add", "--db", "idx.db", "--quiet", *SOURCES],
        cwd=directory,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return directory / "idx.db"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def running_server(
    tmp: Path, *args: str, env: dict[str, str] | None = None, ready_timeout: float = 30.0
) -> Iterator[Server]:
    """Run ``python -m decloak serve --port P ARGS`` until the block ends."""
    port = free_port()
    log = tmp / f"server-{port}.log"
    full_env = dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {}))
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "decloak",
                "serve",
                "--port",
                str(port),
                "--no-access-log",
                "--log-level",
                "warning",
                *args,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=full_env,
            cwd=tmp,
        )
    server = Server(f"http://127.0.0.1:{port}", port, proc, log)
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}: {server.log_text()}")
            try:
                if httpx.get(f"{server.url}/healthz", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready in {ready_timeout} s: {server.log_text()}")
            time.sleep(0.05)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
