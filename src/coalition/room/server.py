"""`Room`: the room served on the running asyncio loop, for the app and for `coalition room`.

    room = Room(store, bind="0.0.0.0", port=None, anonymous=False, on_change=refresh)
    await room.start()          # room.join_url, room.facilitator_url, room.code
    room.core.reveal()          # the facilitator's controls, for a UI of its own
    await room.stop()           # every cookie and token of this opening is void

The store stays the caller's (opened, locked, closed by them): the room only writes
through it, so there is one writer. `coalition room` runs it on the command's own loop; the
app runs it on a loop of its own in another thread (`coalition.room.thread`), and the
store's lock keeps the app's changes and the room's apart.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import ssl
import threading
from collections.abc import Callable
from urllib.parse import quote

from aiohttp import web

from coalition.errors import UsageError
from coalition.room.connections import ConnectionWatch, watched
from coalition.room.core import RoomCore
from coalition.room.http import CONNECTION_WATCH, build_app
from coalition.room.limits import Limits
from coalition.room.tokens import RoomSecrets
from coalition.store import SessionStore

FIRST_PORT = 8700
PORTS_TO_TRY = 100


class Room:
    """One opening of the room: its secrets, its server, its rules (`core`)."""

    def __init__(
        self,
        store: SessionStore,
        *,
        bind: str = "0.0.0.0",
        port: int | None = None,
        anonymous: bool = False,
        ssl_context: ssl.SSLContext | None = None,
        limits: Limits | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.bind = bind
        self.requested_port = port
        self.ssl_context = ssl_context
        self.limits = limits or Limits()
        self.secrets = RoomSecrets()
        self.core = RoomCore(store, anonymous=anonymous, limits=self.limits, on_change=on_change)
        self.watch = ConnectionWatch(self.limits.header_seconds, self.limits.connections)
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._server: asyncio.Server | None = None

    # -- what the panel shows ------------------------------------------------------------

    @property
    def lock(self) -> threading.RLock:
        """Held while the room changes (the store's lock): hold it to read several figures
        that must agree, from another thread than the room's."""
        return self.store.lock

    @property
    def secure(self) -> bool:
        """Whether the room is served over HTTPS (else a neighbour on the Wi-Fi can read it)."""
        return self.ssl_context is not None

    @property
    def address(self) -> str:
        """The bare address, where people type the code."""
        scheme = "https" if self.secure else "http"
        host = self.bind if self.bind not in ("0.0.0.0", "::", "") else _lan_address()
        host = f"[{host}]" if ":" in host else host
        return f"{scheme}://{host}:{self.port}/"

    @property
    def join_url(self) -> str:
        return f"{self.address}?t={quote(self.secrets.join)}"

    @property
    def facilitator_url(self) -> str:
        return f"{self.address}facilitator?t={quote(self.secrets.facilitator)}"

    @property
    def code(self) -> str:
        return self.secrets.code

    def joined(self) -> list[str]:
        """Who joined from a device, by name."""
        return sorted(self.core.info.joined.values(), key=str.casefold)

    def counts_by_person(self) -> dict[str, int]:
        """Unrevealed cards per name (empty in an anonymous room)."""
        return self.core.counts_by_person()

    def unrevealed(self) -> int:
        return len(self.core.cards)

    def voted(self) -> int:
        """How many have placed a dot in the open vote (0 when none is open)."""
        vote = self.core.info.vote
        return 0 if vote is None else sum(1 for ballot in vote.ballots.values() if ballot)

    # -- serving -------------------------------------------------------------------------

    async def start(self) -> None:
        app = build_app(self.core, self.secrets, secure=self.secure)
        app[CONNECTION_WATCH] = self.watch
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, keepalive_timeout=self.limits.header_seconds
        )
        await self._runner.setup()
        factory = watched(self._runner.server, self.watch)  # type: ignore[arg-type]
        loop = asyncio.get_running_loop()
        ports = (
            [self.requested_port]
            if self.requested_port is not None
            else range(FIRST_PORT, FIRST_PORT + PORTS_TO_TRY)
        )
        for port in ports:
            try:
                self._server = await loop.create_server(
                    factory, self.bind, port, ssl=self.ssl_context, reuse_address=True
                )
                break
            except OSError as error:
                if error.errno == errno.EADDRINUSE and self.requested_port is None:
                    continue
                await self._runner.cleanup()
                raise UsageError(
                    f"Cannot serve the room on {self.bind} port {port}: "
                    f"{error.strerror or error}. Choose another --port or --bind."
                ) from error
        if self._server is None:
            await self._runner.cleanup()
            raise UsageError(
                f"Ports {FIRST_PORT} to {FIRST_PORT + PORTS_TO_TRY - 1} are all taken; give --port."
            )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop serving; every token and cookie of this opening stops working."""
        with self.store.lock:  # the app's thread may be reading who joined
            self.core.people.clear()
            self.core.holders.clear()
        self.secrets = RoomSecrets()  # nothing of the old secrets opens anything any more
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def _lan_address() -> str:
    """This machine's address on its local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
