"""The room from the session screen: F8 opens and closes it, F3 reveals the step's cards,
F4 opens or closes a dot vote on the step's irritants, Ctrl+R shows or hides the QR code.

The room runs on a loop of its own, in its own thread (`coalition.room.thread`), and writes
through this session's store, whose lock keeps the two threads' changes apart (the cards'
file writes run in a worker thread, in order with the app's own saves: see
`coalition.store.atomic_storage`). It calls back on every change (a join, a card, a ballot,
a step moved from the facilitator page); the screen catches up on the app's loop, at most
every quarter of a second (many changes at once make one update), showing revealed cards
and voted irritants row by row so the cursor stays where the facilitator left it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from coalition.domain.models import Item
from coalition.errors import SessionNotFound
from coalition.room import Room, RoomRefusal
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.screens.session.steps import StepsAndTimebox
from coalition.tui.widgets.room_panel import RoomPanel

DEFAULT_BUDGET = 3
CATCH_UP_SECONDS = 0.25


def parse_vote_terms(typed: str) -> tuple[int, int]:
    """`3` or `3 2`: the dots each person has, then at most how many on one item."""
    words = typed.replace(",", " ").split()
    if not 1 <= len(words) <= 2 or not all(word.isdigit() for word in words):
        raise ValueError(
            f"Type the dots per person, then optionally the most on one item (not {typed!r})."
        )
    budget = int(words[0])
    return budget, int(words[1]) if len(words) == 2 else budget


class RoomControls(StepsAndTimebox):
    """Open, show and drive the room; follow a step moved from the facilitator page."""

    _room_step_seen = ""
    _room_update_pending = False
    _room_caught_up = 0.0  # when the screen last caught up (time.monotonic)
    _room_shown: tuple[int, int, int] = (0, 0, 0)  # revealed, joined, votes closed

    @property
    def room(self) -> Room | None:
        return self.coalition_app.room

    @property
    def room_panel(self) -> RoomPanel:
        return self.query_one("#room", RoomPanel)

    async def action_toggle_room(self) -> None:
        """F8: open the room (the panel shows how to join), or close it."""
        if self.room is not None:
            self.coalition_app.close_room()
            self.room_panel.remove_class("-open")
            self.remove_class("-room-open")
            self.capture_line.show_info("The room is closed: its link, code and cookies are void.")
            return
        self.save_room_step()
        room = await self.coalition_app.open_room(self.store, self.room_changed)
        if room is None:
            return
        info = room.core.info
        self._room_step_seen = self.store.info.current_step
        self._room_shown = (len(info.revealed), len(info.joined), len(info.vote_history))
        self.room_panel.add_class("-open")
        self.add_class("-room-open")
        self.show_room()
        how = "HTTPS" if room.secure else "plain HTTP"
        self.capture_line.show_info(f"Room open ({how}), code {room.code}. F8 closes it.")

    def save_room_step(self) -> None:
        """The room works on the saved step: save this screen's step now if it moved, or
        follow the room's if the facilitator page moved it since the screen last looked."""
        saved = self.store.info.current_step
        if saved != self._room_step_seen and self.room is not None:
            self.catch_up_with_room()  # the page's move wins: it is the latest
        elif saved != self._current:
            self.save_elapsed(self._current)
            self._room_step_seen = self.store.info.current_step

    # -- changes from the room --------------------------------------------------------------

    def room_changed(self) -> None:
        """The room's callback: catch up once this turn of the loop is over, and not more
        often than every CATCH_UP_SECONDS (fifty people writing at once would otherwise
        redraw the panel for every card, and take the time the facilitator's keys need)."""
        if self._room_update_pending:
            return
        self._room_update_pending = True
        wait = self._room_caught_up + CATCH_UP_SECONDS - time.monotonic()
        if wait > 0:
            self.set_timer(wait, self.catch_up_with_room)
        else:
            self.call_later(self.catch_up_with_room)

    def catch_up_with_room(self) -> None:
        self._room_update_pending = False
        self._room_caught_up = time.monotonic()
        room = self.room
        if room is None or not self.is_attached:
            return
        saved_step = self.store.info.current_step
        if saved_step != self._room_step_seen:  # moved from the facilitator page
            self._room_step_seen = saved_step
            if saved_step != self._current:
                self.go_to_step(saved_step)
        info = room.core.info
        now = (len(info.revealed), len(info.joined), len(info.vote_history))
        if now != self._room_shown:
            revealed, joined, votes = self._room_shown
            self._room_shown = now
            # Revealed cards and ranked irritants are rows of the list: shown one by one,
            # so the cursor stays on the row the facilitator is on.
            dotted = (r.item for r in info.vote_history[votes:] if r.dots)
            changed = (*info.revealed[revealed:], *dotted)
            self.show_room_items(dict.fromkeys(changed))
            if now[1] != joined:
                self.show_roster()  # who joined from a device is on the roster
        self.show_room()

    def show_room_items(self, item_ids: Iterable[str]) -> None:
        table = self.items_table
        new: list[Item] = []
        for item_id in item_ids:
            try:
                item = self.store.get(item_id)
            except SessionNotFound:  # deleted in the app since
                continue
            if getattr(item, "step", None) != self._current:
                continue
            if item_id in table.rows:
                table.upsert(item)  # its votes changed
            else:
                new.append(item)
        table.append_items(new)
        self.show_agenda()
        self.update_items_title()
        self.describe_highlighted()

    def refresh_step(self) -> None:
        super().refresh_step()
        if self.room is not None:
            self.show_room()

    def show_room(self) -> None:
        room = self.room
        if room is not None:
            texts = {item.id: item.text for item in self.store.session.irritants}
            self.room_panel.show(room, self._current, texts)

    # -- the facilitator's controls ---------------------------------------------------------

    def open_room_first(self) -> Room | None:
        if self.room is None:
            self.capture_line.show_info("The room is not open: F8 opens it.")
        return self.room

    def action_toggle_room_qr(self) -> None:
        """Ctrl+R: show the QR code again for a late arrival, or hide it."""
        if self.open_room_first() is None:
            return
        self.room_panel.qr_wanted = not self.room_panel.qr_shown
        self.show_room()

    def action_reveal_cards(self) -> None:
        """F3: the step's cards become items of the list, raised by their authors."""
        room = self.open_room_first()
        if room is None:
            return
        self.save_room_step()
        try:
            revealed = room.core.reveal()
        except RoomRefusal as refusal:
            self.capture_line.show_error(refusal.message)
            return
        self.catch_up_with_room()
        if not revealed:
            self.capture_line.show_info("No cards to reveal in this step.")
            return
        self.capture_line.show_info(f"Revealed {len(revealed)}: {', '.join(revealed)}.")

    def action_room_vote(self) -> None:
        """F4: open a dot vote on the step's irritants, or close the open one."""
        room = self.open_room_first()
        if room is None:
            return
        self.save_room_step()
        if room.core.info.vote is not None:
            self.close_vote(room)
            return
        step = self._current
        count = sum(1 for item in self.store.session.irritants if item.step == step)

        def answered(typed: str | None) -> None:
            self.focus_capture()
            if typed is None:
                return
            try:
                budget, most = parse_vote_terms(typed)
                vote = room.core.open_vote(budget, most)
            except ValueError as error:
                self.capture_line.show_error(str(error))
                return
            except RoomRefusal as refusal:
                self.capture_line.show_error(refusal.message)
                return
            self.capture_line.show_info(
                f"Vote open on {len(vote.items)} irritants: {vote.budget} dots each, at most "
                f"{vote.max_per_item} on one. F4 closes it."
            )

        self.app.push_screen(
            TextPrompt(
                f"Dot vote on this step's {count} irritants",
                "Dots per person, then optionally the most on one item (3 2) · Enter opens "
                "the vote · Esc cancels",
                f"{DEFAULT_BUDGET} {DEFAULT_BUDGET}",
            ),
            answered,
        )

    def close_vote(self, room: Room) -> None:
        try:
            results = room.core.close_vote()
        except RoomRefusal as refusal:
            self.capture_line.show_error(refusal.message)
            return
        self.catch_up_with_room()
        ranked = ", ".join(f"{r.item} {r.dots}" for r in results) or "no dots"
        self.capture_line.show_info(f"Vote closed and saved. Ranked: {ranked}.")
