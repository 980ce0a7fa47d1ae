"""Whether the room changed an item between sessions (`item_versions`), carrying aside."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.domain.models import (
    ITEM_TYPES,
    ActionItem,
    Irritant,
    IrritantStatus,
    Item,
    Participant,
    ShowOfHands,
)
from coalition.services.item_versions import CARRY_FIELDS, LatestVersions, essence


def _record_essence(item: Item) -> dict[str, Any]:
    """The essence as the record the file holds, less what carrying sets."""
    record = item.to_record()
    for key in CARRY_FIELDS:
        record.pop(key, None)
    return record


def _fields(item_type: type[Item]) -> dict[str, st.SearchStrategy[Any]]:
    hints = typing.get_type_hints(item_type)
    fields = {f.name: st.from_type(hints[f.name]) for f in dataclasses.fields(item_type)}
    if item_type is ShowOfHands:  # checked when made: someone present, no more hands than that
        fields |= {"present": st.integers(2, 9), "yes": st.integers(0, 2)}
    return fields


@st.composite
def _versions(draw: st.DrawFn) -> tuple[Item, Item]:
    """An item and another version of it: some fields (maybe none) drawn again."""
    item_type = draw(st.sampled_from(ITEM_TYPES))
    fields = _fields(item_type)
    item = draw(st.builds(item_type, **fields))
    changed = draw(st.lists(st.sampled_from(sorted(fields)), max_size=3, unique=True))
    return item, dataclasses.replace(item, **{name: draw(fields[name]) for name in changed})


@settings(max_examples=400, deadline=None)
@given(_versions())
def test_two_versions_have_one_essence_exactly_when_their_records_agree(
    versions: tuple[Item, Item],
) -> None:
    before, after = versions
    same_record = _record_essence(before) == _record_essence(after)
    assert (essence(before) == essence(after)) == same_record


def test_dot_votes_in_another_order_are_the_same_votes() -> None:
    one = Irritant("I-1", "Slow VPN", votes_by=(("Ana", 1), ("Bo", 2)))
    assert essence(one) == essence(dataclasses.replace(one, votes_by=(("Bo", 2), ("Ana", 1))))


def test_carrying_is_no_change_and_the_room_s_edits_are() -> None:
    versions = LatestVersions()
    action = ActionItem("A-1", "Send the pack", owner="Ana", step="urgency")
    assert versions.changed(action)  # new
    assert not versions.changed(action)  # the same item again
    carried = dataclasses.replace(action, step="review", origin="2026-10-01-kick-off")
    assert not versions.changed(carried)
    assert versions.changed(dataclasses.replace(carried, owner="Bo"))
    assert not versions.changed(dataclasses.replace(carried, owner="Bo"))  # an equal copy
    irritant = Irritant("I-1", "Slow VPN")
    assert versions.changed(irritant)
    history = ((dt.date(2026, 10, 1), IrritantStatus.OPEN),)
    assert not versions.changed(dataclasses.replace(irritant, history=history))
    member = Participant("P-1", "Ana")
    assert versions.changed(member)
    assert not versions.changed(dataclasses.replace(member, present=False))
    assert versions.changed(dataclasses.replace(member, present=False, role="CFO"))
