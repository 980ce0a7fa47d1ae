"""The screen catches up with the room at most every quarter of a second, and always
catches up with the last change, however fast the changes come."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from coalition.domain.models import Irritant
from coalition.services.workspace import Workspace
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.textual_internals import shown_notifications

from .helpers import session_screen, type_line, until
from .test_tui_room import WIDE, _on_irritant_step, _open_room, facilitator_posts, phone


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


async def test_f3_right_after_the_page_moved_the_step_follows_the_page(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    """The page moves the step, and F3 comes before the screen has caught up (it catches
    up at most every quarter of a second): the reveal works on the page's step, and the
    screen follows it, rather than moving the room back."""
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        screen = session_screen(pilot)
        screen._room_caught_up = time.monotonic() + 60  # the next catch-up waits
        assert await facilitator_posts(room, "/api/step", {"step": "urgency"}) == 200
        assert screen.current_step.id == "irritants"  # not caught up yet
        screen.action_reveal_cards()
        assert room.core.step().id == "urgency"
        assert screen.current_step.id == "urgency"


async def test_an_edit_does_not_undo_dots_the_room_saved_meanwhile(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    """The facilitator edits an irritant while the room closes a vote on it: the edit is
    refused with a message, and the dots stay."""
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        await type_line(pilot, "i Slow laptops")
        screen = session_screen(pilot)
        await pilot.press("escape", "e")
        await until(pilot, lambda: isinstance(pilot.app.screen, TextPrompt), "the edit")
        irritant = screen.store.get("I-1")
        assert isinstance(irritant, Irritant)
        screen.store.put(dataclasses.replace(irritant, votes=3))  # the room's thread, say
        await pilot.press("ctrl+u")
        await type_line(pilot, "Laptops take six weeks")
        await until(
            pilot,
            lambda: any("changed meanwhile" in n.message for n in shown_notifications(pilot.app)),
            "the refusal",
        )
    saved = read_session(session_path).irritants[0]
    assert (saved.text, saved.votes) == ("Slow laptops", 3)
