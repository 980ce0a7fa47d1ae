"""The app's one room: served on the app's own loop over the open session's store, and
stopped before that store closes (so the room never writes to a closed file)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from coalition.services.room_options import RoomOptions, tls_context
from coalition.store import SessionStore

if TYPE_CHECKING:  # the server (aiohttp) is imported when a room first opens, not at start-up
    from coalition.room import Room


class RoomHolder:
    """Opens and closes the room; at most one is open at a time."""

    def __init__(self) -> None:
        self.room: Room | None = None
        self._stopping: set[asyncio.Task[None]] = set()

    async def open(
        self, store: SessionStore, options: RoomOptions, on_change: Callable[[], None]
    ) -> Room:
        """Serve the room (a CoalitionError says why it cannot: port taken, bad certificate)."""
        from coalition.room import Room

        self.close()
        room = Room(
            store,
            bind=options.bind or "0.0.0.0",
            port=options.port,
            anonymous=options.anonymous,
            ssl_context=tls_context(options),
            on_change=on_change,
        )
        await room.start()
        self.room = room
        return room

    def close(self, then: Callable[[], None] | None = None) -> None:
        """Stop serving (every link, code and cookie of this opening dies), then `then`."""
        room, self.room = self.room, None
        if room is None:
            if then is not None:
                then()
            return

        async def stop() -> None:
            try:
                await room.stop()
            finally:
                if then is not None:
                    then()

        task = asyncio.get_running_loop().create_task(stop())
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)

    async def closed(self) -> None:
        """Close the room and wait until it has stopped serving."""
        self.close()
        await asyncio.gather(*self._stopping, return_exceptions=True)
