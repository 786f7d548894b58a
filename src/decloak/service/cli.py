"""``decloak serve``: the HTTP API and the web inspector on uvicorn.

FastAPI and uvicorn are imported inside the command so that ``decloak --help``
and ``decloak clean`` do not pay for them (and work without the extra).
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket

import click

from ..errors import UsageError

MIB = 1024 * 1024


def _check_bind(host: str, token: str | None, allow_insecure: bool) -> None:
    from .hosts import is_loopback

    if not is_loopback(host) and token is None and not allow_insecure:
        raise click.UsageError(
            f"refusing to listen on non-loopback host {host!r} without a token: "
            "set --token or DECLOAK_TOKEN, or pass --allow-insecure"
        )


def _listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket here, before uvicorn starts.

    A taken port is then one line and exit 2 (uvicorn would log an error and
    exit 3, after announcing a URL that does not work), and ``--port 0``
    announces the port the system chose.
    """
    addr = host.strip("[]")
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say TCP, and
    # without it every answer on a keep-alive connection waits 40 ms (Nagle, delayed ACK)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        # as uvicorn does: restarting right after a stop must not wait for TIME_WAIT
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((addr, port))
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on {host} is in use") from None
        if e.errno == errno.EACCES:
            raise UsageError(f"port {port} on {host}: permission denied") from None
        if e.errno == errno.EADDRNOTAVAIL:
            raise UsageError(f"{host} is not an address of this machine") from None
        if isinstance(e, socket.gaierror):
            raise UsageError(f"cannot listen on {host!r}: unknown host name") from None
        raise UsageError(f"cannot listen on {host} port {port}: {e.strerror or e}") from None
    sock.set_inheritable(True)
    return sock


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option(
    "--index",
    type=click.Path(exists=True),
    default=None,
    help="Provenance index for POST /v1/match (from decloak's provenance commands).",
)
@click.option(
    "--max-body",
    type=click.IntRange(1),
    default=8 * MIB,
    show_default=True,
    help="Largest request body in bytes; larger ones get 413 before being read.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds one request may take (upload, queue and work); then 408/504.",
)
@click.option(
    "--token",
    envvar="DECLOAK_TOKEN",
    default=None,
    help="Require 'Authorization: Bearer TOKEN' on /v1/* and /metrics (env DECLOAK_TOKEN).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="On loopback, also accept this Host header (e.g. behind a reverse proxy); "
    "repeatable; '*' accepts any.",
)
@click.option(
    "--allow-insecure",
    is_flag=True,
    help="Allow a non-loopback --host without a token.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes for the text work [default: CPU count].",
)
@click.option(
    "--max-pending",
    type=click.IntRange(1),
    default=256,
    show_default=True,
    help="Requests in progress before new ones get 503 (bounds memory: each holds its body).",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
)
@click.option("--access-log/--no-access-log", default=True, show_default=True)
def serve_cmd(
    host: str,
    port: int,
    index: str | None,
    max_body: int,
    timeout: float,
    token: str | None,
    allowed_hosts: tuple[str, ...],
    allow_insecure: bool,
    workers: int | None,
    max_pending: int,
    log_level: str,
    access_log: bool,
) -> None:
    """Serve the HTTP API (POST /v1/scan, /v1/clean, /v1/match) and the web inspector.

    Listens on loopback by default.  The inspector is at http://HOST:PORT/, the
    API description at /openapi.json, Prometheus metrics at /metrics.
    """
    token = token or None  # an empty DECLOAK_TOKEN means no token
    _check_bind(host, token, allow_insecure)
    try:
        import uvicorn

        from .app import Settings, create_app, provenance_available
        from .protocol import header_timeout_protocol
    except ImportError as e:
        raise click.UsageError(
            f"decloak serve needs the service extra ({e.name} is missing): "
            "pip install 'decloak[service]'"
        ) from None
    if index is not None and not provenance_available():
        raise click.UsageError(
            "--index needs provenance support, which is not installed: "
            "pip install 'decloak[provenance]'"
        )
    settings = Settings(
        host=host,
        port=port,
        index=os.fspath(index) if index else None,
        max_body=max_body,
        timeout=timeout,
        token=token,
        max_pending=max_pending,
        extra_hosts=allowed_hosts,
        **({"workers": workers} if workers else {}),
    )
    app = create_app(settings)
    sock = _listen(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    click.echo(f"decloak serve: inspector at http://{shown}:{bound}/", err=True)
    config = uvicorn.Config(
        app,
        host=host,
        port=bound,
        log_level=log_level,
        access_log=access_log,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=5,
        # headers that never finish (slowloris) get the same limit as a slow body
        http=header_timeout_protocol(timeout),
    )
    with sock, contextlib.suppress(KeyboardInterrupt):
        # uvicorn stops gracefully on Ctrl-C, then raises it again: as uvicorn.run does,
        # that is a normal end, not an interruption to report
        uvicorn.Server(config).run(sockets=[sock])


COMMANDS = [serve_cmd]
