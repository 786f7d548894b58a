"""The ASGI layer in front of every request: host check, token, body limit, metrics.

It runs before FastAPI so that a request is refused *before* its body is read:
a 9 GiB upload announced by ``Content-Length`` costs one header parse, and a
chunked upload is cut off as soon as the bytes received pass ``--max-body``.
An unauthenticated client never gets its body read at all.
"""

from __future__ import annotations

import hmac
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .metrics import Metrics, endpoint_label

# Headers on every response.  The inspector's own page adds a full CSP.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
DEFAULT_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"request body larger than the {limit}-byte limit (--max-body)",
            headers={"Connection": "close"},
        )


@dataclass(frozen=True, slots=True)
class GuardPolicy:
    max_body: int
    token: str | None
    allowed_hosts: frozenset[str] | None
    """Host header values accepted (lower case, no port); ``None``: any."""


def _protected(path: str) -> bool:
    """Paths that need the bearer token when one is configured.

    ``/healthz`` stays open for load balancers; the inspector page and the
    OpenAPI document hold nothing secret (the page asks for the token itself).
    """
    return path.startswith("/v1/") or path == "/metrics"


def _host_of(raw: str) -> str:
    raw = raw.strip().lower()
    if raw.startswith("["):  # [::1]:8080
        return raw[1 : raw.find("]")] if "]" in raw else raw
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", ()):
        if k == name:
            return str(v.decode("latin-1"))
    return None


async def _reply(
    send: Send, status: int, message: str, extra: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """A one-line JSON error, closing the connection (the body may still be in flight)."""
    body = json.dumps({"error": message}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """Pure ASGI middleware (no ``BaseHTTPMiddleware``: that would buffer bodies)."""

    def __init__(self, app: ASGIApp, policy: GuardPolicy, metrics: Metrics) -> None:
        self.app = app
        self.policy = policy
        self.metrics = metrics

    def _precheck(self, scope: Scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        p = self.policy
        if p.allowed_hosts is not None:
            host = _host_of(_header(scope, b"host") or "")
            if host not in p.allowed_hosts:
                return (
                    400,
                    "Host header not allowed: this server answers loopback names only "
                    "(protection against DNS rebinding)",
                    [],
                )
        if p.token is not None and _protected(scope["path"]):
            auth = _header(scope, b"authorization") or ""
            scheme, _, given = auth.partition(" ")
            ok = scheme.lower() == "bearer" and hmac.compare_digest(
                given.strip().encode(), p.token.encode()
            )
            if not ok:
                return (
                    401,
                    "missing or wrong bearer token (send 'Authorization: Bearer <token>')",
                    [(b"www-authenticate", b'Bearer realm="decloak"')],
                )
        length = _header(scope, b"content-length")
        if length is not None:
            try:
                n = int(length)
            except ValueError:
                return 400, "Content-Length is not a number", []
            if n > p.max_body:
                return (
                    413,
                    f"request body of {n} bytes is larger than the {p.max_body}-byte limit "
                    "(--max-body)",
                    [],
                )
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        endpoint = endpoint_label(scope["path"])
        started = time.perf_counter()
        status = 0
        received = 0
        limit = self.policy.max_body

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                names = {k.lower() for k, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in names)
                if DEFAULT_CSP[0] not in names:
                    headers.append(DEFAULT_CSP)
                message = {**message, "headers": headers}
            await send(message)

        self.metrics.started()
        try:
            problem = self._precheck(scope)
            if problem is not None:
                code, text, extra = problem
                await _reply(tracking_send, code, text, extra)
            else:
                await self.app(scope, limited_receive, tracking_send)
        finally:
            self.metrics.observe(endpoint, status, time.perf_counter() - started, received)
