"""The minutes preview: exactly the Markdown the export writes, rendered in the app."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from coalition.domain.models import Session
from coalition.minutes import render_minutes
from coalition.minutes.escape import escape_cell
from coalition.services.minutes_files import minutes_path
from coalition.store import SessionStore
from coalition.tui.host import app_host
from coalition.tui.safe_text import plain
from coalition.tui.widgets.rendered_markdown import RenderedMarkdown


def preview_markdown(session: Session) -> str:
    """The minutes for the screen: the YAML front matter becomes a small header table.

    GitHub shows front matter as a table; rendered as plain Markdown it was one run-on
    paragraph. Only the preview changes: the export writes `render_minutes` as it is.
    """
    minutes = render_minutes(session)
    _, separator, body = minutes.partition("\n---\n")
    if not minutes.startswith("---\n") or not separator:
        return minutes
    info = session.info
    rows = [
        ("Client", info.client),
        ("Date", info.date.isoformat()),
        ("Facilitator", info.facilitator),
        ("Playbook", f"{info.playbook.name} {info.playbook.version}"),
        ("Status", info.status.value),
        ("Attendees", ", ".join(p.name for p in session.participants)),
    ]
    table = [f"| Session | {escape_cell(info.title)} |", "| --- | --- |"]
    table.extend(f"| **{label}** | {escape_cell(value)} |" for label, value in rows)
    return "\n".join(table) + "\n\n" + body


class MinutesScreen(Screen[None]):
    """Scroll with the arrows and Page keys; `w` writes the file; Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,ctrl+s", "export", "Write minutes", id="minutes.export",
                tooltip="Write the minutes beside the session file"),
        Binding("escape,f9", "app.pop_screen", "Back", id="minutes.back",
                tooltip="Back to the session"),
    ]  # fmt: skip

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        target = minutes_path(self.store.path).name if self.store.path else "(no file)"
        yield Static(plain(f" Minutes preview · w writes {target}"), id="minutes-title")
        yield RenderedMarkdown(preview_markdown(self.store.session), id="minutes-view")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#minutes-view", RenderedMarkdown).focus()

    def action_export(self) -> None:
        app_host(self).export_minutes(self.store)
