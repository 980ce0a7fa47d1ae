"""Bidirectional overrides cannot make a name, a card or an item read backwards in the room."""

from __future__ import annotations

import json

from .conftest import RoomClient

RLO = "\u202e"


async def test_bidi_overrides_are_shown_as_stand_ins_on_every_room_page(
    room: RoomClient,
) -> None:
    room.core.store.add("irritant", text=f"Approvals{RLO}slow", step="ideas")
    csrf = await room.join(f"Bo{RLO}Diaz")
    added = await room.client.post(
        "/api/cards",
        json={"kind": "irritant", "text": f"gpj.{RLO}exe", "key": "k1"},
        headers={"X-CSRF-Token": csrf},
    )
    assert added.status == 201
    room.core.open_vote(3, 2)
    html = [
        await (await room.client.get("/room")).text(),
        await (await room.client.get("/room/live")).text(),
        await (await room.client.get(f"/facilitator?t={room.secrets.facilitator}")).text(),
    ]
    states = [
        await (await room.client.get("/api/state")).json(),
        await (await room.client.get("/api/state", headers=room.facilitator)).json(),
    ]
    for text in [*html, *(json.dumps(state, ensure_ascii=False) for state in states)]:
        assert RLO not in text
    assert "Bo\\u202eDiaz" in html[0] and "gpj.\\u202eexe" in html[0]
    assert "Approvals\\u202eslow" in html[0]  # on the ballot
    assert states[1]["irritants"][0]["text"] == "Approvals\\u202eslow"
    assert states[1]["joined"] == ["Bo\\u202eDiaz"]
