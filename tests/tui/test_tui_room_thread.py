"""The app serves its room from a thread of its own: a phone's card is saved and answered
while the app's loop is busy drawing, and what the room changes reaches the screen without
moving the facilitator's cursor."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from coalition.services.workspace import Workspace
from coalition.store import read_room_documents
from coalition.tui.app import CoalitionApp

from .helpers import session_screen, type_line, until
from .test_tui_room import WIDE, _on_irritant_step, _open_room, facilitator_posts, phone


def _join_and_write(base: str, join_token: str, answered: list[tuple[int, float]]) -> None:
    """A phone in another thread: join, write one card; note its status and when."""
    cookies = urllib.request.HTTPCookieProcessor()
    opener = urllib.request.build_opener(cookies)

    def post(path: str, body: dict[str, str], headers: dict[str, str]) -> tuple[int, bytes]:
        request = urllib.request.Request(
            base + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", **headers},
        )
        with opener.open(request, timeout=10) as answer:
            return answer.status, answer.read()

    _, joined = post(f"/api/join?t={join_token}", {"name": "Ana Lima"}, {})
    csrf = json.loads(joined)["csrf"]
    card = {"kind": "irritant", "text": "Laptops take six weeks", "key": "k1"}
    status, _ = post("/api/cards", card, {"X-CSRF-Token": csrf})
    answered.append((status, time.monotonic()))


async def test_a_card_is_saved_and_answered_while_the_apps_loop_is_busy(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        answered: list[tuple[int, float]] = []
        writer = threading.Thread(
            target=_join_and_write,
            args=(f"http://127.0.0.1:{room.port}", room.secrets.join, answered),
        )
        writer.start()
        time.sleep(2.0)  # the app's loop (this test runs on it) does nothing else meanwhile
        busy_until = time.monotonic()
        assert answered, "the card was not answered while the app's loop was busy"
        status, when = answered[0]
        assert status == 201 and when < busy_until
        cards = [doc for key, doc in read_room_documents(session_path).items() if key != "1"]
        assert [card["text"] for card in cards] == ["Laptops take six weeks"]
        writer.join(10)
        await until(pilot, lambda: "Ana Lima: 1" in session_screen(pilot).room_panel.status.plain,
                    "the count")  # fmt: skip


async def test_a_reveal_from_the_facilitator_page_keeps_the_cursor_on_its_row(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        for text in ("Printed expense claims", "Slow laptops", "Password resets"):
            await type_line(pilot, f"i {text}")
        room = await _open_room(pilot)
        screen = session_screen(pilot)
        await pilot.press("escape", "up")  # the list (on its last row), then the second
        await until(pilot, lambda: screen.items_table.selected_id() == "I-2", "the cursor")
        async with phone(room) as ana:
            await ana.join("Ana Lima")
            card = {"kind": "irritant", "text": "Shared drives are full", "key": "k1"}
            assert await ana.post("/api/cards", card) == 201
        assert await facilitator_posts(room, "/api/reveal", {}) == 200
        await until(pilot, lambda: screen.items_table.item_count == 4, "the revealed item")
        assert screen.items_table.selected_id() == "I-2"
        assert screen.items_table.get_row_index("I-4") == 3


async def test_many_revealed_cards_join_the_list_in_parts_below_the_cursor(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    """A reveal of 250 cards: a first part of the rows at once, the rest after the next
    refreshes, all after the rows there were; the cursor stays on its item."""
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        for text in ("Printed expense claims", "Slow laptops"):
            await type_line(pilot, f"i {text}")
        room = await _open_room(pilot)
        screen = session_screen(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: screen.items_table.selected_id() == "I-2", "the cursor")
        for n in range(10):  # at most 40 cards each in a step
            async with phone(room) as person:
                await person.join(f"Person {n}")
                for k in range(25):
                    card = {"kind": "irritant", "text": f"card {k} of {n}", "key": f"k{k}"}
                    assert await person.post("/api/cards", card) == 201
        room.core.reveal()
        table = screen.items_table
        await until(pilot, lambda: table.item_count == 252, "the count of the revealed")
        await until(pilot, lambda: table.row_count == 252, "every row")
        assert table.selected_id() == "I-2"
        assert [table.coordinate_to_cell_key((r, 0)).row_key.value for r in (0, 1, 2, 251)] == [
            "I-1", "I-2", "I-3", "I-252",
        ]  # fmt: skip
