"""Joins are limited per address, and joining again from the same device writes nothing."""

from __future__ import annotations

from pathlib import Path

from .conftest import MakeRoom, RoomClient


async def test_joining_again_from_the_same_device_keeps_the_cookie_and_writes_nothing(
    room: RoomClient, session_path: Path
) -> None:
    csrf = await room.join("Ana Lima")
    cookie = room.client.session.cookie_jar.filter_cookies(room.client.make_url("/"))
    before = session_path.stat()
    for _ in range(10):
        assert await room.join("Ana Lima") == csrf
    after = session_path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    again = room.client.session.cookie_jar.filter_cookies(room.client.make_url("/"))
    assert again["coalition_room"].value == cookie["coalition_room"].value
    assert len(room.core.people) == 1


async def test_joins_from_one_address_are_limited_per_minute(make_room: MakeRoom) -> None:
    room = await make_room(joins_per_minute=5)
    for _ in range(5):
        await room.join("Ana Lima")
    refused = await room.client.post(f"/api/join?t={room.secrets.join}", json={"name": "Bo"})
    assert refused.status == 429
    assert (await refused.json()) == {
        "error": "Too many joins from this address (at most 5 a minute); wait a minute."
    }
    page = await room.client.post("/join", data={"t": room.secrets.join, "name": "Bo"})
    assert page.status == 429
    assert [p.name for p in room.core.people.values()] == ["Ana Lima"]
