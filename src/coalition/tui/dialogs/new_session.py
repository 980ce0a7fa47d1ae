"""The form that starts a new session: client, title, date, facilitator, playbook, people.

The date is today's unless changed (ISO, as `coalition new --date` takes it); the session's
file name, its place in the client's sequence and what it carries follow from it the same
way for both.

For a client that already has sessions, the form says what the new one will carry forward
from the latest (looked up in a worker thread as the client's name is typed, since a long
programme means reading many files) and offers to start fresh instead.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import get_current_worker

from coalition.domain.dates import session_date
from coalition.services.playbook_library import PlaybookEntry
from coalition.services.sessions import CarryPreview
from coalition.tui.safe_text import plain, safe


@dataclass(frozen=True, slots=True)
class NewSessionForm:
    """What the facilitator typed; the app validates it through the core."""

    client: str
    title: str
    facilitator: str
    playbook: str
    participants: tuple[str, ...]
    fresh: bool = False  # start empty instead of from the client's latest session
    date: dt.date | None = None  # None: today


PARTICIPANT_SEPARATOR = ";"  # commas belong to `has:power,leadership`
PARTICIPANTS_PLACEHOLDER = "Dana Ross role:COO has:power,leadership; Ivan Lee side:it"
PARTICIPANTS_HINT = (
    "Separate people with ;  each: Name role:… side:business|it\n"
    "has:power,expertise,credibility,leadership (a comma list)"
)
CHOICE_WIDTH = 56
FRESH_LABEL = "Start fresh (Ctrl+F): carry nothing over"
NO_CLIENT_YET = "A client's next session carries its latest one forward: roster, open actions, …"
LOOKUP_DELAY = 0.15  # seconds of no typing in the client's name before its sessions are read


def carry_text(preview: CarryPreview, fresh: bool) -> str:
    """What the form says the new session starts from."""
    if not preview.previous:
        return "New client: nothing to carry forward."
    if fresh:
        return f"Starts empty: nothing carried from {preview.previous}; IDs go on after it."
    return f"Carries from {preview.previous}: {preview.counts or 'nothing open'}."


class FormCheckbox(Checkbox, inherit_bindings=False):
    """A checkbox that Space toggles; Enter submits the form, as it does in every field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Toggle", show=False),
    ]
    BUTTON_INNER = " "  # marked only when ticked: the state shows without colour

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()


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
        Binding("escape", "cancel", "Cancel", id="new.cancel", tooltip="Cancel"),
        Binding("ctrl+f", "toggle_fresh", "Fresh", id="new.fresh", show=False,
                tooltip="Start fresh: carry nothing over from the client's latest session"),
        Binding("enter", "submit", "Start", id="new.start", show=False,
                tooltip="Start the session"),
    ]  # fmt: skip

    def __init__(
        self,
        playbooks: list[PlaybookEntry],
        default_playbook: str,
        facilitator: str,
        on_start: Callable[[NewSessionForm], str | None],
        carry_preview: Callable[[str], CarryPreview] | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self._today = today or dt.date.today()
        self._on_start = on_start
        self._carry_preview = carry_preview
        self._preview = CarryPreview()
        self._lookups = 0  # the newest lookup's number: an older one may finish last
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
                yield Label("Date", id="new-date-label")
                yield Input(
                    self._today.isoformat(), placeholder="YYYY-MM-DD", id="new-date", compact=True
                )
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
            yield Static(
                PARTICIPANTS_HINT, id="new-participants-hint", classes="dialog-hint", markup=False
            )
            with Horizontal(classes="form-row", id="new-fresh-row"):
                yield Label("Carry over")
                yield FormCheckbox(FRESH_LABEL, id="new-fresh", compact=True)
            yield Static(NO_CLIENT_YET, id="new-carry", classes="dialog-hint", markup=False)
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

    # -- what the new session carries ------------------------------------------------------

    @property
    def fresh(self) -> bool:
        return self.query_one("#new-fresh", Checkbox).value

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "new-client" and self._carry_preview is not None:
            self._lookups += 1
            self._look_up(event.value, self._lookups)

    # Only a preview: a failure here must never take the app down (the form stays usable,
    # and Start reports any real problem).
    @work(thread=True, exclusive=True, group="carry-preview", exit_on_error=False)
    def _look_up(self, client: str, number: int) -> None:
        """Read the client's sessions once typing pauses; show what would carry."""
        assert self._carry_preview is not None
        time.sleep(LOOKUP_DELAY)
        if get_current_worker().is_cancelled or number != self._lookups:
            return  # the name changed again meanwhile, or the form closed
        preview = self._carry_preview(client) if client.strip() else CarryPreview()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_preview, preview, number)

    def _show_preview(self, preview: CarryPreview, number: int) -> None:
        if number != self._lookups or not self.is_attached:
            return  # an older lookup finished last, or the form has closed
        self._preview = preview
        self._show_carry()

    def _show_carry(self) -> None:
        client = self.query_one("#new-client", Input).value.strip()
        text = carry_text(self._preview, self.fresh) if client else NO_CLIENT_YET
        self.query_one("#new-carry", Static).update(plain(text))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._show_carry()

    def action_toggle_fresh(self) -> None:
        self.query_one("#new-fresh", Checkbox).toggle()

    @property
    def carry_summary(self) -> str:
        """What the form says now about carrying forward (for tests and the curious)."""
        return str(self.query_one("#new-carry", Static).content)

    # -- errors and submitting -------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show a problem under the form; it takes the participants hint's place, so the
        form and its buttons still fit 24 lines."""
        box = self.query_one("#new-error-box", VerticalScroll)
        box.display = bool(message)
        self.query_one("#new-participants-hint", Static).display = not message
        self.query_one("#new-error", Static).update(safe(message))  # several lines
        box.scroll_home(animate=False)

    def form(self) -> NewSessionForm:
        """What the form holds; raises ValueError for a date that is not one."""
        value = self.query_one("#new-playbook", Select).value
        try:
            date = session_date(self.query_one("#new-date", Input).value)
        except ValueError as error:
            raise ValueError(f"Date: {error}") from None
        return NewSessionForm(
            client=self.query_one("#new-client", Input).value,
            title=self.query_one("#new-title", Input).value,
            facilitator=self.query_one("#new-facilitator", Input).value,
            playbook=value if isinstance(value, str) else "",
            participants=split_participants(self.query_one("#new-participants", Input).value),
            fresh=self.fresh,
            date=date,
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new-start":
            self._submit()
        else:
            self.dismiss(None)

    def action_submit(self) -> None:
        """Enter where no field takes it (the checkbox): start, as from any field."""
        self._submit()

    def _submit(self) -> None:
        try:
            form = self.form()
        except ValueError as error:
            self.show_error(str(error))
            self.query_one("#new-date", Input).focus()
            return
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
