"""Pick one of a few choices from a list (a voter, a tool); a choice's key picks it at once."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coalition.tui.safe_text import plain
from coalition.visible_text import visible

# (value, label, key) - key "" for none
Choice = tuple[str, str, str]


class PickDialog(ModalScreen[str | None]):
    """An OptionList of choices; Enter or a choice's key answers its value, Escape None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel", tooltip="Cancel")
    ]

    def __init__(self, title: str, choices: list[Choice], highlighted: str | None = None) -> None:
        super().__init__()
        self._title = title
        self._choices = choices
        self._highlighted = highlighted

    def compose(self) -> ComposeResult:
        options = []
        for value, label, key in self._choices:
            prompt = Text()
            if key:
                prompt.append(f"{key}  ", style="bold")
            prompt.append(visible(label))
            options.append(Option(prompt, id=value))
        with Vertical(classes="dialog", id="pick"):
            yield Static(plain(self._title), classes="dialog-title")
            yield OptionList(*options, id="pick-list")
            yield Static("Enter picks · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        values = [value for value, _, _ in self._choices]
        if self._highlighted in values:
            options.highlighted = values.index(self._highlighted)
        options.focus()

    def on_key(self, event: events.Key) -> None:
        for value, _, key in self._choices:
            if key and event.character == key:
                event.stop()
                self.dismiss(value)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
