"""Ask for one line of text (edit an item's text, name a new owner)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from coalition.tui.safe_text import plain
from coalition.visible_text import visible


class TextPrompt(ModalScreen[str | None]):
    """One Input, pre-filled; Enter answers its text, Escape answers None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Cancel")
    ]

    def __init__(self, title: str, hint: str, value: str = "") -> None:
        super().__init__()
        self._title = title
        self._hint = hint
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self._title), classes="dialog-title")
            # the cursor at the end of the text: typing adds to it (Ctrl+U clears it); a
            # control character in a saved text shows (and saves back) as its stand-in
            yield Input(visible(self._value), id="prompt-input", select_on_focus=False)
            yield Static(plain(self._hint), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        # Enter on an unchanged text gives the text back as it was, not its stand-ins.
        self.dismiss(self._value if event.value == visible(self._value) else event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
