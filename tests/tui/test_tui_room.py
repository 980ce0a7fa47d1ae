"""The room in the app: F8 serves it from a thread of its own, phones post over real HTTP to
127.0.0.1, the panel counts their cards, F3 reveals them as items, F4 runs a dot vote."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from coalition.cli import main
from coalition.domain.models import Irritant
from coalition.domain.room_records import read_room
from coalition.errors import SessionLocked
from coalition.room import Room
from coalition.services.workspace import Workspace
from coalition.store import SessionStore, read_room_documents, read_session
from coalition.tui.app import CoalitionApp, create_app
from coalition.tui.dialogs.end_review import EndReviewDialog
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.widgets.room_panel import RoomPanel

from .conftest import TODAY, FakeClock
from .helpers import screen_text, session_screen, type_line, until

WIDE = (120, 40)


def _on_irritant_step(workspace: Workspace, session_path: Path) -> None:
    (workspace.root / "coalition.toml").write_text('room_bind = "127.0.0.1"\nroom_port = 0\n')
    with SessionStore.open(session_path) as store:
        store.set_current_step("irritants")


class Phone:
    """One participant's device: joins over HTTP, keeps its cookie and CSRF token."""

    def __init__(self, http: aiohttp.ClientSession, room: Room) -> None:
        self.http = http
        self.base = f"http://127.0.0.1:{room.port}"
        self.join_token = room.secrets.join
        self.csrf = ""

    async def join(self, name: str) -> None:
        url = f"{self.base}/api/join?t={self.join_token}"
        async with self.http.post(url, json={"name": name}) as answer:
            assert answer.status == 200, await answer.text()
            self.csrf = (await answer.json())["csrf"]

    async def post(self, path: str, body: dict[str, object]) -> int:
        headers = {"X-CSRF-Token": self.csrf}
        async with self.http.post(self.base + path, json=body, headers=headers) as answer:
            return answer.status


@asynccontextmanager
async def phone(room: Room) -> AsyncIterator[Phone]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        yield Phone(http, room)


async def _open_room(pilot: Pilot[object]) -> Room:
    await pilot.press("f8")
    app = pilot.app
    assert isinstance(app, CoalitionApp)
    await until(pilot, lambda: app.room is not None, "the room")
    assert app.room is not None
    return app.room


async def facilitator_posts(room: Room, path: str, body: dict[str, object]) -> int:
    """A POST from the facilitator page (its bearer token); the answer's status."""
    headers = {"Authorization": f"Bearer {room.secrets.facilitator}"}
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"http://127.0.0.1:{room.port}{path}", json=body, headers=headers) as answer,
    ):
        return answer.status


def _unlocked(path: Path) -> bool:
    try:
        SessionStore.open(path, lock_timeout=0).close()
    except SessionLocked:
        return False
    return True


def _panel(pilot: Pilot[object]) -> str:
    return session_screen(pilot).query_one("#room", RoomPanel).status.plain


