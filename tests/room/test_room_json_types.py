"""Every JSON endpoint takes text where it expects text: anything else is a clear 400."""

from __future__ import annotations

import pytest

from .conftest import RoomClient

NOT_TEXT = [{"x": 1}, ["a"], 7, 1.5, True, None]


@pytest.mark.parametrize("value", NOT_TEXT)
async def test_a_name_that_is_not_text_is_refused(room: RoomClient, value: object) -> None:
    answer = await room.client.post(f"/api/join?t={room.secrets.join}", json={"name": value})
    assert answer.status == 400
    assert (await answer.json()) == {"error": "'name' must be text (a JSON string)."}
    assert room.core.people == {}
    assert [p.name for p in room.core.store.session.participants] == ["Ana Lima"]


@pytest.mark.parametrize("field", ["kind", "text", "key"])
async def test_card_fields_that_are_not_text_are_refused(room: RoomClient, field: str) -> None:
    csrf = await room.join("Ana Lima")
    body: dict[str, object] = {"kind": "irritant", "text": "Slow", "key": "k1", field: {"x": 1}}
    answer = await room.client.post("/api/cards", json=body, headers={"X-CSRF-Token": csrf})
    assert answer.status == 400
    assert (await answer.json()) == {"error": f"{field!r} must be text (a JSON string)."}
    assert room.core.cards == {}


async def test_edit_vote_free_and_step_refuse_values_that_are_not_text(room: RoomClient) -> None:
    headers = {"X-CSRF-Token": await room.join("Ana Lima")}
    added = await room.client.post(
        "/api/cards", json={"kind": "irritant", "text": "Slow", "key": "k1"}, headers=headers
    )
    card = (await added.json())["id"]
    requests = [
        (f"/api/cards/{card}", {"text": ["Faster"]}, headers, "text"),
        ("/api/votes", {"item": 3, "dots": 1}, headers, "item"),
        ("/api/free", {"name": 1}, room.facilitator, "name"),
        ("/api/step", {"step": {"id": "plan"}}, room.facilitator, "step"),
    ]
    for url, body, auth, field in requests:
        answer = await room.client.post(url, json=body, headers=auth)
        assert answer.status == 400, url
        assert (await answer.json()) == {"error": f"{field!r} must be text (a JSON string)."}
    assert room.core.cards[card].text == "Slow"
    assert room.core.step().id == "ideas"
