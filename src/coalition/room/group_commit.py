"""Group commit: the cards that arrive while one save runs go to disk together in the next.

Each save is a whole-file atomic write and an fsync, a few milliseconds: fifty people
writing at once would otherwise queue fifty saves one after another. The write runs in a
worker thread (`RoomCore.add_cards_durably`), so the app's event loop stays free meanwhile;
every request still gets its answer only after the bytes holding its card are on disk.
"""

from __future__ import annotations

import asyncio

from coalition.domain.room_records import Card
from coalition.room.card_rules import Person
from coalition.room.core import RoomCore
from coalition.room.refusal import RoomRefusal

Request = tuple[Person, str, str, str]


class GroupCommit:
    """Queues new cards and saves them in batches, one batch at a time."""

    def __init__(self, core: RoomCore) -> None:
        self.core = core
        self._pending: list[tuple[Request, asyncio.Future[tuple[Card, bool]]]] = []
        self._saving: asyncio.Task[None] | None = None

    async def add(self, person: Person, kind: str, text: str, key: str) -> tuple[Card, bool]:
        """The card, once it is on disk (or the refusal of this request)."""
        future: asyncio.Future[tuple[Card, bool]] = asyncio.get_running_loop().create_future()
        self._pending.append(((person, kind, text, key), future))
        if self._saving is None:
            self._saving = asyncio.create_task(self._save_batches())
        return await future

    async def _save_batches(self) -> None:
        try:
            await asyncio.sleep(0)  # let the requests already read join the first batch
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    results = await self.core.add_cards_durably([r for r, _ in batch])
                except BaseException as error:  # a bug or a shutdown: no request waits forever
                    for _, future in (*batch, *self._pending):
                        if future.done():
                            continue
                        if isinstance(error, asyncio.CancelledError):
                            future.cancel()
                        else:
                            future.set_exception(error)
                    self._pending = []
                    raise
                for (_, future), result in zip(batch, results, strict=True):
                    if future.done():  # its client went away
                        continue
                    if isinstance(result, RoomRefusal):
                        future.set_exception(result)
                    else:
                        future.set_result(result)
                await asyncio.sleep(0)
        finally:
            self._saving = None
