"""The session screen: agenda, step guide, capture line, items and roster, with the clock.

The screen renders and routes keys; the rules live in the core (`parse_capture`,
`neighbour_step`, `Timebox`, `coalition.services.editing`) and every change goes through the store,
which has saved it durably before the screen shows it as saved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input

from coalition.domain.capture import Capture, match_participant, parse_capture
from coalition.domain.checks import alignment_checks
from coalition.domain.facilitation import Timebox, neighbour_step
from coalition.domain.models import Item, Participant, StepSnapshot
from coalition.errors import CaptureError, CoalitionError
from coalition.services.editing import (
    UndoHistory,
    can_be_owned,
    cycle_status,
    owner_of,
    same_person,
    vote,
    with_owner,
    with_text,
)
from coalition.store import SessionStore
from coalition.tui.dialogs.checks import ChecksDialog
from coalition.tui.dialogs.choice import ChoiceDialog
from coalition.tui.dialogs.pick import PickDialog
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.host import AppHost, app_host
from coalition.tui.messages import CaptureSubmitted, StepChosen
from coalition.tui.screens.tools import TOOLS, ToolScreen, tool_for_step
from coalition.tui.widgets.agenda import Agenda
from coalition.tui.widgets.capture_line import CaptureLine
from coalition.tui.widgets.items_table import ItemsTable, describe
from coalition.tui.widgets.roster import Roster
from coalition.tui.widgets.step_guide import StepGuide
from coalition.tui.widgets.timebox_bar import TimeboxBar

EXTEND_SECONDS = 300


class SessionScreen(Screen[None]):
    """Run one session. Page Down / Page Up move between steps (a presenter clicker works)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "next_step", "Next", priority=True, key_display="PgDn",
                id="session.next_step", tooltip="Move the room to the next step"),
        Binding("pageup", "previous_step", "Back", priority=True, key_display="PgUp",
                id="session.previous_step", tooltip="Go back to the previous step"),
        Binding("f5", "toggle_timebox", "Pause", key_display="F5", id="timebox.pause",
                tooltip="Pause or resume the step's countdown"),
        Binding("f6", "extend_timebox", "+5m", key_display="F6", id="timebox.extend",
                tooltip="Give the current step five more minutes"),
        Binding("f2", "open_tool", "Tool", key_display="F2", id="session.tool",
                tooltip="Open this step's alignment tool (or choose one): coalition, value "
                        "streams, reporting review, irritant register"),
        Binding("f7", "show_checks", "Checks", key_display="F7", id="session.checks",
                show=False, tooltip="Show the alignment checks and what to do about each"),
        Binding("f9", "preview_minutes", "Minutes", key_display="F9", id="minutes.preview",
                tooltip="Preview the minutes the export will write"),
        Binding("f10", "end_session", "End", key_display="F10", id="session.end",
                tooltip="Review what is missing, close the session and write the minutes"),
        Binding("ctrl+z", "undo", "Undo", id="items.undo", show=False,
                tooltip="Undo the last capture, edit or delete"),
        Binding("escape", "focus_items", "Items", id="session.items", show=False,
                tooltip="Leave the capture line to edit the items"),
    ]  # fmt: skip

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
        if store.info.playbook.step(store.info.current_step) is None and store.info.playbook.steps:
            self._current = store.info.playbook.steps[0].id
        else:
            self._current = store.info.current_step

    @property
    def coalition_app(self) -> AppHost:
        return app_host(self)

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TimeboxBar(id="timebox")
        with Horizontal(id="session-body"):
            with Vertical(id="side"):
                yield Agenda(id="agenda")
                yield Roster(id="roster")
            with Vertical(id="main"):
                yield StepGuide(id="guide")
                yield ItemsTable(id="items")
                yield CaptureLine(id="capture")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#roster", Roster).border_title = "Coalition"
        self.query_one("#agenda", Agenda).border_title = self.store.info.playbook.title
        self.refresh_step()
        self.query_one("#roster", Roster).show(self.store.session.participants)
        self.set_interval(1.0, self.tick)
        self.focus_capture()

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

    def refresh_step(self) -> None:
        """Show the current step everywhere (after opening or moving)."""
        playbook = self.store.info.playbook
        self.query_one("#agenda", Agenda).show(playbook, self._current)
        self.query_one("#guide", StepGuide).show(self.current_step)
        self.items_table.show_items(self.store.session.items_in_step(self._current))
        self.update_items_title()
        self.update_bar()

    def update_items_title(self) -> None:
        title = f"Captured in this step ({self.items_table.item_count})"
        tool = tool_for_step(self.current_step)
        if tool is not None:
            title += f" · F2: {TOOLS[tool][1]}"
        self.items_table.border_title = title

    def bar_labels(self) -> tuple[str, str]:
        """The position ("Step 3/13") and title the bar shows, here and on the tool screens."""
        playbook = self.store.info.playbook
        position = f"{playbook.step_index(self._current) + 1}/{len(playbook.steps)}"
        return f"Step {position}", self.current_step.title

    def update_bar(self) -> None:
        position, title = self.bar_labels()
        self.query_one("#timebox", TimeboxBar).show(position, title, self.timebox)

    # -- timebox -------------------------------------------------------------------------

    @property
    def timebox(self) -> Timebox:
        """The current step's countdown (each step keeps its own)."""
        step = self.current_step
        if step.id not in self._timeboxes:
            self._timeboxes[step.id] = Timebox(budget_seconds=step.timebox_minutes * 60)
        return self._timeboxes[step.id]

    def tick(self) -> None:
        now = self._clock()
        self.timebox.tick(now - self._last_tick)
        self._last_tick = now
        self.update_bar()

    def action_toggle_timebox(self) -> None:
        self.tick()
        self.timebox.toggle_pause()
        self.update_bar()

    def action_extend_timebox(self) -> None:
        self.timebox.extend(EXTEND_SECONDS)
        self.update_bar()
        self.capture_line.show_info(f"{self.current_step.title}: five more minutes.")

    # -- moving between steps ------------------------------------------------------------

    def go_to_step(self, step_id: str) -> None:
        """Move the room to a step; the store saves it so a reopened session resumes here.

        The step is shown first and saved right after that frame: the position is only
        where a reopened session resumes, and the room should not wait for a disk sync.
        """
        if step_id == self._current:
            return
        self.tick()
        self._current = step_id
        self._last_tick = self._clock()
        self.refresh_step()
        self.call_after_refresh(self._save_position, step_id)

    def _save_position(self, step_id: str) -> None:
        if step_id != self._current or step_id == self.store.info.current_step:
            return  # moved on again meanwhile (that move saves), or saved already
        try:
            self.store.set_current_step(step_id)
        except CoalitionError as error:
            self.coalition_app.show_error(error)

    def action_next_step(self) -> None:
        self.go_to_step(neighbour_step(self.store.info.playbook, self._current, 1))

    def action_previous_step(self) -> None:
        self.go_to_step(neighbour_step(self.store.info.playbook, self._current, -1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.describe_highlighted()

    def describe_highlighted(self) -> None:
        """Show the highlighted item in full under the list (the list crops long texts)."""
        item_id = self.items_table.selected_id()
        if self.items_table.has_focus and item_id is not None:
            item = self.store.get(item_id)
            self.capture_line.show_info(f"{item.id}: {describe(item).plain}")

    def on_step_chosen(self, message: StepChosen) -> None:
        self.go_to_step(message.step_id)
        self.focus_capture()

    # -- capture -------------------------------------------------------------------------

    def on_capture_submitted(self, message: CaptureSubmitted) -> None:
        participants = self.store.session.participants
        try:
            capture = parse_capture(message.line, participants, self._today())
        except CaptureError as error:
            self.capture_line.show_error(error.message)
            return
        if not capture.unknown_owners:
            self.save_capture(capture)
            return
        names = ", ".join(capture.unknown_owners)
        plural = "s" if len(capture.unknown_owners) > 1 else ""

        def answered(answer: str | None) -> None:
            if answer == "a":
                self.add_unknown_people(message.line, list(capture.unknown_owners), [])
                return
            if answer == "k":
                self.save_capture(capture)
            else:
                self.capture_line.show_error(f"Not saved: fix @{names} and press Enter.")
            self.focus_capture()

        self.app.push_screen(
            ChoiceDialog(
                "Unknown name",
                f"Nobody in the coalition is called {names}. Add {names} as participant{plural}?",
                [("a", "Add and save"), ("k", "Save as typed"), ("escape", "Back to edit")],
            ),
            answered,
        )

    def add_unknown_people(self, line: str, unknown: list[str], added: list[str]) -> None:
        """Ask each unknown `@name`'s full name (and side), add them, then save the line.

        The line is parsed again once everyone is in, so `@zoe` becomes the owner
        "Zoe Martin" instead of a second, one-word person.
        """
        if not unknown:
            self.query_one("#roster", Roster).show(self.store.session.participants)
            try:
                capture = parse_capture(line, self.store.session.participants, self._today())
            except CaptureError as error:
                self.capture_line.show_error(error.message)
                return
            joined = f" · {', '.join(added)} joined the coalition" if added else ""
            self.save_capture(capture, joined)
            self.focus_capture()
            return
        typed, rest = unknown[0], unknown[1:]

        def named(text: str | None) -> None:
            if text is None or not text.strip():
                self.capture_line.show_error(f"Not saved: fix @{typed} and press Enter.")
                self.focus_capture()
                return
            try:
                fields = parse_capture(f"p {text}", (), self._today()).fields
            except CaptureError as error:
                self.capture_line.show_error(f"Not saved: {error.message}")
                self.focus_capture()
                return
            existing = self.existing_person(fields["name"])
            if existing is None:
                if not self._save(lambda: self.store.add("participant", **fields)):
                    return
                added.append(fields["name"])
            # `@Zoe Martin` would end at the space: name them by their name's letters
            token = "@" + "".join(fields["name"].split())
            named_line = re.sub(rf"@{re.escape(typed)}(?=[\s.,;:]|$)", lambda _: token, line)
            self.add_unknown_people(named_line, rest, added)

        self.app.push_screen(
            TextPrompt(
                f"New participant: @{typed}",
                "Full name, then optionally side:business|it|external role:… "
                "has:power,expertise,credibility,leadership · Esc: back to edit",
                typed,
            ),
            named,
        )

    def existing_person(self, name: str) -> Participant | None:
        """The participant already called `name` (compared as `@name` matching does)."""
        return next((p for p in self.store.session.participants if same_person(p.name, name)), None)

    def save_capture(self, capture: Capture, extra: str = "") -> None:
        """Save a parsed line through the store; on failure keep the text and say why."""
        fields = dict(capture.fields)
        if capture.kind != "participant":
            fields["step"] = self._current
        try:
            item = self.store.add(capture.kind, **fields)
        except CoalitionError as error:
            self.capture_line.show_error(f"Not saved: {error.message}")
            self.coalition_app.show_error(error)
            return
        self.history.record(f"capture of {item.id}", None, item)
        self._show_change(item, move_cursor=True)
        self.capture_line.accepted(f"Saved {item.id} ({capture.kind}){extra}. Ctrl+Z undoes.")
        if isinstance(item, Participant):
            self.warn_if_twin(item)

    def warn_if_twin(self, person: Participant) -> None:
        """A new member who looks like one already there: say so (Ctrl+Z, or rename)."""
        first = person.name.split()[0] if person.name.split() else ""
        for other in self.store.session.participants:
            if other.id == person.id:
                continue
            if same_person(other.name, person.name):
                why = "is already in the coalition"
            elif len(other.name.split()) == 1 and same_person(other.name, first):
                why = "may be the same person"
            else:
                continue
            self.notify(
                f"{other.name} ({other.id}) {why}. Ctrl+Z removes {person.id}; "
                "the coalition tool (F2) renames a member with e.",
                title="Duplicate person?",
                severity="warning",
                markup=False,
            )
            return

    # -- editing items -------------------------------------------------------------------

    def _save(self, operation: Callable[[], object]) -> bool:
        try:
            operation()
        except CoalitionError as error:
            self.coalition_app.show_error(error)
            return False
        return True

    def _show_change(
        self, item: Item | None, *, removed: Item | None = None, move_cursor: bool = False
    ) -> None:
        table = self.items_table
        if removed is not None:
            table.remove_item(removed.id)
        if isinstance(item, Participant) or isinstance(removed, Participant):
            self.query_one("#roster", Roster).show(self.store.session.participants)
        elif item is not None and item.step == self._current:
            table.upsert(item, move_cursor=move_cursor)
        self.update_items_title()
        self.describe_highlighted()

    def selected_item(self) -> Item | None:
        item_id = self.items_table.selected_id()
        if item_id is None:
            self.capture_line.show_error("No item here yet: capture one first.")
            return None
        return self.store.get(item_id)

    def replace_item(self, before: Item, after: Item, label: str) -> None:
        if before == after:
            return
        if self._save(lambda: self.store.put(after)):
            self.history.record(f"{label} of {after.id}", before, after)
            self._show_change(after)

    def action_cycle_status(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.replace_item(item, cycle_status(item), "status change")

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

        current = str(getattr(item, "text", None) or getattr(item, "name", ""))
        self.app.push_screen(
            TextPrompt(f"Edit {item.id}", "Enter saves · Esc cancels", current), edited
        )

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
                and not self._save(lambda: self.store.add("participant", name=name))
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
        if item is not None and self._save(lambda: self.store.delete(item.id)):
            self.history.record(f"deletion of {item.id}", item, None)
            self._show_change(None, removed=item)
            self.capture_line.show_info(f"Deleted {item.id}. Ctrl+Z brings it back.")

    def action_undo(self) -> None:
        change = self.history.peek()
        if change is None:
            self.capture_line.show_info("Nothing to undo.")
            return
        if not self._save(lambda: self.history.undo(self.store)):
            return
        if change.also:  # a rename that touched several items: show everything again
            self.refresh_step()
            self.query_one("#roster", Roster).show(self.store.session.participants)
        else:
            self._show_change(
                change.before, removed=change.after if change.before is None else None
            )
        self.capture_line.show_info(f"Undid the {change.label}.")

    # -- alignment tools -----------------------------------------------------------------

    def action_open_tool(self) -> None:
        """The current step's tool at once; on other steps, a short list to choose from."""
        tool = tool_for_step(self.current_step)
        if tool is not None:
            self.open_tool(tool)
            return
        choices = [(name, label.capitalize(), key) for name, (_, label, key) in TOOLS.items()]
        choices.append(("checks", "Alignment checks", "k"))

        def chosen(name: str | None) -> None:
            if name == "checks":
                self.action_show_checks()
            elif name:
                self.open_tool(name)

        self.app.push_screen(PickDialog("Which alignment tool?", choices), chosen)

    def open_tool(self, name: str) -> None:
        if isinstance(self.app.screen, ToolScreen):  # from the palette, over another tool
            self.app.pop_screen()
        screen_type = TOOLS[name][0]
        self.app.push_screen(screen_type(self))

    def action_show_checks(self) -> None:
        self.app.push_screen(ChecksDialog(alignment_checks(self.store.session)))

    def on_screen_resume(self) -> None:
        if self.tool_changed:
            self.tool_changed = False
            self.refresh_step()
            self.query_one("#roster", Roster).show(self.store.session.participants)

    # -- focus, minutes, end -------------------------------------------------------------

    def take_typing(self, event: events.Key) -> bool:
        """Typing never vanishes: a printable key that no list uses goes to the capture line.

        The app calls this for each key before it hands the key to the focused widget, so
        the capture line has the focus before the next key of a fast burst arrives. The
        items list keeps its letter keys (e, o, s, x, c, +, -); every other character typed
        while the agenda or the items have focus is put at the end of the capture line.
        """
        if isinstance(self.focused, Input) or not event.is_printable or not event.character:
            return False
        if event.key in self.active_bindings:
            return False
        capture = self.capture_line.input
        capture.cursor_position = len(capture.value)
        capture.insert_text_at_cursor(event.character)
        self.set_focus(capture)
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Say on the status line where the keys go now."""
        if event.widget is self.capture_line.input:
            self.capture_line.show_hint()
        elif isinstance(event.widget, Agenda):
            self.capture_line.show_info("↑↓ and Enter: jump to a step · type to capture")
        elif event.widget is self.items_table:
            if self.items_table.row_count:
                self.describe_highlighted()
            else:
                self.capture_line.show_info("No items in this step yet · typing captures one")

    def focus_capture(self) -> None:
        self.capture_line.input.focus()

    def action_focus_capture(self) -> None:
        self.focus_capture()

    def action_focus_items(self) -> None:
        self.items_table.focus()

    def action_preview_minutes(self) -> None:
        self.coalition_app.preview_minutes(self.store)

    def action_end_session(self) -> None:
        self.coalition_app.review_and_close(self.store, self.focus_capture)
