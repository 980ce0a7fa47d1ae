"""The session screen: agenda, step guide, capture line, items and roster, with the clock.

The screen renders and routes keys; the rules live in the core (`parse_capture`,
`neighbour_step`, `Timebox`, `coalition.services.editing`) and every change goes through the
store, which has saved it durably before the screen shows it as saved. The screen's jobs are
split by module: capture.py, item_editing.py and steps.py; this one lays the screen out,
routes typing and focus, and opens the tools, the checks and the minutes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input

from coalition.domain.checks import alignment_checks
from coalition.tui.dialogs.checks import ChecksDialog
from coalition.tui.dialogs.pick import PickDialog
from coalition.tui.safe_text import plain
from coalition.tui.screens.session.capture import CaptureHandling
from coalition.tui.screens.session.item_editing import ItemEditing
from coalition.tui.screens.session.room import RoomControls
from coalition.tui.screens.tools import TOOLS, ToolScreen, tool_for_step
from coalition.tui.widgets.agenda import Agenda
from coalition.tui.widgets.capture_line import CaptureLine
from coalition.tui.widgets.items_table import ItemsTable
from coalition.tui.widgets.room_panel import RoomPanel
from coalition.tui.widgets.roster import Roster
from coalition.tui.widgets.step_guide import StepGuide
from coalition.tui.widgets.timebox_bar import TimeboxBar


class SessionScreen(CaptureHandling, ItemEditing, RoomControls):
    """Run one session. Page Down / Page Up move between steps (a presenter clicker works)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "next_step", "Next", priority=True, key_display="PgDn",
                id="session.next_step", tooltip="Move the room to the next step"),
        Binding("pageup", "previous_step", "Back", priority=True, key_display="PgUp",
                id="session.previous_step", tooltip="Go back to the previous step"),
        Binding("f5", "toggle_timebox", "Pause", key_display="F5", id="timebox.pause",
                tooltip="Pause or resume the step's countdown"),
        Binding("f6", "extend_timebox", "+5m", key_display="F6", id="timebox.extend", show=False,
                tooltip="Give the current step five more minutes"),
        Binding("f2", "open_tool", "Tool", key_display="F2", id="session.tool",
                tooltip="Open this step's alignment tool (or choose one): coalition, value "
                        "streams, reporting review, irritant register"),
        Binding("f7", "show_checks", "Checks", key_display="F7", id="session.checks",
                show=False, tooltip="Show the alignment checks and what to do about each"),
        Binding("f8", "toggle_room", "Room", key_display="F8", id="room.toggle", show=False,
                tooltip="Open the room (participants write and vote from their phones), "
                        "or close it"),
        Binding("f3", "reveal_cards", "Reveal", key_display="F3", id="room.reveal", show=False,
                tooltip="Reveal the room's cards of this step: they become items"),
        Binding("f4", "room_vote", "Vote", key_display="F4", id="room.vote", show=False,
                tooltip="Open a dot vote on this step's irritants in the room, or close it"),
        Binding("ctrl+r", "toggle_room_qr", "QR", key_display="^R", id="room.qr", show=False,
                tooltip="Show or hide the room's QR code (hidden once someone joined)"),
        Binding("f9", "preview_minutes", "Minutes", key_display="F9", id="minutes.preview",
                tooltip="Preview the minutes the export will write"),
        Binding("f10", "end_session", "End", key_display="F10", id="session.end",
                tooltip="Review what is missing, close the session and write the minutes"),
        Binding("ctrl+z", "undo", "Undo", id="items.undo", show=False,
                tooltip="Undo the last capture, edit or delete"),
        Binding("escape", "focus_items", "Items", id="session.items", show=False,
                tooltip="Leave the capture line to edit the items"),
    ]  # fmt: skip

    # While the items list has the focus the footer shows its keys, and of the screen's only
    # these (the rest stay in F1 help and the palette): at 80 columns all of them do not fit.
    FOOTER_WHILE_EDITING: ClassVar[frozenset[str]] = frozenset(
        {"session.next_step", "session.tool"}
    )

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys as Textual has them; the footer's view of them depends on the focus."""
        bindings = super().active_bindings
        if self.focused is None or self.focused is not self.query_one("#items"):
            return bindings
        return {
            key: active._replace(binding=replace(active.binding, show=False))
            if active.node is self and active.binding.id not in self.FOOTER_WHILE_EDITING
            else active
            for key, active in bindings.items()
        }

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
            yield RoomPanel(id="room")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#agenda", Agenda).border_title = plain(self.store.info.playbook.title)
        self.refresh_step()
        self.show_roster()
        self.set_interval(1.0, self.tick)
        self.focus_capture()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.describe_highlighted()

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
            self.show_roster()
        self.describe_highlighted()

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
            self.describe_highlighted()

    def action_focus_capture(self) -> None:
        self.focus_capture()

    def action_focus_items(self) -> None:
        self.items_table.focus()

    def action_preview_minutes(self) -> None:
        self.coalition_app.preview_minutes(self.store)

    def action_end_session(self) -> None:
        self.coalition_app.review_and_close(self.store, self.focus_capture)
