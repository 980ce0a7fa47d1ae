"""What every alignment tool screen shares: the countdown, a summary, a table, undo.

A tool screen sits on top of the session screen and works on the same store and the same
undo history, so Ctrl+Z undoes a tool's change from either screen. Each change is one
`store.put` (saved before it returns); the rules live in the core (`coalition.domain`,
`coalition.services.editing`), the screen only renders and routes keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from coalition.domain.capture import match_participant
from coalition.domain.models import Item
from coalition.errors import CoalitionError
from coalition.store import SessionStore
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.host import AppHost, SessionHost, app_host
from coalition.tui.safe_text import safe
from coalition.tui.widgets.timebox_bar import TimeboxBar
from coalition.tui.widgets.tool_table import Column, ToolTable

# The keys every tool has; each tool lists them first, so the footer always shows Back.
COMMON_BINDINGS: list[BindingType] = [
    Binding("escape,f2", "close_tool", "Back", id="tool.back",
            tooltip="Back to the session screen and its capture line"),
    Binding("ctrl+z", "undo", "Undo", id="tool.undo",
            tooltip="Undo the last change, made here or on the session screen"),
]  # fmt: skip


class ToolScreen(Screen[None]):
    """A summary above a `ToolTable`, a detail line under it; subclasses fill them."""

    TOOL_TITLE: ClassVar[str] = ""
    COLUMNS: ClassVar[Sequence[Column]] = ()
    CURSOR: ClassVar[str] = "row"

    def __init__(self, session: SessionHost) -> None:
        super().__init__()
        self.session = session
        self.store: SessionStore = session.store
        self.history = session.history

    @property
    def coalition_app(self) -> AppHost:
        return app_host(self)

    @property
    def table(self) -> ToolTable:
        return self.query_one("#tool-table", ToolTable)

    def compose(self) -> ComposeResult:
        yield TimeboxBar(id="timebox")
        yield Static(id="tool-summary", markup=False)
        yield ToolTable(self.COLUMNS, cursor="cell" if self.CURSOR == "cell" else "row",
                        id="tool-table")  # fmt: skip
        yield Static(id="tool-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.table.border_title = self.TOOL_TITLE
        self.refresh_tool()
        self.update_bar()
        self.set_interval(1.0, self.update_bar)
        self.table.focus()

    def update_bar(self) -> None:
        """The session's countdown keeps running (and showing) while a tool is open."""
        self.session.tick()
        position, title = self.session.bar_labels()
        self.query_one("#timebox", TimeboxBar).show(position, title, self.session.timebox)

    # -- what subclasses provide ---------------------------------------------------------

    def refresh_tool(self, cursor_key: str | None = None) -> None:
        """Show the store's data again (after a change or an undo)."""
        raise NotImplementedError

    def describe_cursor(self) -> Text | str:
        """The line under the table: the highlighted row or cell in full."""
        return ""

    # -- shared plumbing -----------------------------------------------------------------

    def show_summary(self, text: Text | str) -> None:
        self.query_one("#tool-summary", Static).update(safe(text))

    def show_detail(self) -> None:
        self.query_one("#tool-detail", Static).update(safe(self.describe_cursor()))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        self.activate()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.activate()

    def activate(self) -> None:
        """Enter on the table: edit what the cursor is on."""

    def put(self, before: Item | None, after: Item, label: str) -> None:
        """Save an item (raises CoalitionError) and remember it for undo."""
        if before == after:
            return
        self.store.put(after)
        self.history.record(f"{label} of {after.id}", before, after)
        self.session.tool_changed = True

    def delete(self, item: Item) -> None:
        self.store.delete(item.id)
        self.history.record(f"deletion of {item.id}", item, None)
        self.session.tool_changed = True

    def attempt(self, operation: Callable[[], object], cursor_key: str | None = None) -> bool:
        """Run a change; a failure becomes a notification. The view follows either way."""
        try:
            operation()
        except CoalitionError as error:
            self.coalition_app.show_error(error)
            return False
        finally:
            self.refresh_tool(cursor_key)
        return True

    def ask(
        self,
        title: str,
        hint: str,
        value: str,
        apply: Callable[[str], object],
    ) -> None:
        """Prompt for text and apply it; a refused answer comes back with the text kept."""

        def answered(text: str | None) -> None:
            if text is None:
                return
            try:
                apply(text)
            except (CoalitionError, ValueError) as error:
                message = error.message if isinstance(error, CoalitionError) else str(error)
                self.notify(message, title="Not saved", severity="error", markup=False)
                self.ask(title, hint, text, apply)
                return
            finally:
                self.refresh_tool()

        self.app.push_screen(TextPrompt(title, hint, value), answered)

    def person(self, text: str) -> str:
        """`@ali` -> "Alice Smith" (a unique prefix of a participant); other text as typed."""
        text = " ".join(text.split())
        if not text.startswith("@"):
            return text
        token = text[1:]
        found = match_participant(token, self.store.session.participants)
        return found.name if found else token

    def action_undo(self) -> None:
        change = self.history.peek()
        if change is None:
            self.notify("Nothing to undo.")
            return
        if self.attempt(lambda: self.history.undo(self.store)):
            self.session.tool_changed = True
            self.notify(f"Undid the {change.label}.", markup=False)

    def action_close_tool(self) -> None:
        self.dismiss(None)
