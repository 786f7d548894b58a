"""``decloak corpus`` killed or interrupted: no process outlives the run, one line, a ``stats.json``.

Each run is started in a session of its own, so every process it creates (fork
server, workers, Dask nannies, resource tracker) is found by its session id in
``/proc``, even after it was reparented to PID 1.

The slow shards are named pipes the test keeps open: a worker reading one waits
for more lines without using a CPU, like a shard on a slow network file system,
so "the run is mid-task" is a state the test can wait for instead of a race.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _corpus_builders import docs, write_jsonl

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or not hasattr(os, "mkfifo"),
    reason="needs /proc and named pipes",
)

ENGINES = ["local", "dask"]


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, session id) of ``pid``, or None once it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw.rsplit(")", 1)[1].split()
    return fields[0], int(fields[3])


def session_processes(sid: int) -> list[int]:
    """Live (not zombie) processes of session ``sid``."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st is not None and st[1] == sid and st[0] != "Z":
                out.append(int(entry))
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"


def readers_of(sid: int, prefix: str) -> int:
    """How many open file descriptors of session ``sid`` point under ``prefix``."""
    n = 0
    for pid in session_processes(sid):
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(prefix):
                    n += 1
            except OSError:
                pass
    return n


def wait_for(cond: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def slow_shards(tmp_path: Path) -> Iterator[Path]:
    """A folder with two named-pipe shards (ten documents each, then no end) and a normal one."""
    src = tmp_path / "in"
    src.mkdir()
    fds = []
    for i in range(2):
        fifo = src / f"slow{i}.jsonl"
        os.mkfifo(fifo)
        # O_RDWR: opening does not wait for a reader, and the pipe never reaches its end
        fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
        os.write(fd, b"".join(json.dumps(d).encode() + b"\n" for d in docs(10, prefix=f"f{i}")))
        fds.append(fd)
    write_jsonl(src / "quick.jsonl", docs(5, prefix="q"))
    yield src
    for fd in fds:
        os.close(fd)


def _kill_session(sid: int) -> None:
    for pid in session_processes(sid):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _interruptible() -> None:
    """Ctrl-C as a terminal's foreground job gets it: a suite started in the background
    of a non-interactive shell (``make test &``) ignores SIGINT, its children inherit
    that, and Python then installs no KeyboardInterrupt handler, so the run would go on
    to the end and exit 0."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")


@pytest.mark.parametrize("engine", ENGINES)
def test_sigkill_of_the_parent_leaves_no_process_and_frees_the_pipe(
    tmp_path: Path, slow_shards: Path, engine: str
) -> None:
    if engine == "dask":
        pytest.importorskip("distributed")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "decloak", "corpus", str(slow_shards), "-o", str(out)]
    cmd += ["--workers", "2", "--engine", engine]
    # decloak corpus ... 2>&1 | cat
    parent = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=_env(),
        start_new_session=True,
    )
    assert parent.stdout is not None
    cat = subprocess.Popen(["cat"], stdin=parent.stdout, stdout=subprocess.PIPE)
    parent.stdout.close()
    sid = parent.pid
    try:
        # both workers are inside a shard they cannot finish
        wait_for(lambda: readers_of(sid, str(slow_shards / "slow")) >= 2, 90, "two busy workers")
        os.kill(parent.pid, signal.SIGKILL)  # only the parent, as `kill -9 PID` does
        parent.wait()
        try:
            cat.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            left = {pid: _cmdline(pid)[:120] for pid in session_processes(sid)}
            raise AssertionError(f"the pipe stayed open: still running {left}") from None
        wait_for(lambda: not session_processes(sid), 15, "every process of the run to end")
    finally:
        _kill_session(sid)
        if cat.poll() is None:
            cat.kill()
            cat.wait()


@pytest.mark.parametrize("engine", ENGINES)
def test_ctrl_c_is_one_line_and_writes_stats(tmp_path: Path, engine: str) -> None:
    if engine == "dask":
        pytest.importorskip("distributed")
    src = tmp_path / "in"
    for i in range(12):
        write_jsonl(src / f"s{i:02d}.jsonl", docs(2000, prefix=f"s{i:02d}", seed=i))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "decloak", "corpus", str(src), "-o", str(out), "-q"]
    cmd += ["--workers", "2", "--engine", engine]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        start_new_session=True,
        preexec_fn=_interruptible,
    )
    done = out / ".decloak" / "done"
    try:
        wait_for(
            lambda: proc.poll() is not None or (done.is_dir() and any(done.glob("*.json"))),
            90,
            "a first finished shard",
        )
        # Ctrl-C in a terminal signals the whole foreground process group
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        wait_for(lambda: not session_processes(proc.pid), 15, "every process of the run to end")
    finally:
        _kill_session(proc.pid)
    assert proc.returncode == 130, err.decode()
    assert err.decode().splitlines() == ["decloak: error: interrupted"]
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    assert stats["complete"] is False
    assert stats["error"] == "interrupted"
    assert 1 <= stats["shards_done"] < 12
    assert stats["shards_total"] == 12
    # every shard it counts is on disk with its marker, as a resume will find it
    assert stats["shards_done"] == len(list(done.glob("*.json")))
