"""Text from a session is shown as typed: never read as Rich markup, never a control
character sent to the terminal, on every screen, tool, dialog and toast."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.pilot import Pilot

from coalition.domain.alignment import Stage
from coalition.domain.models import Side
from coalition.domain.progress import RatingLevel
from coalition.services.playbook_library import find_playbook
from coalition.services.sessions import start_session
from coalition.services.workspace import Workspace
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.pick import PickDialog
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.screens.session import SessionScreen
from coalition.tui.screens.tools import CoalitionTool, ToolScreen

from .conftest import TODAY
from .helpers import screen_text, session_screen, until

ESC = "\x1b[2J\x1b]0;owned\x07"
BOLD = "[bold red]x[/]"
LINK = "[link=http://evil]y[/link]"
CLICK = "[@click=app.quit]Q[/]"
MARKUP = (BOLD, LINK, CLICK)
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # all but the line breaks between rows


def hostile_session(workspace: Workspace) -> None:
    playbook = find_playbook("kotter-alignment", workspace)
    with start_session(
        workspace,
        client=f"Acme {BOLD}{ESC}",
        title=f"Kick {CLICK}{ESC}",
        playbook=playbook,
        facilitator=f"Fran {LINK}",
        date=TODAY,
    ) as store:
        eve = f"Eve {CLICK}{ESC}"
        store.add("participant", name=eve, side=Side.BUSINESS, role=BOLD)
        store.add("participant", name=f"Mal {LINK}", side=Side.IT, role=ESC)
        for step in ("review", "coalition", "value-streams", "reporting", "irritants"):
            store.add("decision", text=f"{CLICK} {LINK}{ESC}", owners=(eve,), step=step)
        store.add("action", text=f"{BOLD}{ESC}", owner=eve, step="review")
        store.add("irritant", text=f"{CLICK}{ESC}", votes=2, owner=eve, step="irritants")
        store.add("note", text=f"{LINK}{ESC}", step="review")
        store.add("win", text=f"{BOLD}{ESC}", owner=eve, step="review")
        store.add("rating", dimension=f"{LINK}{ESC}", level=RatingLevel.RED,
                  comment=f"{CLICK}{ESC}", step="review")  # fmt: skip
        store.add("decision", text=f"{BOLD}{ESC}", supersedes="D-1", step="review")
        store.add("participant", name=f"Gone {BOLD}{ESC}", side=Side.IT, present=False)
        store.add("metric", name=f"{CLICK}{ESC}", audience=f"{BOLD}{ESC}", step="reporting")
        store.add(
            "stream",
            name=f"{CLICK}{ESC}",
            stages=(Stage(f"{LINK}{ESC}", systems=(BOLD,), business_owner=eve),),
            step="value-streams",
        )


async def shows_literally(pilot: Pilot[object], where: str) -> None:
    """Still running, no control character drawn, and the markup shown as typed."""
    await pilot.pause()
    text = screen_text(pilot)
    assert pilot.app.is_running, where
    found = CONTROL.search(text)
    assert found is None, f"{where}: {found.group()!r} reached the terminal"
    assert any(m[:9] in text for m in MARKUP), f"{where}: no data shown literally:\n{text}"


async def test_hostile_text_is_shown_literally_everywhere(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    hostile_session(workspace)
    app = app_factory()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await until(pilot, lambda: "Kick" in screen_text(pilot), "the session list")
        await shows_literally(pilot, "home")
        assert "Acme [bold red]x" in screen_text(pilot)
        assert "Kick [@click=app.quit]Q[/]" in screen_text(pilot)
        await pilot.click("#sessions", offset=(40, 1))  # on the title: a click action?
        await shows_literally(pilot, "home, clicked")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        await shows_literally(pilot, "session")
        await pilot.press("escape")  # the items list: the status line quotes the item
        await shows_literally(pilot, "items")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt), "the edit prompt")
        await shows_literally(pilot, "edit prompt")
        await pilot.press("escape")
        for step in ("coalition", "value-streams", "reporting", "irritants"):
            session_screen(pilot).go_to_step(step)
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, ToolScreen), "a tool")
            await shows_literally(pilot, f"tool on {step}")
            if step == "irritants":
                await pilot.press("v")
                await until(pilot, lambda: isinstance(app.screen, PickDialog), "voters")
                await shows_literally(pilot, "voter list")
                await pilot.press("escape")
            if step == "coalition":
                assert isinstance(app.screen, CoalitionTool)
                await pilot.press("x")  # a toast quotes the removed member's name
                await until(pilot, lambda: "Removed" in screen_text(pilot), "the toast")
                await shows_literally(pilot, "toast")
                await pilot.press("ctrl+z")
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, ToolScreen), "the session")
        await pilot.press("f7")
        await shows_literally(pilot, "checks")
        await pilot.press("escape", "f9")
        await until(pilot, lambda: "Minutes preview" in screen_text(pilot), "the preview")
        await until(pilot, lambda: "Kick" in screen_text(pilot), "the rendered minutes")
        await shows_literally(pilot, "minutes")
        await pilot.press("escape", "f10")
        await shows_literally(pilot, "end review")
        await pilot.press("escape")
        assert app.is_running


async def test_enter_on_an_unchanged_edit_keeps_the_text_as_saved(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    hostile_session(workspace)
    [path] = workspace.session_files()
    app = app_factory(path)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        screen = session_screen(pilot)
        await pilot.press("escape")  # the items list, on the first item
        before = screen.store.get(screen.items_table.selected_id() or "")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt), "the edit prompt")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "back")
        assert screen.store.get(before.id) == before  # not its visible stand-ins
