"""The room's JSON API, endpoint by endpoint, through aiohttp's test client."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import ClientSession

from coalition.domain.models import DecisionStatus, Irritant
from coalition.minutes.render import render_minutes
from coalition.store import read_room_documents, read_session

from .conftest import MakeRoom, RoomClient


def cards_on_disk(path: Path) -> list[dict[str, object]]:
    return [doc for key, doc in read_room_documents(path).items() if key != "1"]


async def add(room: RoomClient, csrf: str, text: str, key: str, kind: str = "irritant") -> int:
    answer = await room.client.post(
        "/api/cards",
        json={"kind": kind, "text": text, "key": key},
        headers={"X-CSRF-Token": csrf},
    )
    return answer.status


async def test_join_sets_a_strict_http_only_cookie_and_adds_a_new_name_to_the_roster(
    room: RoomClient, session_path: Path
) -> None:
    answer = await room.client.post(
        f"/api/join?t={room.secrets.join}", json={"name": "  Bruno   Diaz "}
    )
    assert answer.status == 200
    body = await answer.json()
    assert body["name"] == "Bruno Diaz" and body["participant"] == "P-2" and body["csrf"]
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    session = read_session(session_path)
    assert [p.name for p in session.participants] == ["Ana Lima", "Bruno Diaz"]
    assert read_room_documents(session_path)["1"]["joined"] == {"P-2": "Bruno Diaz"}


async def test_join_by_a_roster_name_is_that_member(room: RoomClient, session_path: Path) -> None:
    answer = await room.client.post(f"/api/join?t={room.secrets.join}", json={"name": "ana LIMA"})
    assert (await answer.json())["participant"] == "P-1"
    assert len(read_session(session_path).participants) == 1


async def test_join_needs_the_join_token_and_a_name(room: RoomClient) -> None:
    for url in ("/api/join", "/api/join?t=wrong", f"/api/join?t={room.secrets.facilitator}"):
        answer = await room.client.post(url, json={"name": "Eve"})
        assert answer.status == 403
        assert set(await answer.json()) == {"error"}
    answer = await room.client.post(f"/api/join?t={room.secrets.join}", json={"name": " "})
    assert answer.status == 400


async def test_state_shows_the_step_and_only_my_own_cards(
    room: RoomClient, second_device: Callable[[], ClientSession]
) -> None:
    csrf = await room.join("Ana Lima")
    assert await add(room, csrf, "Password resets take days", "k1") == 201
    other = second_device()
    joined = await other.post(f"/api/join?t={room.secrets.join}", json={"name": "Bruno"})
    assert joined.status == 200
    mine = await (await room.client.get("/api/state")).json()
    theirs_text = await (await other.get("/api/state")).text()
    assert mine["step"]["id"] == "ideas"
    assert [k["kind"] for k in mine["step"]["kinds"]] == ["irritant", "note"]
    assert [c["text"] for c in mine["cards"]] == ["Password resets take days"]
    assert "Password resets" not in theirs_text
    assert json.loads(theirs_text)["cards"] == []


async def test_state_without_a_cookie_is_403_and_no_data(room: RoomClient) -> None:
    answer = await room.client.get("/api/state")
    assert answer.status == 403
    assert set(await answer.json()) == {"error"}
    wrong = await room.client.get("/api/state", headers={"Authorization": "Bearer nope"})
    assert wrong.status == 403


async def test_a_card_is_in_the_session_file_before_201_and_a_retry_makes_no_duplicate(
    room: RoomClient, session_path: Path
) -> None:
    csrf = await room.join("Ana Lima")
    first = await room.client.post(
        "/api/cards",
        json={"kind": "irritant", "text": "VPN drops", "key": "same"},
        headers={"X-CSRF-Token": csrf},
    )
    assert first.status == 201
    on_disk = cards_on_disk(session_path)
    assert [(c["card"], c["text"], c["author"]) for c in on_disk] == [("C-1", "VPN drops", "P-1")]
    again = await room.client.post(
        "/api/cards",
        json={"kind": "irritant", "text": "VPN drops", "key": "same"},
        headers={"X-CSRF-Token": csrf},
    )
    assert (await again.json())["id"] == (await first.json())["id"] == "C-1"
    assert len(cards_on_disk(session_path)) == 1


async def test_unrevealed_cards_are_not_items_and_not_in_the_minutes(
    room: RoomClient, session_path: Path
) -> None:
    csrf = await room.join("Ana Lima")
    await add(room, csrf, "Secret grumble", "k1")
    session = read_session(session_path)
    assert session.irritants == []
    assert "Secret grumble" not in render_minutes(session)


async def test_state_changing_requests_need_the_csrf_token(room: RoomClient) -> None:
    await room.join("Ana Lima")
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        card = await room.client.post(
            "/api/cards", json={"kind": "note", "text": "x", "key": "k"}, headers=headers
        )
        vote = await room.client.post(
            "/api/votes", json={"item": "I-1", "dots": 1}, headers=headers
        )
        assert card.status == vote.status == 403
    assert room.core.cards == {}


async def test_edit_and_withdraw_only_my_own_cards_and_only_until_revealed(
    room: RoomClient, second_device: Callable[[], ClientSession], session_path: Path
) -> None:
    csrf = await room.join("Ana Lima")
    await add(room, csrf, "First try", "k1")
    await add(room, csrf, "Withdraw me", "k2")
    edited = await room.client.post(
        "/api/cards/C-1", json={"text": "Second try"}, headers={"X-CSRF-Token": csrf}
    )
    assert edited.status == 200
    gone = await room.client.delete("/api/cards/C-2", headers={"X-CSRF-Token": csrf})
    assert gone.status == 200
    assert [c["text"] for c in cards_on_disk(session_path)] == ["Second try"]

    other = second_device()
    other_csrf = (
        await (await other.post(f"/api/join?t={room.secrets.join}", json={"name": "Bo"})).json()
    )["csrf"]
    stolen = await other.post(
        "/api/cards/C-1", json={"text": "Hijacked"}, headers={"X-CSRF-Token": other_csrf}
    )
    assert stolen.status == 404
    assert (await room.client.post("/api/reveal", headers=room.facilitator)).status == 200
    late = await room.client.post(
        "/api/cards/C-1", json={"text": "Too late"}, headers={"X-CSRF-Token": csrf}
    )
    assert late.status == 404
    assert [i.text for i in read_session(session_path).irritants] == ["Second try"]


async def test_a_card_of_a_kind_the_step_does_not_capture_is_refused(room: RoomClient) -> None:
    csrf = await room.join("Ana Lima")
    assert await add(room, csrf, "Ship it", "k1", kind="decision") == 400
    assert await add(room, csrf, "Ship it", "k1", kind="participant") == 400


async def test_reveal_makes_items_raised_by_their_author(
    room: RoomClient, session_path: Path
) -> None:
    csrf = await room.join("Ana Lima")
    await add(room, csrf, "Tickets bounce between teams", "k1")
    await add(room, csrf, "A note", "k2", kind="note")
    answer = await room.client.post("/api/reveal", headers=room.facilitator)
    assert (await answer.json())["revealed"] == ["I-1", "N-1"]
    session = read_session(session_path)
    assert [i.text for i in session.irritants] == ["Tickets bounce between teams"]
    (irritant,) = session.irritants  # an improvement-register entry: who raised it, and when
    assert (irritant.raised_by, irritant.raised_on) == ("Ana Lima", session.info.date)
    assert [n.text for n in session.notes] == ["A note"]
    room_doc = read_room_documents(session_path)
    assert room_doc["1"]["raised_by"] == {"I-1": "Ana Lima", "N-1": "Ana Lima"}
    assert list(room_doc) == ["1"]  # the cards are gone from the room's table
    state = await (await room.client.get("/api/state")).json()
    assert [r["id"] for r in state["revealed"]] == ["I-1", "N-1"]
    assert state["cards"] == []


async def test_proposed_decisions_and_actions_in_a_planning_step(
    room: RoomClient, session_path: Path
) -> None:
    step = await room.client.post("/api/step", json={"step": "plan"}, headers=room.facilitator)
    assert step.status == 200
    csrf = await room.join("Ana Lima")
    assert await add(room, csrf, "Adopt one ticket queue", "k1", kind="decision") == 201
    assert await add(room, csrf, "Draft the queue rules", "k2", kind="action") == 201
    await room.client.post("/api/reveal", headers=room.facilitator)
    session = read_session(session_path)
    assert [(d.text, d.status) for d in session.decisions] == [
        ("Adopt one ticket queue", DecisionStatus.PROPOSED)
    ]
    assert [a.text for a in session.actions] == ["Draft the queue rules"]


async def test_an_anonymous_room_never_stores_the_author(
    make_room: MakeRoom, session_path: Path
) -> None:
    room = await make_room(anonymous=True)
    csrf = await room.join("Ana Lima")
    await add(room, csrf, "The CAB meets too rarely", "k1")
    assert [c["author"] for c in cards_on_disk(session_path)] == [""]
    state = await (await room.client.get("/api/state", headers=room.facilitator)).json()
    assert state["counts"] == {} and state["unrevealed"] == 1  # counts would tell
    mine = await (await room.client.get("/api/state")).json()
    assert [c["text"] for c in mine["cards"]] == ["The CAB meets too rarely"]
    await room.client.post("/api/reveal", headers=room.facilitator)
    room_doc = read_room_documents(session_path)["1"]
    assert room_doc["anonymous"] is True and room_doc["raised_by"] == {}
    assert read_session(session_path).irritants[0].raised_by == ""  # absent, not hidden
    room_doc.pop("joined")  # attendance, not authorship
    assert "P-1" not in json.dumps(room_doc) and "Ana" not in json.dumps(room_doc)


async def test_the_facilitator_controls_need_the_facilitator_token(
    room: RoomClient, session_path: Path
) -> None:
    csrf = await room.join("Ana Lima")
    await add(room, csrf, "Kept private", "k1")
    for headers in (
        {},
        {"X-CSRF-Token": csrf},
        {"Authorization": f"Bearer {room.secrets.join}"},
        {"Authorization": "Bearer x"},
    ):
        for url, body in (
            ("/api/reveal", None),
            ("/api/vote", {"open": True}),
            ("/api/step", {"step": "plan"}),
        ):
            answer = await room.client.post(url, json=body, headers=headers)
            assert answer.status == 403, (url, headers)
            assert set(await answer.json()) == {"error"}
    assert read_session(session_path).irritants == []
    assert read_session(session_path).info.current_step == "ideas"


async def reveal_three(room: RoomClient, csrf: str) -> None:
    for n, text in enumerate(("Slow laptops", "Password resets", "No status page"), 1):
        assert await add(room, csrf, text, f"k{n}") == 201
    await room.client.post("/api/reveal", headers=room.facilitator)


async def test_a_dot_vote_within_budget_stores_each_items_dots_and_ranks_them(
    room: RoomClient, second_device: Callable[[], ClientSession], session_path: Path
) -> None:
    ana = await room.join("Ana Lima")
    await reveal_three(room, ana)
    opened = await room.client.post(
        "/api/vote", json={"open": True, "budget": 3, "max_per_item": 2}, headers=room.facilitator
    )
    assert (await opened.json())["items"] == ["I-1", "I-2", "I-3"]
    bo = second_device()
    bo_csrf = (
        await (await bo.post(f"/api/join?t={room.secrets.join}", json={"name": "Bo"})).json()
    )["csrf"]

    async def cast(session: Any, csrf: str, item: str, dots: int) -> int:
        answer = await session.post(
            "/api/votes", json={"item": item, "dots": dots}, headers={"X-CSRF-Token": csrf}
        )
        return answer.status

    assert await cast(room.client, ana, "I-2", 2) == 200
    assert await cast(room.client, ana, "I-3", 2) == 409  # over the budget of 3
    assert await cast(room.client, ana, "I-3", 3) == 400  # over 2 on one item
    assert await cast(room.client, ana, "I-3", 1) == 200
    assert await cast(room.client, ana, "I-9", 1) == 404
    assert await cast(bo, bo_csrf, "I-2", 1) == 200
    assert await cast(bo, bo_csrf, "I-1", 1) == 200
    assert await cast(bo, bo_csrf, "I-1", 0) == 200  # a dot moved back
    state = await (await room.client.get("/api/state")).json()
    assert state["vote"]["spent"] == 3
    assert "Bo" not in json.dumps(state)  # ballots stay private
    closed = await room.client.post("/api/vote", json={"open": False}, headers=room.facilitator)
    assert (await closed.json())["results"] == [["I-2", 3, 2], ["I-3", 1, 1], ["I-1", 0, 0]]
    irritants = {i.id: i for i in read_session(session_path).irritants}
    assert isinstance(irritants["I-2"], Irritant)
    assert irritants["I-2"].votes == 3
    assert dict(irritants["I-2"].votes_by) == {"Ana Lima": 2, "Bo": 1}
    again = await room.client.post("/api/vote", json={"open": False}, headers=room.facilitator)
    assert again.status == 409


async def test_an_anonymous_vote_stores_dots_but_no_voters(
    make_room: MakeRoom, session_path: Path
) -> None:
    room = await make_room(anonymous=True)
    csrf = await room.join("Ana Lima")
    await reveal_three(room, csrf)
    await room.client.post("/api/vote", json={"open": True}, headers=room.facilitator)
    item = (await (await room.client.get("/api/state")).json())["vote"]["items"][0]["id"]
    await room.client.post(
        "/api/votes", json={"item": item, "dots": 2}, headers={"X-CSRF-Token": csrf}
    )
    await room.client.post("/api/vote", json={"open": False}, headers=room.facilitator)
    irritant = next(i for i in read_session(session_path).irritants if i.id == item)
    assert irritant.votes == 2 and irritant.votes_by == ()


async def test_vote_needs_irritants_and_sane_numbers(room: RoomClient) -> None:
    empty = await room.client.post("/api/vote", json={"open": True}, headers=room.facilitator)
    assert empty.status == 409
    for body in ({"open": True, "budget": "3"}, {"open": True, "budget": 0}, {"open": "yes"}):
        answer = await room.client.post("/api/vote", json=body, headers=room.facilitator)
        assert answer.status == 400, body
    csrf = await room.join("Ana Lima")
    vote = await room.client.post(
        "/api/votes", json={"item": "I-1", "dots": 1}, headers={"X-CSRF-Token": csrf}
    )
    assert vote.status == 409  # no vote open


async def test_the_facilitator_moves_the_step_and_participants_follow(
    room: RoomClient, session_path: Path
) -> None:
    await room.join("Ana Lima")
    moved = await room.client.post("/api/step", json={"step": "plan"}, headers=room.facilitator)
    assert moved.status == 200
    state = await (await room.client.get("/api/state")).json()
    assert state["step"]["title"] == "What do we do?"
    assert read_session(session_path).info.current_step == "plan"
    unknown = await room.client.post("/api/step", json={"step": "nope"}, headers=room.facilitator)
    assert unknown.status == 404


async def test_a_step_that_captures_no_card_kind_takes_notes(room: RoomClient) -> None:
    await room.client.post("/api/step", json={"step": "close"}, headers=room.facilitator)
    csrf = await room.join("Ana Lima")
    state = await (await room.client.get("/api/state")).json()
    assert [k["kind"] for k in state["step"]["kinds"]] == ["note"]
    assert await add(room, csrf, "Thanks all", "k1", kind="note") == 201


async def test_closing_a_vote_skips_an_irritant_deleted_in_the_app_meanwhile(
    room: RoomClient, session_path: Path
) -> None:
    csrf = await room.join("Ana Lima")
    await reveal_three(room, csrf)
    await room.client.post("/api/vote", json={"open": True}, headers=room.facilitator)
    await room.client.post(
        "/api/votes", json={"item": "I-3", "dots": 1}, headers={"X-CSRF-Token": csrf}
    )
    room.core.store.delete("I-1")  # the facilitator deletes it in the app
    closed = await room.client.post("/api/vote", json={"open": False}, headers=room.facilitator)
    assert (await closed.json())["results"] == [["I-3", 1, 1], ["I-2", 0, 0]]
    assert [i.id for i in read_session(session_path).irritants] == ["I-2", "I-3"]
