"""The FastAPI application behind ``decloak serve``.

Design choices, and why:

* The endpoints parse their own bodies (:mod:`.body`) instead of letting
  FastAPI do it, so that every failure is a one-line ``{"error": ...}`` with a
  deliberate status (400 for bytes that are not JSON, 422 for JSON that is not a
  request), nesting is bounded before parsing, and all CPU work -- decoding,
  parsing, scanning, serializing -- happens in a worker thread rather than on
  the event loop.  The request models still reach ``/openapi.json`` through
  ``openapi_extra``.
* Responses are the library's ``to_dict()`` output serialized directly, so the
  HTTP JSON equals the CLI's ``--json`` output field for field.
* Each request has one deadline covering its body upload, its wait for a
  worker and the work itself.  A job still queued when the deadline passes is
  cancelled and never runs; a job already running cannot be interrupted (Python
  threads cannot be killed), so it finishes in the background and its result is
  dropped.  The body limit bounds how long that can take.
* A cap on pending requests answers 503 instead of queueing without bound:
  every pending request may hold a body of up to ``--max-body`` bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import json
import logging
import os
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from .. import UNICODE_VERSION, __version__
from ..api import clean, scan
from ..errors import DecloakError
from ..web import asset, asset_names
from . import body as _body
from .body import ApiError
from .guard import Guard, GuardPolicy
from .hosts import LOOPBACK_NAMES, is_loopback
from .metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from .metrics import Metrics
from .schemas import (
    CleanRequest,
    CleanResponse,
    ErrorResponse,
    HealthResponse,
    MatchRequest,
    MatchResponse,
    ScanRequest,
    ScanResponse,
)

log = logging.getLogger("decloak.service")

M = TypeVar("M", bound=BaseModel)

MIB = 1024 * 1024
NO_STORE = {"Cache-Control": "no-store"}

# Content-Security-Policy for the inspector: nothing but its own files, no inline
# script or style, and Trusted Types enforced so that any assignment of a string
# to innerHTML (the classic way user text becomes markup) throws instead of parsing.
INSPECTOR_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
    "require-trusted-types-for 'script'; trusted-types 'none'"
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``decloak serve`` can set; :func:`create_app` needs nothing else."""

    host: str = "127.0.0.1"
    port: int = 8080
    index: str | None = None
    max_body: int = 8 * MIB
    timeout: float = 30.0
    token: str | None = None
    workers: int = field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)))
    max_pending: int = 256
    max_depth: int = _body.MAX_DEPTH
    extra_hosts: tuple[str, ...] = ()
    """More Host header names to accept on a loopback server (``*``: any)."""

    def allowed_hosts(self) -> frozenset[str] | None:
        """Host headers accepted: loopback names (and ``extra_hosts``) when bound to
        loopback, else any.  A browser tricked by DNS rebinding sends the attacker's
        name as Host; a reverse proxy in front may send the public name, hence
        ``extra_hosts``."""
        if not is_loopback(self.host) or "*" in self.extra_hosts:
            return None
        names = {h.strip("[]").lower() for h in (self.host, *self.extra_hosts)}
        return LOOPBACK_NAMES | names


def provenance_available() -> bool:
    """Whether index support (``decloak[provenance]``) can be imported."""
    try:
        importlib.import_module("decloak.provenance.match")
        importlib.import_module("decloak.provenance.index")
    except ImportError:
        return False
    return True


class IndexMatcher:
    """Answers ``/v1/match`` from a provenance index.

    SQLite connections belong to the thread that opened them, so each worker
    thread opens the index once and keeps it (WAL mode: readers see documents
    added while the server runs and never block the writer).  The index is also
    opened once at construction, so a wrong path or a foreign file stops
    ``decloak serve`` at start-up instead of failing every request.  The
    provenance modules are imported by name: the service does not depend on
    their types, only on ``ProvenanceIndex.open`` and ``match_text``.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._open: Callable[[str], Any] = importlib.import_module(
            "decloak.provenance.index"
        ).ProvenanceIndex.open
        self._match: Callable[..., Any] = importlib.import_module(
            "decloak.provenance.match"
        ).match_text
        self._local = threading.local()
        self._open(path).close()

    def __call__(self, req: MatchRequest) -> dict[str, Any]:
        index = getattr(self._local, "index", None)
        if index is None:
            index = self._local.index = self._open(self.path)
        try:
            result = self._match(
                index,
                req.text,
                query_id=req.id,
                top=req.top,
                threshold=req.threshold,
                explain=req.explain,
            )
        except DecloakError as e:  # locked or damaged index: the operator's problem
            raise ApiError(503, f"index unavailable: {e}") from None
        return dict(result.to_dict())


def _dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON; falls back to \\u escapes if a string holds a lone surrogate."""
    try:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj, separators=(",", ":")).encode("ascii")


