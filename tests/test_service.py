"""The HTTP service through a real server on loopback: shapes, limits, errors, token, metrics.

Every test talks to ``python -m decloak serve`` in a subprocess, the way a user
would run it, and checks that the server keeps answering after each bad request.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from _service_server import QUERY, SAMPLE, Server, running_server, shared_index_dir
from conftest import run_cli

import decloak

JSON = {"Content-Type": "application/json"}
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SMALL_LIMIT = 65536
# ~64 KB that takes the engine far longer than the tight server's 50 ms deadline
HEAVY = "a\u200b" * 15000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("srv")) as s:
        yield s


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Small body limit, a very short deadline and a tiny pending cap."""
    args = ("--max-body", str(SMALL_LIMIT), "--timeout", "0.05", "--max-pending", "2")
    with running_server(tmp_path_factory.mktemp("tight"), *args) as s:
        yield s


@pytest.fixture(scope="module")
def guarded_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_index_dir(tmp_path_factory)


@pytest.fixture(scope="module")
def guarded(guarded_dir: Path) -> Iterator[Server]:
    """A server with a token (given through the environment) and a provenance index."""
    env = {"DECLOAK_TOKEN": "s3cret"}
    args = ("--index", "idx.db", "--allowed-host", "decloak.example")
    with running_server(guarded_dir, *args, env=env) as s:
        yield s


AUTH = {"Authorization": "Bearer s3cret"}


def post(
    server: Server, path: str, body: Any, headers: dict[str, str] | None = None
) -> httpx.Response:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return httpx.post(server.url + path, content=data, headers={**JSON, **(headers or {})})


def post_raw(
    server: Server, path: str, data: bytes, headers: dict[str, str] | None = None
) -> httpx.Response:
    return httpx.post(server.url + path, content=data, headers=headers or JSON, timeout=30)


