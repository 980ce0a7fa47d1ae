"""The form that starts a new session: client, title, facilitator, playbook, participants."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from coalition.services.playbook_library import PlaybookEntry
from coalition.tui.safe_text import plain, safe


@dataclass(frozen=True, slots=True)
class NewSessionForm:
    """What the facilitator typed; the app validates it through the core."""

    client: str
    title: str
    facilitator: str
    playbook: str
    participants: tuple[str, ...]


PARTICIPANT_SEPARATOR = ";"  # commas belong to `has:power,leadership`
PARTICIPANTS_PLACEHOLDER = "Dana Ross role:COO has:power,leadership; Ivan Lee side:it"
PARTICIPANTS_HINT = (
    "Separate people with ;  each: Name role:… side:business|it\n"
    "has:power,expertise,credibility,leadership (a comma list)"
)
CHOICE_WIDTH = 56


# `has:power,leadership` and quoted values may hold commas; nothing else in an entry should
_COMMA_ALLOWED = re.compile(r'(?<!\S)(?:has:\S+|[a-z]+:"[^"]*")')


def split_participants(text: str) -> tuple[str, ...]:
    """`Dana role:COO has:power,leadership; Ivan side:it` -> one entry per person."""
    return tuple(part.strip() for part in text.split(PARTICIPANT_SEPARATOR) if part.strip())


def comma_problem(entries: tuple[str, ...]) -> str | None:
    """A message when an entry holds a comma that looks like a separator between people."""
    for entry in entries:
        if "," in _COMMA_ALLOWED.sub("", entry):
            return (
                f"'{entry}': separate people with ';' (commas only go inside has:power,leadership)."
            )
    return None


class NewSessionDialog(ModalScreen[NewSessionForm | None]):
    """Fill in and press Enter (or Start); Escape cancels. Errors show under the form.

    `on_start` tries to start the session and returns a problem to show, or None.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="new.cancel", tooltip="Cancel")
    ]

    def __init__(
        self,
        playbooks: list[PlaybookEntry],
        default_playbook: str,
        facilitator: str,
        on_start: Callable[[NewSessionForm], str | None],
    ) -> None:
        super().__init__()
        self._on_start = on_start
        self._playbooks = playbooks
        self._default = default_playbook
        self._facilitator = facilitator

    def compose(self) -> ComposeResult:
        names = [e.name for e in self._playbooks]
        with Vertical(classes="dialog", id="new-session"):
            yield Static("New session", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Client")
                yield Input(placeholder="e.g. Acme Insurance", id="new-client", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Title")
                yield Input(placeholder="e.g. Coalition kick-off", id="new-title", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Facilitator")
                yield Input(self._facilitator, id="new-facilitator", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Playbook")
                yield Select(
                    [(plain(self._choice_label(e)), e.name) for e in self._playbooks],
                    value=self._default if self._default in names else Select.NULL,
                    allow_blank=not names,
                    id="new-playbook",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label("Participants")
                yield Input(
                    placeholder=PARTICIPANTS_PLACEHOLDER, id="new-participants", compact=True
                )
            yield Static(PARTICIPANTS_HINT, classes="dialog-hint", markup=False)
            # a broken playbook's problems scroll here; the buttons stay on screen
            with VerticalScroll(id="new-error-box"):
                yield Static("", id="new-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start (Enter)", id="new-start", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="new-cancel", compact=True)

    @staticmethod
    def _choice_label(entry: PlaybookEntry) -> str:
        label = f"{entry.name} — {entry.title}"
        return label if len(label) <= CHOICE_WIDTH else label[: CHOICE_WIDTH - 1] + "…"

    def on_mount(self) -> None:
        self.query_one("#new-error-box", VerticalScroll).display = False

    def show_error(self, message: str) -> None:
        box = self.query_one("#new-error-box", VerticalScroll)
        box.display = bool(message)
        self.query_one("#new-error", Static).update(safe(message))  # several lines
        box.scroll_home(animate=False)

    def form(self) -> NewSessionForm:
        value = self.query_one("#new-playbook", Select).value
        return NewSessionForm(
            client=self.query_one("#new-client", Input).value,
            title=self.query_one("#new-title", Input).value,
            facilitator=self.query_one("#new-facilitator", Input).value,
            playbook=value if isinstance(value, str) else "",
            participants=split_participants(self.query_one("#new-participants", Input).value),
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new-start":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        form = self.form()
        if not form.client.strip() or not form.title.strip():
            self.show_error("Give the client and the title.")
            return
        if not form.playbook:
            self.show_error("Choose a playbook.")
            return
        problem = comma_problem(form.participants)
        if problem:
            self.show_error(problem)
            return
        problem = self._on_start(form)
        if problem:
            self.show_error(problem)
        else:
            self.dismiss(form)

    def action_cancel(self) -> None:
        """Escape: closes an open playbook list first, the dialog only after that."""
        select = self.query_one("#new-playbook", Select)
        if select.expanded:
            select.expanded = False
            select.focus()
            return
        self.dismiss(None)
