"""The FastAPI application behind ``decloak serve``.

Design choices, and why:

* The endpoints parse their own bodies (:mod:`.body`) instead of letting
  FastAPI do it, so that every failure is a one-line ``{"error": ...}`` with a
  deliberate status (400 for bytes that are not JSON, 422 for JSON that is not a
  request), nesting is bounded before parsing, and all CPU work -- decoding,
  parsing, scanning, serializing -- happens in a worker process rather than on
  the event loop.  The request models still reach ``/openapi.json`` through
  ``openapi_extra``.
* The work runs in a pool of worker processes (``--workers``, default: the CPU
  count) behind this one event loop, not in several uvicorn processes: the C
  kernel holds the interpreter lock, so threads use one core, while one front
  process keeps the limits, the token, the pending cap and the metrics exactly
  as they are with one worker (nothing to share or add up between processes).
  The front process only moves bytes: a request's body goes to a worker, the
  serialized answer comes back.
* Responses are the library's ``to_dict()`` output serialized directly, so the
  HTTP JSON equals the CLI's ``--json`` output field for field.
* Each request has one deadline covering its body upload, its wait for a
  worker and the work itself.  A job still queued when the deadline passes is
  cancelled and never runs; a job already running is not interrupted (its worker
  would have to be killed and replaced), so it finishes in the background and
  its result is dropped.  The body limit bounds how long that can take.
* A cap on pending requests answers 503 instead of queueing without bound:
  every pending request may hold a body of up to ``--max-body`` bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import inspect
import json
import logging
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
from ..errors import DecloakError, UsageError
from ..lifeline import die_with_parent
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
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Worker processes doing the text work."""
    max_pending: int = 256
    max_depth: int = _body.MAX_DEPTH
    extra_hosts: tuple[str, ...] = ()
    """More Host header names to accept on a loopback server (``*``: any)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``DECLOAK_*`` environment variables: how the app factory is configured.

        ``DECLOAK_HOST`` (the address the ASGI server listens on: it decides the
        Host-header rule and whether a token is required), ``DECLOAK_TOKEN``,
        ``DECLOAK_INDEX``, ``DECLOAK_MAX_BODY``, ``DECLOAK_TIMEOUT``,
        ``DECLOAK_WORKERS``, ``DECLOAK_MAX_PENDING``, ``DECLOAK_ALLOWED_HOSTS``
        (comma-separated) and ``DECLOAK_ALLOW_INSECURE=1``; each has the meaning
        and default of the ``decloak serve`` option of the same name.  A bad value
        raises :class:`~decloak.errors.UsageError` naming the variable.
        """
        env = os.environ if environ is None else environ

        def number(name: str, kind: type[int] | type[float], low: float, high: float) -> Any:
            raw = env.get(f"DECLOAK_{name}", "").strip()
            if not raw:
                return None
            try:
                value = kind(raw)
            except ValueError:
                value = None
            if value is None or not low <= value <= high or (kind is float and value == 0):
                what = "a whole number" if kind is int else "a number of seconds"
                raise UsageError(
                    f"DECLOAK_{name}: expected {what} from {low:g} to {high:g}, not {raw!r}"
                )
            return value

        host = env.get("DECLOAK_HOST", "").strip() or "127.0.0.1"
        token = env.get("DECLOAK_TOKEN") or None
        insecure = env.get("DECLOAK_ALLOW_INSECURE", "").strip().lower() in ("1", "true", "yes")
        if not is_loopback(host) and token is None and not insecure:
            raise UsageError(
                f"DECLOAK_HOST={host}: refusing a non-loopback host without a token: "
                "set DECLOAK_TOKEN, or DECLOAK_ALLOW_INSECURE=1"
            )
        values: dict[str, Any] = {
            "max_body": number("MAX_BODY", int, 1, 2**62),
            "timeout": number("TIMEOUT", float, 0, 1e9),
            "workers": number("WORKERS", int, 1, 64),
            "max_pending": number("MAX_PENDING", int, 1, 2**62),
        }
        hosts = tuple(
            h.strip() for h in env.get("DECLOAK_ALLOWED_HOSTS", "").split(",") if h.strip()
        )
        return cls(
            host=host,
            index=env.get("DECLOAK_INDEX") or None,
            token=token,
            extra_hosts=hosts,
            **{k: v for k, v in values.items() if v is not None},
        )

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
    """Answers ``/v1/match`` from a provenance index, in a worker process.

    Each worker process opens the index once, read-only, on its first query and
    keeps it (WAL mode: readers see documents added while the server runs and
    never block the writer).  :func:`create_app` opens it once too, so a wrong
    path or a foreign file stops ``decloak serve`` at start-up instead of failing
    every request.  The provenance modules are imported by name: the service
    does not depend on their types, only on ``ProvenanceIndex.open`` and
    ``match_text``.
    """

    def __init__(self, path: str, *, check: bool = False) -> None:
        self.path = path
        self._open: Callable[..., Any] = importlib.import_module(
            "decloak.provenance.index"
        ).ProvenanceIndex.open
        self._match: Callable[..., Any] = importlib.import_module(
            "decloak.provenance.match"
        ).match_text
        self._index: Any = None
        if check:
            self._open(path, read_only=True).close()

    def __call__(self, req: MatchRequest) -> dict[str, Any]:
        try:
            if self._index is None:
                self._index = self._open(self.path, read_only=True)
            result = self._match(
                self._index,
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
    """Runs request work in a pool of worker processes under a per-request deadline.

    The pool is started (and its processes warmed up: imports, Unicode tables)
    by the application's lifespan, from the event loop's thread, which lives as
    long as the server: the workers are tied to it (:func:`die_with_parent`).
    A pool whose worker died (killed, out of memory) is replaced by a fresh one;
    a request that was running in the dead worker is answered 500, one that
    was only about to be sent to it is sent to the new pool.
    """

    def __init__(self, settings: Settings, metrics: Metrics) -> None:
        self.settings = settings
        self.metrics = metrics
        self.pending = 0
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.pool is None:
            # spawn: a worker gets nothing of this process (no listening socket,
            # no event loop, no threads), only what it imports
            self.pool = ProcessPoolExecutor(
                self.settings.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init,
                initargs=(os.getpid(), self.settings.index),
            )

    async def warm_up(self) -> None:
        """Start every worker process now rather than on the first requests."""
        self.start()
        loop = asyncio.get_running_loop()
        await asyncio.gather(
            *(loop.run_in_executor(self.pool, _warm_up) for _ in range(self.settings.workers))
        )

    def stop(self) -> None:
        """Stop the workers: queued jobs are cancelled, running ones (abandoned) killed."""
        pool, self.pool = self.pool, None
        if pool is None:
            return
        # the pool forgets its processes and its manager thread on its first shutdown
        # (so a second shutdown(wait=True) waits for nothing): take both first
        procs = list((getattr(pool, "_processes", None) or {}).values())
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(timeout=5)
        # the workers are gone: wait for the pool's own thread, which holds its queues,
        # and let the queues (and their semaphores) go now, not at exit: a server stopped
        # by SIGTERM dies by the signal once uvicorn is done, and multiprocessing would
        # then warn that they leaked
        if manager is not None:
            manager.join(timeout=5)
        del pool, procs, manager
        gc.collect()

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self.pool is broken:  # the first request to notice replaces it
            log.warning("a worker process died; starting new workers")
            self.pool = None
            broken.shutdown(wait=False, cancel_futures=True)
            self.start()

    def _submit(
        self, raw: bytes, model: type[M], work: Callable[[M], tuple[Any, Mapping[str, int]]]
    ) -> tuple[ProcessPoolExecutor, asyncio.Future[tuple[bytes, Mapping[str, int]]]]:
        loop = asyncio.get_running_loop()
        for _ in range(2):
            self.start()  # started by the lifespan; also usable without it (tests)
            pool = self.pool
            assert pool is not None
            try:
                job = loop.run_in_executor(
                    pool, _run_job, raw, model, work, self.settings.max_depth
                )
            except BrokenProcessPool:  # a worker died since the last request
                self._replace(pool)
                continue
            return pool, job
        raise ApiError(503, "the worker processes cannot be started; retry later")

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
        loop = asyncio.get_running_loop()
        deadline = loop.time() + s.timeout
        self.pending += 1
        try:
            try:
                raw = await asyncio.wait_for(request.body(), s.timeout)
            except TimeoutError:
                # the rest of the body is unwanted and the connection cannot carry another
                # request: close it (uvicorn would otherwise keep it open as long as bytes
                # trickle in, each one cancelling its keep-alive timer)
                raise ApiError(
                    408,
                    f"request body not received within {s.timeout:g} s",
                    headers={"Connection": "close"},
                ) from None
            pool, job = self._submit(raw, model, work)
            try:
                payload, kinds = await asyncio.wait_for(job, max(deadline - loop.time(), 0.001))
            except TimeoutError:
                raise ApiError(
                    504,
                    f"work did not finish within the {s.timeout:g} s limit (--timeout); "
                    "send less text",
                ) from None
            except BrokenProcessPool:
                self._replace(pool)
                raise ApiError(
                    500,
                    "the worker process doing this request died (killed, or out of memory); "
                    "new workers have been started",
                ) from None
        finally:
            self.pending -= 1
        if kinds:
            self.metrics.add_findings(kinds)
        # the texts may be private: no cache along the way should keep them
        return Response(payload, media_type="application/json", headers=NO_STORE)


# --- in the worker processes ---------------------------------------------------------------

_worker_state: dict[str, Any] = {}
"""Per worker process: the index matcher (set by :func:`_worker_init`; empty elsewhere)."""


def _worker_init(parent: int, index: str | None) -> None:
    die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the server handles it, once
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_state["matcher"] = IndexMatcher(index) if index else None


def _warm_up() -> int:
    """Load what the first request would (imports, tables); return the process id."""
    clean("c\N{CYRILLIC SMALL LETTER A}rd")
    return os.getpid()


def _run_job(
    raw: bytes,
    model: type[M],
    work: Callable[[M], tuple[Any, Mapping[str, int]]],
    max_depth: int,
) -> tuple[bytes, Mapping[str, int]]:
    """One request's work, in a worker: parse, validate, do it, serialize."""
    req = _body.validate(model, _body.parse_json(raw, max_depth))
    result, kinds = work(req)
    return _dumps(result), dict(kinds)


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


def _match(req: MatchRequest) -> tuple[Any, Mapping[str, int]]:
    matcher = _worker_state.get("matcher")
    assert matcher is not None, "a /v1/match job on a server without an index"
    return matcher(req), {}


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
    # opened once here so that a bad index stops the server at start-up
    matcher = IndexMatcher(s.index, check=True) if s.index and provenance_available() else None

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runner.warm_up()
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

    # load balancers and container health checks often probe with HEAD: the
    # same answer, and the server (uvicorn) leaves the body out
    app.head("/healthz", include_in_schema=False)(healthz)

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
