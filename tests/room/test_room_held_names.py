"""A name is held by the device that joined under it, until the facilitator frees it."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import ClientSession

from .conftest import MakeRoom, RoomClient


async def test_a_second_device_cannot_join_under_a_held_name(
    room: RoomClient, second_device: Callable[[], ClientSession]
) -> None:
    csrf = await room.join("Ana Lima")
    added = await room.client.post(
        "/api/cards",
        json={"kind": "irritant", "text": "Secret", "key": "k1"},
        headers={"X-CSRF-Token": csrf},
    )
    assert added.status == 201
    intruder = second_device()
    answer = await intruder.post(f"/api/join?t={room.secrets.join}", json={"name": "ana lima"})
    assert answer.status == 409
    body = await answer.json()
    assert body == {
        "error": "Ana Lima has joined already from another device; ask the facilitator to "
        "free the name if that was you."
    }
    assert "coalition_room" not in answer.cookies
    state = await intruder.get("/api/state")
    assert state.status == 403
    assert len(room.core.people) == 1


async def test_the_same_device_joining_again_keeps_its_name_and_cookie(room: RoomClient) -> None:
    csrf = await room.join("Ana Lima")
    again = await room.join("ana lima")
    assert again == csrf
    assert len(room.core.people) == 1
    state = await room.client.get("/api/state")
    assert state.status == 200


async def test_the_join_page_refuses_a_held_name_too(
    room: RoomClient, second_device: Callable[[], ClientSession]
) -> None:
    await room.join("Ana Lima")
    intruder = second_device()
    answer = await intruder.post(
        "/join", data={"t": room.secrets.join, "member": "Ana Lima"}, allow_redirects=False
    )
    assert answer.status == 409
    assert "has joined already from another device" in await answer.text()


async def test_the_facilitator_frees_a_name_and_the_new_device_takes_it(
    room: RoomClient, second_device: Callable[[], ClientSession]
) -> None:
    await room.join("Ana Lima")
    refused = await room.client.post("/api/free", json={"name": "Ana Lima"})
    assert refused.status == 403
    freed = await room.client.post("/api/free", json={"name": "ana lima"}, headers=room.facilitator)
    assert (await freed.json()) == {"freed": "Ana Lima"}
    old = await room.client.get("/api/state")
    assert old.status == 403  # the old device is signed out
    phone = second_device()
    joined = await phone.post(f"/api/join?t={room.secrets.join}", json={"name": "Ana Lima"})
    assert joined.status == 200
    again = await room.client.post(
        "/api/free", json={"name": "Bo Nobody"}, headers=room.facilitator
    )
    assert again.status == 404


async def test_the_facilitator_page_frees_a_name(room: RoomClient) -> None:
    await room.join("Ana Lima")
    page = await room.client.get(f"/facilitator?t={room.secrets.facilitator}")
    assert "Free this name" in await page.text()
    answer = await room.client.post(
        "/facilitator",
        data={"t": room.secrets.facilitator, "action": "free", "name": "Ana Lima"},
        allow_redirects=False,
    )
    assert answer.status == 303
    assert room.core.people == {}


async def test_a_freed_name_keeps_its_anonymous_alias_so_one_budget_and_its_cards(
    make_room: MakeRoom,
) -> None:
    room = await make_room(anonymous=True)
    phone = room.core.join("Ana Lima")
    room.core.add_card(phone, "irritant", "One", "k1")
    room.core.free("Ana Lima")
    laptop = room.core.join("ana lima")
    assert laptop.voter == phone.voter and laptop.voter.startswith("anon-")
    assert [c.text for c in room.core.cards_of(laptop.voter)] == ["One"]
    assert room.core.person(phone.cookie) is None


async def test_a_device_joining_under_another_name_lets_go_of_its_old_one_once_joined(
    make_room: MakeRoom,
) -> None:
    room = await make_room(participants=1)
    url = f"/api/join?t={room.secrets.join}"
    await room.join("Ana Lima")
    full = await room.client.post(url, json={"name": "Bo Diaz"})
    assert full.status == 429  # refused: the device still holds Ana Lima
    assert [p.name for p in room.core.people.values()] == ["Ana Lima"]
    assert (await room.client.get("/api/state")).status == 200


async def test_a_device_joining_under_another_name_frees_its_old_one(
    room: RoomClient, second_device: Callable[[], ClientSession]
) -> None:
    await room.join("Ana Lima")
    await room.join("Bo Diaz")
    assert [p.name for p in room.core.people.values()] == ["Bo Diaz"]
    other = second_device()
    answer = await other.post(f"/api/join?t={room.secrets.join}", json={"name": "Ana Lima"})
    assert answer.status == 200
