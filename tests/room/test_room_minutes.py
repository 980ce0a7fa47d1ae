"""The minutes say what the room did: who joined from a device, who raised what, the dot
votes, and which items were raised anonymously; unrevealed cards stay out."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from coalition.minutes import render_minutes
from coalition.store import read_session

from .conftest import MakeRoom, RoomClient


async def post(room: RoomClient, csrf: str, text: str, key: str) -> None:
    answer = await room.client.post(
        "/api/cards",
        json={"kind": "irritant", "text": text, "key": key},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status == 201


async def test_the_minutes_name_who_joined_who_raised_what_and_the_votes(
    make_room: MakeRoom, session_path: Path
) -> None:
    room = await make_room()
    ana = await room.join("Ana Lima")
    await post(room, ana, "Access requests | take *weeks*", "k1")
    bo = await room.join("Bo <script>")  # the client's cookie is now Bo's
    await post(room, bo, "VPN drops hourly", "k2")
    await room.client.post("/api/reveal", headers=room.facilitator)
    await post(room, bo, "Still private", "k3")
    await room.client.post("/api/vote", json={"open": True}, headers=room.facilitator)
    await room.client.post(
        "/api/votes", json={"item": "I-2", "dots": 2}, headers={"X-CSRF-Token": bo}
    )
    await room.client.post("/api/vote", json={"open": False}, headers=room.facilitator)

    minutes = render_minutes(read_session(session_path))
    section = minutes[minutes.index("## The room") :]
    assert "Joined from a device: Ana Lima, Bo \\<script\\>." in section
    assert "| I-1 | Access requests \\| take \\*weeks\\* | Ana Lima |" in section
    assert "| I-2 | VPN drops hourly | 2 dots from 1 person |" in section
    assert "Still private" not in minutes
    tokens = MarkdownIt("gfm-like").parse(minutes)
    assert sum(t.type == "table_open" for t in tokens) >= 2
    assert not any(t.type == "html_inline" or t.type == "html_block" for t in tokens)


async def test_the_minutes_say_which_items_were_raised_anonymously(
    make_room: MakeRoom, session_path: Path
) -> None:
    room = await make_room(anonymous=True)
    csrf = await room.join("Ana Lima")
    await post(room, csrf, "Nobody reads the change calendar", "k1")
    await room.client.post("/api/reveal", headers=room.facilitator)
    minutes = render_minutes(read_session(session_path))
    assert "Raised anonymously in the room (no author was stored): I-1." in minutes
    assert "Raised by" not in minutes


def test_a_session_whose_room_never_opened_has_no_room_section(session_path: Path) -> None:
    assert "## The room" not in render_minutes(read_session(session_path))


def test_the_room_record_reads_back_as_it_was_written() -> None:
    from coalition.domain.room_records import Result, RoomInfo, Vote

    info = RoomInfo(
        anonymous=True,
        next_card=7,
        joined={"P-1": "Ana"},
        revealed=("I-1", "N-2"),
        raised_by={"N-2": "Ana"},
        anonymous_items=("I-1",),
        vote=Vote(("I-1",), 3, 2, {"P-1": {"I-1": 2}}),
        results=(Result("I-1", 2, 1),),
        vote_history=(Result("I-1", 2, 1), Result("I-1", 1, 1)),
    )
    assert RoomInfo.from_document(info.to_document()) == info


def test_a_broken_room_table_is_refused_with_a_message_and_left_alone(
    session_path: Path,
) -> None:
    import json

    import pytest

    from coalition.errors import SessionCorrupt

    data = json.loads(session_path.read_text(encoding="utf-8"))
    data["room"] = {"1": {"joined": ["not", "a", "map"]}}
    session_path.write_text(json.dumps(data), encoding="utf-8")
    before = session_path.read_bytes()
    with pytest.raises(SessionCorrupt, match="table 'room' is not a valid room record"):
        read_session(session_path)
    assert session_path.read_bytes() == before
