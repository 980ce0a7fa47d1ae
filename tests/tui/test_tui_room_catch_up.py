"""The screen catches up with the room at most every quarter of a second, and always
catches up with the last change, however fast the changes come."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coalition.services.workspace import Workspace
from coalition.tui.app import CoalitionApp

from .helpers import session_screen, until
from .test_tui_room import WIDE, _on_irritant_step, _open_room, phone


async def test_cards_in_quick_succession_all_reach_the_panel(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        screen = session_screen(pilot)
        async with phone(room) as ana:
            await ana.join("Ana Lima")
            for n in range(6):  # faster than the panel is redrawn
                card = {"kind": "irritant", "text": f"card {n}", "key": f"k{n}"}
                assert await ana.post("/api/cards", card) == 201
        await until(pilot, lambda: "Ana Lima: 6" in screen.room_panel.status.plain, "all six")
        async with phone(room) as bob:
            await bob.join("Bob Lee")
            assert (
                await bob.post("/api/cards", {"kind": "irritant", "text": "x", "key": "k"}) == 201
            )
        await until(pilot, lambda: "Bob Lee: 1" in screen.room_panel.status.plain, "the next")