def _error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {
        400: "Body is not UTF-8 JSON, is nested too deeply, or the Host header is not allowed.",
        401: "The server has a token and the request did not carry it as a bearer token.",
        408: "The body did not arrive within the time limit (--timeout).",
        413: "Body larger than the limit (--max-body).",
        415: "Content-Type is not application/json.",
        422: "JSON that is not a valid request: missing, unknown or mistyped field.",
        501: "Index support (decloak[provenance]) is not installed.",
        503: "Too many requests pending; retry later.",
        504: "The work did not finish within the time limit (--timeout).",
    }
    return {c: {"model": ErrorResponse, "description": text[c]} for c in codes}


API_ERRORS = (400, 401, 408, 413, 415, 422, 503, 504)


class Runner:
    """Runs request work in a bounded thread pool under a per-request deadline."""

    def __init__(self, settings: Settings, metrics: Metrics) -> None:
        self.settings = settings
        self.metrics = metrics
        self.pending = 0
        self.pool: ThreadPoolExecutor | None = None

    def start(self) -> None:
        self.pool = ThreadPoolExecutor(self.settings.workers, thread_name_prefix="decloak-work")

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    async def handle(
        self,
        request: Request,
        model: type[M],
        work: Callable[[M], tuple[Any, Mapping[str, int]]],
    ) -> Response:
        """Read, parse, validate and answer one request within the deadline."""
        s = self.settings
        if self.pending >= s.max_pending:
            raise ApiError(
                503,
                f"server busy: {self.pending} requests pending; retry later",
                headers={"Retry-After": "1"},
            )
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if ctype != "application/json" and not ctype.endswith("+json"):
            raise ApiError(415, "send the body as JSON with 'Content-Type: application/json'")
        if self.pool is None:  # started by the lifespan; also usable without it (tests)
            self.start()
        assert self.pool is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + s.timeout
        self.pending += 1
        try:
            try:
                raw = await asyncio.wait_for(request.body(), s.timeout)
            except TimeoutError:
                raise ApiError(408, f"request body not received within {s.timeout:g} s") from None
            job = loop.run_in_executor(self.pool, self._work, raw, model, work)
            try:
                payload, kinds = await asyncio.wait_for(job, max(deadline - loop.time(), 0.001))
            except TimeoutError:
                raise ApiError(
                    504,
                    f"work did not finish within the {s.timeout:g} s limit (--timeout); "
                    "send less text",
                ) from None
        finally:
            self.pending -= 1
        if kinds:
            self.metrics.add_findings(kinds)
        # the texts may be private: no cache along the way should keep them
        return Response(payload, media_type="application/json", headers=NO_STORE)

    def _work(
        self,
        raw: bytes,
        model: type[M],
        work: Callable[[M], tuple[Any, Mapping[str, int]]],
    ) -> tuple[bytes, Mapping[str, int]]:
        req = _body.validate(model, _body.parse_json(raw, self.settings.max_depth))
        result, kinds = work(req)
        return _dumps(result), kinds


def _scan(req: ScanRequest) -> tuple[Any, Mapping[str, int]]:
    report = scan(req.text, req.profile)
    return report.to_dict(), report.kinds


def _clean(req: CleanRequest) -> tuple[Any, Mapping[str, int]]:
    c = clean(req.text, req.profile)
    findings = c.findings
    out = {
        "text": c.text,
        "changed": c.changed,
        "edits": [e.to_dict() for e in c.edits],
        "findings": [f.to_dict() for f in findings],
    }
    return out, Counter(f.kind.value for f in findings)


def _no_telemetry() -> dict[str, Any]:
    """Switch off FastAPI's built-in OpenTelemetry where it exists (FastAPI >= 0.16x).

    The service has its own metrics; per-request spans cost time even with no
    exporter, and a text-inspection service must not start exporting request
    data because an environment variable (FASTAPI_OTEL_AUTO_CONFIGURE) says so.
    """
    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    off = dict.fromkeys(("tracing", "metrics", "logs", "operation_spans", "auto_configure"), False)
    return {"telemetry": off}


