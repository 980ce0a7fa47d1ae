"""Slow clients cannot hold the room: a header deadline per connection and a cap on them.

aiohttp has no deadline for reading a request's headers, so each connection's protocol is
wrapped: a connection that has not sent a whole request head within `header_seconds` of
opening (or of its previous answer) gets a 408 and is closed. The body has its own deadline
(`guard.read_body`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\nContent-Length: 44\r\n\r\n"
    b"The request came too slowly; send it again.\n"
)
FULL_ANSWER = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\nContent-Length: 40\r\n\r\n"
    b"Too many connections; try again soon.\n\n"
)


class ConnectionWatch:
    """The open connections and their header deadlines."""

    def __init__(self, header_seconds: float, most: int) -> None:
        self.header_seconds = header_seconds
        self.most = most
        self._deadlines: dict[Any, asyncio.TimerHandle | None] = {}

    def __len__(self) -> int:
        return len(self._deadlines)

    def opened(self, transport: asyncio.BaseTransport) -> bool:
        """Watch a new connection; False (answered and closed) when there are too many."""
        if len(self._deadlines) >= self.most:
            if isinstance(transport, asyncio.WriteTransport):
                transport.write(FULL_ANSWER)
            transport.close()
            return False
        self._deadlines[transport] = None
        self._arm(transport)
        return True

    def closed(self, transport: asyncio.BaseTransport) -> None:
        handle = self._deadlines.pop(transport, None)
        if handle is not None:
            handle.cancel()

    def request_started(self, transport: asyncio.BaseTransport | None) -> None:
        handle = self._deadlines.get(transport)
        if handle is not None:
            handle.cancel()
            self._deadlines[transport] = None

    def request_finished(self, transport: asyncio.BaseTransport | None) -> None:
        if transport in self._deadlines:
            self._arm(transport)

    def _arm(self, transport: Any) -> None:
        loop = asyncio.get_running_loop()
        self._deadlines[transport] = loop.call_later(self.header_seconds, self._expire, transport)

    def _expire(self, transport: Any) -> None:
        self._deadlines[transport] = None
        if not transport.is_closing():
            transport.write(TIMEOUT_ANSWER)
            transport.close()


class WatchedProtocol(asyncio.Protocol):
    """Forwards everything to aiohttp's protocol, telling the watch when a connection
    opens and closes."""

    def __init__(self, inner: Any, watch: ConnectionWatch) -> None:
        self._inner = inner
        self._watch = watch
        self._transport: asyncio.BaseTransport | None = None
        self._served = False  # whether aiohttp's protocol saw the connection

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport
        if self._watch.opened(transport):
            self._served = True
            self._inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._transport is not None:
            self._watch.closed(self._transport)
        if self._served:
            self._inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._served:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        result: bool | None = self._inner.eof_received()
        return result

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()


def watched(factory: Callable[[], Any], watch: ConnectionWatch) -> Callable[[], WatchedProtocol]:
    return lambda: WatchedProtocol(factory(), watch)
