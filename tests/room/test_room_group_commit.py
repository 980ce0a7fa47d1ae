"""Cards that arrive together are saved together, each answered only after its save."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from coalition.errors import SaveFailed
from coalition.room.core import RoomCore
from coalition.room.group_commit import GroupCommit
from coalition.room.refusal import RoomRefusal
from coalition.store import SessionStore, read_room_documents


async def test_cards_sent_at_once_share_saves_and_each_gets_its_own_answer(
    store: SessionStore, session_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = RoomCore(store)
    people = [core.join(f"Person {n}") for n in range(10)]
    saves: list[int] = []
    real_put = store.put_room_documents

    def counting_put(documents: dict[str, object]) -> None:
        saves.append(len(documents))
        real_put(documents)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "put_room_documents", counting_put)
    writer = GroupCommit(core)
    requests = [writer.add(p, "irritant", f"card of {p.name}", "k") for p in people]
    requests.append(writer.add(people[0], "irritant", "card of Person 0", "k"))  # a retry
    requests.append(writer.add(people[1], "participant", "wrong kind", "k2"))
    results = await asyncio.gather(*requests, return_exceptions=True)
    assert len(saves) < 10  # fewer saves than cards
    ids = [r[0].id for r in results[:11] if isinstance(r, tuple)]
    assert ids[10] == ids[0]  # the retry got the same card
    assert len(set(ids)) == 10
    assert isinstance(results[11], RoomRefusal) and results[11].status == 400
    on_disk = [d["text"] for k, d in read_room_documents(session_path).items() if k != "1"]
    assert sorted(on_disk) == sorted(f"card of Person {n}" for n in range(10))


async def test_a_failed_save_acknowledges_none_of_its_cards(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = RoomCore(store)
    ana, bo = core.join("Ana"), core.join("Bo")

    def failing_put(documents: object) -> None:
        raise SaveFailed("the disk is full")

    monkeypatch.setattr(store, "put_room_documents", failing_put)
    writer = GroupCommit(core)
    results = await asyncio.gather(
        writer.add(ana, "note", "one", "k1"), writer.add(bo, "note", "two", "k2"),
        return_exceptions=True,
    )  # fmt: skip
    assert all(isinstance(r, RoomRefusal) and r.status == 503 for r in results)
    assert core.cards == {} and core.keys == {}
