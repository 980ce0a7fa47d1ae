"""Editing captured items, and undoing edits: rules the UI calls but does not own.

Items are frozen dataclasses; every function here returns a new item. `UndoHistory`
remembers each change as (before, after) so that undo is one `put` or `delete` on the store.
No Textual here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    DecisionStatus,
    Irritant,
    IrritantStatus,
    Item,
    Metric,
    Participant,
    ValueStream,
)

STATUS_CYCLE: dict[type[Any], Sequence[StrEnum]] = {
    Decision: tuple(DecisionStatus),
    ActionItem: tuple(ActionStatus),
    Irritant: tuple(IrritantStatus),
}
MAX_UNDO = 200


class ItemWriter(Protocol):
    """The two store operations undo needs (SessionStore has them)."""

    def put(self, item: Item) -> None: ...

    def delete(self, item_id: str) -> Item: ...


def cycle_status(item: Item) -> Item:
    """The item with its next status (wrapping round); items without a status unchanged."""
    cycle = STATUS_CYCLE.get(type(item))
    if not cycle:
        return item
    current = item.status  # type: ignore[union-attr]
    following = cycle[(list(cycle).index(current) + 1) % len(cycle)]
    changed: Item = dataclasses.replace(item, status=following)  # type: ignore[arg-type]
    return changed


def vote(item: Item, delta: int) -> Item:
    """An irritant with `delta` more votes (never below zero); other items unchanged."""
    if not isinstance(item, Irritant):
        return item
    return dataclasses.replace(item, votes=max(0, item.votes + delta))


def with_owner(item: Item, owner: str) -> Item:
    """The item owned by `owner` ("" removes the owner); a decision's owners become one."""
    owner = owner.strip()
    if isinstance(item, Decision):
        return dataclasses.replace(item, owners=(owner,) if owner else ())
    if isinstance(item, ActionItem | Irritant):
        return dataclasses.replace(item, owner=owner)
    return item


def with_text(item: Item, text: str) -> Item:
    """The item with new text (a participant's name); blank text raises ValueError."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("empty text")
    if isinstance(item, Participant | ValueStream | Metric):
        return dataclasses.replace(item, name=text)
    return dataclasses.replace(item, text=text)


def owner_of(item: Item) -> str:
    """Who owns the item, as shown in lists ("" when nobody does)."""
    if isinstance(item, Decision):
        return ", ".join(item.owners)
    if isinstance(item, ActionItem | Irritant):
        return item.owner
    return ""


def can_be_owned(item: Item) -> bool:
    """Decisions, actions and irritants have owners; notes, people, streams, metrics do not."""
    return isinstance(item, Decision | ActionItem | Irritant)


@dataclass(frozen=True, slots=True)
class Change:
    """One saved change: `before` is None for an addition, `after` None for a deletion."""

    label: str
    before: Item | None
    after: Item | None


class UndoHistory:
    """The changes of this run of the app, newest last."""

    def __init__(self, limit: int = MAX_UNDO) -> None:
        self._changes: list[Change] = []
        self._limit = limit

    def record(self, label: str, before: Item | None, after: Item | None) -> None:
        self._changes.append(Change(label, before, after))
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
        if change.before is None:
            assert change.after is not None
            store.delete(change.after.id)
        else:
            store.put(change.before)
        self._changes.pop()
        return change
