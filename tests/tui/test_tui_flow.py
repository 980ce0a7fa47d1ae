"""A whole session driven by keys: new session from Home, capture each kind, move, export, close."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from coalition.domain.models import SessionStatus
from coalition.services.workspace import Workspace
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.screens.home import HomeScreen
from coalition.tui.screens.minutes import MinutesScreen

from .conftest import SIZE
from .helpers import capture_input, screen_text, session_screen, type_line


async def test_whole_session_from_home(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "No sessions" in screen_text(pilot)

        await pilot.press("n")
        await type_line(pilot, "Acme Insurance", enter=False)
        await pilot.press("tab")
        await type_line(pilot, "Kick-off", enter=False)
        await pilot.press("tab", "tab", "tab", "tab")  # date, facilitator, playbook select
        await type_line(pilot, "Alice Smith role:CFO has:power,leadership; Bob Lee side:it")
        await pilot.pause()

        screen = session_screen(pilot)
        path = screen.store.path
        assert path is not None and path.is_file()
        assert "Step 1/13" in screen_text(pilot)

        await type_line(pilot, "d We adopt the value-stream map @alice @bob")
        await type_line(pilot, "a Draft the metrics pack @bob due:+7d")
        await type_line(pilot, "i Password resets take 3 days +2 @ali")
        await type_line(pilot, "n The CFO wants the warranty costs explained")
        await type_line(pilot, "p Carol Diaz side:it role:CIO")
        assert capture_input(pilot).value == ""
        text = screen_text(pilot)
        assert "D-1" in text and "A-1" in text and "I-1" in text and "N-1" in text
        assert "Carol Diaz" in text  # in the roster

        saved = read_session(path)
        assert [d.owners for d in saved.decisions] == [("Alice Smith", "Bob Lee")]
        assert saved.actions[0].owner == "Bob Lee"
        assert str(saved.actions[0].due) == "2026-03-09"
        assert saved.irritants[0].votes == 2
        assert [p.name for p in saved.participants] == ["Alice Smith", "Bob Lee", "Carol Diaz"]
        assert {q.value for q in saved.participants[0].qualities} == {
            "position-power",
            "leadership",
        }
        assert {i.step for i in saved.items_in_step("review")} == {"review"}

        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert "Step 3/13" in screen_text(pilot)
        assert read_session(path).info.current_step == screen.current_step.id
        await type_line(pilot, "d Meet every fortnight @carol")
        assert read_session(path).decisions[-1].step == screen.current_step.id
        await pilot.press("pageup")
        await pilot.pause()
        assert "Step 2/13" in screen_text(pilot)

        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        await pilot.press("w")
        await pilot.pause()
        minutes = Path(path).with_suffix(".md")
        assert "We adopt the value-stream map" in minutes.read_text(encoding="utf-8")
        await pilot.press("escape")

        await pilot.press("f10")
        await pilot.pause()
        assert "End of session" in screen_text(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert read_session(path).info.status is SessionStatus.CLOSED
        assert "Meet every fortnight" in minutes.read_text(encoding="utf-8")
        assert "closed" in screen_text(pilot)
        assert app.store is None


async def test_reopening_resumes_at_saved_step(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory(session_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        step = session_screen(pilot).current_step.id
        await pilot.press("ctrl+q")
    app = app_factory(session_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert session_screen(pilot).current_step.id == step
        assert "Step 4/13" in screen_text(pilot)


async def test_open_from_home_and_corrupt_file_is_reported(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    broken = session_path.with_name("2026-01-01-broken.json")
    broken.write_text("{not json", encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(pilot)
        assert "Kick-off" in text and "unreadable" in text
        await pilot.press("enter")  # newest first: the readable session
        await pilot.pause()
        assert session_screen(pilot).store.path == session_path
        await pilot.press("ctrl+q")
    app = app_factory(broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any(n.severity == "error" for n in app._notifications)


async def test_new_session_participants_with_commas_are_refused(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    """Commas belong to `has:`; people are separated with `;` and a comma name is refused."""
    from coalition.tui.dialogs.new_session import NewSessionDialog, split_participants

    assert split_participants("Dana role:COO has:power,leadership; Ivan side:it ;") == (
        "Dana role:COO has:power,leadership",
        "Ivan side:it",
    )
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        dialog.query_one("#new-client", Input).value = "Acme"
        dialog.query_one("#new-title", Input).value = "Kick-off"
        dialog.query_one("#new-participants", Input).value = "Dana role:COO, Ivan side:it"
        await pilot.click("#new-start")
        await pilot.pause()
        assert app.screen is dialog
        assert "separate people with ';'" in screen_text(pilot)
        assert list(workspace.sessions_dir.rglob("*.json")) == []
