"""The records a programme needs: wins, health ratings, superseding decisions, attendance,
origins and irritant history. Older files keep their bytes; new fields round-trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coalition.domain.capture import parse_capture
from coalition.domain.models import (
    Decision,
    Irritant,
    IrritantStatus,
    Participant,
    SessionInfo,
)
from coalition.domain.progress import Rating, RatingLevel, Win
from coalition.errors import CaptureError
from coalition.store import SessionStore, read_session


def test_a_win_and_a_rating_from_the_capture_line() -> None:
    win = parse_capture("w First referral booked in 48 hours @maria")
    assert (win.kind, win.fields) == ("win", {"text": "First referral booked in 48 hours",
                                              "owner": "maria"})  # fmt: skip
    rating = parse_capture('h r Business members drifted away dim:"Coalition balance"')
    assert rating.kind == "rating"
    assert rating.fields == {"dimension": "Coalition balance", "level": RatingLevel.RED,
                             "comment": "Business members drifted away"}  # fmt: skip
    assert parse_capture("h green").fields["comment"] == ""


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("h purple all fine", "not a rating"),
        ("d Weekly meetings supersedes:A-1", "not a decision ID"),
        ("d Weekly meetings supersedes:D-0", "not a decision ID"),
    ],
)
def test_bad_ratings_and_supersedes_say_what_to_fix(line: str, says: str) -> None:
    with pytest.raises(CaptureError, match=says):
        parse_capture(line)


def test_a_decision_can_supersede_an_earlier_one() -> None:
    capture = parse_capture("d Weekly coalition meetings supersedes:d-2 @ali")
    assert capture.fields["supersedes"] == "D-2"
    assert "supersedes" not in parse_capture("d Monthly meetings").fields


def test_new_fields_round_trip_through_the_file(tmp_path: Path, info: SessionInfo) -> None:
    day = dt.date(2026, 10, 1)
    items = [
        Participant("P-1", "Ann", present=False, origin="2026-10-01-kick-off"),
        Decision("D-1", "Monthly", origin="2026-10-01-kick-off"),
        Decision("D-3", "Weekly", supersedes="D-1", origin="2026-10-01-kick-off"),
        Irritant("I-2", "VPN", history=((day, IrritantStatus.OPEN),), origin="x"),
        Win("W-1", "Referrals in 48h", owner="Ann"),
        Rating("H-1", "Coalition", RatingLevel.AMBER, "drifting", step="coalition"),
    ]
    path = tmp_path / "acme" / "2026-11-01-two.json"
    with SessionStore.create(path, info) as store:
        for item in items:
            store.put(item)
    assert read_session(path).items() == sorted(items, key=lambda i: (i.prefix, i.id))


def test_default_values_of_new_fields_are_not_written() -> None:
    assert "present" not in Participant("P-1", "Ann").to_record()
    assert "supersedes" not in Decision("D-1", "x").to_record()
    assert "history" not in Irritant("I-1", "x").to_record()
    assert Participant.from_record({"id": "P-1", "name": "Ann"}).present is True


def test_a_hand_edited_present_flag_must_be_true_or_false() -> None:
    with pytest.raises(TypeError, match="'present' must be true or false"):
        Participant.from_record({"id": "P-1", "name": "Ann", "present": "yes"})


def test_the_cli_adds_wins_ratings_and_superseding_decisions_and_marks_attendance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coalition.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    assert main(["init", str(tmp_path / "ws")]) == 0
    monkeypatch.chdir(tmp_path / "ws")
    assert main(["new", "--client", "Acme", "--title", "Kick", "--date", "2026-11-19"]) == 0
    for args in (
        ["participant", "Maria Lopez"],
        ["decision", "Monthly meetings"],
        ["decision", "Weekly meetings", "--supersedes", "d-1"],
        ["win", "First referral in 48 hours", "--owner", "maria"],
        ["rating", "Business members drifted away", "--level", "red"],
    ):
        assert main(["add", "kick", *args]) == 0, capsys.readouterr().err
    assert main(["mark", "kick", "P-1", "absent"]) == 0
    assert main(["add", "kick", "nte", "x"]) == 2
    assert "Did you mean 'note'?" in capsys.readouterr().err
    session = read_session(tmp_path / "ws" / "sessions" / "acme" / "2026-11-19-kick.json")
    assert session.decisions[1].supersedes == "D-1"
    assert (session.wins[0].owner, session.ratings[0].level) == ("Maria Lopez", RatingLevel.RED)
    assert session.participants[0].present is False


def test_the_json_export_holds_every_kind_and_the_carried_baseline() -> None:
    import json

    from coalition.domain.models import Session
    from coalition.minutes.html_and_json import render_json
    from sample_sessions import sample_session

    session: Session = sample_session()
    session.wins = [Win("W-1", "Referrals in 48h")]
    session.ratings = [Rating("H-1", "Coalition", RatingLevel.RED)]
    session.baseline = {"W-1": session.wins[0]}
    data = json.loads(render_json(session))
    assert [len(data[k]) for k in ("streams", "metrics", "wins", "ratings", "carried")] == [
        len(session.streams),
        len(session.metrics),
        1,
        1,
        1,
    ]
    assert data["carried"][0]["id"] == "W-1"
