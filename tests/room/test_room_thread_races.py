"""Races between the room's thread and the app's, found in review and fixed: a card whose
save failed is never revealed, and the app's end stops the room before the file closes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from coalition.domain.models import SessionInfo
from coalition.errors import SaveFailed
from coalition.room.core import RoomCore
from coalition.room.refusal import RoomRefusal
from coalition.store import SessionStore, atomic_storage, read_session


def test_a_card_whose_save_fails_is_never_revealed_and_its_retry_makes_one_item(
    tmp_path: Path, make_info: Callable[..., SessionInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    store = SessionStore.create(path, make_info())
    core = RoomCore(store)
    ana = core.join("Ana Lima")
    kind = core.card_kinds()[0]
    real_write = atomic_storage.OrderedWriter.write
    armed = [True]

    def full_disk_once(self: atomic_storage.OrderedWriter, version: int, payload: bytes) -> None:
        if armed[0] and threading.current_thread().name != "app":
            armed[0] = False
            self._failed = version
            raise SaveFailed("disk full (simulated)")
        real_write(self, version, payload)

    monkeypatch.setattr(atomic_storage.OrderedWriter, "write", full_disk_once)
    real_write_in_thread = atomic_storage.AtomicJSONStorage.write_in_thread
    revealed: list[str] = []

    async def reveal_in_the_gap(
        self: atomic_storage.AtomicJSONStorage, version: int, payload: bytes
    ) -> None:
        try:
            await real_write_in_thread(self, version, payload)
        except SaveFailed:  # F3 in the app, between the failure and the card's refusal
            facilitator = threading.Thread(
                target=lambda: revealed.extend(core.reveal()), name="app"
            )
            facilitator.start()
            facilitator.join()
            raise

    monkeypatch.setattr(atomic_storage.AtomicJSONStorage, "write_in_thread", reveal_in_the_gap)
    results = asyncio.run(core.add_cards_durably([(ana, kind, "hello", "k1")]))
    assert isinstance(results[0], RoomRefusal) and results[0].status == 503
    assert revealed == []
    assert "hello" not in [getattr(i, "text", None) for i in read_session(path).items()]
    core.add_card(ana, kind, "hello", "k1")  # the phone retries with the same key
    assert len(core.reveal()) == 1
    texts = [getattr(i, "text", None) for i in read_session(path).items()]
    assert texts.count("hello") == 1
    store.close()


def test_closing_the_store_after_a_stop_began_waits_for_the_rooms_thread(
    tmp_path: Path, make_info: Callable[..., SessionInfo]
) -> None:
    from coalition.room.thread import RoomThread
    from coalition.tui.room_holder import RoomHolder

    store = SessionStore.create(tmp_path / "s.json", make_info())

    class SlowToStop:
        async def stop(self) -> None:
            await asyncio.sleep(0.2)

    alive_at_close: list[bool] = []

    async def main() -> None:
        holder = RoomHolder()
        thread = RoomThread()
        holder.room, holder._thread = SlowToStop(), thread  # type: ignore[assignment]
        holder._threads.add(thread)
        holder.close()  # F8
        holder.close(then=lambda: (alive_at_close.append(thread.alive), store.close()))
        await holder.closed()

    asyncio.run(main())
    assert alive_at_close == [False]


def test_the_apps_end_stops_the_room_thread_before_returning(
    tmp_path: Path, make_info: Callable[..., SessionInfo]
) -> None:
    from coalition.room.thread import RoomThread
    from coalition.tui.room_holder import RoomHolder

    stopped: list[str] = []

    class Room:
        async def stop(self) -> None:
            await asyncio.sleep(0.1)
            stopped.append("room")

    holder = RoomHolder()
    thread = RoomThread()
    holder.room, holder._thread = Room(), thread  # type: ignore[assignment]
    holder._threads.add(thread)
    holder.close_now()
    assert stopped == ["room"] and not thread.alive
