"""A client's programme: a new session starts from the latest one's whole state, IDs never
clash whatever order sessions are filled in, and an item's latest status is its status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coalition.cli import main
from coalition.domain.models import IrritantStatus
from coalition.store import read_session


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def new(capsys: pytest.CaptureFixture[str], title: str, date: str, *extra: str) -> Path:
    out = run(capsys, "new", "--client", "Acme", "--title", title, "--date", date, *extra)
    return Path(out.strip().splitlines()[-1])


@pytest.fixture
def kick_off(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A first session with something of every kind that carries, and some that do not."""
    path = new(capsys, "Kick-off", "2026-10-01")
    s = str(path)
    for args in (
        ["participant", "Maria Lopez", "--side", "business", "--role", "COO"],
        ["participant", "Dev Patel", "--side", "it", "--role", "CIO"],
        ["decision", "We rally around 48-hour referrals", "--owner", "Maria"],
        ["decision", "Maybe a new intranet"],  # D-2, marked proposed below: not carried
        ["action", "Collect waiting-time data", "--owner", "Dev", "--due", "2026-10-15"],
        ["action", "Book the room"],  # A-2, done below: not carried
        ["irritant", "Password resets take 3 days", "--votes", "4"],
        ["stream", "Referral to appointment", "--stages", "Referral; Triage; Booked"],
        ["metric", "Server uptime", "--audience", "Board", "--verdict", "replace"],
        ["note", "A note stays with its session"],
    ):
        run(capsys, "add", s, *args)
    run(capsys, "mark", s, "D-2", "proposed")
    run(capsys, "mark", s, "A-2", "done")
    run(capsys, "mark", s, "I-1", "being-removed")
    return path


def test_a_follow_up_starts_from_the_whole_state(
    kick_off: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = kick_off.read_bytes()
    out = run(capsys, "new", "--client", "Acme", "--title", "Follow-up", "--date", "2026-11-01")
    assert "Carried from Kick-off (2026-10-01): 2 members" in out
    follow_up = read_session(Path(out.strip().splitlines()[-1]))
    assert [(p.id, p.name, p.present) for p in follow_up.participants] == [
        ("P-1", "Maria Lopez", False),  # on the coalition; the room marks who came
        ("P-2", "Dev Patel", False),
    ]
    assert [d.id for d in follow_up.decisions] == ["D-1"]
    assert [a.id for a in follow_up.actions] == ["A-1"]
    kick_off_day = dt.date(2026, 10, 1)  # raised open, then moved on in the same session
    assert [(i.id, i.history) for i in follow_up.irritants] == [
        ("I-1", ((kick_off_day, IrritantStatus.OPEN), (kick_off_day, IrritantStatus.BEING_REMOVED)))
    ]
    assert [v.name for v in follow_up.streams] == ["Referral to appointment"]
    assert [m.name for m in follow_up.metrics] == ["Server uptime"]
    assert follow_up.notes == []
    assert {getattr(item, "origin", "") for item in follow_up.items()} == {"2026-10-01-kick-off"}
    assert set(follow_up.baseline) == {i.id for i in follow_up.items()}
    assert follow_up.info.previous == "2026-10-01-kick-off"
    assert kick_off.read_bytes() == before  # an older session is never rewritten


def test_fresh_starts_empty_but_ids_go_on(
    kick_off: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = new(capsys, "Fresh start", "2026-11-01", "--fresh")
    assert read_session(fresh).items() == []
    run(capsys, "add", str(fresh), "action", "Something new")
    assert [a.id for a in read_session(fresh).actions] == ["A-3"]


def test_ids_stay_unique_whatever_order_sessions_are_filled_in(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = new(capsys, "One", "2026-01-01")
    two = new(capsys, "Two", "2026-01-02")
    run(capsys, "add", str(one), "action", "alpha")
    run(capsys, "add", str(two), "action", "beta")
    run(capsys, "add", str(one), "action", "gamma")
    ids = [a.id for a in read_session(one).actions] + [a.id for a in read_session(two).actions]
    assert sorted(ids) == ["A-1", "A-2", "A-3"]
    listed = run(capsys, "actions", "--client", "Acme")
    assert "alpha" in listed and "beta" in listed and "gamma" in listed


def test_an_action_closed_in_a_follow_up_is_closed_everywhere(
    kick_off: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Same day, and a title that sorts before the first one's: order is not the file name.
    follow_up = new(capsys, "Aftercare", "2026-10-01")
    run(capsys, "mark", str(follow_up), "A-1", "done")
    assert "A-1" not in run(capsys, "actions", "--client", "Acme", "--open")
    third = new(capsys, "Third", "2026-10-02")
    assert [a.id for a in read_session(third).actions] == []


def test_history_grows_session_by_session(
    kick_off: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = new(capsys, "Two", "2026-11-01")
    run(capsys, "mark", str(second), "I-1", "removed")
    third = read_session(new(capsys, "Three", "2026-12-01"))
    assert [status.value for _, status in third.irritants[0].history] == [
        "open",
        "being-removed",
        "removed",
    ]


def test_client_options_take_the_folder_name_too(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "new", "--client", "Northwind Health", "--title", "Kick", "--date", "2026-10-01")
    for args in (["action", "Book it"], ["irritant", "Slow VPN"], ["decision", "Meet weekly"]):
        run(capsys, "add", "kick", *args)
    for command in ("actions", "irritants", "decisions"):
        by_name = run(capsys, command, "--client", "Northwind Health", "--format", "json")
        by_folder = run(capsys, command, "--client", "northwind-health", "--format", "json")
        assert by_name == by_folder and '"id"' in by_folder, command
