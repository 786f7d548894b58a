"""Hardening of ``decloak serve``: slow clients, 1,000 connections, deep JSON, hostile text.

The server runs in a real subprocess on a loopback port (``_service_server``);
every request goes to 127.0.0.1 only, and every loop here is bounded in count
and time.  The web inspector is driven in Debian's chromium exactly as in
``test_web.py`` (its fixtures are reused; no browser is ever downloaded).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import resource
import shutil
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from _service_server import Server, running_server

import decloak

TIMEOUT = 2.0
"""The server's --timeout in this module: how long a body may take to arrive."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Default settings: the deep-JSON and browser tests."""
    with running_server(tmp_path_factory.mktemp("hard")) as s:
        yield s


@pytest.fixture(scope="module")
def slow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A short --timeout, for the slow-client tests."""
    with running_server(tmp_path_factory.mktemp("slow"), "--timeout", str(TIMEOUT)) as s:
        yield s


def alive(server: Server) -> None:
    assert server.proc.poll() is None, server.log_text()
    assert httpx.get(server.url + "/healthz", timeout=30).status_code == 200
    assert "Traceback" not in server.log_text()


def raw_exchange(server: Server, parts: list[bytes], pause: float, wait: float = 60) -> bytes:
    """Send ``parts`` with ``pause`` seconds between them; return all the server sent back."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait) as s:
        for k, part in enumerate(parts):
            if k:
                time.sleep(pause)
            try:
                s.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)


HEAD = b"POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/1.1 ") else 0


def body_of(reply: bytes) -> Any:
    return json.loads(reply.split(b"\r\n\r\n", 1)[1])


# --- slow clients ---------------------------------------------------------------------------


def test_slow_body_is_timed_out_with_408(slow: Server) -> None:
    """A body announced as 100 bytes whose first 9 arrive and then nothing."""
    reply = raw_exchange(slow, [HEAD + b"Content-Length: 100\r\n\r\n", b'{"text": '], 0.1)
    assert status_of(reply) == 408, reply[:300]
    assert "not received within" in body_of(reply)["error"]
    alive(slow)


def test_body_trickling_in_is_timed_out(slow: Server) -> None:
    """One byte every 0.2 s: each arrives before any per-read timeout, the whole never does."""
    body = json.dumps({"text": "x" * 200}).encode()
    head = HEAD + f"Content-Length: {len(body)}\r\n\r\n".encode()
    parts = [head] + [body[k : k + 1] for k in range(int(3 * TIMEOUT / 0.2))]
    reply = raw_exchange(slow, parts, 0.2)
    assert status_of(reply) == 408, reply[:300]
    alive(slow)


def test_slow_chunked_body_is_timed_out(slow: Server) -> None:
    head = HEAD + b"Transfer-Encoding: chunked\r\n\r\n"
    reply = raw_exchange(slow, [head, b'5\r\n{"tex\r\n'], 0.1)
    assert status_of(reply) == 408, reply[:300]
    alive(slow)


def test_incomplete_headers_are_dropped(slow: Server) -> None:
    """Headers that never end: the server must close the connection, not hold it forever
    (a thousand such clients would hold a thousand sockets: slowloris)."""
    with socket.create_connection(("127.0.0.1", slow.port), timeout=10 * TIMEOUT) as s:
        s.sendall(b"POST /v1/scan HTTP/1.1\r\nHost: 127.0.")
        try:
            reply = s.recv(4096)
        except TimeoutError:
            pytest.fail(f"connection still open after {10 * TIMEOUT:g} s of silence")
    assert reply == b"" or status_of(reply) in (400, 408), reply[:200]
    alive(slow)


def test_a_silent_connection_is_dropped(slow: Server) -> None:
    """A client that connects and sends nothing is closed after the time limit too."""
    with socket.create_connection(("127.0.0.1", slow.port), timeout=10 * TIMEOUT) as s:
        try:
            reply = s.recv(4096)
        except TimeoutError:
            pytest.fail(f"connection still open after {10 * TIMEOUT:g} s of silence")
    assert reply == b""
    alive(slow)


def test_keep_alive_requests_still_work(slow: Server) -> None:
    """Two requests on one connection, the second sent after a pause shorter than the limit."""
    with httpx.Client(base_url=slow.url, timeout=30) as client:
        assert client.post("/v1/scan", json={"text": "c\u0430rd"}).status_code == 200
        time.sleep(TIMEOUT / 2)
        assert client.post("/v1/scan", json={"text": "card"}).status_code == 200


# --- many connections -----------------------------------------------------------------------

CONNECTIONS = 1000


