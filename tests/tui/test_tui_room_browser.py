"""Real browsers in the room the app serves (F8), from its own thread: two phones join in
Chromium, write, the facilitator reveals with F3 and runs a dot vote with F4, and the
session file and the list hold it all. Skips without Chromium unless CI requires it (see
tests/room/test_room_browser.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from coalition.services.workspace import Workspace
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.text_prompt import TextPrompt
from room import test_room_browser
from room.test_room_browser import phone, write_card

from .helpers import session_screen, type_line, until
from .test_tui_room import WIDE, _on_irritant_step, _open_room, _panel

browser = test_room_browser.browser  # the same Chromium fixture (skips without it)


async def _join(page: Any, url: str, name: str) -> None:
    await page.goto(url)
    await page.get_by_label("Not on the list? Your name").fill(name)
    await page.get_by_role("button", name="Join").click()
    await page.get_by_label("Your card").wait_for()


async def _place(page: Any, item: str, dots: str) -> None:
    await page.get_by_label(f"Dots on {item}").select_option(dots)
    form = page.locator("form", has=page.get_by_label(f"Dots on {item}"))
    await form.get_by_role("button", name="Place").click()


async def test_two_phones_in_the_room_the_app_serves(
    browser: Any,
    workspace: Workspace,
    session_path: Path,
    app_factory: Callable[..., CoalitionApp],
) -> None:
    _on_irritant_step(workspace, session_path)
    errors: list[str] = []
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        screen = session_screen(pilot)
        ana, bruno = await phone(browser, errors), await phone(browser, errors)
        await _join(ana, room.join_url, "Ana Lima")
        await _join(bruno, room.join_url, "Bruno Diaz")
        await write_card(ana, "irritant", "Password resets take three days")
        await write_card(bruno, "irritant", "Laptops take six weeks")
        await until(pilot, lambda: "Cards to reveal: 2 in this step" in _panel(pilot), "2")
        await pilot.press("f3")
        await until(pilot, lambda: screen.items_table.item_count == 2, "the revealed")
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(pilot.app.screen, TextPrompt), "the prompt")
        await pilot.press("ctrl+u")
        await type_line(pilot, "3 2")
        await ana.get_by_label("Dots on I-2").wait_for(timeout=3000)  # the page follows
        await _place(ana, "I-2", "2")
        await ana.get_by_role("heading", name="Vote: 2 of 3 dots placed").wait_for(timeout=3000)
        await bruno.get_by_label("Dots on I-2").wait_for(timeout=3000)
        await _place(bruno, "I-2", "1")
        await bruno.get_by_role("heading", name="Vote: 1 of 3 dots placed").wait_for(timeout=3000)
        await until(pilot, lambda: "Vote open: 2 of 2 voted" in _panel(pilot), "the ballots")
        await pilot.press("f4")
        await ana.get_by_text("3 dots from 2 people").wait_for(timeout=3000)
    saved = {i.text: i for i in read_session(session_path).irritants}
    laptops = saved["Laptops take six weeks"]
    assert (laptops.votes, dict(laptops.votes_by)) == (3, {"Ana Lima": 2, "Bruno Diaz": 1})
    assert saved["Password resets take three days"].raised_by == "Ana Lima"
    assert errors == []
