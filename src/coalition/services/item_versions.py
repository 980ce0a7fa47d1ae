"""Whether the room changed an item from one session to the next. No Textual here.

Carrying an item into the next session sets where it lands (`step`), where it came from
(`origin`), an irritant's history and a member's attendance (`present`): none of that is a
change the room made. Everything else about an item is its essence; the programme counts
a step as worked when an item in it is new or its essence changed.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any

from coalition.domain.models import ITEM_TYPES, Irritant, Item

# What carrying an item forward sets on it (where it lands, where it came from, its history,
# attendance not yet taken): not a change the room made.
CARRY_FIELDS = ("step", "origin", "history", "present")


def _essence_of(item_type: type[Item]) -> Callable[[Any], Any]:
    """The fields of an item that are not set by carrying it, as one comparable value.

    An irritant's dot votes are a dict in the file, in no particular order: compared as one.
    """
    names = [f.name for f in dataclasses.fields(item_type) if f.name not in CARRY_FIELDS]
    if item_type is Irritant:
        names.remove("votes_by")
        fields = operator.attrgetter(*names)
        return lambda item: (fields(item), dict(item.votes_by))
    return operator.attrgetter(*names)


_ESSENCES = {item_type: _essence_of(item_type) for item_type in ITEM_TYPES}


def essence(item: Item) -> Any:
    """What of `item` the room may change: equal for two versions of an item exactly when
    their records, less the fields carrying sets, are equal."""
    return _ESSENCES[type(item)](item)


class LatestVersions:
    """Each ID's item as the latest session holding it has it, session after session."""

    def __init__(self) -> None:
        self.items: dict[str, Item] = {}

    def changed(self, item: Item) -> bool:
        """Whether `item` is new or changed since the latest session holding it (other than
        by carrying it); it is the latest version from now on."""
        before = self.items.get(item.id)
        self.items[item.id] = item
        if before is None or type(before) is not type(item):
            return True
        return before is not item and essence(before) != essence(item)
