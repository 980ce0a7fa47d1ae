"""At 80x24 every footer fits (nothing cut to "F1 He…", no stray letter left after the
palette key); the irritant tool's hint matches its keys; hints show no Markdown backticks;
the status line never shows a stale item."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Footer

from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.pick import PickDialog
from coalition.tui.screens.tools import IrritantTool, ToolScreen

from .conftest import make_session
from .helpers import screen_text, send_burst, session_screen, type_line, until

SIZE = (80, 24)


def footer_overflow(pilot: Pilot[object]) -> int:
    """How many cells of the footer do not fit (0 when every key shown fits)."""
    footer = pilot.app.screen.query_one(Footer)
    return int(footer.max_scroll_x)


async def test_every_footer_fits_at_80_columns(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        seen: dict[str, int] = {}

        async def check(where: str) -> None:
            await pilot.pause()
            seen[where] = footer_overflow(pilot)

        await until(pilot, lambda: app.screen.query("#sessions"), "Home")
        await check("home")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query("#capture"), "the session")
        await type_line(pilot, "i Password resets take three days +4")
        await check("session, capture line")
        await pilot.press("escape")
        await check("session, items")
        await pilot.press("c", "shift+tab", "shift+tab")
        await check("session, agenda")
        for step in ("coalition", "value-streams", "reporting", "irritants"):
            session_screen(pilot).go_to_step(step)
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, ToolScreen), "a tool")
            await check(f"tool on {step}")
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, ToolScreen), "the session")
        await pilot.press("f9")
        await check("minutes")
        await pilot.press("escape", "f10")
        await check("end review")
        await pilot.press("escape", "f1")
        await check("help")
        assert seen == dict.fromkeys(seen, 0), f"footers cut at 80 columns: {seen}"
        assert "He…" not in screen_text(pilot)


async def test_irritant_voter_keys_match_the_hint_and_one_escape_closes(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_screen(pilot).go_to_step("irritants")
        await type_line(pilot, "i Password resets take three days +4")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, IrritantTool), "the tool")
        tool = pilot.app.screen
        assert isinstance(tool, IrritantTool)
        text = screen_text(pilot)
        assert "v: who votes" in text and "]: next" in text
        send_burst(pilot, "v", "v", "v")  # pressed again while the list opens
        await until(pilot, lambda: isinstance(pilot.app.screen, PickDialog), "the voter list")
        await pilot.pause()
        assert sum(isinstance(s, PickDialog) for s in pilot.app.screen_stack) == 1
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is tool, "the tool after one Esc")
        await pilot.press("right_square_bracket")
        assert tool.voter == "Bob Lee"


async def test_status_line_shows_the_votes_after_a_tool_changed_them(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_screen(pilot).go_to_step("irritants")
        await type_line(pilot, "i Password resets take three days +4")
        await pilot.press("escape")  # the items list: the status line describes I-1
        await until(pilot, lambda: "+4" in screen_text(pilot), "the description")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, IrritantTool), "the tool")
        await pilot.press("plus")
        await until(
            pilot, lambda: read_session(session_path).irritants[0].votes == 5, "the saved dot"
        )
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(pilot.app.screen, ToolScreen), "the session")
        await pilot.pause()
        status = str(session_screen(pilot).capture_line.query_one("#capture-message").render())
        assert "+5" in status and "+4" not in status
        await pilot.press("pagedown")  # a step with no items: no stale description either
        await pilot.pause()
        status = str(session_screen(pilot).capture_line.query_one("#capture-message").render())
        assert "I-1" not in status


async def test_empty_roster_hint_has_no_backticks(
    workspace: object, app_factory: Callable[..., CoalitionApp]
) -> None:
    from coalition.services.workspace import Workspace

    assert isinstance(workspace, Workspace)
    path = make_session(workspace)
    async with app_factory(path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(pilot)
        assert "Nobody yet" in text and "`" not in text
        session_screen(pilot).go_to_step("coalition")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, ToolScreen), "the tool")
        await pilot.pause()
        assert "`" not in screen_text(pilot)
