"""Changing a coalition member after capture: name, role, side, Kotter's qualities.

One rule for the command line (`coalition member`) and the app's coalition tool: the ID,
attendance and origin stay; a new name follows the member onto the items they own (as the
tool's rename does), and the caller says which. No Textual here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from coalition.domain.models import Item, Participant, Quality, Side
from coalition.services.editing import rename_participant


def edit_member(
    person: Participant,
    items: Iterable[Item],
    *,
    name: str | None = None,
    role: str | None = None,
    side: Side | None = None,
    qualities: frozenset[Quality] | None = None,
) -> list[tuple[Item, Item]]:
    """The member changed (None keeps a field as it is), then every item a new name moves.

    Returns (before, after) pairs, the member first, of only what changes (empty when
    nothing does), to save in one batch. Raises ValueError for a blank name or one another
    member already has.
    """
    same_name = name is None or " ".join(name.split()) == person.name
    changes = [] if same_name else rename_participant(person, name or "", items)
    renamed = changes[0][1] if changes and changes[0][0] == person else person
    assert isinstance(renamed, Participant)
    after = dataclasses.replace(
        renamed,
        role=renamed.role if role is None else " ".join(role.split()),
        side=renamed.side if side is None else side,
        qualities=renamed.qualities if qualities is None else qualities,
    )
    others = [change for change in changes if change[0] != person]
    return ([(person, after)] if after != person else []) + others
