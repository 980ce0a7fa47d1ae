"""What an item's references may name: the objective served, the decision carried out or
replaced, the stream and stage of an irritant, a decision's chosen option.

`reference_problem(item, before, find)` is the one rule the command line, the capture line
and the record dialog share (the store asks it on every save). Only the references that
changed are checked, so an item carried from an earlier session keeps a link to something
that was not carried, and a text edit never fails on a link nobody touched. Items carried in
are in the session, so references to them are fine.
"""

from __future__ import annotations

from collections.abc import Callable

from coalition.domain.alignment import ValueStream
from coalition.domain.decisions import Decision
from coalition.domain.irritants import Irritant
from coalition.domain.models import ActionItem, Item
from coalition.domain.objectives import Initiative, Objective
from coalition.domain.roles import Side

Find = Callable[[str], Item | None]


def reference_problem(item: Item, before: Item | None, find: Find) -> str | None:
    """Why the item's changed references cannot be saved (naming the field and the ID), or
    None. `before` is the item as saved (None for a new one); `find` looks an ID up in the
    session."""

    def changed(*names: str) -> bool:
        return before is None or any(getattr(before, n) != getattr(item, n) for n in names)

    if isinstance(item, Objective) and item.serves and changed("serves", "side"):
        return _objective_serves(item, find)
    if isinstance(item, Initiative) and item.serves and changed("serves"):
        return _must_be(find, item.serves, Objective, "serves", "objective")
    if isinstance(item, ActionItem) and item.decision and changed("decision"):
        return _must_be(find, item.decision, Decision, "decision", "decision")
    if isinstance(item, Irritant) and changed("stream", "stage"):
        return _irritant_stage(item, find)
    if isinstance(item, Decision):
        return _decision_problem(item, changed, find)
    return None


def _must_be(find: Find, item_id: str, kind: type[Item], field: str, noun: str) -> str | None:
    if not isinstance(find(item_id), kind):
        return f"{field} {item_id}: there is no {noun} {item_id} in this session."
    return None


def _objective_serves(objective: Objective, find: Find) -> str | None:
    field = f"serves {objective.serves}"
    if objective.side is Side.BUSINESS:
        return (
            f"{field}: {objective.id} is a business objective, and a business objective serves "
            "nothing; only IT objectives and initiatives serve one."
        )
    if objective.serves == objective.id:
        return f"{field}: {objective.id} cannot serve itself."
    missing = _must_be(find, objective.serves, Objective, "serves", "objective")
    if missing:
        return missing
    chain, current = [objective.serves], find(objective.serves)
    while isinstance(current, Objective) and current.serves and current.serves not in chain:
        if current.serves == objective.id:
            loop = " → ".join([objective.id, *chain, objective.id])
            return f"{field}: that makes a loop ({loop})."
        chain.append(current.serves)
        current = find(current.serves)
    return None


def _irritant_stage(irritant: Irritant, find: Find) -> str | None:
    if irritant.stream:
        missing = _must_be(find, irritant.stream, ValueStream, "stream", "value stream")
        if missing:
            return missing
    if not irritant.stage:
        return None
    stream = find(irritant.stream) if irritant.stream else None
    if not isinstance(stream, ValueStream):
        return f"stage {irritant.stage}: name the value stream it is a stage of (stream V-1)."
    names = [stage.name for stage in stream.stages]
    if irritant.stage not in names:
        known = ", ".join(names) if names else "none yet"
        return f"stage {irritant.stage}: {stream.id} has no such stage (its stages: {known})."
    return None


def _decision_problem(decision: Decision, changed: Callable[..., bool], find: Find) -> str | None:
    if decision.supersedes and changed("supersedes"):
        if decision.supersedes == decision.id:
            return f"supersedes {decision.id}: a decision cannot supersede itself."
        missing = _must_be(find, decision.supersedes, Decision, "supersedes", "decision")
        if missing:
            return missing
    if decision.chosen and changed("chosen", "options"):
        names = [option.name for option in decision.options]
        if decision.chosen not in names:
            known = ", ".join(names) if names else "none yet"
            return (
                f"chosen {decision.chosen}: {decision.id} has no such option "
                f"(its options: {known})."
            )
    return None
