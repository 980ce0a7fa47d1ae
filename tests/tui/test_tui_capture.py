"""The capture line: malformed lines keep their text; unknown names; save errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from coalition.errors import SaveFailed
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.choice import ChoiceDialog
from coalition.tui.dialogs.text_prompt import TextPrompt

from .conftest import SIZE
from .helpers import capture_input, screen_text, session_screen, type_line, until


async def test_malformed_line_keeps_text_and_says_why(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "z not a kind")
        assert capture_input(pilot).value == "z not a kind"
        assert "'z' is not a kind" in screen_text(pilot)
        await pilot.press("ctrl+u")
        await type_line(pilot, "a Fix it due:someday")
        assert capture_input(pilot).value == "a Fix it due:someday"
        assert "due:someday is not a date" in screen_text(pilot)
    assert read_session(session_path).actions == []


@pytest.mark.parametrize(
    ("answer", "participants", "owner"),
    [
        ("a", ["Alice Smith", "Bob Lee", "Dana Ross"], "Dana Ross"),
        ("k", ["Alice Smith", "Bob Lee"], "Dana"),
    ],
)
async def test_unknown_owner_offers_to_add_participant(
    session_path: Path,
    app_factory: Callable[..., CoalitionApp],
    answer: str,
    participants: list[str],
    owner: str,
) -> None:
    app = app_factory(session_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "a Book the room @Dana due:fri")
        assert isinstance(app.screen, ChoiceDialog)
        assert "Nobody in the coalition is called Dana" in screen_text(pilot)
        await pilot.press(answer)
        await pilot.pause()
        if answer == "a":  # the full name, prefilled with the typed one, and the side
            assert isinstance(app.screen, TextPrompt)
            assert app.screen.query_one(Input).value == "Dana"
            await type_line(pilot, " Ross side:it")
        assert capture_input(pilot).value == ""
    saved = read_session(session_path)
    assert [p.name for p in saved.participants] == participants
    if answer == "a":
        assert saved.participants[-1].side.value == "it"
    assert saved.actions[0].owner == owner
    assert str(saved.actions[0].due) == "2026-03-06"


async def test_unknown_owner_escape_goes_back_to_edit(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "d Ship it @zed")
        await pilot.press("escape")
        await pilot.pause()
        assert capture_input(pilot).value == "d Ship it @zed"
        assert "Not saved" in screen_text(pilot)
    assert read_session(session_path).decisions == []


async def test_save_error_is_shown_and_text_kept(
    session_path: Path,
    app_factory: Callable[..., CoalitionApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = app_factory(session_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        store = session_screen(pilot).store

        def fail(*args: object, **kwargs: object) -> None:
            raise SaveFailed("Could not save the session: disk full.")

        monkeypatch.setattr(store, "add", fail)
        await type_line(pilot, "n The room is cold")
        assert capture_input(pilot).value == "n The room is cold"
        assert "Not saved: Could not save" in screen_text(pilot)
        assert [n.title for n in app._notifications] == ["Not saved"]
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert capture_input(pilot).value == ""
    assert [n.text for n in read_session(session_path).notes] == ["The room is cold"]


@pytest.mark.parametrize("away", [("escape",), ("escape", "tab", "tab")])
async def test_typing_away_from_the_capture_line_is_never_lost(
    session_path: Path, app_factory: Callable[..., CoalitionApp], away: tuple[str, ...]
) -> None:
    """Esc (the items) or Esc Tab Tab (the agenda), then a whole line and Enter: saved."""
    app = app_factory(session_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*away)
        await pilot.pause()
        screen = session_screen(pilot)
        assert app.focused is not capture_input(pilot)
        assert app.focused in (screen.items_table, screen.query_one("#agenda"))
        await type_line(pilot, "d Keep the Friday demo @alice")
        assert app.focused is capture_input(pilot)
        assert "Saved D-1" in screen_text(pilot)
    assert [d.text for d in read_session(session_path).decisions] == ["Keep the Friday demo"]


async def test_item_keys_keep_their_meaning_on_the_items_list(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory(session_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "i Slow laptops +1")
        await pilot.press("escape", "plus", "s")
        await pilot.pause()
        assert app.focused is session_screen(pilot).items_table
        assert capture_input(pilot).value == ""
    irritant = read_session(session_path).irritants[0]
    assert (irritant.votes, irritant.status.value) == (2, "being-removed")


async def test_a_person_who_looks_like_a_member_is_flagged(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory(session_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "p bob lee side:it")
        assert [n.title for n in app._notifications] == ["Duplicate person?"]
        (notification,) = app._notifications
        assert "Bob Lee (P-2) is already in the coalition" in notification.message
    assert len(read_session(session_path).participants) == 3


async def test_a_role_of_several_words_needs_no_quotes(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "p Dana Lee role:Head of Finance side:it")
        assert capture_input(pilot).value == ""
        assert "Saved P-3 (participant)" in screen_text(pilot)
    dana = read_session(session_path).participants[2]
    assert (dana.name, dana.role, dana.side.value) == ("Dana Lee", "Head of Finance", "it")


async def test_a_show_of_hands_is_captured_with_its_counts_and_shown_with_its_verdict(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_screen(pilot).go_to_step("urgency")
        await type_line(pilot, "hands 13/12 Is business as usual worse?")
        assert "13 hands up is more than the 12 present" in screen_text(pilot)
        assert capture_input(pilot).value == "hands 13/12 Is business as usual worse?"
        assert read_session(session_path).shows_of_hands == []
        await pilot.press("ctrl+u")
        await type_line(pilot, "hands 9/12 Is business as usual worse?")
        assert capture_input(pilot).value == ""
        (hands,) = read_session(session_path).shows_of_hands
        assert (hands.id, hands.yes, hands.present, hands.step) == ("Q-1", 9, 12, "urgency")
        assert "9/12 75 %" in screen_text(pilot) and "≥ 3/4" in screen_text(pilot)
        await type_line(pilot, "hands 8/12 Is the vision desirable and feasible?")
        await until(pilot, lambda: "< 3/4" in screen_text(pilot), "the second verdict")