def assert_error(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert list(body) == ["error"]
    assert isinstance(body["error"], str) and body["error"]
    assert "\n" not in body["error"]
    return str(body["error"])


def assert_alive(server: Server) -> None:
    r = post(server, "/v1/scan", {"text": "Pay with your cаrd"})
    assert r.status_code == 200, r.text
    assert r.json()["kinds"] == {"homoglyph": 1}


def cli_json(*args: str, text: str) -> Any:
    run = run_cli(*args, stdin=text.encode("utf-8"))
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


# --- shapes ----------------------------------------------------------------------------


def test_healthz(server: Server) -> None:
    r = httpx.get(server.url + "/healthz")
    assert r.status_code == 200
    assert r.json() == {
        "status": "ok",
        "version": decloak.__version__,
        "unicode_version": decloak.UNICODE_VERSION,
        "index": False,
    }
    assert r.headers["x-content-type-options"] == "nosniff"


def test_scan_equals_cli_json(server: Server) -> None:
    r = post(server, "/v1/scan", {"text": SAMPLE_TEXT, "profile": "strict"})
    assert r.status_code == 200, r.text
    assert r.json() == cli_json("scan", "--json", "--profile", "strict", text=SAMPLE_TEXT)


@pytest.mark.parametrize("profile", ["default", "strict", "report"])
def test_scan_profiles(server: Server, profile: str) -> None:
    # the CLI prints Report.to_dict() (checked above against the real CLI)
    r = post(server, "/v1/scan", {"text": SAMPLE_TEXT, "profile": profile})
    assert r.json() == decloak.scan(SAMPLE_TEXT, profile).to_dict()


def test_scan_has_the_document_patterns(server: Server) -> None:
    """The inspector reads ``patterns`` from /v1/scan: this exact shape, most frequent first."""
    text = "Supporters s\u0430id the p\u0430rk\nwould bring f\u0430milies b\u0430ck.\u200b\n"
    r = post(server, "/v1/scan", {"text": text})
    assert r.status_code == 200, r.text
    assert r.json()["patterns"] == [
        {
            "kind": "homoglyph",
            "from": "a",
            "to": "\u0430",
            "count": 4,
            "share": 1.0,
            "start": 12,
            "end": 48,
            "line_start": 1,
            "line_end": 2,
            "summary": "from line 1 to the end, every 'a' (4 of 4) is Cyrillic 'а' U+0430",
        },
        {
            "kind": "invisible",
            "from": "",
            "to": "\u200b",
            "count": 1,
            "share": 1.0,
            "start": 51,
            "end": 52,
            "line_start": 2,
            "line_end": 2,
            "summary": "on line 2, one invisible U+200B ZERO WIDTH SPACE",
        },
    ]
    properties = httpx.get(server.url + "/openapi.json").json()["components"]["schemas"]
    assert "patterns" in properties["ScanResponse"]["required"]
    assert set(properties["PatternModel"]["properties"]) == set(r.json()["patterns"][0])


def test_scan_default_profile_and_unicode_round_trip(server: Server) -> None:
    text = "Привет, мир 👨‍👩‍👧 🏴󠁧󠁢󠁥󠁮󠁧󠁿 क्‍ष"  # legitimate text: no findings
    r = post(server, "/v1/scan", {"text": text})
    assert r.status_code == 200
    assert r.json() == decloak.scan(text).to_dict()
    assert r.json()["findings"] == []


def test_clean_shape_matches_cli(server: Server) -> None:
    r = post(server, "/v1/clean", {"text": SAMPLE_TEXT})
    assert r.status_code == 200, r.text
    body = r.json()
    assert list(body) == ["text", "changed", "edits", "findings"]
    cleaned = run_cli("clean", stdin=SAMPLE_TEXT.encode("utf-8"))
    assert cleaned.code == 0, cleaned.err
    assert body["text"] == cleaned.text
    assert body["changed"] is True
    assert body["findings"] == decloak.scan(SAMPLE_TEXT).to_dict()["findings"]
    assert body["edits"] == [e.to_dict() for e in decloak.clean(SAMPLE_TEXT).edits]
    # offsets are code points: each edit's output span holds its replacement
    for e in body["edits"]:
        assert body["text"][e["output_start"] : e["output_end"]] == e["after"]
        assert SAMPLE_TEXT[e["input_start"] : e["input_end"]] == e["before"]


def test_clean_report_profile_changes_nothing(server: Server) -> None:
    r = post(server, "/v1/clean", {"text": SAMPLE_TEXT, "profile": "report"})
    body = r.json()
    assert body["text"] == SAMPLE_TEXT and body["changed"] is False and body["edits"] == []
    assert len(body["findings"]) > 0


def test_match_without_index_is_404(server: Server) -> None:
    msg = assert_error(post(server, "/v1/match", {"text": "x"}), 404)
    assert "--index" in msg
    assert_alive(server)


@pytest.mark.parametrize("explain", [False, True])
def test_match_equals_cli_json(guarded: Server, guarded_dir: Path, explain: bool) -> None:
    server, tmp = guarded, guarded_dir
    (tmp / "q.txt").write_text(QUERY, encoding="utf-8")
    args = ["match", "--db", "idx.db", "q.txt", "--json", *(["--explain"] if explain else [])]
    cli = run_cli(*args, cwd=tmp)
    assert cli.code == 0, cli.err
    expected = json.loads(cli.out)
    r = post(server, "/v1/match", {"text": QUERY, "id": "q.txt", "explain": explain}, AUTH)
    assert r.status_code == 200, r.text
    assert r.json() == expected
    assert expected["matches"][0]["id"] == "park.txt"
    assert httpx.get(server.url + "/healthz").json()["index"] is True
    doc = httpx.get(server.url + "/openapi.json").json()
    assert "/v1/match" in doc["paths"]


def test_match_options(guarded: Server) -> None:
    r = post(guarded, "/v1/match", {"text": QUERY, "top": 1, "threshold": 1}, AUTH)
    assert r.status_code == 200 and len(r.json()["matches"]) == 1
    assert r.json()["query"] == "<query>"
    body = {"text": "nothing like any source at all", "threshold": 0.9}
    r = post(guarded, "/v1/match", body, AUTH)
    assert r.status_code == 200 and r.json()["matches"] == []
    r = post(guarded, "/v1/match", {"text": "x", "top": 0}, AUTH)
    assert "field 'top'" in assert_error(r, 422)
    assert post(guarded, "/v1/match", {"text": QUERY}).status_code == 401


def test_serve_refuses_a_bad_index(tmp_path: Path) -> None:
    (tmp_path / "junk.db").write_text("not sqlite", encoding="utf-8")
    run = run_cli("serve", "--port", "1", "--index", "junk.db", cwd=tmp_path)
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    assert "junk.db" in run.err


# --- limits ----------------------------------------------------------------------------


def raw_http(server: Server, head: str, chunks: list[bytes]) -> tuple[int, bytes]:
    """Send a request by hand; return the status and body the server answered with.

    The server may answer (and close) before all chunks are sent: that is the
    point of the test, so a reset while sending is expected.
    """
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head.encode("latin-1"))
        for chunk in chunks:
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
        data = b""
        try:
            while True:
                part = sock.recv(65536)
                if not part:
                    break
                data += part
        except (ConnectionResetError, TimeoutError):
            pass
    status_line, _, rest = data.partition(b"\r\n")
    body = rest.partition(b"\r\n\r\n")[2]
    return int(status_line.split()[1]), body


