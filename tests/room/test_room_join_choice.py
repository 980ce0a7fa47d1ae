"""The join page never picks a name for someone: its list starts empty."""

from __future__ import annotations

import re

from .conftest import RoomClient


async def test_the_name_list_starts_with_an_empty_choice(room: RoomClient) -> None:
    page = await (await room.client.get(f"/?t={room.secrets.join}")).text()
    options = re.findall(r"<option[^>]*>[^<]*</option>", page)
    assert options[0] == '<option value="" selected>Choose your name</option>'
    assert options[1] == "<option>Ana Lima</option>"


async def test_joining_without_a_name_is_refused_and_nobody_joins(room: RoomClient) -> None:
    answer = await room.client.post(
        "/join", data={"t": room.secrets.join, "member": "", "name": " "}, allow_redirects=False
    )
    assert answer.status == 400
    assert "Choose your name from the list, or type it, to join." in await answer.text()
    api = await room.client.post(f"/api/join?t={room.secrets.join}", json={})
    assert (await api.json()) == {"error": "Choose your name from the list, or type it, to join."}
    assert room.core.people == {} and room.core.info.joined == {}
