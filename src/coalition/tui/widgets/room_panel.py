"""The room's panel: how to join (QR code, address, code), whether the network can read
the cards, who joined, how many cards wait per person, and the vote. Never a card's text
before it is revealed; every name and text shown literally (no markup, no control char).

The QR code is shown until someone joins (it is for joining), then hidden to leave the
panel to the people; Ctrl+R shows or hides it again. The keys line stays at the bottom
whatever the panel holds, and the rest scrolls (with the mouse wheel) when it is long."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from coalition.room import Room
from coalition.tui.widgets.qr_code import qr_text
from coalition.visible_text import visible

KEYS = "F3 reveal · F4 vote · ^R QR · F8 close"


def room_status(room: Room, step: str, texts: dict[str, str]) -> Text:
    """Everything but the QR code; `texts` gives the ranked items' texts by ID."""
    text = Text()
    text.append("Scan, or open ")
    text.append(visible(room.address), style="bold")
    text.append(" and type the code ")
    text.append(visible(room.code), style="bold reverse")
    text.append(f"\nLink: {visible(room.join_url)}\n", style="dim")
    if room.secure:
        text.append("HTTPS: the cards are encrypted on the network.\n", style="green")
    else:
        text.append(
            "Plain HTTP: anyone on this network can read the cards (set room_cert and "
            "room_key for HTTPS).\n",
            style="bold yellow",
        )
    if room.core.anonymous:
        text.append("Anonymous room: no card carries a name.\n", style="italic")
    joined = room.joined()
    text.append(f"\nJoined ({len(joined)}): ", style="bold")
    text.append(", ".join(visible(name) for name in joined) or "nobody yet")
    here = sum(1 for card in room.core.cards.values() if card.step == step)
    text.append(f"\nCards to reveal: {here} in this step", style="bold")
    if room.unrevealed() != here:
        text.append(f" ({room.unrevealed()} in all)")
    for name, count in sorted(room.counts_by_person().items(), key=lambda e: e[0].casefold()):
        text.append(f"\n  {visible(name)}: {count}")
    vote = room.core.info.vote
    if vote is not None:
        text.append(f"\nVote open: {room.voted()} of {len(joined)} voted", style="bold")
        text.append(f" · {vote.budget} dots each, at most {vote.max_per_item} on one item")
    elif room.core.info.results:
        text.append("\nLast vote:", style="bold")
        for result in room.core.info.results:
            dots = "dot" if result.dots == 1 else "dots"
            people = "person" if result.people == 1 else "people"
            line = f"{result.item} {result.dots} {dots} from {result.people} {people}"
            text.append(f"\n  {visible(line)}: {visible(texts.get(result.item, ''))}")
    return text


class RoomPanel(Vertical, can_focus=False):
    """Shown while the room is open (the `-open` class); updated on every room change."""

    status = Text()  # what the panel says under the QR code, as last shown
    qr_wanted: bool | None = None  # Ctrl+R's choice; None: shown until someone joins
    qr_shown = True

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="room-body", can_focus=False):
            yield Static(id="room-text")
        yield Static(id="room-keys")

    def show(self, room: Room, step: str, texts: dict[str, str]) -> None:
        scheme = "HTTPS" if room.secure else "plain HTTP, not encrypted"
        self.border_title = f"Room open · {scheme}"
        with room.lock:  # the room's thread changes it meanwhile
            self.status = room_status(room, step, texts)
        wanted = self.qr_wanted
        self.qr_shown = wanted if wanted is not None else not room.joined()
        body = Group(qr_text(room.join_url), self.status) if self.qr_shown else self.status
        self.query_one("#room-text", Static).update(body)
        self.query_one("#room-keys", Static).update(Text(KEYS, style="dim"))
