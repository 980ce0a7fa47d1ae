"""Every limit of the room answers with a clear 4xx, and slow clients are cut off."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

from coalition.room import Limits, Room
from coalition.store import SessionStore, read_room_documents

from .conftest import MakeRoom


async def test_a_body_over_8_kb_is_413(make_room: MakeRoom) -> None:
    room = await make_room()
    csrf = await room.join("Ana Lima")
    big = {"kind": "note", "text": "x" * 9000, "key": "k1"}
    answer = await room.client.post("/api/cards", json=big, headers={"X-CSRF-Token": csrf})
    assert answer.status == 413
    assert "8192 bytes" in (await answer.json())["error"]

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(10):
            yield b"x" * 1000

    chunked = await room.client.post("/api/cards", data=chunks(), headers={"X-CSRF-Token": csrf})
    assert chunked.status == 413
    assert room.core.cards == {}


async def test_card_text_over_500_characters_is_400(make_room: MakeRoom) -> None:
    room = await make_room()
    csrf = await room.join("Ana Lima")
    long = {"kind": "note", "text": "é" * 501, "key": "k1"}
    answer = await room.client.post("/api/cards", json=long, headers={"X-CSRF-Token": csrf})
    assert answer.status == 400
    assert "500 characters" in (await answer.json())["error"]
    exact = {"kind": "note", "text": "é" * 500, "key": "k2"}
    ok = await room.client.post("/api/cards", json=exact, headers={"X-CSRF-Token": csrf})
    assert ok.status == 201


async def test_cards_per_person_per_step_are_limited(make_room: MakeRoom) -> None:
    room = await make_room(cards_per_step=2)
    csrf = await room.join("Ana Lima")
    statuses = []
    for n in range(3):
        answer = await room.client.post(
            "/api/cards",
            json={"kind": "note", "text": f"card {n}", "key": f"k{n}"},
            headers={"X-CSRF-Token": csrf},
        )
        statuses.append(answer.status)
    assert statuses == [201, 201, 429]
    await room.client.post("/api/step", json={"step": "plan"}, headers=room.facilitator)
    next_step = await room.client.post(
        "/api/cards",
        json={"kind": "action", "text": "in the next step", "key": "k9"},
        headers={"X-CSRF-Token": csrf},
    )
    assert next_step.status == 201


async def test_requests_per_participant_per_minute_are_limited(make_room: MakeRoom) -> None:
    room = await make_room(requests_per_minute=5)
    await room.join("Ana Lima")
    statuses = [(await room.client.get("/api/state")).status for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert "at most 5 a minute" in (await (await room.client.get("/api/state")).json())["error"]


async def test_participants_per_room_are_limited(make_room: MakeRoom) -> None:
    room = await make_room(participants=2)
    url = f"/api/join?t={room.secrets.join}"
    jar = room.client.session.cookie_jar
    assert (await room.client.post(url, json={"name": "One"})).status == 200
    jar.clear()  # each join from a device of its own
    assert (await room.client.post(url, json={"name": "Two"})).status == 200
    jar.clear()
    full = await room.client.post(url, json={"name": "Three"})
    assert full.status == 429
    assert "full (2 people)" in (await full.json())["error"]
    again = await room.client.post(url, json={"name": "one"})  # a second device of One
    assert again.status == 409


async def test_a_name_over_the_limit_and_bad_json_are_400(make_room: MakeRoom) -> None:
    room = await make_room()
    url = f"/api/join?t={room.secrets.join}"
    assert (await room.client.post(url, json={"name": "n" * 81})).status == 400
    assert (await room.client.post(url, data=b"{not json")).status == 400
    assert (await room.client.post(url, data=b"[1, 2]")).status == 400
    assert (await room.client.post(url, data=b"\xff\xfe")).status == 400


async def test_a_body_that_comes_too_slowly_is_408(make_room: MakeRoom) -> None:
    room = await make_room(body_seconds=0.2)
    csrf = await room.join("Ana Lima")

    async def slow() -> AsyncIterator[bytes]:
        yield b'{"kind": "note", '
        await asyncio.sleep(1.0)
        yield b'"text": "late", "key": "k"}'

    answer = await room.client.post("/api/cards", data=slow(), headers={"X-CSRF-Token": csrf})
    assert answer.status == 408
    assert room.core.cards == {}


async def test_the_join_code_opens_the_join_page_and_guesses_are_limited(
    make_room: MakeRoom,
) -> None:
    room = await make_room(code_attempts_per_minute=3)
    right = await room.client.post(
        "/code", data={"code": room.secrets.code.lower()}, allow_redirects=False
    )
    assert right.status == 303
    assert right.headers["Location"] == f"/?t={room.secrets.join}"
    wrong = await room.client.post("/code", data={"code": "AAAAAAAA"}, allow_redirects=False)
    assert wrong.status == 403
    assert room.secrets.join not in await wrong.text()
    await room.client.post("/code", data={"code": "AAAAAAAA"})
    limited = await room.client.post("/code", data={"code": room.secrets.code})
    assert limited.status == 429


async def test_a_client_that_sends_headers_too_slowly_is_cut_off(session_path: Path) -> None:
    with SessionStore.open(session_path) as store:
        room = Room(store, bind="127.0.0.1", port=0, limits=Limits(header_seconds=0.3))
        await room.start()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", room.port)
            writer.write(b"GET /api/state HTTP/1.1\r\nHost: x\r\n")  # and never the end
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), timeout=5)
            assert answer.startswith(b"HTTP/1.1 408")
            writer.close()
            # a whole request on a fresh connection is still served
            reader, writer = await asyncio.open_connection("127.0.0.1", room.port)
            writer.write(b"GET /api/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert (await asyncio.wait_for(reader.read(), timeout=5)).startswith(b"HTTP/1.1 403")
            writer.close()
        finally:
            await room.stop()


async def test_connections_over_the_cap_get_503(session_path: Path) -> None:
    with SessionStore.open(session_path) as store:
        room = Room(store, bind="127.0.0.1", port=0, limits=Limits(connections=1))
        await room.start()
        try:
            _, first = await asyncio.open_connection("127.0.0.1", room.port)
            await asyncio.sleep(0.05)
            reader, second = await asyncio.open_connection("127.0.0.1", room.port)
            assert (await asyncio.wait_for(reader.read(), timeout=5)).startswith(b"HTTP/1.1 503")
            first.close()
            second.close()
        finally:
            await room.stop()


async def test_closing_the_room_voids_every_token_and_cookie(session_path: Path) -> None:
    with SessionStore.open(session_path) as store:
        room = Room(store, bind="127.0.0.1", port=0)
        await room.start()
        old_join, old_facilitator = room.secrets.join, room.secrets.facilitator
        room.core.join("Ana Lima")
        await room.stop()
        assert room.core.people == {}
        reopened = Room(store, bind="127.0.0.1", port=0)
        assert reopened.secrets.join != old_join
        assert reopened.secrets.facilitator != old_facilitator
        assert len(reopened.secrets.join) >= 22  # 128 bits and more, URL-safe
    assert read_room_documents(session_path)["1"]["joined"] == {"P-1": "Ana Lima"}
