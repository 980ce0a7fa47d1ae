"""A question with a few keyed answers (e.g. add an unknown participant?)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coalition.tui.safe_text import plain


class ChoiceDialog(ModalScreen[str | None]):
    """Ask a question; answers are (key, label) pairs; Escape answers None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Back", id="dialog.back", tooltip="Cancel")
    ]

    def __init__(self, title: str, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self._title), classes="dialog-title")
            yield Static(plain(self._question), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for key, label in self._answers:
                    shown = "Esc" if key == "escape" else key
                    yield Button(plain(f"{label} ({shown})"), id=f"answer-{key}")

    def on_key(self, event: events.Key) -> None:
        for answer, _ in self._answers:
            if event.key == answer:
                event.stop()
                self.dismiss(answer)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id:
            self.dismiss(event.button.id.removeprefix("answer-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
