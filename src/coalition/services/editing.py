"""Editing captured items, and undoing edits: rules the UI calls but does not own.

Items are frozen dataclasses; every function here returns a new item. `UndoHistory`
remembers each change as (before, after) so that undo is one `put` or `delete` on the store.
No Textual here.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from coalition.domain.alignment import Stage
from coalition.domain.capture import normalise
from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    DecisionStatus,
    Initiative,
    Irritant,
    IrritantStatus,
    Item,
    Metric,
    Participant,
    Rating,
    ShowOfHands,
    ValueStream,
    Win,
)
from coalition.domain.progress import RatingLevel

STATUS_CYCLE: dict[type[Any], Sequence[StrEnum]] = {
    Decision: tuple(DecisionStatus),
    ActionItem: tuple(ActionStatus),
    Irritant: tuple(IrritantStatus),
    Rating: tuple(RatingLevel),  # a health rating's level: green, amber, red
}
# The field each cycle moves, where it is not `status`.
STATUS_FIELD: dict[type[Any], str] = {Rating: "level"}
MAX_UNDO = 200


class ItemWriter(Protocol):
    """The two store operations undo needs (SessionStore has them)."""

    def put(self, item: Item) -> None: ...

    def delete(self, item_id: str) -> Item: ...


def cycle_status(item: Item) -> Item:
    """The item with its next status (wrapping round); items without a status unchanged.

    A rating's status is its level: green, amber, red, then green again.
    """
    cycle = STATUS_CYCLE.get(type(item))
    if not cycle:
        return item
    name = STATUS_FIELD.get(type(item), "status")
    current = getattr(item, name)
    following = cycle[(list(cycle).index(current) + 1) % len(cycle)]
    changed: Item = dataclasses.replace(item, **{name: following})  # type: ignore[arg-type]
    return changed


def has_status(item: Item) -> bool:
    """Whether `cycle_status` moves this item (notes, people, wins have no status)."""
    return type(item) in STATUS_CYCLE


def vote(item: Item, delta: int) -> Item:
    """An irritant with `delta` more votes (never below zero); other items unchanged."""
    if not isinstance(item, Irritant):
        return item
    return dataclasses.replace(item, votes=max(0, item.votes + delta))


def with_owner(item: Item, owner: str) -> Item:
    """The item owned by `owner` ("" removes the owner); a decision's owners become one."""
    owner = owner.strip()
    if isinstance(item, Decision | Initiative):
        return dataclasses.replace(item, owners=(owner,) if owner else ())
    if isinstance(item, ActionItem | Irritant | Win):
        return dataclasses.replace(item, owner=owner)
    return item


def editable_text(item: Item) -> str:
    """The text `with_text` changes: a name, a rating's comment, or the item's text."""
    if isinstance(item, Participant | ValueStream | Metric):
        return item.name
    if isinstance(item, Rating):
        return item.comment
    if isinstance(item, ShowOfHands):
        return item.question
    return item.text


