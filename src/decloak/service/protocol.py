"""uvicorn's h11 protocol with a time limit on request headers (slowloris).

uvicorn times out an idle keep-alive connection only after a response, and the
application's own limit (``--timeout``) starts only once the headers are
complete.  A client that connects and sends headers slowly, or never finishes
them, would hold a connection (and a file descriptor) forever; a thousand such
clients exhaust the server.  This subclass arms a timer whenever the
connection waits for the headers of a request, and closes the connection when
they have not all arrived in time.  Everything else is uvicorn's own code.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


def header_timeout_protocol(seconds: float) -> type[asyncio.Protocol]:
    """An ``H11Protocol`` subclass that closes connections whose headers take over ``seconds``."""

    class HeaderTimeoutH11Protocol(H11Protocol):
        header_timeout = seconds
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

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

    return HeaderTimeoutH11Protocol
