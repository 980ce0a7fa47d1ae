"""A card is one paragraph: line breaks and tabs typed into it become single spaces."""

from __future__ import annotations

from pathlib import Path

from coalition.store import read_room_documents

from .conftest import RoomClient


async def test_line_breaks_and_tabs_become_spaces_other_controls_stay_visible(
    room: RoomClient, session_path: Path
) -> None:
    csrf = await room.join("Ana\r\nLima")
    headers = {"X-CSRF-Token": csrf}
    text = "First line\r\n\r\nsecond\tthird\rfourth\n\x1b[2J end"
    added = await room.client.post(
        "/api/cards", json={"kind": "irritant", "text": text, "key": "k1"}, headers=headers
    )
    card = (await added.json())["id"]
    expected = "First line second third fourth ␛[2J end"
    assert room.core.cards[card].text == expected
    assert expected in str(read_room_documents(session_path))
    edited = await room.client.post(f"/api/cards/{card}", json={"text": "a\n\tb"}, headers=headers)
    assert (await edited.json())["text"] == "a b"
    assert room.core.people[next(iter(room.core.people))].name == "Ana Lima"
