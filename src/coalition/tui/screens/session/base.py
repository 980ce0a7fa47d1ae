"""What every part of the session screen shares: the store, the step, the widgets.

`SessionScreen` (screen.py) is built from a few parts, one module each: capturing lines
(capture.py), editing items (item_editing.py), moving between steps and the countdown
(steps.py). Each part is a subclass of `SessionBase`, which holds the state they share and
the small helpers they all call (show a change, save and report a failure).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.screen import Screen

from coalition.domain.decision_log import superseded_by
from coalition.domain.facilitation import Timebox, captured_steps
from coalition.domain.models import Decision, Item, Participant, SessionStatus, StepSnapshot
from coalition.errors import CoalitionError
from coalition.services.editing import UndoHistory
from coalition.store import SessionStore
from coalition.tui.host import AppHost, app_host
from coalition.tui.screens.tools import TOOLS, tool_for_step
from coalition.tui.widgets.agenda import Agenda
from coalition.tui.widgets.capture_line import CaptureLine
from coalition.tui.widgets.items_table import ItemsTable, describe
from coalition.tui.widgets.roster import Roster
from coalition.tui.widgets.step_guide import StepGuide
from coalition.tui.widgets.timebox_bar import TimeboxBar

SAVE_ELAPSED_EVERY = 60.0  # seconds: a laptop that dies loses at most this much countdown


class SessionBase(Screen[None]):
    """The open session's state and the widgets every part of the screen updates."""

    def __init__(
        self,
        store: SessionStore,
        *,
        clock: Callable[[], float],
        today: Callable[[], dt.date],
    ) -> None:
        super().__init__()
        self.store = store
        self.history = UndoHistory()
        # set by a tool screen when it saved something the items list or roster shows
        self.tool_changed = False
        self._clock = clock
        self._today = today
        self._timeboxes: dict[str, Timebox] = {}
        self._last_tick = clock()
        self._elapsed_saved_at = self._last_tick
        if store.info.playbook.step(store.info.current_step) is None and store.info.playbook.steps:
            self._current = store.info.playbook.steps[0].id
        else:
            self._current = store.info.current_step

    @property
    def coalition_app(self) -> AppHost:
        return app_host(self)

    @property
    def current_step(self) -> StepSnapshot:
        step = self.store.info.playbook.step(self._current)
        assert step is not None
        return step

    @property
    def capture_line(self) -> CaptureLine:
        return self.query_one("#capture", CaptureLine)

    @property
    def items_table(self) -> ItemsTable:
        return self.query_one("#items", ItemsTable)

    # -- showing ---------------------------------------------------------------------------

    def refresh_step(self) -> None:
        """Show the current step everywhere (after opening or moving)."""
        self.show_agenda()
        self.query_one("#guide", StepGuide).show(self.current_step)
        self.capture_line.suggest(self.current_step.captures)
        self.show_replacements()
        self.items_table.show_items(self.store.session.items_in_step(self._current))
        self.update_items_title()
        self.update_bar()
        self.describe_highlighted()

    def show_agenda(self) -> None:
        """The steps, the current one marked, and those where something was captured."""
        captured = captured_steps(self.store.session)
        self.query_one("#agenda", Agenda).show(self.store.info, self._current, captured)

    def show_replacements(self) -> None:
        """Which decisions the session's decisions have superseded (the list shows it)."""
        self.items_table.show_replacements(superseded_by(self.store.session.decisions))

    def show_roster(self) -> None:
        self.query_one("#roster", Roster).show(self.store.session.participants)

    def update_items_title(self) -> None:
        title = f"Captured in this step ({self.items_table.item_count})"
        tool = tool_for_step(self.current_step)
        if tool is not None:
            title += f" · F2: {TOOLS[tool][1]}"
        self.items_table.border_title = title

    def describe_highlighted(self) -> None:
        """While the list has the focus, the status line shows the highlighted item in full
        (the list crops long texts), as saved now: never one of another step, or stale."""
        if not self.items_table.has_focus:
            return
        item_id = self.items_table.selected_id()
        if item_id is None:
            self.capture_line.show_info("No items in this step yet · typing captures one")
            return
        item = self.store.get(item_id)
        self.capture_line.show_info(f"{item.id}: {describe(item, self.items_table.replaced).plain}")

    def show_change(
        self, item: Item | None, *, removed: Item | None = None, move_cursor: bool = False
    ) -> None:
        """One item saved (or removed): update its row, or the roster for a person."""
        table = self.items_table
        if removed is not None:
            table.remove_item(removed.id)
        if isinstance(item, Participant) or isinstance(removed, Participant):
            self.show_roster()
        elif item is not None and item.step == self._current:
            table.upsert(item, move_cursor=move_cursor)
        if isinstance(item, Decision) or isinstance(removed, Decision):
            self.show_replacements()  # a decision that supersedes another changes its row
        self.update_items_title()
        self.describe_highlighted()

    def focus_capture(self) -> None:
        self.capture_line.input.focus()

    # -- the countdown bar -----------------------------------------------------------------

    @property
    def timebox(self) -> Timebox:
        """The current step's countdown (each step keeps its own, resumed from the file)."""
        step = self.current_step
        if step.id not in self._timeboxes:
            self._timeboxes[step.id] = Timebox(
                budget_seconds=step.timebox_minutes * 60,
                elapsed_seconds=self.store.info.step_elapsed.get(step.id, 0),
            )
        return self._timeboxes[step.id]

    def tick(self) -> None:
        """Count the time since the last tick on the current step's countdown."""
        now = self._clock()
        self.timebox.tick(now - self._last_tick)
        self._last_tick = now
        self.update_bar()
        if now - self._elapsed_saved_at >= SAVE_ELAPSED_EVERY:
            self.save_elapsed()

    def step_elapsed(self) -> dict[str, int]:
        """Whole seconds run per step: what the file had, updated by this run's countdowns."""
        elapsed = dict(self.store.info.step_elapsed)
        for step_id, timebox in self._timeboxes.items():
            elapsed[step_id] = round(timebox.elapsed_seconds)
        return {step_id: seconds for step_id, seconds in elapsed.items() if seconds > 0}

    def save_elapsed(self, current_step: str = "") -> None:
        """Save the countdowns (on a step change, a pause, now and then, and at close).

        Not on every tick: each save rewrites the session's metadata and syncs the disk.
        """
        self._elapsed_saved_at = self._clock()
        if self.store.info.status is SessionStatus.CLOSED:
            return  # looked at, not reopened: a closed session's file is not touched
        elapsed = self.step_elapsed()
        unchanged = elapsed == dict(self.store.info.step_elapsed)
        if unchanged and current_step in ("", self.store.info.current_step):
            return
        try:
            self.store.set_step_elapsed(elapsed, current_step)
        except CoalitionError as error:
            self.coalition_app.show_error(error)

    def bar_labels(self) -> tuple[str, str]:
        """The position ("Step 3/13") and title the bar shows, here and on the tool screens."""
        playbook = self.store.info.playbook
        position = f"{playbook.step_index(self._current) + 1}/{len(playbook.steps)}"
        return f"Step {position}", self.current_step.title

    def update_bar(self) -> None:
        position, title = self.bar_labels()
        self.query_one("#timebox", TimeboxBar).show(position, title, self.timebox)

    # -- saving ----------------------------------------------------------------------------

    def save(self, operation: Callable[[], object]) -> bool:
        """Run a store change; a failure becomes a notification and False."""
        try:
            operation()
        except CoalitionError as error:
            self.coalition_app.show_error(error)
            return False
        return True