async def test_a_card_from_a_phone_is_counted_then_revealed_as_an_item(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        assert "Plain HTTP" in screen_text(pilot) and room.code in screen_text(pilot)
        async with phone(room) as ana:
            await ana.join("Carla Diaz")
            card = {"kind": "irritant", "text": "Password resets take three days", "key": "k1"}
            assert await ana.post("/api/cards", card) == 201
        await until(pilot, lambda: "Carla Diaz: 1" in _panel(pilot), "the count")
        assert "Joined (1): Carla Diaz" in _panel(pilot)
        assert "Password resets" not in screen_text(pilot)  # not before the reveal
        screen = session_screen(pilot)
        assert "Carla Diaz" in screen_text(pilot)  # on the roster too
        await pilot.press("f3")
        await until(pilot, lambda: "Revealed 1: I-1." in screen_text(pilot), "the reveal")
        assert "Cards to reveal: 0 in this step" in _panel(pilot)
        assert screen.items_table.item_count == 1
        await pilot.press("escape")  # the list: the status line shows the item in full
        await until(pilot, lambda: "I-1: Password resets" in screen_text(pilot), "the item")
    saved = read_session(session_path)
    assert [(i.id, i.text, i.step) for i in saved.irritants] == [
        ("I-1", "Password resets take three days", "irritants")
    ]


async def test_a_dot_vote_opens_counts_voters_and_closes_with_results_saved(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        await type_line(pilot, "i Expense claims are printed and signed")
        await type_line(pilot, "i Laptops take six weeks to arrive")
        room = await _open_room(pilot)
        first, second = (i.id for i in session_screen(pilot).store.session.irritants)
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(pilot.app.screen, TextPrompt), "the prompt")
        await pilot.press("ctrl+u")
        await type_line(pilot, "3 2")
        await until(pilot, lambda: "Vote open: 0 of 0 voted" in _panel(pilot), "the vote")
        async with phone(room) as bob:
            await bob.join("Bob Lee")
            assert await bob.post("/api/votes", {"item": second, "dots": 2}) == 200
            assert await bob.post("/api/votes", {"item": first, "dots": 2}) == 409  # budget
            assert await bob.post("/api/votes", {"item": first, "dots": 1}) == 200
        await until(pilot, lambda: "Vote open: 1 of 1 voted" in _panel(pilot), "the ballot")
        await pilot.press("f4")
        await until(pilot, lambda: "Last vote:" in _panel(pilot), "the results")
        status = _panel(pilot)
        assert status.index(f"{second} 2 dots from 1 person") < status.index(
            f"{first} 1 dot from 1 person"
        )
    saved = {i.id: i for i in read_session(session_path).irritants}
    assert isinstance(saved[second], Irritant)
    assert (saved[first].votes, saved[second].votes) == (1, 2)
    assert dict(saved[second].votes_by) == {"Bob Lee": 2}


async def test_hostile_names_and_texts_show_literally(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    name = "[@click=app.quit]Eve[/] \x1b]0;owned\x07"
    text = "[bold red]IT[/] is [link=http://x]fine[/link] \x1b[2J"
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        async with phone(room) as eve:
            await eve.join(name)
            assert await eve.post("/api/cards", {"kind": "irritant", "text": text, "key": "x"})
        await until(pilot, lambda: "[@click=app.quit]Eve[/]" in _panel(pilot), "the name")
        assert "\x1b" not in _panel(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: "Revealed 1" in screen_text(pilot), "the reveal")
        await pilot.press("escape")
        await until(pilot, lambda: "I-1: [bold red]IT[/] is" in screen_text(pilot), "the text")
        shown = screen_text(pilot)
        message = session_screen(pilot).query_one("#capture-message", Static)
        assert str(message.content).startswith(
            "I-1: [bold red]IT[/] is [link=http://x]fine[/link] ␛[2J"
        )
        assert "\x1b" not in shown and "[@click=app.quit]Eve[/]" in shown  # roster, panel
        assert pilot.app.is_running


async def test_f8_closes_the_room_and_its_link_stops_working(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        join_url = f"http://127.0.0.1:{room.port}/api/join?t={room.secrets.join}"
        await pilot.press("f8")
        app = pilot.app
        assert isinstance(app, CoalitionApp)
        await until(pilot, lambda: app.room is None, "the close")
        await pilot.pause(0.05)
        assert "Room open" not in screen_text(pilot)
        async with aiohttp.ClientSession() as http:
            try:
                async with http.post(join_url, json={"name": "Late Larry"}) as answer:
                    assert answer.status == 403
            except aiohttp.ClientConnectionError:
                pass  # refused: nothing serves there any more
    assert all(p.name != "Late Larry" for p in read_session(session_path).participants)


async def test_the_room_and_the_app_follow_each_others_step(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        screen = session_screen(pilot)
        await pilot.press("pagedown")
        await until(pilot, lambda: room.core.step().id == "wins", "the room on the next step")
        assert await facilitator_posts(room, "/api/step", {"step": "urgency"}) == 200
        await until(pilot, lambda: screen.current_step.id == "urgency", "the app on that step")


async def test_quitting_the_app_stops_the_room(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    app = app_factory(session_path)
    async with app.run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        port = room.port
        await app.action_quit()
    async with aiohttp.ClientSession() as http:
        try:
            async with http.get(f"http://127.0.0.1:{port}/") as answer:
                assert answer.status == 403
        except aiohttp.ClientConnectionError:
            pass


def test_a_bad_room_option_stops_coalition_run_before_the_app_opens(
    workspace: Workspace, session_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace.root / "coalition.toml").write_text('room_anonymous = "perhaps"\n')
    assert main(["--workspace", str(workspace.root), "run", str(session_path)]) == 2
    assert "room_anonymous in coalition.toml must be true or false" in capsys.readouterr().err
    args = ["--workspace", str(workspace.root), "run", str(session_path), "--room-port", "99999"]
    assert main(args) == 2
    assert "from 0 to 65535, not 99999" in capsys.readouterr().err


async def test_an_anonymous_room_shows_only_the_total_of_cards(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    with (workspace.root / "coalition.toml").open("a") as settings:
        settings.write("room_anonymous = true\n")
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        async with phone(room) as ana, phone(room) as bob:
            await ana.join("Alice Smith")
            await bob.join("Bob Lee")
            for who, key in ((ana, "a1"), (ana, "a2"), (bob, "b1")):
                card = {"kind": "irritant", "text": f"Card {key}", "key": key}
                assert await who.post("/api/cards", card) == 201
        await until(pilot, lambda: "Cards to reveal: 3" in _panel(pilot), "the total")
        status = _panel(pilot)
        assert "Anonymous room" in status
        assert "Alice Smith:" not in status and "Bob Lee:" not in status
        await pilot.press("f3")
        await until(pilot, lambda: "Revealed 3" in screen_text(pilot), "the reveal")
    info, cards = read_room(read_room_documents(session_path))
    assert (dict(info.raised_by), list(cards)) == (
        {},
        [],
    )  # no author stored, nothing left unrevealed
    assert len(info.anonymous_items) == 3


async def test_the_palette_opens_the_room_and_ending_the_session_stops_it(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    app = app_factory(session_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_line(pilot, "room: open or close", enter=False)
        await until(pilot, lambda: "Phones write and vote" in screen_text(pilot), "the entry")
        await pilot.press("enter")
        await until(pilot, lambda: app.room is not None, "the room")
        assert app.room is not None
        port = app.room.port
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, EndReviewDialog), "the review")
        await pilot.press("w")
        await until(pilot, lambda: app.room is None and app.store is None, "the close")
        await until(pilot, lambda: _unlocked(session_path), "the file closed after the room")
        async with aiohttp.ClientSession() as http:
            try:
                async with http.get(f"http://127.0.0.1:{port}/") as answer:
                    assert answer.status == 403
            except aiohttp.ClientConnectionError:
                pass  # refused: nothing serves there any more


async def test_with_a_certificate_the_panel_says_https_and_the_room_serves_it(
    workspace: Workspace, session_path: Path, clock: FakeClock
) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem"],
        cwd=workspace.root, check=True, capture_output=True,
    )  # fmt: skip
    _on_irritant_step(workspace, session_path)
    with (workspace.root / "coalition.toml").open("a") as settings:
        settings.write('room_cert = "cert.pem"\nroom_key = "key.pem"\n')
    app = create_app(workspace, session_path, clock=clock, today=lambda: TODAY)
    async with app.run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        assert room.join_url.startswith("https://127.0.0.1:")
        assert "HTTPS: the cards are encrypted" in _panel(pilot)
        assert "Room open · HTTPS" in screen_text(pilot)
        async with (
            aiohttp.ClientSession() as http,
            http.get(room.join_url, ssl=False) as answer,  # self-signed: not verified
        ):
            assert answer.status == 200 and answer.url.scheme == "https"


SIX = ("Carla Diaz", "Dev Patel", "Maria Lopez", "Ana Lima", "Bo Chen", "Kofi Mensah")


async def test_six_people_joined_all_show_with_the_keys_and_the_qr_comes_back_on_ctrl_r(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    _on_irritant_step(workspace, session_path)
    async with app_factory(session_path).run_test(size=WIDE) as pilot:
        room = await _open_room(pilot)
        panel = session_screen(pilot).query_one("#room", RoomPanel)
        assert panel.qr_shown and "▀" in screen_text(pilot)  # nobody yet: the code to scan
        for number, name in enumerate(SIX):
            async with phone(room) as device:
                await device.join(name)
                card = {"kind": "irritant", "text": f"card {number}", "key": "k"}
                assert await device.post("/api/cards", card) == 201
        await until(pilot, lambda: "Kofi Mensah: 1" in _panel(pilot), "the counts")
        await pilot.pause()
        shown = screen_text(pilot)
        assert not panel.qr_shown and "▀▀▀" not in shown
        assert "F3 reveal · F4 vote · ^R QR · F8 close" in shown
        for name in SIX:
            assert f"{name}: 1" in shown
        await pilot.press("ctrl+r")  # a late arrival needs the code
        await pilot.pause()
        shown = screen_text(pilot)
        assert panel.qr_shown and "▀▀▀" in shown
        assert "F3 reveal · F4 vote · ^R QR · F8 close" in shown  # still at the bottom
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not panel.qr_shown and "Maria Lopez: 1" in screen_text(pilot)
