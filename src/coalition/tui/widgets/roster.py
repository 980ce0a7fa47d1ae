"""The coalition roster: who is in the room, and whether business and IT are both there.

The business/IT balance is the box's bottom title, so it stays in sight however many people
join; the members fill the box one line each, and those that do not fit are counted.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from coalition.domain.models import Participant, Side
from coalition.visible_text import visible

SIDE_MARK = {Side.BUSINESS: "biz", Side.IT: "IT", Side.EXTERNAL: "ext"}
MAX_LINES = 5  # app.tcss: #roster max-height 7, less the border (the agenda comes first)


def balance_line(participants: Sequence[Participant]) -> str:
    """`2 business · 1 IT` (and the externals, when there are any)."""
    business = sum(p.side is Side.BUSINESS for p in participants)
    it = sum(p.side is Side.IT for p in participants)
    external = len(participants) - business - it
    line = f"{business} business · {it} IT"
    return line + (f" · {external} ext" if external else "")


def roster_text(participants: Sequence[Participant], max_lines: int = MAX_LINES) -> Text:
    """The missing side first (a warning), then one line per member, as many as fit."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if not participants:
        text.append("Nobody yet: capture\n", style="dim")
        text.append("p Name side:it", style="bold")
        return text
    lines = max_lines
    if not any(p.side is Side.BUSINESS for p in participants):
        text.append("▲ No business member\n", style="bold")
        lines -= 1
    elif not any(p.side is Side.IT for p in participants):
        text.append("▲ No IT member yet\n", style="bold")
        lines -= 1
    shown = participants if len(participants) <= lines else participants[: lines - 1]
    for person in shown:
        text.append(visible(person.name), style="bold")
        text.append(f" {SIDE_MARK[person.side]}", style="dim")
        if person.role:
            text.append(f" · {visible(person.role)}", style="dim")
        text.append("\n")
    if len(shown) < len(participants):
        text.append(f"+{len(participants) - len(shown)} more · F2 coalition", style="dim")
    text.rstrip()
    return text


class Roster(Static):
    """The participants of the session (refreshed after each participant change)."""

    def show(self, participants: Sequence[Participant]) -> None:
        self.border_subtitle = balance_line(participants) if participants else ""
        self.update(roster_text(participants))