def test_413_from_content_length_without_reading(server: Server) -> None:
    # Announce 9 MiB (over the default 8 MiB) and send none of it: the answer
    # must come from the header alone.
    head = (
        f"POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        "Content-Type: application/json\r\nContent-Length: 9437184\r\n\r\n"
    )
    status, body = raw_http(server, head, [])
    assert status == 413
    assert "limit" in json.loads(body)["error"]
    assert_alive(server)


def test_413_for_chunked_body(tight: Server) -> None:
    head = (
        f"POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1:{tight.port}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    piece = b'{"text": "' + b"a" * 1000
    chunks = [b"%x\r\n%s\r\n" % (len(piece), piece)]
    filler = b"a" * 1024
    chunks += [b"%x\r\n%s\r\n" % (len(filler), filler)] * 256  # 257 KiB, limit is 64 KiB
    status, body = raw_http(tight, head, chunks)
    assert status == 413
    assert str(SMALL_LIMIT) in json.loads(body)["error"]
    # The same through httpx streaming a generator (chunked transfer encoding):
    # the server answers 413 and closes while the client is still sending 4 MiB,
    # so the client sees either the 413 or the closed connection.
    try:
        status = httpx.post(
            tight.url + "/v1/scan",
            content=(filler for _ in range(4096)),
            headers=JSON,
            timeout=10,
        ).status_code
    except httpx.TransportError:
        status = 413
    assert status == 413
    assert httpx.get(tight.url + "/healthz").status_code == 200


def test_body_just_under_the_limit_is_fine(tight: Server) -> None:
    body = json.dumps({"text": "a" * (SMALL_LIMIT - 20)}).encode()
    assert len(body) <= SMALL_LIMIT
    r = post_raw(tight, "/v1/scan", body)
    assert r.status_code in (200, 504)  # the tight server's deadline is 50 ms


def test_timeout_gives_504_and_server_goes_on(tight: Server) -> None:
    body = json.dumps({"text": HEAVY}, ensure_ascii=False).encode()
    assert len(body) <= SMALL_LIMIT
    r = post_raw(tight, "/v1/clean", body)
    assert "--timeout" in assert_error(r, 504)
    assert httpx.get(tight.url + "/healthz").status_code == 200


def test_busy_server_answers_503(tight: Server) -> None:
    body = json.dumps({"text": HEAVY}, ensure_ascii=False).encode()

    async def burst() -> list[int]:
        async with httpx.AsyncClient(base_url=tight.url, timeout=30) as client:
            rs = await asyncio.gather(
                *(client.post("/v1/scan", content=body, headers=JSON) for _ in range(12))
            )
        return [r.status_code for r in rs]

    statuses = asyncio.run(burst())
    assert set(statuses) <= {200, 503, 504}, statuses
    assert 503 in statuses, statuses
    assert httpx.get(tight.url + "/healthz").status_code == 200


# --- bad requests ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"{",
        b'{"text": "x"',
        b"{'text': 'x'}",
        b'{"text": "x"} trailing',
        b'{"text": NaN}',
        b"\xff\xfe{}",
        b'{"text": "\xc3"}',
    ],
    ids=["empty", "brace", "unclosed", "single-quotes", "trailing", "nan", "bom", "bad-utf8"],
)
def test_malformed_json_is_400(server: Server, data: bytes) -> None:
    assert_error(post_raw(server, "/v1/scan", data), 400)
    assert_alive(server)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"txt": "x"}, "unknown field 'txt'"),
        ({}, "missing field 'text'"),
        ({"text": 5}, "field 'text'"),
        ({"text": None}, "field 'text'"),
        ({"text": "x", "profile": "paranoid"}, "field 'profile'"),
        ({"text": "x", "profile": 1}, "field 'profile'"),
        ({"text": "x", "extra": True}, "unknown field 'extra'"),
        (["text"], "JSON object"),
        ("text", "JSON object"),
        (None, "JSON object"),
    ],
)
def test_wrong_fields_are_422(server: Server, body: Any, needle: str) -> None:
    msg = assert_error(post(server, "/v1/clean", body), 422)
    assert needle in msg
    assert_alive(server)


