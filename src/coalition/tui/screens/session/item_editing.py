"""Editing the highlighted item from the items list: text, owner, status, votes, delete, undo.

Every change is one store call (saved before it returns) and one entry in the undo history;
the rules (next status, a vote, a new owner) live in `coalition.services.editing`.
"""

from __future__ import annotations

import datetime as dt

from coalition.domain.capture import match_participant
from coalition.domain.models import Item
from coalition.domain.references import reference_problem
from coalition.errors import CaptureError, UsageError
from coalition.services.editing import (
    can_be_owned,
    cycle_status,
    editable_text,
    has_status,
    owner_of,
    vote,
    with_owner,
    with_text,
)
from coalition.services.record_forms import apply_record_form, has_record_form
from coalition.tui.dialogs.record_dialog import RecordDialog
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.screens.session.base import SessionBase


class ItemEditing(SessionBase):
    """The items list's keys (e, r, o, s, +, -, x) and Ctrl+Z act here."""

    def selected_item(self) -> Item | None:
        item_id = self.items_table.selected_id()
        if item_id is None:
            self.capture_line.show_error("No item here yet: capture one first.")
            return None
        return self.store.get(item_id)

    def find_item(self, item_id: str) -> Item | None:
        return next((i for i in self.store.session.items() if i.id == item_id), None)

    def replace_item(self, before: Item, after: Item, label: str) -> None:
        if before == after:
            return
        with self.store.lock:  # the room's thread may change it too (a vote closing)
            now = self.find_item(before.id)
            if now != before:
                if now is not None:
                    self.show_change(now)  # as it is now
                self.coalition_app.show_error(
                    UsageError(
                        f"{before.id} changed meanwhile (the room saved it), so this change "
                        "was not saved. Look at it again and redo it."
                    )
                )
                return
            saved = self.save(lambda: self.store.put(after))
        if saved:
            self.history.record(f"{label} of {after.id}", before, after)
            self.show_change(after)

    def action_cycle_status(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if not has_status(item):
            self.capture_line.show_error(f"A {item.kind} has no status.")
            return
        label = "level change" if item.kind == "rating" else "status change"
        self.replace_item(item, cycle_status(item), label)

    def action_vote(self, delta: int) -> None:
        item = self.selected_item()
        if item is None:
            return
        if item.kind != "irritant":
            self.capture_line.show_error("Only irritants take votes.")
            return
        self.replace_item(item, vote(item, delta), "vote")

    def action_edit_item(self) -> None:
        item = self.selected_item()
        if item is None:
            return

        def edited(text: str | None) -> None:
            if text is not None and text.strip():
                self.replace_item(item, with_text(item, text), "edit")

        self.app.push_screen(
            TextPrompt(
                f"Edit {item.id}" + (": its evidence" if item.kind == "rating" else ""),
                "Enter saves · Esc cancels",
                editable_text(item),
            ),
            edited,
        )

    def action_edit_record(self) -> None:
        """The record dialog: every field of an irritant, decision, action, objective,
        initiative or value stream, one line each."""
        item = self.selected_item()
        if item is None:
            return
        if not has_record_form(item):
            self.capture_line.show_error(f"A {item.kind} has no record to fill in; e edits it.")
            return

        def make(texts: dict[str, str]) -> Item:
            participants = self.store.session.participants
            after = apply_record_form(item, texts, participants, dt.date.today())
            problem = reference_problem(after, item, self.find_item)
            if problem:  # said under the form, which stays open
                raise ValueError(problem[:1].upper() + problem[1:])
            return after

        def saved(after: Item | None) -> None:
            if after is not None:
                self.replace_item(item, after, "record edit")

        self.app.push_screen(RecordDialog(item, make), saved)

    def action_reown_item(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if not can_be_owned(item):
            self.capture_line.show_error(f"A {item.kind} has no owner.")
            return

        def named(text: str | None) -> None:
            if text is None:
                return
            try:
                person = match_participant(
                    text.strip().lstrip("@"), self.store.session.participants
                )
            except CaptureError as error:
                self.capture_line.show_error(error.message)
                return
            name = person.name if person else text.strip().lstrip("@")
            if (
                person is None
                and name
                and not self.save(lambda: self.store.add("participant", name=name))
            ):
                return
            self.replace_item(item, with_owner(item, name), "owner change")
            if person is None and name:
                self.capture_line.show_info(f"{name} joined the coalition.")

        self.app.push_screen(
            TextPrompt(
                f"Owner of {item.id}",
                "A participant's name (a unique prefix is enough; a new name joins the "
                "coalition). Empty removes the owner.",
                owner_of(item),
            ),
            named,
        )

    def action_delete_item(self) -> None:
        item = self.selected_item()
        if item is not None and self.save(lambda: self.store.delete(item.id)):
            self.history.record(f"deletion of {item.id}", item, None)
            self.show_change(None, removed=item)
            self.capture_line.show_info(f"Deleted {item.id}. Ctrl+Z brings it back.")

    def action_undo(self) -> None:
        change = self.history.peek()
        if change is None:
            self.capture_line.show_info("Nothing to undo.")
            return
        if not self.save(lambda: self.history.undo(self.store)):
            return
        if change.also:  # a rename that touched several items: show everything again
            self.refresh_step()
            self.show_roster()
        else:
            self.show_change(change.before, removed=change.after if change.before is None else None)
        self.capture_line.show_info(f"Undid the {change.label}.")
