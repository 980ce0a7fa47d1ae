"""The edit dialog of a record: one labelled line per field of an irritant's register entry,
a decision record, an action, an objective, an initiative or a value stream.

Tab and Shift+Tab move between lines, Enter saves them all, Escape cancels. What the lines
mean, and the item they make, is `coalition.services.record_forms`; a field it refuses is
named under the form and the dialog stays open, with nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from coalition.domain.models import Item
from coalition.services.record_forms import HINTS, field_text, record_form
from coalition.tui.safe_text import plain
from coalition.visible_text import visible


class RecordDialog(ModalScreen[Item | None]):
    """Answers the changed item (already checked by `make`), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Cancel")
    ]
    AUTO_FOCUS = "#record-fields Input"

    def __init__(self, item: Item, make: Callable[[dict[str, str]], Item]) -> None:
        super().__init__()
        self.item = item
        self._make = make
        self._fields = record_form(item)
        self._shown = {f.name: field_text(item, f) for f in self._fields}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="record-dialog"):
            yield Static(plain(f"The record of {self.item.id}"), classes="dialog-title")
            with VerticalScroll(id="record-fields", can_focus=False):
                for field in self._fields:
                    with Horizontal(classes="form-row"):
                        yield Label(field.label)
                        yield Input(
                            visible(self._shown[field.name]),
                            id=f"record-{field.name}",
                            placeholder=HINTS.get(field.how.partition(":")[0], ""),
                            select_on_focus=False,
                            compact=True,
                        )
            yield Static("", id="record-error")
            yield Static(
                "Tab: next line · Enter saves · Esc cancels · lists: a; b · options: "
                "Name + pro - con | Name …",
                classes="dialog-hint",
            )

    def texts(self) -> dict[str, str]:
        """Each line's text; a line left as shown gives back the saved text exactly (not the
        stand-ins of its control characters)."""
        texts: dict[str, str] = {}
        for field in self._fields:
            typed = self.query_one(f"#record-{field.name}", Input).value
            original = self._shown[field.name]
            texts[field.name] = original if typed == visible(original) else typed
        return texts

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            item = self._make(self.texts())
        except ValueError as error:
            self.query_one("#record-error", Static).update(plain(f"Not saved: {error}"))
            return
        self.dismiss(item)

    def action_cancel(self) -> None:
        self.dismiss(None)
