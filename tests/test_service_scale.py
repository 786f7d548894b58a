"""``decloak serve`` past one core: worker processes, the app factory, binding, early 413s.

Every server here is a real subprocess on a loopback port.  Child processes are
found through ``/proc`` (Linux), so no test depends on psutil.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from _service_server import SAMPLE, Server, free_port, running_server
from conftest import run_cli

import decloak

JSON = {"Content-Type": "application/json"}
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
LIMIT = 65536

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def children(pid: int) -> set[int]:
    """Direct child processes of ``pid``."""
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has died


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_for(predicate: object, timeout: float = 30.0) -> bool:
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def is_worker(pid: int) -> bool:
    """A pool worker (multiprocessing's resource tracker is a child too, but no worker)."""
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def workers_of(server: Server, n: int) -> set[int]:
    """The server's ``n`` worker processes (started at start-up)."""

    def found() -> set[int]:
        return {p for p in children(server.proc.pid) if is_worker(p)}

    assert wait_for(lambda: len(found()) >= n), children(server.proc.pid)
    return found()


@pytest.fixture(scope="module")
def multi(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Two worker processes, a token, a small body limit and a small pending cap."""
    args = ("--workers", "2", "--max-body", str(LIMIT), "--max-pending", "4")
    env = {"DECLOAK_TOKEN": "s3cret"}
    with running_server(tmp_path_factory.mktemp("multi"), *args, env=env) as s:
        yield s


AUTH = {**JSON, "Authorization": "Bearer s3cret"}


# --- binding ------------------------------------------------------------------------------


def test_taken_port_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = run_cli("serve", "--port", str(port), cwd=tmp_path)
    assert run.code == 2, run.err
    assert run.err == f"decloak: error: port {port} on 127.0.0.1 is in use\n"


def test_port_0_announces_the_bound_port(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "decloak", "serve", "--port", "0", "--workers", "1"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
    try:
        pattern = re.compile(r"inspector at http://127\.0\.0\.1:(\d+)/")
        assert wait_for(lambda: pattern.search(log.read_text()) is not None), log.read_text()
        m = pattern.search(log.read_text())
        assert m is not None
        port = int(m.group(1))
        assert port != 0
        ok = wait_for(lambda: _healthz(port) == 200)
        assert ok, log.read_text()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def test_keep_alive_requests_are_not_delayed(multi: Server) -> None:
    """Answers on a reused connection go out at once (TCP_NODELAY on accepted sockets).

    The listening socket is made by decloak, not uvicorn; asyncio sets TCP_NODELAY only on
    sockets whose protocol is IPPROTO_TCP, and without it Nagle's algorithm and delayed
    ACKs hold the second write of each answer for 40 ms.
    """
    from decloak.service.cli import _listen

    with _listen("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP
    times = []
    with httpx.Client(base_url=multi.url) as client:
        for _ in range(15):
            t0 = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            times.append(time.perf_counter() - t0)
    assert sorted(times)[len(times) // 2] < 0.025, times


def _healthz(port: int) -> int:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code
    except httpx.TransportError:
        return 0


# --- HEAD /healthz ------------------------------------------------------------------------


def test_head_healthz(multi: Server) -> None:
    r = httpx.head(multi.url + "/healthz")
    assert r.status_code == 200
    assert r.content == b""
    assert r.headers["content-type"].startswith("application/json")


# --- an early 413 reaches a client that sends the whole body first ------------------------


def test_urllib_sees_413_for_a_body_sent_in_full(multi: Server) -> None:
    data = json.dumps({"text": "a" * (16 * 1024 * 1024)}).encode()  # far past socket buffers
    req = urllib.request.Request(multi.url + "/v1/scan", data=data, headers=AUTH)
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=60)
    with e.value:  # the error holds the response (and its socket)
        assert e.value.code == 413
        assert f"{LIMIT}-byte limit" in json.loads(e.value.read())["error"]
    assert httpx.get(multi.url + "/healthz").status_code == 200


def test_raw_client_sending_everything_reads_the_413(multi: Server) -> None:
    body = b"x" * (8 * 1024 * 1024)
    head = (
        f"POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1:{multi.port}\r\n"
        "Authorization: Bearer s3cret\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", multi.port), timeout=30) as s:
        s.sendall(head + body)  # a broken pipe here is the bug
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 413 ")


def test_a_chunked_body_past_the_limit_gets_413_too(multi: Server) -> None:
    piece = b"a" * 65536

    def chunks() -> Iterator[bytes]:
        for _ in range(128):  # 8 MiB, limit 64 KiB
            yield piece

    r = httpx.post(multi.url + "/v1/scan", content=chunks(), headers=AUTH, timeout=60)
    assert r.status_code == 413


def test_a_408_closes_the_connection_even_while_bytes_trickle_in(tmp_path: Path) -> None:
    """After a 408 the rest of the body is unwanted: the server must end the connection.

    Each byte that arrives cancels uvicorn's keep-alive timer, so a client trickling a
    body it never finishes held the connection forever once it answered 408.
    """
    with running_server(tmp_path, "--timeout", "1", "--workers", "1") as s:
        head = (
            f"POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1:{s.port}\r\n"
            "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", s.port), timeout=30) as sock:
            sock.sendall(head)
            t0 = time.monotonic()
            for _ in range(12):  # one byte every 0.25 s for 3 s, then silence
                sock.sendall(b"x")
                time.sleep(0.25)
            reply = b""
            while chunk := sock.recv(65536):  # EOF must come, not the 30 s timeout
                reply += chunk
            waited = time.monotonic() - t0
        assert reply.startswith(b"HTTP/1.1 408 "), reply[:100]
        assert waited < 15, waited


# --- several worker processes -------------------------------------------------------------


def test_work_is_spread_over_worker_processes(multi: Server) -> None:
    pids = workers_of(multi, 2)
    assert len(pids) == 2
    before = {p: cpu_ticks(p) for p in pids}
    text = SAMPLE_TEXT * 6
    body = json.dumps({"text": text}, ensure_ascii=False).encode()
    assert len(body) < LIMIT

    async def load() -> list[int]:
        async with httpx.AsyncClient(base_url=multi.url, timeout=120) as c:
            statuses: list[int] = []
            for _ in range(6):  # 4 at a time: the pending cap is 4
                rs = await asyncio.gather(
                    *(c.post("/v1/scan", content=body, headers=AUTH) for _ in range(4))
                )
                statuses += [r.status_code for r in rs]
            return statuses

    assert asyncio.run(load()) == [200] * 24
    used = {p: cpu_ticks(p) - before[p] for p in pids}
    assert all(t > 0 for t in used.values()), used


def test_metrics_count_every_process_s_work(multi: Server) -> None:
    def metrics() -> dict[str, float]:
        r = httpx.get(multi.url + "/metrics", headers=AUTH)
        assert r.status_code == 200
        out = {}
        for line in r.text.splitlines():
            if line and not line.startswith("#"):
                key, _, value = line.rpartition(" ")
                out[key] = float(value)
        return out

    before = metrics()
    body = json.dumps({"text": SAMPLE_TEXT}, ensure_ascii=False).encode()

    async def load() -> list[int]:
        async with httpx.AsyncClient(base_url=multi.url, timeout=60) as c:
            rs = await asyncio.gather(
                *(c.post("/v1/scan", content=body, headers=AUTH) for _ in range(4))
            )
            rs += await asyncio.gather(
                *(c.post("/v1/clean", content=body, headers=AUTH) for _ in range(4))
            )
        return [r.status_code for r in rs]

    assert asyncio.run(load()) == [200] * 8
    after = metrics()
    homoglyphs = decloak.scan(SAMPLE_TEXT).kinds["homoglyph"]
    key = 'decloak_requests_total{endpoint="/v1/scan",status="200"}'
    assert after[key] - before.get(key, 0) == 4
    key = 'decloak_findings_total{kind="homoglyph"}'
    assert after[key] - before.get(key, 0) == 8 * homoglyphs


def test_token_and_limits_hold_with_several_processes(multi: Server) -> None:
    body = json.dumps({"text": "Pay with your cаrd"}, ensure_ascii=False).encode()
    assert httpx.post(multi.url + "/v1/scan", content=body, headers=JSON).status_code == 401
    assert httpx.get(multi.url + "/metrics").status_code == 401
    r = httpx.post(multi.url + "/v1/scan", content=body, headers=AUTH)
    assert r.status_code == 200 and r.json()["kinds"] == {"homoglyph": 1}
    big = json.dumps({"text": "a" * LIMIT}).encode()
    assert httpx.post(multi.url + "/v1/scan", content=big, headers=AUTH).status_code == 413
    heavy = json.dumps({"text": "a\u200b" * 15000}, ensure_ascii=False).encode()
    assert len(heavy) < LIMIT

    async def burst() -> list[int]:
        async with httpx.AsyncClient(base_url=multi.url, timeout=60) as c:
            rs = await asyncio.gather(
                *(c.post("/v1/clean", content=heavy, headers=AUTH) for _ in range(16))
            )
        return [r.status_code for r in rs]

    statuses = asyncio.run(burst())
    assert set(statuses) <= {200, 503} and 503 in statuses, statuses
    assert httpx.get(multi.url + "/").status_code == 200  # the inspector


def test_workers_die_with_the_server(tmp_path: Path) -> None:
    with running_server(tmp_path, "--workers", "2") as s:
        workers_of(s, 2)
        pids = children(s.proc.pid)  # the workers and multiprocessing's resource tracker
        assert all(alive(p) for p in pids)
        s.proc.kill()  # SIGKILL: no chance to clean up
        s.proc.wait(timeout=10)
        assert wait_for(lambda: not any(alive(p) for p in pids), 10), [p for p in pids if alive(p)]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stopping_the_server_is_quiet(tmp_path: Path, sig: signal.Signals) -> None:
    """Ctrl-C ends with exit 0 (uvicorn stops gracefully, then raises it again); SIGTERM
    ends by the signal, as uvicorn means it to; neither leaves a warning behind."""
    body = json.dumps({"text": "Pay with your cаrd"}, ensure_ascii=False).encode()
    with running_server(tmp_path, "--workers", "2") as s:
        for _ in range(8):
            assert httpx.post(s.url + "/v1/scan", content=body, headers=JSON).status_code == 200
        s.proc.send_signal(sig)
        code = s.proc.wait(timeout=30)
    assert code == (0 if sig == signal.SIGINT else -signal.SIGTERM)
    log = s.log_text()
    assert "error" not in log and "Warning" not in log and "leaked" not in log, log


def test_a_worker_killed_is_replaced(tmp_path: Path) -> None:
    body = json.dumps({"text": "Pay with your cаrd"}, ensure_ascii=False).encode()
    with running_server(tmp_path, "--workers", "1") as s:
        (pid,) = workers_of(s, 1)
        os.kill(pid, signal.SIGKILL)
        assert wait_for(lambda: not alive(pid), 10)
        statuses = []
        for _ in range(3):
            statuses.append(httpx.post(s.url + "/v1/scan", content=body, headers=JSON).status_code)
        assert statuses[-1] == 200, statuses
        assert set(statuses) <= {200, 500}, statuses
        assert "Traceback" not in s.log_text()


# --- the app factory ----------------------------------------------------------------------


def test_app_factory_under_uvicorn(tmp_path: Path) -> None:
    port = free_port()
    env = dict(
        os.environ,
        DECLOAK_TOKEN="t0ken",
        DECLOAK_WORKERS="1",
        DECLOAK_MAX_BODY="1000",
    )
    log = tmp_path / "uvicorn.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "decloak.service:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                # what decloak serve adds to uvicorn: header time limit, lingering close
                "--http",
                "decloak.service.protocol:DecloakH11Protocol",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            env=env,
        )
    try:
        assert wait_for(lambda: _healthz(port) == 200, 60), log.read_text()
        url = f"http://127.0.0.1:{port}"
        body = json.dumps({"text": "Pay with your cаrd"}, ensure_ascii=False).encode()
        assert httpx.post(url + "/v1/scan", content=body, headers=JSON).status_code == 401
        headers = {**JSON, "Authorization": "Bearer t0ken"}
        r = httpx.post(url + "/v1/scan", content=body, headers=headers)
        assert r.status_code == 200 and r.json()["kinds"] == {"homoglyph": 1}
        big = json.dumps({"text": "a" * 1000}).encode()
        assert httpx.post(url + "/v1/scan", content=big, headers=headers).status_code == 413
        huge = json.dumps({"text": "a" * (16 * 1024 * 1024)}).encode()
        req = urllib.request.Request(url + "/v1/scan", data=huge, headers=headers)
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=60)
        with e.value:
            assert e.value.code == 413
        assert httpx.head(url + "/healthz").status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert "Traceback" not in log.read_text()


def test_app_factory_refuses_bad_settings(tmp_path: Path) -> None:
    code = (
        "import os\n"
        "os.environ['DECLOAK_WORKERS'] = 'many'\n"
        "from decloak.service import create_app\n"
        "try:\n"
        "    create_app()\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert "DECLOAK_WORKERS" in run.stdout, run.stdout + run.stderr
