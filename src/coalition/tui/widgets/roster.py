"""The coalition roster: who is in the room, and whether business and IT are both there.

The box's title says how many of the roster are here (`Coalition 3/5 here`, once anyone
is missing), and its bottom title the room's business/IT split, counted from those here,
so both stay in sight however many people join. The members fill the box one line each,
those here first; a member not here is marked `○` and dimmed. Those that do not fit are
counted.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from coalition.domain.attendance import attendance, side_counts
from coalition.domain.models import Participant, Side
from coalition.visible_text import visible

SIDE_MARK = {Side.BUSINESS: "biz", Side.IT: "IT", Side.EXTERNAL: "ext"}
MAX_LINES = 5  # app.tcss: #roster max-height 7, less the border (the agenda comes first)
ABSENT_MARK = "○ "
TITLE = "Coalition"


def balance_line(participants: Sequence[Participant]) -> str:
    """The room's split: `2 business · 1 IT` of those here (`ext` for the externals)."""
    return side_counts(attendance(participants).here, external_word="ext")


def roster_title(participants: Sequence[Participant]) -> str:
    """`Coalition`, or `Coalition 3/5 here` while someone on the roster is not (it fits the
    box at 80 columns up to 99 members)."""
    room = attendance(participants)
    if room.everyone_here:
        return TITLE
    return f"{TITLE} {len(room.here)}/{len(room.roster)} here"


def _warning(participants: Sequence[Participant]) -> str:
    """The one line the box keeps for the most pressing gap, or ""."""
    room = attendance(participants)
    missing, absent = room.sides_missing(), room.sides_absent()
    if Side.BUSINESS in missing:
        return "▲ No business member"
    if Side.IT in missing:
        return "▲ No IT member yet"
    if not room.here:
        return "▲ Mark who came: F2"
    if Side.BUSINESS in absent:
        return "▲ No business here"
    if Side.IT in absent:
        return "▲ No IT here"
    return ""


def roster_text(participants: Sequence[Participant], max_lines: int = MAX_LINES) -> Text:
    """The most pressing gap first (a warning), then one line per member, as many as fit."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if not participants:
        text.append("Nobody yet: capture\n", style="dim")
        text.append("p Name side:it", style="bold")
        return text
    lines = max_lines
    warning = _warning(participants)
    if warning:
        text.append(f"{warning}\n", style="bold")
        lines -= 1
    room = attendance(participants)
    ordered = [*room.here, *room.absent]
    shown = ordered if len(ordered) <= lines else ordered[: lines - 1]
    for person in shown:
        if not person.present:
            text.append(ABSENT_MARK, style="dim")
        text.append(visible(person.name), style="bold" if person.present else "dim")
        text.append(f" {SIDE_MARK[person.side]}", style="dim")
        if person.role:
            text.append(f" · {visible(person.role)}", style="dim")
        text.append("\n")
    if len(shown) < len(ordered):
        text.append(f"+{len(ordered) - len(shown)} more · F2 coalition", style="dim")
    text.rstrip()
    return text


class Roster(Static):
    """The participants of the session (refreshed after each participant change)."""

    def show(self, participants: Sequence[Participant]) -> None:
        self.border_title = roster_title(participants)
        self.border_subtitle = balance_line(participants) if participants else ""
        self.update(roster_text(participants))
