"""Dot votes in the room, as pure functions: opening, placing dots, counting.

Ballots are private until the vote closes; closing adds each item's dots to the irritant
(per voter by name, unless the room is anonymous) and ranks the items, most dots first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from coalition.domain.models import Irritant
from coalition.domain.room_records import Result, Vote
from coalition.domain.voting import by_votes
from coalition.room.refusal import RoomRefusal

MAX_BUDGET = 100


def new_vote(
    irritants: Sequence[Irritant],
    step: str,
    budget: int,
    max_per_item: int,
    items: Sequence[str] | None = None,
) -> Vote:
    """A vote on `items` (default: the step's irritants)."""
    if not 1 <= budget <= MAX_BUDGET or not 1 <= max_per_item <= budget:
        raise RoomRefusal(
            400, f"The budget must be 1 to {MAX_BUDGET}, and at most that on one item."
        )
    known = {irritant.id for irritant in irritants}
    if items is None:
        items = [irritant.id for irritant in irritants if irritant.step == step]
    unknown = [item for item in items if item not in known]
    if unknown:
        raise RoomRefusal(400, f"Only irritants can be voted on; not {unknown[0][:20]!r}.")
    if not items:
        raise RoomRefusal(409, "This step has no irritants to vote on.")
    return Vote(tuple(dict.fromkeys(items)), budget, max_per_item)


def with_dots(vote: Vote | None, voter: str, item: str, dots: object) -> Vote:
    """The vote with `voter`'s dots on one item set to `dots`, within budget and limit."""
    if vote is None:
        raise RoomRefusal(409, "No vote is open.")
    if item not in vote.items:
        raise RoomRefusal(404, f"{str(item)[:20]!r} is not on the ballot.")
    if type(dots) is not int or not 0 <= dots <= vote.max_per_item:
        raise RoomRefusal(400, f"Put 0 to {vote.max_per_item} dots on one item.")
    ballot = {**vote.ballots.get(voter, {}), item: dots}
    ballot = {i: n for i, n in ballot.items() if n}
    if sum(ballot.values()) > vote.budget:
        raise RoomRefusal(409, f"That is over your budget of {vote.budget} dots.")
    return dataclasses.replace(vote, ballots={**vote.ballots, voter: ballot})


def tally(
    vote: Vote, irritants: Mapping[str, Irritant], names: Mapping[str, str], anonymous: bool
) -> tuple[list[Irritant], list[Result]]:
    """The irritants that got dots, with their dots added (the only ones to save), and the
    results of every item, most dots first. An item deleted in the app since the vote
    opened is left out."""
    changed: list[Irritant] = []
    counted: list[Irritant] = []
    results: dict[str, Result] = {}
    for item_id in vote.items:
        irritant = irritants.get(item_id)
        if irritant is None:
            continue
        dots = {v: ballot[item_id] for v, ballot in vote.ballots.items() if ballot.get(item_id)}
        results[item_id] = Result(item_id, sum(dots.values()), len(dots))
        if dots:
            votes_by = dict(irritant.votes_by)
            if not anonymous:
                for voter, count in dots.items():
                    name = names.get(voter, voter)
                    votes_by[name] = votes_by.get(name, 0) + count
            irritant = dataclasses.replace(
                irritant,
                votes=irritant.votes + sum(dots.values()),
                votes_by=tuple(sorted(votes_by.items())),
            )
            changed.append(irritant)
        counted.append(irritant)
    return changed, [results[irritant.id] for irritant in by_votes(counted)]
