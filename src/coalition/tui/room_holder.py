"""The app's one room: served on a loop of its own (`RoomThread`) over the open session's
store, and stopped before that store closes (so the room never writes to a closed file).

The room calls back on every change from its own thread; the holder passes the call to the
app's loop, where the screen catches up on its next turn.

While the room is open the interpreter hands the GIL between threads every millisecond
instead of every five (`sys.setswitchinterval`): each read, write or fsync a thread makes
gives the GIL up, and getting it back behind the other thread's turn cost up to 5 ms a
time, so a card's dozen system calls (socket, file, fsync) waited behind the facilitator's
key presses for tens of milliseconds, and a capture's file write behind the room's traffic.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from coalition.services.room_options import RoomOptions, tls_context
from coalition.store import SessionStore

if TYPE_CHECKING:  # the server (aiohttp) is imported when a room first opens, not at start-up
    from coalition.room import Room
    from coalition.room.thread import RoomThread


SWITCH_INTERVAL_SECONDS = 0.001


class RoomHolder:
    """Opens and closes the room; at most one is open at a time."""

    def __init__(self) -> None:
        self.room: Room | None = None
        self._thread: RoomThread | None = None
        self._stopping: set[asyncio.Task[None]] = set()
        self._threads: set[RoomThread] = set()  # started and not yet ended
        self._switch_interval = sys.getswitchinterval()

    async def open(
        self, store: SessionStore, options: RoomOptions, on_change: Callable[[], None]
    ) -> Room:
        """Serve the room (a CoalitionError says why it cannot: port taken, bad certificate)."""
        from coalition.room import Room
        from coalition.room.thread import RoomThread

        await self.closed()
        app_loop = asyncio.get_running_loop()
        waiting = threading.Event()  # a call is on its way to the app's loop

        def deliver() -> None:
            waiting.clear()
            on_change()

        def changed() -> None:  # on the room's thread, or the app's (F3 reveals)
            # One call on its way is enough: waking the app's loop for every card of a
            # flood would take the time its keys need.
            if waiting.is_set():
                return
            waiting.set()
            with contextlib.suppress(RuntimeError):  # the app's loop closed: nobody to tell
                app_loop.call_soon_threadsafe(deliver)

        room = Room(
            store,
            bind=options.bind or "0.0.0.0",
            port=options.port,
            anonymous=options.anonymous,
            ssl_context=tls_context(options),
            on_change=changed,
        )
        thread = RoomThread()
        self._threads.add(thread)
        try:
            await thread.run(room.start())
        except BaseException:
            await thread.stop()
            self._threads.discard(thread)
            raise
        self.room, self._thread = room, thread
        sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
        return room

    def close(self, then: Callable[[], None] | None = None) -> None:
        """Stop serving (every link, code and cookie of this opening dies), then `then`
        (once any room still stopping has stopped too)."""
        room, self.room = self.room, None
        thread, self._thread = self._thread, None
        if room is None or thread is None:
            if then is not None and self._stopping:
                self._track(self._after(tuple(self._stopping), then))
            elif then is not None:
                then()
            return

        async def stop() -> None:
            try:
                await thread.run(room.stop())
                await thread.stop()
                self._threads.discard(thread)
            finally:
                sys.setswitchinterval(self._switch_interval)
                if then is not None:
                    then()

        self._track(stop())

    def _track(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)

    @staticmethod
    async def _after(stopping: tuple[asyncio.Task[None], ...], then: Callable[[], None]) -> None:
        try:
            await asyncio.gather(*stopping, return_exceptions=True)
        finally:
            then()

    def close_now(self, seconds: float = 3.0) -> None:
        """Stop serving before returning, for when the app's loop is ending and nothing
        could wait: the room's thread writes nothing more once this returns (unless it is
        stuck for longer than `seconds`, when its writes fail on the closed file instead)."""
        room, self.room = self.room, None
        thread, self._thread = self._thread, None
        if room is not None and thread is not None:
            stopped = asyncio.run_coroutine_threadsafe(room.stop(), thread.loop)
            try:
                stopped.result(seconds)
            except Exception:
                stopped.cancel()
        for task in self._stopping:  # an earlier close's stop: the loop will not finish it
            task.cancel()
        for started in self._threads:  # this room's, and any an earlier close was stopping
            started.stop_now(seconds)
        self._threads.clear()
        sys.setswitchinterval(self._switch_interval)

    async def closed(self) -> None:
        """Close the room and wait until it has stopped serving."""
        self.close()
        await asyncio.gather(*self._stopping, return_exceptions=True)
