"""The coalition roster: who is in the room, and whether business and IT are both there."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from coalition.domain.models import Participant, Side

SIDE_MARK = {Side.BUSINESS: "biz", Side.IT: "IT", Side.EXTERNAL: "ext"}


def roster_text(participants: Sequence[Participant]) -> Text:
    """One line per member, then the business/IT balance (warning when a side is missing)."""
    text = Text()
    if not participants:
        text.append("Nobody yet: capture `p Name side:it`.", style="dim")
        return text
    for person in participants:
        text.append(f"{person.name}", style="bold")
        text.append(f" {SIDE_MARK[person.side]}", style="dim")
        if person.role:
            text.append(f" · {person.role}", style="dim")
        text.append("\n")
    business = sum(p.side is Side.BUSINESS for p in participants)
    it = sum(p.side is Side.IT for p in participants)
    text.append(f"{business} business · {it} IT")
    if not business:
        text.append("\nNo business member: IT alone cannot lead this.", style="bold")
    elif not it:
        text.append("\nNo IT member yet.", style="bold")
    return text


class Roster(Static):
    """The participants of the session (refreshed after each participant change)."""

    def show(self, participants: Sequence[Participant]) -> None:
        self.update(roster_text(participants))
