"""An open vote that had ballots does not survive reopening a room that was or is
anonymous: its voters' aliases lived only in memory, so each would get a second budget."""

from __future__ import annotations

import pytest

from coalition.room.core import RoomCore
from coalition.room.refusal import RoomRefusal
from coalition.store import SessionStore


def vote_with_ballots(store: SessionStore, anonymous: bool) -> RoomCore:
    core = RoomCore(store, anonymous=anonymous)
    ana = core.join("Ana Lima")
    core.add_card(ana, "irritant", "Slow approvals", "k1")
    (item,) = core.reveal()
    core.open_vote(3, 2)
    core.cast(ana, item, 2)
    return core


@pytest.mark.parametrize(("before", "after"), [(True, True), (True, False), (False, True)])
def test_reopening_an_anonymous_room_cancels_the_open_vote(
    store: SessionStore, before: bool, after: bool
) -> None:
    vote_with_ballots(store, anonymous=before)
    reopened = RoomCore(store, anonymous=after)
    assert reopened.info.vote is None
    ana = reopened.join("Ana Lima")
    with pytest.raises(RoomRefusal, match="No vote is open"):
        reopened.cast(ana, "I-1", 2)
    assert RoomCore(store, anonymous=after).info.vote is None  # and so says the file


def test_a_named_room_reopened_keeps_its_open_vote_and_ballots(store: SessionStore) -> None:
    first = vote_with_ballots(store, anonymous=False)
    reopened = RoomCore(store, anonymous=False)
    assert reopened.info.vote == first.info.vote
    ana = reopened.join("Ana Lima")
    assert reopened.info.vote is not None and reopened.info.vote.spent(ana.voter) == 2
