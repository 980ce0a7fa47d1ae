"""The pages work without JavaScript (forms that post and come back), escape every text,
and carry the security headers; only the bundled static files are served."""

from __future__ import annotations

import re
from pathlib import Path

from coalition.store import read_session

from .conftest import RoomClient

HOSTILE = '<script>alert(1)</script> & "quotes" [bold]x[/bold]'


def field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, name
    return match.group(1)


async def join_by_form(room: RoomClient, name: str) -> str:
    page = await room.client.get(f"/?t={room.secrets.join}")
    assert page.status == 200
    joined = await room.client.post(
        "/join", data={"t": room.secrets.join, "name": name}, allow_redirects=False
    )
    assert joined.status == 303 and joined.headers["Location"] == "/room"
    room_page = await room.client.get("/room")
    assert room_page.status == 200
    return await room_page.text()


async def test_the_basic_form_works_without_javascript(
    room: RoomClient, session_path: Path
) -> None:
    html = await join_by_form(room, "Ana Lima")
    assert "What annoys you?" in html and "What costs you time?" in html
    form = {"csrf": field(html, "csrf"), "key": field(html, "key"), "kind": "irritant"}
    posted = await room.client.post(
        "/room/cards", data=form | {"text": "Printer queue"}, allow_redirects=False
    )
    assert posted.status == 303
    resent = await room.client.post("/room/cards", data=form | {"text": "Printer queue"})
    assert resent.status == 200  # the same form sent twice: the same card
    assert len(room.core.cards) == 1
    page = await (await room.client.get("/room")).text()
    assert "Printer queue" in page
    edit = {"csrf": form["csrf"], "text": "Printer queue jams", "action": "edit"}
    await room.client.post("/room/cards/C-1", data=edit)
    assert room.core.cards["C-1"].text == "Printer queue jams"
    facilitator = await room.client.post(
        "/facilitator", data={"t": room.secrets.facilitator, "action": "reveal"},
        allow_redirects=False,
    )  # fmt: skip
    assert facilitator.status == 303
    assert [i.text for i in read_session(session_path).irritants] == ["Printer queue jams"]
    await room.client.post(
        "/facilitator",
        data={"t": room.secrets.facilitator, "action": "open-vote", "budget": "2",
              "max_per_item": "2"},
    )  # fmt: skip
    page = await (await room.client.get("/room")).text()
    assert "0 of 2 dots placed" in page
    await room.client.post("/room/votes", data={"csrf": form["csrf"], "item": "I-1", "dots": "2"})
    await room.client.post(
        "/facilitator", data={"t": room.secrets.facilitator, "action": "close-vote"}
    )
    assert read_session(session_path).irritants[0].votes == 2
    page = await (await room.client.get("/room")).text()
    assert "2 dots from 1 person" in page
    await room.client.post(
        "/facilitator", data={"t": room.secrets.facilitator, "action": "step", "step": "plan"}
    )
    assert "What do we do?" in await (await room.client.get("/room")).text()


async def test_withdraw_by_form(room: RoomClient) -> None:
    html = await join_by_form(room, "Ana Lima")
    csrf = field(html, "csrf")
    await room.client.post(
        "/room/cards", data={"csrf": csrf, "key": "k", "kind": "note", "text": "Oops"}
    )
    await room.client.post("/room/cards/C-1", data={"csrf": csrf, "action": "withdraw"})
    assert room.core.cards == {}


async def test_every_text_is_escaped_on_every_page(room: RoomClient) -> None:
    html = await join_by_form(room, HOSTILE)
    csrf = field(html, "csrf")
    await room.client.post(
        "/room/cards", data={"csrf": csrf, "key": "k", "kind": "note", "text": HOSTILE}
    )
    pages = [await (await room.client.get("/room")).text()]
    await room.client.post("/api/reveal", headers=room.facilitator)
    pages.append(await (await room.client.get("/room")).text())
    pages.append(await (await room.client.get("/room/live")).text())  # the parts room.js swaps in
    pages.append(await (await room.client.get(f"/facilitator?t={room.secrets.facilitator}")).text())
    pages.append(await (await room.client.get(f"/?t={room.secrets.join}")).text())
    for page in pages:
        assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[1]


async def test_pages_carry_the_security_headers_and_no_inline_script(room: RoomClient) -> None:
    await join_by_form(room, "Ana Lima")
    for url in ("/", "/room", "/room/live", "/static/room.js", "/nowhere", "/api/state"):
        answer = await room.client.get(url)
        headers = answer.headers
        assert "default-src 'self'" in headers["Content-Security-Policy"], url
        assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        if answer.content_type == "text/html":
            assert re.search(r"<script(?![^>]*\bsrc=)", await answer.text()) is None, url


async def test_pages_without_a_token_or_cookie_are_403(room: RoomClient) -> None:
    for url in ("/room", "/room/live", "/?t=wrong", "/facilitator", "/facilitator?t=wrong"):
        answer = await room.client.get(url)
        assert answer.status == 403, url
    for url, data in (
        ("/join", {"t": "wrong", "name": "Eve"}),
        ("/room/cards", {"kind": "note", "text": "x", "key": "k"}),
        ("/room/votes", {"item": "I-1", "dots": "1"}),
        ("/facilitator", {"t": room.secrets.join, "action": "reveal"}),
    ):
        answer = await room.client.post(url, data=data)
        assert answer.status == 403, url
    bare = await room.client.get("/")
    assert bare.status == 200 and 'action="/code"' in await bare.text()


async def test_only_the_bundled_static_files_are_served(room: RoomClient) -> None:
    css = await room.client.get("/static/room.css")
    assert css.status == 200 and css.content_type == "text/css"
    for url in ("/static/../pages.py", "/static/%2e%2e/pages.py", "/static/templates",
                "/static/..%2fpages.py", "/pages.py"):  # fmt: skip
        assert (await room.client.get(url)).status == 404, url


async def test_the_facilitator_page_says_plainly_when_the_room_runs_without_https(
    room: RoomClient,
) -> None:
    page = await (await room.client.get(f"/facilitator?t={room.secrets.facilitator}")).text()
    assert "Plain HTTP: anyone on this network can read the cards." in page
