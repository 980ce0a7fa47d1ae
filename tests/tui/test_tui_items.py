"""Editing the items of a step: edit, re-own, vote, status, delete and undo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coalition.domain.models import ActionStatus, IrritantStatus
from coalition.store import read_session
from coalition.tui.app import CoalitionApp

from .conftest import SIZE
from .helpers import session_screen, type_line


async def test_edit_reown_vote_status_delete_undo(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "a Draft the metrics pack @bob")
        await type_line(pilot, "i Password resets are slow +1")
        await pilot.press("escape")  # to the items list; the cursor is on the newest row
        await pilot.pause()
        assert session_screen(pilot).items_table.has_focus

        await pilot.press("plus", "plus", "minus")
        await pilot.press("s")
        await pilot.pause()
        irritant = read_session(session_path).irritants[0]
        assert irritant.votes == 2
        assert irritant.status is IrritantStatus.BEING_REMOVED

        await pilot.press("o")
        await type_line(pilot, "ali")
        assert read_session(session_path).irritants[0].owner == "Alice Smith"

        await pilot.press("up", "e")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_line(pilot, "Draft the business metrics pack")
        action = read_session(session_path).actions[0]
        assert action.text == "Draft the business metrics pack"
        await pilot.press("s")
        await pilot.pause()
        assert read_session(session_path).actions[0].status is ActionStatus.DONE

        await pilot.press("x")
        await pilot.pause()
        assert read_session(session_path).actions == []
        table = session_screen(pilot).items_table
        assert "A-1" not in table.rows
        await pilot.press("ctrl+z")
        await pilot.pause()
        restored = read_session(session_path).actions
        assert [a.status for a in restored] == [ActionStatus.DONE]
        assert "A-1" in table.rows
        await pilot.press("ctrl+z")  # undoes the status change
        await pilot.pause()
        assert read_session(session_path).actions[0].status is ActionStatus.OPEN


async def test_undo_of_a_capture_removes_it(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "n A note by mistake")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session_screen(pilot).items_table.row_count == 0
    assert read_session(session_path).notes == []
