"""Dot voting on irritants: each participant spends up to the session's vote budget."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from coalition.domain.models import Irritant
from coalition.errors import UsageError


def dots_spent(voter: str, irritants: Sequence[Irritant]) -> int:
    """How many dots `voter` has placed across all irritants."""
    return sum(irritant.dots_of(voter) for irritant in irritants)


def cast_dot(
    irritant: Irritant, voter: str, delta: int, budget: int, irritants: Sequence[Irritant]
) -> Irritant:
    """The irritant with `voter`'s dots changed by `delta` (+1 or -1), within the budget."""
    mine = irritant.dots_of(voter)
    if delta > 0 and dots_spent(voter, irritants) + delta > budget:
        raise UsageError(
            f"{voter} has spent all {budget} dots; take one back (-) from another irritant "
            "or raise the vote budget."
        )
    if mine + delta < 0:
        raise UsageError(f"{voter} has no dot on {irritant.id} to take back.")
    votes_by = dict(irritant.votes_by)
    votes_by[voter] = mine + delta
    return dataclasses.replace(
        irritant,
        votes=max(0, irritant.votes + delta),
        votes_by=tuple(sorted((n, c) for n, c in votes_by.items() if c)),
    )


def by_votes(irritants: Sequence[Irritant]) -> list[Irritant]:
    """Most votes first; ties in ID order (deterministic)."""
    from coalition.domain.models import id_number

    return sorted(irritants, key=lambda i: (-i.votes, id_number(i.id)))
