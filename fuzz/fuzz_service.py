"""Fuzz the HTTP API in-process (the ASGI app through Starlette's test client).

The first byte picks the endpoint and how the rest is sent: as the raw body (any
bytes: broken UTF-8, broken or deeply nested JSON) or as ``{"text": ...}`` built
from the decoded bytes.  Invariants: only the status codes the OpenAPI document
declares (never 500), every error is ``{"error": "<one line>"}``, and a 200 answer
is what the library gives (``/v1/scan`` equals ``decloak.scan(text).to_dict()``,
``/v1/clean`` returns ``decloak.clean(text).text``).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import decode_text, fuzz_main, is_valid_unicode

ALLOWED = {200, 400, 408, 413, 415, 422, 503, 504}
PATHS = ["/v1/scan", "/v1/clean"]
PROFILES = ["default", "strict", "report"]


@cache
def client() -> Any:
    """One app and client for the whole run (the app's worker pool starts once)."""
    from starlette.testclient import TestClient

    from decloak.service.app import Settings, create_app

    app = create_app(Settings(workers=1, timeout=60.0, max_body=1 << 20))
    c = TestClient(app, base_url="http://127.0.0.1")
    c.__enter__()  # runs the lifespan: the worker pool stays up for every input
    return c


def TestOneInput(data: bytes) -> None:
    import decloak

    if not data:
        return
    head, rest = data[0], data[1:]
    path = PATHS[head % 2]
    raw = (head // 2) % 2 == 1
    profile = PROFILES[(head // 4) % 3]
    text: str | None = None
    if raw:
        body = rest
    else:
        text = decode_text(rest)
        body = json.dumps({"text": text, "profile": profile}).encode()
    r = client().post(path, content=body, headers={"content-type": "application/json"})
    assert r.status_code in ALLOWED, (r.status_code, r.text[:200])
    payload = r.json()
    if r.status_code != 200:
        assert set(payload) == {"error"}, payload
        assert "\n" not in payload["error"]
        if text is not None and is_valid_unicode(text) and r.status_code in (400, 415):
            raise AssertionError(f"valid request refused: {payload}")
        return
    if text is None:
        return
    assert is_valid_unicode(text), "a lone surrogate was accepted"
    if path == "/v1/scan":
        expected = json.loads(json.dumps(decloak.scan(text, profile).to_dict()))
        assert payload == expected
    else:
        assert payload["text"] == decloak.clean(text, profile).text


if __name__ == "__main__":
    fuzz_main(TestOneInput, "decloak.service.app", "decloak.service.body", "decloak.service.guard")
