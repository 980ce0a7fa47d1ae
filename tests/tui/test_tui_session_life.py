"""A session's life in the app: jumping ahead skips steps, a closed session asks before it
changes, and the end review can name the facilitator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from coalition.domain.facilitation import StepState, agenda
from coalition.domain.models import SessionStatus
from coalition.store import SessionStore, read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.choice import ChoiceDialog
from coalition.tui.dialogs.end_review import EndReviewDialog
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.screens.home import HomeScreen
from coalition.tui.screens.session import SessionScreen

from .conftest import SIZE, FakeClock
from .helpers import screen_text, session_screen, type_line, until


async def test_a_jump_from_the_palette_skips_the_steps_between(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_line(pilot, "step: jump to 9", enter=False)
        await until(pilot, lambda: "Irritant register" in screen_text(pilot), "the entry")
        await pilot.press("enter")
        screen = await _on_session(pilot)
        await until(pilot, lambda: screen.store.info.current_step == "irritants", "the save")
        assert "↷" in screen_text(pilot)
    info = read_session(session_path).info
    states = [state for _, state in agenda(info)]
    assert states[0] is StepState.DONE
    assert states[1:8] == [StepState.SKIPPED] * 7
    assert states[8] is StepState.CURRENT


async def _on_session(pilot: Pilot[object]) -> SessionScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, SessionScreen), "the session")
    return session_screen(pilot)


def _close(path: Path) -> bytes:
    with SessionStore.open(path) as store:
        store.set_status(SessionStatus.CLOSED)
    return path.read_bytes()


async def test_a_closed_session_asks_before_it_changes(
    session_path: Path, app_factory: Callable[..., CoalitionApp], clock: FakeClock
) -> None:
    before = _close(session_path)
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog), "the question")
        assert "Reopen it to change it?" in screen_text(pilot)
        clock.advance(120)  # the countdown would have run two minutes
        await pilot.pause(1.1)  # a tick of the countdown's interval
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "Home")
    assert session_path.read_bytes() == before  # looked at, not changed

    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog), "the question")
        await pilot.press("r")
        screen = await _on_session(pilot)
        await until(pilot, lambda: screen.store.info.status is SessionStatus.OPEN, "reopened")
        await type_line(pilot, "n A late thought")
    session = read_session(session_path)
    assert session.info.status is SessionStatus.OPEN
    assert [note.text for note in session.notes] == ["A late thought"]


async def test_the_end_review_names_the_facilitator(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    with SessionStore.open(session_path) as store:
        store.update_info(facilitator="")
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, EndReviewDialog), "the review")
        assert "no facilitator" in screen_text(pilot)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(pilot.app.screen, TextPrompt), "the prompt")
        await type_line(pilot, "Fran Okafor")
        await until(pilot, lambda: isinstance(pilot.app.screen, EndReviewDialog), "the review")
        assert "no facilitator" not in screen_text(pilot)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "Home")
    session = read_session(session_path)
    assert session.info.facilitator == "Fran Okafor"
    assert session.info.status is SessionStatus.CLOSED
    assert 'facilitator: "Fran Okafor"' in session_path.with_suffix(".md").read_text()
