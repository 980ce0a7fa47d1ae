"""Who came: the coalition is its roster, the room is the members marked present.

A member carried into a follow-up session is on the roster but not yet present; the
facilitator marks who came. The coalition's balance (`balance.coalition_balance`) is about
the roster; what the room can decide today depends on who is here, so the room's split is
counted from the present members only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from coalition.domain.capture import normalise
from coalition.domain.models import Participant
from coalition.domain.roles import Side


@dataclass(frozen=True, slots=True)
class Attendance:
    """The roster and who of it is here, in the roster's order."""

    roster: tuple[Participant, ...]
    here: tuple[Participant, ...]

    @property
    def absent(self) -> tuple[Participant, ...]:
        return tuple(p for p in self.roster if not p.present)

    @property
    def everyone_here(self) -> bool:
        return len(self.here) == len(self.roster)

    def sides_missing(self) -> list[Side]:
        """Business or IT with nobody on the roster at all."""
        return [s for s in (Side.BUSINESS, Side.IT) if not any(p.side is s for p in self.roster)]

    def sides_absent(self) -> list[Side]:
        """Business or IT on the roster, but with nobody of theirs here (once anyone is)."""
        if not self.here:
            return []
        return [
            s
            for s in (Side.BUSINESS, Side.IT)
            if s not in self.sides_missing() and not any(p.side is s for p in self.here)
        ]


def attendance(participants: Sequence[Participant]) -> Attendance:
    """Split the roster into who is here (and, by difference, who is not)."""
    return Attendance(tuple(participants), tuple(p for p in participants if p.present))


def side_counts(participants: Sequence[Participant], external_word: str = "external") -> str:
    """`2 business · 1 IT` (and the externals, when there are any)."""
    business = sum(p.side is Side.BUSINESS for p in participants)
    it = sum(p.side is Side.IT for p in participants)
    external = len(participants) - business - it
    line = f"{business} business · {it} IT"
    return line + (f" · {external} {external_word}" if external else "")


def attendance_line(participants: Sequence[Participant]) -> str:
    """`2 business · 1 IT here (5 on roster)`; just the split when everyone is here."""
    room = attendance(participants)
    if room.everyone_here:
        return side_counts(participants)
    return f"{side_counts(room.here)} here ({len(room.roster)} on roster)"


def room_warnings(participants: Sequence[Participant]) -> tuple[str, ...]:
    """What the facilitator should hear about who came (empty when the room looks fine)."""
    room = attendance(participants)
    if room.roster and not room.here:
        return ("Nobody is marked present yet: mark who came.",)
    labels = {Side.BUSINESS: "business", Side.IT: "IT"}
    return tuple(
        f"Nobody from {labels[side]} is here today: what the room decides lacks their voice."
        for side in room.sides_absent()
    )


def member_named(participants: Sequence[Participant], name: str) -> Participant | None:
    """The member whose name is `name` (compared as `@name` matching does), if any."""
    wanted = normalise(name)
    if not wanted:
        return None
    return next((p for p in participants if normalise(p.name) == wanted), None)


def marked(person: Participant, present: bool) -> Participant:
    """The member marked present (here) or not."""
    return dataclasses.replace(person, present=present)
