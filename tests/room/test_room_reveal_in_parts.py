"""A reveal of many cards is saved a hundred at a time: each part makes its items and drops
its cards in one save, and the app's thread can save between two parts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from coalition.room import core as room_core
from coalition.room.core import RoomCore
from coalition.store import SessionStore, read_room_documents, read_session


def test_250_cards_are_revealed_in_three_saves_in_the_order_written(
    store: SessionStore, session_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = RoomCore(store)
    people = [core.join(f"Person {n}") for n in range(25)]
    for n in range(10):
        for person in people:
            core.add_card(person, "irritant", f"card {n} of {person.name}", f"k{n}")
    saves: list[int] = []
    real_put = store.put_room_documents

    def counting_put(documents: dict[str, object]) -> None:
        saves.append(sum(1 for doc in documents.values() if doc is None))  # cards dropped
        real_put(documents)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "put_room_documents", counting_put)
    revealed = core.reveal()
    assert saves == [100, 100, 50]
    assert revealed == [f"I-{n}" for n in range(1, 251)]
    saved = read_session(session_path).irritants
    assert [i.text for i in saved[:2]] == ["card 0 of Person 0", "card 0 of Person 1"]
    assert saved[-1].raised_by == "Person 24"
    assert [k for k in read_room_documents(session_path) if k != "1"] == []


def test_the_app_thread_saves_between_two_parts_of_a_reveal(
    store: SessionStore, session_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(room_core, "REVEAL_AT_ONCE", 2)
    core = RoomCore(store)
    ana = core.join("Ana Lima")
    for n in range(4):
        core.add_card(ana, "note", f"card {n}", f"k{n}")
    step = store.info.current_step
    first_part_done = threading.Event()
    captured = threading.Event()
    reveal_part = RoomCore._reveal_cards

    def part(self: RoomCore, card_ids: list[str]) -> list[str]:
        made = reveal_part(self, card_ids)
        if not first_part_done.is_set():
            first_part_done.set()
            assert captured.wait(5), "the app's capture waited for the whole reveal"
        return made

    def capture() -> None:
        first_part_done.wait(5)
        store.add("note", text="typed by the facilitator", step=step)
        captured.set()

    monkeypatch.setattr(RoomCore, "_reveal_cards", part)
    facilitator = threading.Thread(target=capture)
    facilitator.start()
    core.reveal()
    facilitator.join(5)
    texts = [note.text for note in read_session(session_path).notes]
    assert texts == ["card 0", "card 1", "typed by the facilitator", "card 2", "card 3"]
