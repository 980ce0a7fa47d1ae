"""What each caller may see, as JSON-ready dicts.

A participant sees the current step, their own cards, the items the room revealed in this
step, their own ballot and the results of the last vote: never another person's cards or
ballot, and nothing that tells who wrote what.
"""

from __future__ import annotations

from typing import Any

from coalition.domain.models import Irritant
from coalition.errors import SessionNotFound
from coalition.room.card_rules import Person
from coalition.room.core import RoomCore
from coalition.services.editing import editable_text
from coalition.visible_text import visible

KIND_LABELS = {
    "irritant": "Irritant",
    "note": "Note",
    "action": "Proposed action",
    "decision": "Proposed decision",
}


def step_view(core: RoomCore) -> dict[str, Any]:
    step = core.step()
    return {
        "id": step.id,
        "title": visible(step.title),
        "purpose": visible(step.purpose),
        "prompts": [visible(prompt) for prompt in step.prompts],
        "kinds": [{"kind": k, "label": KIND_LABELS[k]} for k in core.card_kinds()],
    }


def _item_text(core: RoomCore, item_id: str) -> str:
    try:
        return visible(editable_text(core.store.get(item_id)))
    except SessionNotFound:  # deleted in the app since: show its ID only
        return ""


def revealed_view(core: RoomCore) -> list[dict[str, Any]]:
    """The items the room revealed in the current step (never who raised them)."""
    step = core.step().id
    items = []
    for item_id in core.info.revealed:
        try:
            item = core.store.get(item_id)
        except SessionNotFound:  # deleted in the app since
            continue
        if getattr(item, "step", "") == step:
            items.append({"id": item.id, "kind": item.kind, "text": visible(editable_text(item))})
    return items


def results_view(core: RoomCore) -> list[dict[str, Any]]:
    return [
        {"item": r.item, "text": _item_text(core, r.item), "dots": r.dots, "people": r.people}
        for r in core.info.results
    ]


def participant_state(core: RoomCore, person: Person) -> dict[str, Any]:
    with core.store.lock:  # the app's thread may change the room meanwhile
        return _participant_state(core, person)


def _participant_state(core: RoomCore, person: Person) -> dict[str, Any]:
    vote = core.info.vote
    vote_view = None
    if vote is not None:
        mine = vote.ballots.get(person.voter, {})
        vote_view = {
            "budget": vote.budget,
            "max_per_item": vote.max_per_item,
            "spent": vote.spent(person.voter),
            "items": [
                {"id": item, "text": _item_text(core, item), "dots": mine.get(item, 0)}
                for item in vote.items
            ],
        }
    return {
        "me": {"participant": person.participant, "name": visible(person.name)},
        "anonymous": core.anonymous,
        "step": step_view(core),
        "cards": [
            {"id": c.id, "kind": c.kind, "text": c.text, "step": c.step}
            for c in core.cards_of(person.voter)
        ],
        "revealed": revealed_view(core),
        "vote": vote_view,
        "results": results_view(core),
        "limits": {"text_chars": core.limits.text_chars},
    }


def facilitator_state(core: RoomCore) -> dict[str, Any]:
    """The facilitator's view: counts (never texts) of unrevealed cards, who joined, how
    many have voted, the steps to move to."""
    with core.store.lock:  # the app's thread may change the room meanwhile
        return _facilitator_state(core)


def _facilitator_state(core: RoomCore) -> dict[str, Any]:
    vote = core.info.vote
    step = core.step().id
    return {
        "anonymous": core.anonymous,
        "step": step_view(core),
        "steps": [{"id": s.id, "title": visible(s.title)} for s in core.store.info.playbook.steps],
        "joined": sorted((visible(n) for n in core.info.joined.values()), key=str.casefold),
        "devices": [  # the name as sent back to free it, and as shown
            {"name": name, "shown": visible(name)}
            for name in sorted((p.name for p in core.people.values()), key=str.casefold)
        ],
        "unrevealed": sum(1 for c in core.cards.values() if c.step == step),
        "counts": {visible(n): c for n, c in sorted(core.counts_by_person().items())},
        "revealed": revealed_view(core),
        "vote": None
        if vote is None
        else {
            "budget": vote.budget,
            "max_per_item": vote.max_per_item,
            "items": list(vote.items),
            "voted": sum(1 for ballot in vote.ballots.values() if ballot),
        },
        "irritants": [
            {"id": i.id, "text": visible(i.text)}
            for i in core.store.session.irritants
            if isinstance(i, Irritant) and i.step == step
        ],
        "results": results_view(core),
    }
