"""The minutes' "The room" section: who joined from a device, who raised what, dot votes.

Only the room's description is read (`Session.room`): cards nobody revealed are not part of
the session and never reach the minutes.
"""

from __future__ import annotations

from coalition.domain.models import Session, id_number
from coalition.minutes.escape import escape_cell, escape_inline
from coalition.minutes.tables import table


def room_section(session: Session) -> str:
    """Empty when the room never opened (older minutes keep their bytes)."""
    room = session.room
    if room is None or not room.has_news():
        return ""
    texts = {item.id: str(getattr(item, "text", "")) for item in session.items()}
    paragraphs = ["## The room"]
    if room.joined:
        names = sorted(room.joined.values(), key=str.casefold)
        paragraphs.append(f"Joined from a device: {', '.join(escape_inline(n) for n in names)}.")
    anonymous = [i for i in room.anonymous_items if i in texts]
    if anonymous:
        paragraphs.append(
            f"Raised anonymously in the room (no author was stored): {', '.join(anonymous)}."
        )
    raised = sorted(
        ((item, name) for item, name in room.raised_by.items() if item in texts),
        key=lambda pair: (pair[0].partition("-")[0], id_number(pair[0])),
    )
    if raised:
        rows = ([item, escape_cell(texts[item]), escape_cell(name)] for item, name in raised)
        paragraphs.append(table(["ID", "Raised in the room", "Raised by"], rows))
    if room.vote_history:
        rows = (
            [r.item, escape_cell(texts.get(r.item, "")), _dots_from(r.dots, r.people)]
            for r in room.vote_history
        )
        paragraphs.append("Dot votes in the room (each vote's items, most dots first):")
        paragraphs.append(table(["ID", "Item", "Dots"], rows))
    return "\n\n".join(paragraphs)


def _dots_from(dots: int, people: int) -> str:
    """`7 dots from 5 people`."""
    return (
        f"{dots} {'dot' if dots == 1 else 'dots'} from {people} "
        f"{'person' if people == 1 else 'people'}"
    )
