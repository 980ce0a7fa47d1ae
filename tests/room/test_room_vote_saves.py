"""Closing a vote saves the irritants that got dots, and ranks every item of the vote."""

from __future__ import annotations

from pathlib import Path

from coalition.room.core import RoomCore
from coalition.store import SessionStore, read_session


def test_closing_a_vote_saves_only_the_irritants_that_got_dots(
    store: SessionStore, session_path: Path
) -> None:
    step = store.info.current_step
    for text in ("Printed expense claims", "Slow laptops", "Password resets", "Shared drives"):
        store.add("irritant", text=text, step=step)
    core = RoomCore(store)
    ana = core.join("Ana Lima")
    core.open_vote(3, 2)
    core.cast(ana, "I-3", 2)
    core.cast(ana, "I-1", 1)
    untouched = {i.id: i for i in store.session.irritants if i.id in ("I-2", "I-4")}
    results = core.close_vote()
    assert [(r.item, r.dots, r.people) for r in results] == [
        ("I-3", 2, 1),
        ("I-1", 1, 1),
        ("I-2", 0, 0),
        ("I-4", 0, 0),
    ]
    saved = {i.id: i for i in read_session(session_path).irritants}
    assert (saved["I-3"].votes, saved["I-1"].votes) == (2, 1)
    assert dict(saved["I-3"].votes_by) == {"Ana Lima": 2}
    for item_id, before in untouched.items():  # not saved again: the same object in memory
        assert store.get(item_id) is before
        assert saved[item_id] == before
