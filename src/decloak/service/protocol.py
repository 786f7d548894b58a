"""uvicorn's h11 protocol with a time limit on request headers and a lingering close.

**Slow headers.**  uvicorn times out an idle keep-alive connection only after a
response, and the application's own limit (``--timeout``) starts only once the
headers are complete.  A client that connects and sends headers slowly, or never
finishes them, would hold a connection (and a file descriptor) forever; a
thousand such clients exhaust the server.  This subclass arms a timer whenever
the connection waits for the headers of a request, and closes the connection
when they have not all arrived in time.

**Lingering close.**  The server answers some requests before reading their
body: a 413 for a body over ``--max-body``, a 408 for one too slow to arrive.
Closing the socket then, with the client's unread body still arriving, makes the
kernel send a reset, and a client that sends its whole body before reading the
answer (Python's ``urllib``, ``curl`` without ``Expect``) sees a broken pipe
instead of the 413.  So, as nginx does (``lingering_close``), the connection is
not closed at once: the server's side is shut down for writing (the answer and
then end-of-file reach the client), and whatever the client still sends is read
and thrown away until it stops, for at most :data:`LINGER_SECONDS`
(:data:`LINGER_IDLE_SECONDS` without data) and :data:`LINGER_BYTES`.

Everything else is uvicorn's own code.  :class:`DecloakH11Protocol` has the
default limits and can be named to uvicorn directly (``--http
decloak.service.protocol:DecloakH11Protocol``); ``decloak serve`` uses
:func:`header_timeout_protocol` to apply its ``--timeout``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 30.0
"""Seconds the headers of a request may take (``decloak serve`` uses ``--timeout``)."""
LINGER_SECONDS = 30.0
"""Longest time a closing connection keeps reading the rest of an unwanted body."""
LINGER_IDLE_SECONDS = 5.0
"""A lingering connection closes when the client sends nothing for this long."""
LINGER_BYTES = 256 * 1024 * 1024
"""Most body bytes read and thrown away while lingering."""


class _LingeringTransport:
    """The connection's transport as uvicorn sees it: ``close()`` may linger first.

    Everything but ``close`` and ``is_closing`` is the real transport's.
    """

    def __init__(self, transport: asyncio.Transport, protocol: DecloakH11Protocol) -> None:
        self._transport = transport
        self._protocol = protocol

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)

    def close(self) -> None:
        self._protocol._close_or_linger()

    def is_closing(self) -> bool:
        # lingering counts as closing: uvicorn must not start another request
        return self._protocol._lingering or self._transport.is_closing()


class DecloakH11Protocol(H11Protocol):
    """``H11Protocol`` with a header time limit and a lingering close (see the module)."""

    header_timeout = HEADER_TIMEOUT
    _header_timer: asyncio.TimerHandle | None = None
    _lingering = False
    _linger_left = 0
    _linger_timers: tuple[asyncio.TimerHandle, ...] = ()
    _raw: asyncio.Transport

    def connection_made(self, transport: Any) -> None:
        self._raw = transport
        super().connection_made(_LingeringTransport(transport, self))  # type: ignore[arg-type]
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            self._drain(data)
            return
        super().data_received(data)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        for timer in self._linger_timers:
            timer.cancel()
        super().connection_lost(exc)

    # -- slow headers -------------------------------------------------------------------

    def _arm(self) -> None:
        """Time the headers while the client has not sent a complete request line and headers."""
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(
                    self.header_timeout, self._headers_timed_out
                )
        else:
            self._disarm()

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_timed_out(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    # -- lingering close ----------------------------------------------------------------

    def _close_or_linger(self) -> None:
        """Close now, unless the client is still sending a body nobody will read."""
        raw = self._raw
        if (
            self._lingering
            or raw.is_closing()
            or self.conn.their_state is not h11.SEND_BODY
            or not raw.can_write_eof()
        ):
            raw.close()
            return
        self._lingering = True
        self._disarm()
        self._linger_left = LINGER_BYTES
        raw.write_eof()  # after the answer already queued: the client reads it, then EOF
        raw.resume_reading()  # uvicorn pauses reading when a body is not consumed
        self._linger_timers = (
            self.loop.call_later(LINGER_SECONDS, raw.close),
            self.loop.call_later(LINGER_IDLE_SECONDS, raw.close),
        )

    def _drain(self, data: bytes) -> None:
        self._linger_left -= len(data)
        if self._linger_left < 0:
            self._raw.close()
            return
        total, idle = self._linger_timers
        idle.cancel()
        self._linger_timers = (total, self.loop.call_later(LINGER_IDLE_SECONDS, self._raw.close))


def header_timeout_protocol(seconds: float) -> type[asyncio.Protocol]:
    """A :class:`DecloakH11Protocol` that closes connections whose headers take over ``seconds``."""

    class HeaderTimeoutH11Protocol(DecloakH11Protocol):
        header_timeout = seconds

    return HeaderTimeoutH11Protocol