def _request_body(model: type[BaseModel]) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; ``uvicorn`` (or any ASGI server) runs it."""
    s = settings or Settings()
    metrics = Metrics(__version__, UNICODE_VERSION)
    runner = Runner(s, metrics)
    matcher = IndexMatcher(s.index) if s.index and provenance_available() else None

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        runner.start()
        try:
            yield
        finally:
            runner.stop()

    app = FastAPI(
        title="decloak",
        version=__version__,
        summary="Find and undo disguised text over HTTP.",
        description=(
            'Offsets are code points of the request text. Every error is `{"error": "<one line>"}`.'
        ),
        docs_url=None,  # Swagger UI would load scripts from a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
        **_no_telemetry(),
    )
    app.state.settings = s
    app.state.metrics = metrics
    app.state.runner = runner

    # --- errors -----------------------------------------------------------------------

    @app.exception_handler(HTTPException)
    async def _http_error(_: Request, exc: HTTPException) -> Response:
        return JSONResponse({"error": str(exc.detail)}, exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        msg = _body._describe(errors[0]) if errors else "invalid request"
        return JSONResponse({"error": msg}, 422)

    @app.exception_handler(Exception)
    async def _internal_error(_: Request, exc: Exception) -> Response:
        log.exception("internal error")
        return JSONResponse(
            {"error": f"internal error: {type(exc).__name__} (please report this)"}, 500
        )

    # --- API --------------------------------------------------------------------------

    @app.post(
        "/v1/scan",
        response_model=ScanResponse,
        responses=_error_responses(*API_ERRORS),
        openapi_extra=_request_body(ScanRequest),
        summary="Find every disguise; change nothing",
        tags=["text"],
    )
    async def scan_endpoint(request: Request) -> Response:
        """The same JSON object as `decloak scan --json` prints for one input."""
        return await runner.handle(request, ScanRequest, _scan)

    @app.post(
        "/v1/clean",
        response_model=CleanResponse,
        responses=_error_responses(*API_ERRORS),
        openapi_extra=_request_body(CleanRequest),
        summary="Restore the text a human reads",
        tags=["text"],
    )
    async def clean_endpoint(request: Request) -> Response:
        """The cleaned text, whether it changed, every edit, and the findings."""
        return await runner.handle(request, CleanRequest, _clean)

    def _match(req: MatchRequest) -> tuple[Any, Mapping[str, int]]:
        assert matcher is not None
        return matcher(req), {}

    @app.post(
        "/v1/match",
        response_model=MatchResponse,
        responses=_error_responses(*API_ERRORS, 501),
        openapi_extra=_request_body(MatchRequest),
        summary="Find the indexed sources of a (possibly disguised) text",
        tags=["provenance"],
        # Only a server started with --index offers matching.
        include_in_schema=s.index is not None,
    )
    async def match_endpoint(request: Request) -> Response:
        """The same JSON as `decloak match --json` prints for one query."""
        if s.index is None:
            raise ApiError(404, "this server has no index: start it with --index INDEX")
        if matcher is None:
            raise ApiError(
                501,
                "index support is not installed: pip install 'decloak[provenance]'",
            )
        return await runner.handle(request, MatchRequest, _match)

    # --- operations -------------------------------------------------------------------

    @app.get("/healthz", response_model=HealthResponse, tags=["operations"])
    async def healthz() -> Response:
        """Liveness and version; never needs the token."""
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "unicode_version": UNICODE_VERSION,
                "index": matcher is not None,
            }
        )

    @app.get(
        "/metrics",
        response_class=PlainTextResponse,
        responses={
            200: {
                "content": {METRICS_CONTENT_TYPE: {"schema": {"type": "string"}}},
                "description": "Prometheus text exposition format 0.0.4.",
            },
            **_error_responses(401),
        },
        tags=["operations"],
    )
    async def metrics_endpoint() -> Response:
        """Requests by endpoint and status, body bytes, findings by kind, latency."""
        return Response(metrics.render(), media_type=METRICS_CONTENT_TYPE)

    # --- the web inspector ------------------------------------------------------------

    page_headers = {"Content-Security-Policy": INSPECTOR_CSP, "Cache-Control": "no-cache"}

    @app.get("/", include_in_schema=False)
    async def inspector() -> Response:
        return Response(asset("index.html"), media_type="text/html", headers=page_headers)

    static_types = {
        ".html": "text/html",
        ".css": "text/css",
        ".js": "text/javascript",
        ".txt": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml",
    }
    names = frozenset(asset_names())

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        if name not in names:
            raise ApiError(404, "not found")
        ext = name[name.rfind(".") :]
        return Response(
            asset(name),
            media_type=static_types.get(ext, "application/octet-stream"),
            headers=page_headers,
        )

    # --- OpenAPI: request models live in components -----------------------------------

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            schemas = doc.setdefault("components", {}).setdefault("schemas", {})
            for model in (ScanRequest, CleanRequest, MatchRequest):
                schemas[model.__name__] = model.model_json_schema(
                    ref_template="#/components/schemas/{model}"
                )
            if s.token is not None:
                doc["components"]["securitySchemes"] = {
                    "bearer": {"type": "http", "scheme": "bearer"}
                }
                for path, ops in doc["paths"].items():
                    if path.startswith("/v1/") or path == "/metrics":
                        for op in ops.values():
                            op["security"] = [{"bearer": []}]
            app.openapi_schema = doc
        return app.openapi_schema

    # FastAPI documents replacing app.openapi to extend the generated document.
    app.openapi = openapi  # type: ignore[method-assign]

    app.add_middleware(
        Guard,
        policy=GuardPolicy(s.max_body, s.token, s.allowed_hosts()),
        metrics=metrics,
    )
    return app
