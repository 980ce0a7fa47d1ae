"""The room's saves write in a worker thread: never two writers, never an older file over a
newer one, each card answered only once it is on disk, and failures reach the requests."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import random
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition.domain.room_records import Card
from coalition.errors import SaveFailed
from coalition.room.core import RoomCore
from coalition.room.group_commit import GroupCommit
from coalition.room.refusal import RoomRefusal
from coalition.store import SessionStore, atomic_files, atomic_storage

from .conftest import room_session

ROOM = "room"


def on_disk(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    tables: dict[str, dict[str, dict[str, object]]] = json.loads(path.read_bytes())
    return tables


def texts(tables: dict[str, dict[str, dict[str, object]]]) -> set[str]:
    """Every room document's and note's text in a file's tables."""
    found = {str(doc["text"]) for doc in tables.get(ROOM, {}).values() if "text" in doc}
    return found | {str(doc["text"]) for doc in tables.get("notes", {}).values()}


class SlowDisk:
    """The real atomic write, slowed by a random pause, recording every file it wrote and
    how many writes ever ran at once."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
        self.real = atomic_storage.write_atomically
        self.random = random.Random(seed)
        self.files: list[set[str]] = []
        self.running = 0
        self.most_at_once = 0
        self.guard = threading.Lock()
        monkeypatch.setattr(atomic_storage, "write_atomically", self.write)

    def write(self, path: Path, payload: bytes) -> None:
        with self.guard:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            pause = self.random.uniform(0, 0.004)
        time.sleep(pause)
        try:
            self.real(path, payload)
            self.files.append(texts(json.loads(payload)))
        finally:
            with self.guard:
                self.running -= 1


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 2**16),
    room_cards=st.integers(1, 12),
    app_notes=st.integers(0, 12),
)
def test_room_and_app_saves_interleaved_never_lose_or_reorder_anything(
    tmp_path_factory: pytest.TempPathFactory, seed: int, room_cards: int, app_notes: int
) -> None:
    path = room_session(tmp_path_factory.mktemp("s") / "session.json")
    with pytest.MonkeyPatch.context() as monkeypatch, SessionStore.open(path) as store:
        RoomCore(store)  # saves the room's description
        disk = SlowDisk(monkeypatch, seed)
        pauses = random.Random(seed + 1)

        async def room() -> None:
            for n in range(room_cards):
                card = Card(f"C-{n + 1}", f"k{n}", "note", f"card {n}", "ideas", "")
                durable = store.stage_room_documents({card.document_key: card.to_document()})
                await durable
                assert f"card {n}" in texts(on_disk(path))  # answered only once on disk
                await asyncio.sleep(pauses.uniform(0, 0.003))

        async def app() -> None:
            for n in range(app_notes):
                store.add("note", text=f"note {n}")  # a capture: written on the loop
                assert f"note {n}" in texts(on_disk(path))
                await asyncio.sleep(pauses.uniform(0, 0.003))

        async def both() -> None:
            await asyncio.gather(room(), app())

        asyncio.run(both())
        assert disk.most_at_once == 1
        for older, newer in zip(disk.files, disk.files[1:], strict=False):
            assert older <= newer  # only additions happened: no file holds less than before
        everything = {f"card {n}" for n in range(room_cards)} | {
            f"note {n}" for n in range(app_notes)
        }
        assert texts(on_disk(path)) == everything
    with SessionStore.open(path) as reopened:
        assert {note.text for note in reopened.session.notes} == {
            f"note {n}" for n in range(app_notes)
        }


async def test_a_capture_saved_before_the_room_write_runs_makes_the_card_durable(
    store: SessionStore, session_path: Path
) -> None:
    durable = store.stage_room_documents({"2": {"text": "a card"}})
    store.add("note", text="a capture")  # a newer version, holding the card too
    written = session_path.read_bytes()
    await durable  # skipped: the file holds it already
    assert session_path.read_bytes() == written
    assert texts(on_disk(session_path)) == {"a card", "a capture"}


async def test_a_failed_capture_refuses_the_older_room_write_it_included(
    store: SessionStore, session_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = session_path.read_bytes()
    durable = store.stage_room_documents({"2": {"text": "a card"}})
    with monkeypatch.context() as full:
        full.setattr(atomic_files.os, "replace", no_space)
        with pytest.raises(SaveFailed, match="No space left"):
            store.add("note", text="a capture")
    with pytest.raises(SaveFailed):  # the disk has room again, but this card's save failed
        await durable
    assert session_path.read_bytes() == before
    assert "2" not in store.room_documents()  # memory is the file again
    store.add("note", text="saved once there is space")
    assert texts(on_disk(session_path)) == {"saved once there is space"}


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


async def test_a_full_disk_refuses_each_card_with_503_and_the_next_capture_says_so(
    store: SessionStore, session_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = RoomCore(store)
    ana, bo = core.join("Ana"), core.join("Bo")
    before = session_path.read_bytes()
    monkeypatch.setattr(atomic_files.os, "replace", no_space)
    writer = GroupCommit(core)
    results = await asyncio.gather(
        writer.add(ana, "note", "one", "k1"), writer.add(bo, "note", "two", "k2"),
        return_exceptions=True,
    )  # fmt: skip
    for result in results:
        assert isinstance(result, RoomRefusal) and result.status == 503
        assert "No space left" in result.message and str(session_path) in result.message
    assert core.cards == {} and core.keys == {} and core.counts_by_person() == {}
    with pytest.raises(SaveFailed, match="No space left"):
        store.add("note", text="a capture")
    assert session_path.read_bytes() == before
    monkeypatch.undo()
    card, made = await writer.add(ana, "note", "one", "k1")  # the retry now saves
    assert made and texts(on_disk(session_path)) == {"one"}
    assert card.id in core.cards


async def test_the_loop_stays_free_while_the_room_writes(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = atomic_storage.write_atomically

    def slow(path: Path, payload: bytes) -> None:
        time.sleep(0.2)
        real(path, payload)

    core = RoomCore(store)
    person = core.join("Ana")
    monkeypatch.setattr(atomic_storage, "write_atomically", slow)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    await GroupCommit(core).add(person, "note", "slow card", "k")
    ticker.cancel()
    assert ticks >= 10  # the loop ran other work during the 200 ms write
