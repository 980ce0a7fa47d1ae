"""Home: the workspace's sessions, newest first; open one, start one, browse playbooks."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from coalition.errors import CoalitionError
from coalition.services.workspace import Workspace
from coalition.tui.host import app_host
from coalition.tui.safe_text import plain, safe

if TYPE_CHECKING:
    from textual.timer import Timer

    from coalition.services.programme_cache import ProgrammeCache
    from coalition.services.sessions import SessionSummary

# How long the cursor rests on a client before Home reads its programme in the background
WARM_AFTER_SECONDS = 0.3


class HomeScreen(Screen[None]):
    """The session list; Enter opens the highlighted session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_session", "New session", id="home.new",
                tooltip="Start a new session (client, title, playbook, participants)"),
        Binding("enter", "open_session", "Open", id="home.open", show=True,
                tooltip="Open or resume the highlighted session"),
        Binding("p", "app.browse_playbooks", "Playbooks", id="home.playbooks",
                tooltip="Browse the playbooks with a preview"),
        Binding("g", "programme", "Programme", id="home.programme",
                tooltip="The programme of the highlighted session's client: trends over its "
                "sessions, decision and wins logs"),
        Binding("r", "refresh", "Refresh", id="home.refresh", tooltip="Read the sessions again"),
        Binding("q", "app.quit", "Quit", id="home.quit", tooltip="Leave coalition"),
    ]  # fmt: skip

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.summaries: list[SessionSummary] = []
        self._programmes: ProgrammeCache | None = None
        self._warm_timer: Timer | None = None

    @property
    def programmes(self) -> ProgrammeCache:
        """The programmes read so far (made on first use: start-up pays only for Home)."""
        if self._programmes is None:
            from coalition.services.programme_cache import ProgrammeCache

            self._programmes = ProgrammeCache(self.workspace)
        return self._programmes

    @programmes.setter
    def programmes(self, cache: ProgrammeCache) -> None:
        self._programmes = cache

    def compose(self) -> ComposeResult:
        yield Static(plain(f" coalition · workspace {self.workspace.root}"), id="home-title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-empty", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        for label, width in (
            ("Date", 10),
            ("Client", 16),
            ("Title", 26),
            ("Status", 7),
            ("Open", 5),
        ):
            table.add_column(label, width=width)
        table.focus()

    def on_screen_resume(self) -> None:
        # The list fills in right after the first frame, so the screen appears at once.
        self.call_after_refresh(self.action_refresh)

    def on_screen_suspend(self) -> None:
        # Another screen is on top (the programme's, a session's): no reading ahead for now.
        if self._warm_timer is not None:
            self._warm_timer.stop()
            self._warm_timer = None

    def action_refresh(self) -> None:
        """Read the session list again (after a session was closed, for instance)."""
        from coalition.services.sessions import summarize_sessions

        table = self.query_one("#sessions", DataTable)
        self.summaries = summarize_sessions(self.workspace)
        table.clear()
        for index, s in enumerate(self.summaries):
            if s.problem:
                row = ("", s.path.parent.name, f"unreadable: {s.problem}", "", "")
            else:
                row = (s.date, s.client, s.title, s.status, str(s.open_actions))
            table.add_row(*(plain(cell) for cell in row), key=str(index))  # never markup
        empty = self.query_one("#home-empty", Static)
        empty.display = not self.summaries
        empty.update(
            safe(
                f"No sessions in {self.workspace.sessions_dir} yet.\n\n"
                "Press n to start one: give the client, a title, the playbook and who is in "
                "the room."
            )
        )

    def action_open_session(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if not self.summaries:
            self.app.notify("No session to open yet: press n to start one.")
            return
        summary = self.summaries[table.cursor_row]
        app_host(self).open_session(summary.path)

    def action_programme(self) -> None:
        """The highlighted session's client, over all its sessions."""
        from coalition.tui.screens.programme import ProgrammeScreen

        table = self.query_one("#sessions", DataTable)
        if not self.summaries or self.summaries[table.cursor_row].problem:
            self.app.notify("Highlight a session of the client first.", markup=False)
            return
        client = self.summaries[table.cursor_row].client
        self.app.push_screen(ProgrammeScreen(self.programmes, client))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Read the highlighted client's programme while the room talks, so `g` is instant."""
        event.stop()
        if self._warm_timer is not None:
            self._warm_timer.stop()
        self._warm_timer = self.set_timer(WARM_AFTER_SECONDS, self._warm_programme)

    def _warm_programme(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if not self.summaries or table.cursor_row >= len(self.summaries):
            return
        summary = self.summaries[table.cursor_row]
        if summary.problem:
            return
        client, programmes = summary.client, self.programmes

        def warm() -> None:
            # In the worker, as its files are looked at: a current programme is kept as it is.
            # A client that cannot be read: the programme screen says why when it is opened.
            with suppress(CoalitionError):
                programmes.view(client)

        self.run_worker(warm, thread=True, group="warm-programme", exit_on_error=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_session()