def test_lone_surrogate_is_422(server: Server) -> None:
    r = post_raw(server, "/v1/scan", b'{"text": "a\\ud800b"}')
    assert "surrogate" in assert_error(r, 422)
    # a correctly paired surrogate escape is just a character
    r = post_raw(server, "/v1/scan", b'{"text": "\\ud83d\\ude00"}')
    assert r.status_code == 200 and r.json()["length"] == 1


def test_payload_with_a_lone_surrogate_still_answers(server: Server) -> None:
    # A zero-width bit payload can decode to U+D800, which UTF-8 cannot carry: the
    # answer falls back to \u escapes instead of failing.
    zero, one, sep = "\u200b", "\u200c", "\u200d"

    def bits(cp: int) -> str:
        return "".join(one if b == "1" else zero for b in format(cp, "b"))

    run = sep.join(bits(ord(c)) for c in "HelloWorld!!") + sep + bits(0xD800)
    r = post(server, "/v1/scan", {"text": f"Hi there{run} friend"})
    assert r.status_code == 200, r.text
    payloads = [f.get("payload", "") for f in r.json()["findings"]]
    assert any("HelloWorld" in p for p in payloads), payloads


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000,
        b"{" * 50_000,
        b'{"text": "x", "deep": ' + b"[" * 40 + b"]" * 40 + b"}",
        b'{"a":' * 5000 + b"1" + b"}" * 5000,
    ],
    ids=["brackets", "braces", "field-40-deep", "objects-5000-deep"],
)
def test_nested_json_is_400(server: Server, data: bytes) -> None:
    assert "nested" in assert_error(post_raw(server, "/v1/scan", data), 400)
    assert_alive(server)


def test_brackets_inside_strings_are_not_nesting(server: Server) -> None:
    text = "[" * 1000 + '\\"{' * 100
    r = post(server, "/v1/scan", {"text": text})
    assert r.status_code == 200 and r.json()["length"] == len(text)


def test_wrong_content_type_is_415(server: Server) -> None:
    r = post_raw(server, "/v1/scan", b'{"text": "x"}', {"Content-Type": "text/plain"})
    assert_error(r, 415)
    r = post_raw(
        server, "/v1/scan", b'{"text": "x"}', {"Content-Type": "application/json; charset=utf-8"}
    )
    assert r.status_code == 200


def test_unknown_path_and_method(server: Server) -> None:
    assert_error(httpx.get(server.url + "/nope"), 404)
    r = httpx.get(server.url + "/v1/scan")
    assert_error(r, 405)
    assert r.headers["allow"] == "POST"
    assert_alive(server)


def test_dns_rebinding_host_is_refused(server: Server, guarded: Server) -> None:
    r = httpx.get(server.url + "/healthz", headers={"Host": "evil.example"})
    assert "Host" in assert_error(r, 400)
    assert httpx.get(server.url + "/healthz", headers={"Host": "localhost"}).status_code == 200
    # --allowed-host adds a name (a reverse proxy's)
    ok = httpx.get(guarded.url + "/healthz", headers={"Host": "decloak.example:443"})
    assert ok.status_code == 200
    assert httpx.get(guarded.url + "/healthz", headers={"Host": "evil.example"}).status_code == 400


# --- token -----------------------------------------------------------------------------


