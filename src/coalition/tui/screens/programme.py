"""A client's programme in the app: the trends as bars, then programme.md as it reads.

Opened from Home (`g`) for the client of the highlighted session. The bars run over
the sessions in order, named S1 … Sn on the axis under them, each with its first and latest
value (zero is a dot, no value draws nothing and reads n/a); below them the same
Markdown that `coalition programme` writes, which `w` writes beside the sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import Footer, Static

from coalition.errors import CoalitionError
from coalition.minutes.programme_model import Programme, SessionFigures
from coalition.services.programme import PROGRAMME_FILE
from coalition.services.programme_cache import ProgrammeCache, ProgrammeView
from coalition.tui.host import app_host
from coalition.tui.safe_text import plain
from coalition.tui.widgets.rendered_markdown import RenderedMarkdown
from coalition.tui.widgets.trend_bars import TrendAxis, TrendBars


def _share(figures: SessionFigures) -> float | None:
    """None when no metric went to the business: n/a, as programme.md's table has it."""
    if not figures.business_metrics:
        return None
    return 100 * figures.outcome_metrics / figures.business_metrics


NO_VALUE = "n/a"
# (label, the value per session, how a value reads)
TRENDS: tuple[tuple[str, Callable[[SessionFigures], float | None], str], ...] = (
    ("Members present", lambda s: len(s.attendance.present), "{:.0f}"),
    ("Business members present", lambda s: s.attendance.business, "{:.0f}"),
    ("Volunteers on the roster", lambda s: s.attendance.volunteers, "{:.0f}"),
    (
        "Irritants not publicized",
        lambda s: s.irritants.open + s.irritants.being_removed + s.irritants.removed,
        "{:.0f}",
    ),
    ("Irritants publicized", lambda s: s.irritants.publicized, "{:.0f}"),
    ("Actions open", lambda s: s.actions.still_open, "{:.0f}"),
    ("Actions slipped", lambda s: len(s.actions.slipped), "{:.0f}"),
    ("Outcome metrics to business", _share, "{:.0f} %"),
)


def trend_label(label: str, values: list[float | None], shown: str) -> str:
    """`Members present  4 → 2` (first → latest, `n/a` for no value), fixed width so the
    bars line up."""
    first, last = (NO_VALUE if v is None else shown.format(v) for v in (values[0], values[-1]))
    return f"{label:<28} {first:>5} → {last:<5}"


class ProgrammeScreen(Screen[None]):
    """Scroll the programme with the arrows and Page keys; `w` writes programme.md.

    The screen shows at once. When Home has already read the client's programme while it
    sat idle (and no session file changed since), it fills in at once too; otherwise the
    sessions are read in a worker thread (a long programme takes a moment) and the trends
    and the Markdown fill in when they are.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,ctrl+s", "write", "Write programme.md", id="programme.write",
                tooltip="Write programme.md beside the client's sessions"),
        Binding("escape,q", "app.pop_screen", "Back", id="programme.back",
                tooltip="Back to Home"),
    ]  # fmt: skip

    def __init__(self, programmes: ProgrammeCache, client: str) -> None:
        super().__init__()
        self.programmes = programmes
        self.client = client
        self.folder: Path | None = None
        self.programme: Programme | None = None
        self.markdown = ""

    def compose(self) -> ComposeResult:
        reading = plain(f" Programme · {self.client} · reading its sessions…")
        yield Static(reading, id="programme-title")
        yield Grid(id="programme-trends")
        yield RenderedMarkdown(id="programme-view")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#programme-view", RenderedMarkdown).focus()
        view = self.programmes.cached(self.client)
        if view is not None:
            self.call_after_refresh(self._show, view)
        else:
            self.run_worker(self._read, thread=True, exit_on_error=False)

    def _read(self) -> None:
        try:
            view = self.programmes.view(self.client)
        except CoalitionError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._show, view)

    def _failed(self, error: CoalitionError) -> None:
        app_host(self).show_error(error)
        self.dismiss()

    def _show(self, view: ProgrammeView) -> None:
        self.folder, self.programme, self.markdown = view.folder, view.programme, view.markdown
        programme = view.programme
        sessions = programme.sessions
        self.query_one("#programme-title", Static).update(
            plain(
                f" Programme · {programme.client} · {len(sessions)} sessions · "
                f"w writes {PROGRAMME_FILE}"
            )
        )
        rows: list[Static] = []
        for label, value, shown in TRENDS:
            values = [value(s) for s in sessions]
            rows.append(Static(plain(trend_label(label, values, shown)), classes="trend-label"))
            rows.append(TrendBars(values, classes="trend"))
        rows.append(Static(plain(f"{'Session':<28}"), classes="trend-label"))
        rows.append(TrendAxis(len(sessions), classes="trend"))
        self.query_one("#programme-trends", Grid).mount_all(rows)
        self.query_one("#programme-view", RenderedMarkdown).update(view.markdown)

    def action_write(self) -> None:
        from coalition.store.atomic_storage import write_atomically

        if self.folder is None:
            self.notify("Still reading the sessions; a moment.", markup=False)
            return
        target = self.folder / PROGRAMME_FILE
        try:
            write_atomically(target, self.markdown.encode("utf-8"))
        except OSError as error:
            self.notify(
                f"Cannot write {target}: {error.strerror or error}.",
                title="Not written",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"Programme written to {target}", title="Programme", markup=False)
