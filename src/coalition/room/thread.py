"""`RoomThread`: an asyncio loop of the room's own, in a thread, for a room the app serves.

The app's loop draws the screen: a key that redraws a long list holds it for tens of
milliseconds, and a card that waited behind it would be acknowledged that much later. So
the app serves its room on a loop of its own; the two threads share the session's store,
whose lock keeps them from changing it at the same time (`SessionStore.lock`).

    room_thread = RoomThread()                 # the thread starts; its loop runs
    await room_thread.run(room.start())        # a coroutine run on the room's loop
    await room_thread.stop()                   # the loop ends, the thread is joined
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class RoomThread:
    """A daemon thread running an event loop until `stop` (or until the process ends)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, name="coalition-room", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_forever()
            # A request still running (a card's write) ends now, its `finally` clauses run:
            # nothing of it is acknowledged, and the store is left ready for the next room.
            left = asyncio.all_tasks(self.loop)
            for task in left:
                task.cancel()
            self.loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
            self.loop.run_until_complete(self.loop.shutdown_default_executor())
        finally:
            self.loop.close()

    async def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run `coroutine` on the room's loop; await its result from the caller's loop."""
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, self.loop))

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def stop_now(self, seconds: float | None = None) -> None:
        """End the loop (after the callbacks already queued) and wait for the thread, at
        most `seconds`, blocking: for a caller that cannot await (the app's loop is ending)."""
        if self._thread.is_alive():
            try:
                self.loop.call_soon_threadsafe(self.loop.stop)
            except RuntimeError:  # closed meanwhile: it has ended
                return
            self._thread.join(seconds)

    async def stop(self) -> None:
        """`stop_now`, awaited from another loop without blocking it."""
        await asyncio.to_thread(self.stop_now)