def test_token(guarded: Server) -> None:
    body = {"text": "Pay with your cаrd"}
    r = post(guarded, "/v1/scan", body)
    assert "bearer token" in assert_error(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert_error(post(guarded, "/v1/scan", body, {"Authorization": "Bearer nope"}), 401)
    assert_error(post(guarded, "/v1/scan", body, {"Authorization": "s3cret"}), 401)
    ok = post(guarded, "/v1/scan", body, AUTH)
    assert ok.status_code == 200 and ok.json()["kinds"] == {"homoglyph": 1}
    assert httpx.get(guarded.url + "/metrics").status_code == 401
    assert httpx.get(guarded.url + "/metrics", headers=AUTH).status_code == 200
    # open: liveness, the inspector page and the API description
    assert httpx.get(guarded.url + "/healthz").status_code == 200
    assert httpx.get(guarded.url + "/").status_code == 200
    doc = httpx.get(guarded.url + "/openapi.json").json()
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    # a huge unauthenticated upload is refused before its body is read
    head = (
        f"POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1:{guarded.port}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"
    )
    assert raw_http(guarded, head, [])[0] == 401


def test_refuses_public_host_without_token(tmp_path: Path) -> None:
    run = run_cli("serve", "--host", "0.0.0.0", "--port", "1", cwd=tmp_path)
    assert run.code == 2
    assert run.err.count("\n") == 1 and "--allow-insecure" in run.err
    assert "token" in run.err


# --- metrics ---------------------------------------------------------------------------

_SAMPLE_LINE = re.compile(r"^([a-z_]+)(\{[^}]*\})? (\S+)$")


def metrics(server: Server) -> dict[str, float]:
    r = httpx.get(server.url + "/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain; version=0.0.4")
    out: dict[str, float] = {}
    for line in r.text.splitlines():
        if line.startswith("#") or not line:
            continue
        m = _SAMPLE_LINE.match(line)
        assert m, line
        out[m.group(1) + (m.group(2) or "")] = float(m.group(3))
    return out


def test_metrics_counters(server: Server) -> None:
    before = metrics(server)
    body = json.dumps({"text": SAMPLE_TEXT}, ensure_ascii=False).encode()
    for _ in range(2):
        assert post_raw(server, "/v1/scan", body).status_code == 200
    assert post_raw(server, "/v1/scan", b"{").status_code == 400
    assert httpx.get(server.url + "/no/such/path").status_code == 404
    after = metrics(server)

    def delta(key: str) -> float:
        return after.get(key, 0.0) - before.get(key, 0.0)

    homoglyphs = decloak.scan(SAMPLE_TEXT).kinds["homoglyph"]
    assert delta('decloak_requests_total{endpoint="/v1/scan",status="200"}') == 2
    assert delta('decloak_requests_total{endpoint="/v1/scan",status="400"}') == 1
    assert delta('decloak_requests_total{endpoint="other",status="404"}') == 1
    assert delta('decloak_findings_total{kind="homoglyph"}') == 2 * homoglyphs
    assert delta('decloak_request_body_bytes_total{endpoint="/v1/scan"}') == 2 * len(body) + 1
    assert delta('decloak_request_duration_seconds_count{endpoint="/v1/scan"}') == 3
    assert delta('decloak_request_duration_seconds_bucket{endpoint="/v1/scan",le="+Inf"}') == 3
    assert after['decloak_requests_total{endpoint="/healthz",status="200"}'] >= 1
    v, u = decloak.__version__, decloak.UNICODE_VERSION
    assert f'decloak_build_info{{version="{v}",unicode="{u}"}}' in after


# --- load ------------------------------------------------------------------------------


def test_200_concurrent_requests(server: Server) -> None:
    texts = [f"Request {i}: pay with your cаrd, lаrge" for i in range(200)]

    async def load() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
        async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as c:
            return await asyncio.gather(
                *(
                    c.post("/v1/scan" if i % 2 else "/v1/clean", json={"text": t})
                    for i, t in enumerate(texts)
                )
            )

    responses = asyncio.run(load())
    assert [r.status_code for r in responses] == [200] * 200
    for i, (t, r) in enumerate(zip(texts, responses, strict=True)):
        if i % 2:
            assert r.json() == decloak.scan(t).to_dict()
        else:
            assert r.json()["text"] == decloak.clean(t).text
    assert_alive(server)


# --- the inspector's files and the API description -------------------------------------


def test_inspector_page_and_static_files(server: Server) -> None:
    r = httpx.get(server.url + "/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "require-trusted-types-for 'script'" in csp
    assert "https://" not in r.text and "http://" not in r.text  # no CDN
    js = httpx.get(server.url + "/static/inspector.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert "innerHTML =" not in js.text
    assert httpx.get(server.url + "/static/inspector.css").status_code == 200
    sample = httpx.get(server.url + "/static/sample.txt")
    assert sample.text == SAMPLE_TEXT
    for bad in ("/static/..%2f__init__.py", "/static/nope.js", "/static/"):
        assert httpx.get(server.url + bad).status_code == 404


def test_openapi_document(server: Server) -> None:
    doc = httpx.get(server.url + "/openapi.json").json()
    # /v1/match is offered only by a server started with --index
    assert set(doc["paths"]) == {"/v1/scan", "/v1/clean", "/healthz", "/metrics"}
    scan_op = doc["paths"]["/v1/scan"]["post"]
    ref = scan_op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/ScanRequest"
    assert {"400", "413", "415", "422", "504"} <= set(scan_op["responses"])
    ok = scan_op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok == "#/components/schemas/ScanResponse"
    schemas = doc["components"]["schemas"]
    assert schemas["ScanRequest"]["additionalProperties"] is False
    assert schemas["ScanRequest"]["required"] == ["text"]
    assert "payload" not in schemas["FindingModel"]["required"]
