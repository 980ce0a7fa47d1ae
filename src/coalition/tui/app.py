"""The facilitation app: one factory (`create_app`) for the command line and the tests.

The app owns the open session's store and the flows between screens (open, start, export,
close); screens render and route keys. Expected failures (CoalitionError) become
notifications; the app keeps running and keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.widgets import Input

from coalition.errors import CoalitionError
from coalition.services.room_options import RoomOptions, room_options
from coalition.services.workspace import Workspace
from coalition.tui.screens.home import HomeScreen
from coalition.tui.textual_internals import (
    full_collections_back,
    full_collections_off,
    keys_handled,
    shown_notifications,
    tidy_memory,
    withdraw_notification,
)
from coalition.visible_text import visible

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from coalition.room import Room
    from coalition.services.sessions import CarryPreview
    from coalition.store import SessionStore
    from coalition.tui.dialogs.new_session import NewSessionForm
    from coalition.tui.host import AppHost
    from coalition.tui.room_holder import RoomHolder
    from coalition.tui.screens.help import KeyTable
    from coalition.tui.screens.session import SessionScreen

# Everything below Home is imported when first used: start-up pays only for Home.

MAX_TOASTS = 2  # at most this many notifications on screen at once
IDLE_SECONDS = 2.0  # no key for this long: a good moment for a full garbage collection
TIDY_AT_LEAST_EVERY = 60.0  # seconds
BIG_SESSION = 1_000  # items: opening one tidies memory at once
TYPE_AHEAD_CHECK = 0.002  # seconds between checks that the key in flight is handled
TYPE_AHEAD_LIMIT = 1.5  # a key in flight longer than this no longer holds the next ones


def _coalition_commands() -> type[Provider]:
    from coalition.tui.commands import CoalitionCommands

    return CoalitionCommands


class CoalitionApp(App[int]):
    """Home screen at the bottom of the stack; a session screen on top while one is open."""

    CSS_PATH = "app.tcss"
    TITLE = "coalition"
    COMMANDS = App.COMMANDS | {_coalition_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", key_display="F1", id="app.help",
                tooltip="Every key and the capture syntax"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False,
                tooltip="Quit (everything shown as saved is already on disk)"),
    ]  # fmt: skip

    def __init__(
        self,
        workspace: Workspace,
        session_path: Path | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], dt.date] = dt.date.today,
        theme: str | None = None,
        room_flags: RoomOptions | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self._initial_session = session_path
        self.clock = clock
        self.today = today
        self.store: SessionStore | None = None
        self._started: SessionStore | None = None  # made by the new-session dialog
        self._last_key = 0.0
        self._last_tidy = 0.0
        self._untidy = True
        self._gc_thresholds: tuple[int, int, int] | None = None
        self._typed_ahead: deque[events.Key] = deque()
        self._key_routed_at = 0.0
        self._key_in_flight = False
        self._release_pending = False
        self._room_flags = room_flags or RoomOptions()
        self._rooms: RoomHolder | None = None
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.workspace))
        if self._initial_session is not None:
            self.open_session(self._initial_session)
        self._gc_thresholds = full_collections_off()
        self.set_interval(1.0, self._tidy_memory_when_idle)

    def on_unmount(self) -> None:
        # The loop ends: nothing could wait. The room stops here, before the file closes.
        store, self.store = self.store, None
        if self._rooms is not None:
            self._rooms.close_now()
        if store is not None:
            store.close()

    async def action_quit(self) -> None:
        """Quit (Ctrl+Q, Home's q, the palette): the countdowns are saved first and the
        room stops serving before the session's file closes."""
        self._save_countdowns()
        await self.rooms.closed()
        await super().action_quit()
        if self._gc_thresholds is not None:
            full_collections_back(self._gc_thresholds)

    # -- memory --------------------------------------------------------------------------
    #
    # Automatic full collections are off while the app runs (textual_internals says why);
    # the app collects when the room is idle: no key for two seconds, at least once a minute.

    def _tidy_memory(self) -> None:
        tidy_memory()
        self._untidy = False
        self._last_tidy = time.monotonic()

    def _tidy_memory_when_idle(self) -> None:
        now = time.monotonic()
        if now - self._last_key < IDLE_SECONDS:
            return
        if self._untidy or now - self._last_tidy >= TIDY_AT_LEAST_EVERY:
            self._tidy_memory()

    # -- keys ----------------------------------------------------------------------------

    #
    # Textual hands a typed character to the focused widget at once, but acts on a key's
    # binding (Tab: next field, Enter: submit, Backspace, Ctrl+U, `n`: new session) only
    # once the key has travelled to the focused widget and back up to the app. Keys that
    # arrive together (a fast typist, a paste, a busy moment) were each routed to whatever
    # had the focus when they reached the app: the characters after a Tab landed in the
    # field before it, those after Enter in the line being submitted. So the app routes a
    # key only once the one before it has been handled, and holds the keys typed ahead.

    async def on_event(self, event: events.Event) -> None:
        """Typed keys go through `_route_typed_keys`, one at a time, in the order typed."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._last_key = time.monotonic()
            self._untidy = True
            self._typed_ahead.append(event)
            await self._route_typed_keys()
            return
        await super().on_event(event)

    async def _route_typed_keys(self) -> None:
        """Route each held key once the key before it is handled (checked every few ms).

        A screen may take a typed key before the focused widget gets it (`take_typing`).
        """
        while self._typed_ahead:
            waited = time.monotonic() - self._key_routed_at
            if self._key_in_flight and waited < TYPE_AHEAD_LIMIT and not keys_handled(self):
                if not self._release_pending:
                    self._release_pending = True
                    # a timer's callback runs in the timer's own task: route from the app's
                    self.set_timer(TYPE_AHEAD_CHECK, lambda: self.call_later(self._release))
                return
            event = self._typed_ahead.popleft()
            self._key_routed_at = time.monotonic()
            self._key_in_flight = False
            take = getattr(self.screen, "take_typing", None)
            if take is not None and take(event):
                continue
            # A character typed into a field is inserted by the field, in the order of its
            # own queue, so the next key may follow at once; any other key may act (move
            # the focus, submit, open a screen) only on its way back: the next one waits.
            self._key_in_flight = not (event.is_printable and isinstance(self.focused, Input))
            await super().on_event(event)

    async def _release(self) -> None:
        self._release_pending = False
        await self._route_typed_keys()

    # -- notifications and errors --------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast (top right, see app.tcss); older ones give way so they never pile up."""
        shown = shown_notifications(self)
        for old in shown[: max(0, len(shown) - (MAX_TOASTS - 1))]:
            withdraw_notification(self, old)
        # a toast quoting a name or a text passes markup=False; none shows a control character
        message, title = visible(message), visible(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def show_error(self, error: CoalitionError) -> None:
        """An expected failure, as a notification that stays long enough to read."""
        self.notify(error.message, title=error.title, severity="error", timeout=12, markup=False)

    # -- sessions ------------------------------------------------------------------------

    def session_screen(self) -> SessionScreen | None:
        from coalition.tui.screens.session import SessionScreen

        return next((s for s in reversed(self.screen_stack) if isinstance(s, SessionScreen)), None)

    def open_session(self, path: Path) -> bool:
        """Open (lock) a session file and show it at its saved current step."""
        from coalition.domain.models import SessionStatus
        from coalition.store import SessionStore

        self._close_session_screen()
        try:
            store = SessionStore.open(path, lock_timeout=0.3)
            if store.info.status is not SessionStatus.CLOSED:  # closed: only once reopened
                self._reserve_client_ids(store)
        except CoalitionError as error:
            self.show_error(error)
            return False
        self.show_session(store)
        return True

    def _reserve_client_ids(self, store: SessionStore) -> None:
        """IDs go on past the client's other sessions, whichever is filled in when."""
        from coalition.services.sessions import reserve_client_ids

        try:
            reserve_client_ids(self.workspace, store)
        except CoalitionError:
            store.close()
            raise

    def show_session(self, store: SessionStore) -> None:
        from coalition.domain.models import SessionStatus
        from coalition.tui.screens.session import SessionScreen

        self.store = store
        self.push_screen(SessionScreen(store, clock=self.clock, today=self.today))
        if len(store.session.items()) >= BIG_SESSION:  # freeze what the session loaded
            self.call_after_refresh(self._tidy_memory)
        if store.info.status is SessionStatus.CLOSED:
            self._ask_to_reopen(store)

    def _ask_to_reopen(self, store: SessionStore) -> None:
        """A closed session's minutes are final: change it only if the facilitator says so."""
        from coalition.services.minutes_files import minutes_path
        from coalition.services.sessions import reopen_for_change
        from coalition.tui.dialogs.choice import ChoiceDialog

        minutes = minutes_path(store.path) if store.path else None

        def answered(answer: str | None) -> None:
            if answer != "r":
                self._close_session_screen()
                return
            try:
                reopen_for_change(store, reopen=True, how_to_reopen="reopen it")
                self._reserve_client_ids(store)
            except CoalitionError as error:
                self.show_error(error)
                self._close_session_screen()
                return
            self.notify(
                f"Reopened. Its minutes ({minutes}) are out of date until you close it again "
                "with F10, which rewrites them.",
                title="Session reopened",
                markup=False,
            )

        self.push_screen(
            ChoiceDialog(
                "This session is closed",
                f"Its minutes were written when it closed ({minutes}). Reopen it to change "
                "it? Closing it again (F10) rewrites the minutes.",
                [("r", "Reopen"), ("escape", "Back to Home")],
            ),
            answered,
        )

    def action_new_session(self) -> None:
        from coalition.services.playbook_library import DEFAULT_PLAYBOOK, list_playbooks
        from coalition.tui.dialogs.new_session import NewSessionDialog

        settings: dict[str, str] = {}
        try:
            settings = self.workspace.settings()
        except CoalitionError as error:
            self.show_error(error)
        entries = [e for e in list_playbooks(self.workspace) if not e.shadowed]
        self.push_screen(
            NewSessionDialog(
                entries,
                settings.get("default_playbook", DEFAULT_PLAYBOOK),
                settings.get("facilitator", ""),
                self._start_session,
                self._carry_preview,
                today=self.today(),
            ),
            self._show_started_session,
        )

    def _carry_preview(self, client: str) -> CarryPreview:
        """What a new session of this client would carry (called from a worker thread)."""
        from coalition.services.sessions import CarryPreview, carry_preview

        try:
            return carry_preview(self.workspace, client)
        except CoalitionError:
            return CarryPreview()  # the session itself reports the problem on Start

    def _start_session(self, form: NewSessionForm) -> str | None:
        """Create the session file and its participants; a problem comes back as text."""
        from coalition.domain.capture import parse_capture
        from coalition.services.new_session import seat_participants, start_client_session
        from coalition.services.playbook_library import find_playbook

        try:
            members = [parse_capture(f"p {entry}", (), self.today()).fields
                       for entry in form.participants]  # fmt: skip
            started = start_client_session(
                self.workspace,
                client=form.client,
                title=form.title,
                playbook=find_playbook(form.playbook, self.workspace),
                facilitator=form.facilitator,
                date=form.date or self.today(),
                fresh=form.fresh,
            )
        except CoalitionError as error:
            return error.message
        if started.clash_lines:  # as `coalition new` warns
            warning = " ".join(line.strip() for line in started.clash_lines)
            self.notify(warning, title="ID clash", severity="warning", timeout=30, markup=False)
        try:
            seat_participants(started.store, members)
        except CoalitionError as error:
            self.show_error(error)
        self._started = started.store
        return None

    def _show_started_session(self, form: NewSessionForm | None) -> None:
        store, self._started = self._started, None
        if form is not None and store is not None:
            self._close_session_screen()
            self.show_session(store)

    # -- minutes and closing -------------------------------------------------------------

    def preview_minutes(self, store: SessionStore) -> None:
        from coalition.tui.screens.minutes import MinutesScreen

        self.push_screen(MinutesScreen(store))

    def export_minutes(self, store: SessionStore) -> Path | None:
        from coalition.services.minutes_files import export_minutes

        try:
            target = export_minutes(store.session, store.path)
        except CoalitionError as error:
            self.show_error(error)
            return None
        self.notify(f"Minutes written to {target}", title="Minutes", markup=False)
        return target

    def review_and_close(self, store: SessionStore, back: Callable[[], None]) -> None:
        """The end review; closing there writes the final minutes, Esc calls `back`."""
        from coalition.domain.checks import checks_beyond_gaps
        from coalition.services.minutes_files import minutes_path
        from coalition.services.review import review_gaps
        from coalition.services.sessions import close_session
        from coalition.tui.dialogs.end_review import EndReviewDialog
        from coalition.tui.dialogs.text_prompt import TextPrompt

        target = minutes_path(store.path) if store.path else Path("(no file)")

        def named(name: str | None) -> None:
            if name is not None and name.strip():
                try:
                    store.update_info(facilitator=" ".join(name.split()))
                except CoalitionError as error:
                    self.show_error(error)
            self.review_and_close(store, back)

        def answered(answer: str | None) -> None:
            if answer == EndReviewDialog.FACILITATOR:
                hint = "Enter saves · Esc back to the review"
                self.push_screen(TextPrompt("Facilitator", hint, store.info.facilitator), named)
                return
            if answer != EndReviewDialog.CLOSE:
                back()
                return
            self._save_countdowns()  # while the session is still open
            try:
                written = close_session(store)
            except CoalitionError as error:
                self.show_error(error)
                return
            self.notify(f"Minutes written to {written}", title="Minutes", markup=False)
            self._close_session_screen()

        self.push_screen(
            EndReviewDialog(
                review_gaps(store.session), str(target), checks_beyond_gaps(store.session)
            ),
            answered,
        )

    def _close_session_screen(self) -> None:
        self._save_countdowns()
        while self.session_screen() is not None:
            self.pop_screen()
        self._release_store()

    def _save_countdowns(self) -> None:
        """Before the session's file closes: how long each step's countdown has run."""
        screen = self.session_screen()
        if screen is not None and self.store is not None and screen.store is self.store:
            screen.tick()
            screen.save_elapsed()

    def _release_store(self) -> None:
        """Close the session's file, once the room (if open) has stopped writing to it."""
        store, self.store = self.store, None
        if store is not None:
            self.rooms.close(then=store.close)

    # -- the room ------------------------------------------------------------------------

    @property
    def rooms(self) -> RoomHolder:
        """The room's holder, made when first needed (start-up pays only for Home)."""
        if self._rooms is None:
            from coalition.tui.room_holder import RoomHolder

            self._rooms = RoomHolder()
        return self._rooms

    @property
    def room(self) -> Room | None:
        return self.rooms.room

    async def open_room(self, store: SessionStore, on_change: Callable[[], None]) -> Room | None:
        """Serve the room over this store, from its own thread; None (and why) if it cannot."""
        try:
            settings = self.workspace.settings()
            options = room_options(self._room_flags, settings, self.workspace.root)
            return await self.rooms.open(store, options, on_change)
        except CoalitionError as error:
            self.show_error(error)
            return None

    def close_room(self) -> None:
        self.rooms.close()

    # -- other screens -------------------------------------------------------------------

    def action_help(self) -> None:
        from coalition.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(*key_tables()))

    def action_browse_playbooks(self) -> None:
        from coalition.services.playbook_library import list_playbooks
        from coalition.tui.screens.playbooks import PlaybooksScreen

        self.push_screen(PlaybooksScreen(list_playbooks(self.workspace)))


def key_tables() -> tuple[list[KeyTable], list[KeyTable]]:
    """Every screen's keys for the help: the app's and the screens', then the tools'."""
    from coalition.tui.screens.home import HomeScreen
    from coalition.tui.screens.minutes import MinutesScreen
    from coalition.tui.screens.session import SessionScreen
    from coalition.tui.screens.tools import TOOLS
    from coalition.tui.widgets.items_table import ItemsTable

    keys: list[KeyTable] = [
        ("Everywhere", CoalitionApp.BINDINGS),
        ("Session", SessionScreen.BINDINGS),
        ("Items list (Esc from the capture line)", ItemsTable.BINDINGS),
        ("Minutes preview", MinutesScreen.BINDINGS),
        ("Home", HomeScreen.BINDINGS),
    ]
    tools: list[KeyTable] = [
        (label.capitalize(), screen.BINDINGS) for screen, label, _ in TOOLS.values()
    ]
    return keys, tools


if TYPE_CHECKING:  # mypy checks here that the app gives the screens what they need
    _HOST: type[AppHost] = CoalitionApp


def create_app(
    workspace: Workspace,
    session_path: Path | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
    today: Callable[[], dt.date] = dt.date.today,
    theme: str | None = None,
    room_flags: RoomOptions | None = None,
) -> CoalitionApp:
    """The one factory: the CLI and the tests build the app the same way."""
    return CoalitionApp(
        workspace, session_path, clock=clock, today=today, theme=theme, room_flags=room_flags
    )


def run_app(
    workspace: Workspace, session_path: Path | None, room_flags: RoomOptions | None = None
) -> int:
    """Run the app in the terminal; returns the process exit code."""
    app = create_app(workspace, session_path, room_flags=room_flags)
    result = app.run()
    return result if isinstance(result, int) else 0