def _raise_fd_limit(need: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, need))
    if want < need:
        pytest.skip(f"only {hard} file descriptors allowed")
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def test_a_thousand_concurrent_connections(tmp_path_factory: pytest.TempPathFactory) -> None:
    """1,000 clients at once: each gets 200 or a clean 503 (busy), never a crash or a reset storm.

    The fd limit is raised in this process before the server starts, so the child
    inherits it too.
    """
    _raise_fd_limit(4 * CONNECTIONS)
    body = json.dumps({"text": "Pay with your cаrd, lаrge"}).encode()
    request = HEAD + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body
    expected = decloak.scan("Pay with your cаrd, lаrge").to_dict()

    async def one(port: int) -> int:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 60)
        except (OSError, TimeoutError):
            return -1
        try:
            writer.write(request)
            await writer.drain()
            reply = await asyncio.wait_for(reader.read(), 120)
        except (OSError, TimeoutError):
            return -2
        finally:
            writer.close()
        code = status_of(reply)
        if code == 200:
            assert body_of(reply) == expected
        return code

    async def all_at_once(port: int) -> list[int]:
        return await asyncio.gather(*(one(port) for _ in range(CONNECTIONS)))

    with running_server(tmp_path_factory.mktemp("many"), "--max-pending", "256") as s:
        codes = asyncio.run(all_at_once(s.port))
        counts = {c: codes.count(c) for c in set(codes)}
        assert set(codes) <= {200, 503}, counts
        assert counts.get(200, 0) >= 256, counts  # at least a full queue was served
        alive(s)
        metrics = httpx.get(s.url + "/metrics", timeout=30).text
        assert "decloak_requests_total" in metrics


# --- deep JSON ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 1_000_000,
        b'{"a":' * 200_000 + b"1" + b"}" * 200_000,
        b'{"text": "x", "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"text": "' + b"[" * 10_000 + b'"}' + b"[" * 50,
    ],
    ids=["million-brackets", "deep-objects", "deep-field-in-valid-request", "trailing-depth"],
)
def test_deeply_nested_json_is_400(server: Server, body: bytes) -> None:
    r = httpx.post(
        server.url + "/v1/scan",
        content=body,
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 400, r.text[:200]
    assert set(r.json()) == {"error"}
    alive(server)


def test_brackets_in_the_text_are_fine(server: Server) -> None:
    text = "[" * 100_000 + "{" * 1000
    r = httpx.post(server.url + "/v1/scan", json={"text": text}, timeout=60)
    assert r.status_code == 200
    assert r.json() == decloak.scan(text).to_dict()


# --- the web inspector with hostile text ---------------------------------------------------------

HAVE_PLAYWRIGHT = importlib.util.find_spec("playwright") is not None
if HAVE_PLAYWRIGHT:
    # test_web's fixtures: ``browser`` and ``page`` use this module's ``server``
    from test_web import CHROMIUM, browser, console_errors, page, paste, shot, wait_inspected
else:  # pragma: no cover
    CHROMIUM = "/nonexistent"

__all__ = ["browser", "console_errors", "page"]  # fixtures, imported to be used by name

HOSTILE = (
    '</textarea><img src=x onerror="window.__pwned=1"><svg onload="window.__pwned=2">\n'
    '<a href="javascript:window.__pwned=3">click</a> &lt;b&gt;not bold&lt;/b&gt; &amp;\n'
    + "\u202e" * 5000
    + "nested"
    + "\u202c" * 5000
    + "\n"
    + "\u2067" * 2000
    + "isolated"
    + "\u2069" * 2000
    + "\n"
    + "x" * 30_000  # one word wider than any screen
    + "\n"
    + "с"
    + "\u0301" * 100_000
    + " after the marks: pаy\n"
    + "tags:"
    + "".join(chr(0xE0000 + ord(c)) for c in "<script>alert(1)</script>")
    + "\n"
)


@pytest.mark.skipif(
    not HAVE_PLAYWRIGHT or shutil.which(CHROMIUM) is None, reason="chromium or playwright missing"
)
def test_inspector_renders_more_hostile_text_inert(page: Any) -> None:
    """Markup, javascript: links, 10^4 nested overrides, a 30,000-letter word, 10^5 marks
    and a tag payload spelling <script>: nothing runs, nothing is built from the text,
    the page keeps its width, and the text stays readable.  (``page`` fails the test
    on any console error, CSP or Trusted Types violation.)"""
    report = decloak.scan(HOSTILE)
    paste(page, HOSTILE)
    wait_inspected(page, len(report.findings))
    assert page.evaluate("window.__pwned") is None
    for view in ("#original", "#cleaned"):
        built = page.locator(f"{view} img, {view} svg, {view} a[href], {view} script")
        assert built.count() == 0, view
    original = page.inner_text("#original")
    for literal in ("<img src=x", "javascript:window.__pwned=3", "&lt;b&gt;not bold", "nested"):
        assert literal in original, literal
    assert "after the marks" in original
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    drawn = page.evaluate("[...document.querySelector('#original').textContent]")
    assert sum(1 for c in drawn if c in "\u202e\u202c\u2067\u2069") == 0
    assert drawn.count("\u0301") <= 16
    shot(page, "hostile-more")
