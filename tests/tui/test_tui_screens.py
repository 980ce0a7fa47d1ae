"""Dialogs and read-only screens at 80x24: new-session problems, playbooks, minutes, help."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select

from coalition.minutes import render_minutes
from coalition.services.playbook_library import BUNDLED_DIR
from coalition.services.workspace import Workspace
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.end_review import EndReviewDialog
from coalition.tui.dialogs.new_session import NewSessionDialog
from coalition.tui.screens.minutes import MinutesScreen, preview_markdown
from coalition.tui.screens.playbooks import PlaybooksScreen
from coalition.tui.widgets.rendered_markdown import RenderedMarkdown

from .helpers import screen_text

SMALL = (80, 24)


def broken_playbook(workspace: Workspace) -> None:
    text = (BUNDLED_DIR / "kotter-alignment.md").read_text(encoding="utf-8")
    text = text.replace("name: kotter-alignment", "name: broken")
    text = text.replace("id: urgency", "id: review").replace("timebox: 15", "timebox: soon")
    (workspace.root / "playbooks" / "broken.md").write_text(text, encoding="utf-8")


async def rendered(pilot: Pilot[object]) -> RenderedMarkdown:
    view = pilot.app.screen.query_one(RenderedMarkdown)
    while view.rendering or not view.line_count:
        await pilot.pause(0.01)
    await pilot.pause()
    return view


async def test_broken_playbook_problems_keep_the_buttons_on_screen(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    broken_playbook(workspace)
    app = app_factory()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        dialog.query_one("#new-client", Input).value = "Acme"
        dialog.query_one("#new-title", Input).value = "Kick-off"
        select = dialog.query_one("#new-playbook", Select)
        select.value = "broken"
        select.focus()
        await pilot.press("enter")  # the list opens; Escape closes only the list
        await pilot.pause()
        assert select.expanded
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog and not select.expanded
        await pilot.click("#new-start")
        await pilot.pause()
        assert app.screen is dialog
        assert "is not a valid playbook" in screen_text(pilot)
        for button in ("#new-start", "#new-cancel"):
            region = dialog.query_one(button).region
            assert region.bottom <= SMALL[1] and region.height >= 1


async def test_playbooks_screen_shows_the_problems_of_a_broken_playbook(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    broken_playbook(workspace)
    app = app_factory()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PlaybooksScreen)
        view = await rendered(pilot)
        for _ in range(200):  # the preview re-renders once the layout gives it its width
            if "line 43: step id" in screen_text(pilot):
                break
            await pilot.pause(0.01)
        text = screen_text(pilot)
        assert "Not a valid playbook" in text and "line 43: step id" in text
        assert view.size.width > 40  # the preview fills what the list leaves


async def test_playbooks_screen_never_reads_a_planted_fifo(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    os.mkfifo(workspace.root / "playbooks" / "aaa-planted.md")  # listed first
    app = app_factory()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PlaybooksScreen)
        await rendered(pilot)
        for _ in range(200):
            if "named pipe" in screen_text(pilot):
                break
            await pilot.pause(0.01)
        assert "named pipe" in screen_text(pilot)


async def test_minutes_preview_shows_a_header_table_and_the_export_is_unchanged(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    session = read_session(session_path)
    preview = preview_markdown(session)
    assert not preview.startswith("---")
    assert "| **Client** | Acme Insurance |" in preview
    assert preview.split("\n\n", 1)[1] == render_minutes(session).split("\n---\n", 1)[1]
    app = app_factory(session_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        assert isinstance(app.screen, MinutesScreen)
        await rendered(pilot)
        assert "Client" in screen_text(pilot) and "title:" not in screen_text(pilot)
        await pilot.press("w")
        await pilot.pause()
    written = session_path.with_suffix(".md").read_text(encoding="utf-8")
    assert written == render_minutes(read_session(session_path))


async def test_help_lines_are_not_hidden_under_the_scrollbar(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory(session_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        view = await rendered(pilot)
        room = view.scrollable_content_region.width
        assert view.virtual_size.width <= room
        assert all(strip.cell_length <= room for strip in view._strips)


async def test_end_review_hint_and_footer_name_the_same_key(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory(session_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, EndReviewDialog)
        footer = screen_text(pilot).splitlines()[-1]
        assert "w Close & write minutes" in footer
        assert "w Close & write minutes" in screen_text(pilot).split(footer)[0]
