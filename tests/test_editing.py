"""Editing rules: renaming a member follows them onto every item, and undo reverts it at once."""

from __future__ import annotations

import pytest

from coalition.domain.alignment import Stage, ValueStream
from coalition.domain.models import ActionItem, Decision, Irritant, Note, Participant
from coalition.services.editing import (
    UndoHistory,
    rename_participant,
    same_person,
    with_person_renamed,
)
from coalition.store import SessionStore, read_session

ZOE = Participant(id="P-1", name="zoe")


def test_same_person_compares_like_at_names() -> None:
    assert same_person("Zoe", "zoe")
    assert same_person("Zoë-Ann", "zoëann")
    assert not same_person("Zoe", "Zoe Martin")
    assert not same_person("", "")


def test_renaming_follows_the_member_onto_every_item_that_names_them() -> None:
    items = [
        ZOE,
        Participant(id="P-2", name="Ivan"),
        Decision(id="D-1", text="Ship", owners=("Ivan", "zoe")),
        Decision(id="D-2", text="Wait", owners=("Ivan",)),
        ActionItem(id="A-1", text="Book", owner="Zoe"),
        Irritant(id="I-1", text="Slow", owner="zoe", votes=3, votes_by=(("Ivan", 1), ("zoe", 2))),
        Note(id="N-1", text="zoe said so"),
        ValueStream(id="V-1", name="Claims", stages=(Stage("Report", (), "zoe", "Ivan"),)),
    ]
    changes = rename_participant(ZOE, "  Zoe   Martin ", items)
    assert [before.id for before, _ in changes] == ["P-1", "D-1", "A-1", "I-1", "V-1"]
    after = {item.id: item for _, item in changes}
    assert after["P-1"] == Participant(id="P-1", name="Zoe Martin")
    assert after["D-1"].owners == ("Ivan", "Zoe Martin")  # type: ignore[union-attr]
    assert after["A-1"].owner == "Zoe Martin"  # type: ignore[union-attr]
    irritant = after["I-1"]
    assert isinstance(irritant, Irritant)
    assert (irritant.owner, irritant.votes_by) == ("Zoe Martin", (("Ivan", 1), ("Zoe Martin", 2)))
    stream = after["V-1"]
    assert isinstance(stream, ValueStream)
    assert (stream.stages[0].business_owner, stream.stages[0].it_owner) == ("Zoe Martin", "Ivan")


def test_renaming_onto_a_co_owner_keeps_one_of_each() -> None:
    decision = Decision(id="D-1", text="Ship", owners=("zoe", "Zoe Martin"))
    assert with_person_renamed(decision, "zoe", "Zoe Martin").owners == (  # type: ignore[union-attr]
        "Zoe Martin",
    )
    irritant = Irritant(id="I-1", text="x", votes=3, votes_by=(("Zoe Martin", 1), ("zoe", 2)))
    renamed = with_person_renamed(irritant, "zoe", "Zoe Martin")
    assert renamed.votes_by == (("Zoe Martin", 3),)  # type: ignore[union-attr]


def test_renaming_to_the_same_name_changes_nothing_and_blank_is_refused() -> None:
    assert rename_participant(ZOE, "zoe", [ActionItem(id="A-1", text="x", owner="zoe")]) == []
    with pytest.raises(ValueError, match="needs a name"):
        rename_participant(ZOE, "   ", [])


def test_a_rename_is_saved_in_one_batch_and_undone_in_one_step(store: SessionStore) -> None:
    zoe = store.add("participant", name="zoe")
    assert isinstance(zoe, Participant)
    store.add("action", text="Book the room", owner="zoe")
    store.add("decision", text="Ship", owners=("zoe",))
    store.add("action", text="Someone else's", owner="Ivan")
    changes = rename_participant(zoe, "Zoe Martin", store.session.items())
    history = UndoHistory()
    with store.batch():
        for _, after in changes:
            store.put(after)
    history.record_group("rename of P-1", changes)
    assert len(history) == 1
    assert [a.owner for a in store.session.actions] == ["Zoe Martin", "Ivan"]
    if store.path is not None:
        assert read_session(store.path).decisions[0].owners == ("Zoe Martin",)

    change = history.undo(store)
    assert change is not None and len(change.items_after()) == 3
    assert len(history) == 0
    assert [p.name for p in store.session.participants] == ["zoe"]
    assert [a.owner for a in store.session.actions] == ["zoe", "Ivan"]
    assert store.session.decisions[0].owners == ("zoe",)
    if store.path is not None:
        saved = read_session(store.path)
        assert [p.name for p in saved.participants] == ["zoe"]
        assert [a.owner for a in saved.actions] == ["zoe", "Ivan"]


def test_a_rename_follows_a_member_into_the_fuller_records() -> None:
    from coalition.domain.models import Initiative

    grace = Participant("P-1", "Grace Kim")
    items = [
        Irritant("I-1", "Slow resets", raised_by="Grace Kim"),
        ValueStream("V-1", "Detect to correct", e2e_owner="grace kim"),
        Initiative("X-1", "Portal", ("Grace Kim", "Tom Berg")),
    ]
    changes = rename_participant(grace, "Grace Kim-Li", items)
    after = {item.id: item for _, item in changes}
    assert isinstance(after["I-1"], Irritant) and after["I-1"].raised_by == "Grace Kim-Li"
    assert isinstance(after["V-1"], ValueStream) and after["V-1"].e2e_owner == "Grace Kim-Li"
    assert isinstance(after["X-1"], Initiative)
    assert after["X-1"].owners == ("Grace Kim-Li", "Tom Berg")