def with_text(item: Item, text: str) -> Item:
    """The item with new text (a participant's name); blank text raises ValueError."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("empty text")
    if isinstance(item, Participant | ValueStream | Metric):
        return dataclasses.replace(item, name=text)
    if isinstance(item, Rating):
        return dataclasses.replace(item, comment=text)
    if isinstance(item, ShowOfHands):
        return dataclasses.replace(item, question=text)
    return dataclasses.replace(item, text=text)


def same_person(name: str, other: str) -> bool:
    """Whether two spellings name the same person (`@name` matching: letters and digits)."""
    wanted = normalise(name)
    return bool(wanted) and wanted == normalise(other)


def _renamed(name: str, old: str, new: str) -> str:
    return new if same_person(name, old) else name


def _renamed_stage(stage: Stage, old: str, new: str) -> Stage:
    return dataclasses.replace(
        stage,
        business_owner=_renamed(stage.business_owner, old, new),
        it_owner=_renamed(stage.it_owner, old, new),
    )


def _renamed_votes(
    votes_by: tuple[tuple[str, int], ...], old: str, new: str
) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for voter, count in votes_by:
        voter = _renamed(voter, old, new)
        counts[voter] = counts.get(voter, 0) + count
    return tuple(sorted(counts.items()))


def with_person_renamed(item: Item, old: str, new: str) -> Item:
    """The item with `old` (as an owner, a stage owner or a voter) now called `new`."""
    if isinstance(item, Decision | Initiative):
        owners = tuple(dict.fromkeys(_renamed(owner, old, new) for owner in item.owners))
        return dataclasses.replace(item, owners=owners)
    if isinstance(item, ActionItem | Win):
        return dataclasses.replace(item, owner=_renamed(item.owner, old, new))
    if isinstance(item, Irritant):
        return dataclasses.replace(
            item,
            owner=_renamed(item.owner, old, new),
            votes_by=_renamed_votes(item.votes_by, old, new),
            raised_by=_renamed(item.raised_by, old, new),
        )
    if isinstance(item, ValueStream):
        stages = tuple(_renamed_stage(stage, old, new) for stage in item.stages)
        e2e_owner = _renamed(item.e2e_owner, old, new)
        return dataclasses.replace(item, stages=stages, e2e_owner=e2e_owner)
    return item


def rename_participant(
    person: Participant, new_name: str, items: Iterable[Item]
) -> list[tuple[Item, Item]]:
    """Rename a member everywhere: the participant, then every item that names them.

    Returns (before, after) pairs, the participant first, of only the items that change,
    so the caller saves them together (one `store.batch()`) and undoes them as one step.
    Decisions, actions, wins, irritants (owner and votes) and value-stream stages (business
    and IT owner) follow the new name; names are compared as `@name` matching does.
    Raises ValueError for a blank name, or one another member has (their items would merge).
    """
    new = " ".join(new_name.split())
    if not new:
        raise ValueError("A member needs a name.")
    items = list(items)
    for other in items:
        if (
            isinstance(other, Participant)
            and other.id != person.id
            and same_person(other.name, new)
        ):
            raise ValueError(
                f"{other.name} ({other.id}) is already in the coalition: two members with one "
                "name could not be told apart as owners. Choose another name."
            )
    old = person.name
    renamed = dataclasses.replace(person, name=new)
    changes: list[tuple[Item, Item]] = [(person, renamed)] if renamed != person else []
    for item in items:
        if isinstance(item, Participant):
            continue
        after = with_person_renamed(item, old, new)
        if after != item:
            changes.append((item, after))
    return changes


def owner_of(item: Item) -> str:
    """Who owns the item, as shown in lists ("" when nobody does)."""
    if isinstance(item, Decision | Initiative):
        return ", ".join(item.owners)
    if isinstance(item, ActionItem | Irritant | Win):
        return item.owner
    return ""


def can_be_owned(item: Item) -> bool:
    """Decisions, actions, irritants, wins and initiatives have owners; notes, people,
    streams, metrics, ratings and objectives do not (a stream's owners are in its record)."""
    return isinstance(item, Decision | ActionItem | Irritant | Win | Initiative)


@dataclass(frozen=True, slots=True)
class Change:
    """One saved change: `before` is None for an addition, `after` None for a deletion.

    `also` holds the other (before, after) pairs saved in the same step (a rename that
    follows a member onto every item they own); undo reverts them all in one save.
    """

    label: str
    before: Item | None
    after: Item | None
    also: tuple[tuple[Item, Item], ...] = ()

    def items_after(self) -> list[Item]:
        """Every item this change saved (to refresh what shows them)."""
        return [item for item in (self.after, *(after for _, after in self.also)) if item]


class UndoHistory:
    """The changes of this run of the app, newest last."""

    def __init__(self, limit: int = MAX_UNDO) -> None:
        self._changes: list[Change] = []
        self._limit = limit

    def record(self, label: str, before: Item | None, after: Item | None) -> None:
        self._changes.append(Change(label, before, after))
        del self._changes[: -self._limit]

    def record_group(self, label: str, changes: Sequence[tuple[Item, Item]]) -> None:
        """Several items changed in one save: one undo step reverts them all."""
        if not changes:
            return
        (before, after), *others = changes
        self._changes.append(Change(label, before, after, tuple(others)))
        del self._changes[: -self._limit]

    def __len__(self) -> int:
        return len(self._changes)

    def peek(self) -> Change | None:
        return self._changes[-1] if self._changes else None

    def undo(self, store: ItemWriter) -> Change | None:
        """Revert the newest change through the store; it stays recorded if saving fails."""
        change = self.peek()
        if change is None:
            return None
        with _together(store):
            if change.before is None:
                assert change.after is not None
                store.delete(change.after.id)
            else:
                store.put(change.before)
            for before, _ in change.also:
                store.put(before)
        self._changes.pop()
        return change


def _together(store: ItemWriter) -> AbstractContextManager[object]:
    """The store's batch (every change reaches the disk, or none), when it has one."""
    batch = getattr(store, "batch", None)
    return batch() if callable(batch) else contextlib.nullcontext()
