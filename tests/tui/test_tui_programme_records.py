"""A programme's records in the app: wins, health ratings, superseding decisions and who
came to a follow-up. Keys are pressed as a facilitator would; every test asserts on the
session file as well as on the screen."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from coalition.domain.attendance import attendance_line, room_warnings
from coalition.domain.decision_log import superseded_by
from coalition.domain.models import Decision, DecisionStatus, Participant, Side
from coalition.domain.progress import Rating, RatingLevel, Win
from coalition.services.carry_forward import carried_counts
from coalition.services.editing import cycle_status, with_person_renamed
from coalition.services.playbook_library import find_playbook
from coalition.services.sessions import carry_preview, start_session
from coalition.services.workspace import Workspace
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.screens.help import capture_table
from coalition.tui.screens.tools import CoalitionTool, ToolScreen
from coalition.tui.widgets.roster import Roster

from .conftest import SIZE, TODAY
from .helpers import capture_input, screen_text, session_screen, type_line, until

# -- the rules the screens use (headless) ---------------------------------------------------


def test_a_rating_cycles_green_amber_red() -> None:
    rating = Rating("H-1", "", RatingLevel.GREEN, "Fine")
    levels = []
    for _ in range(3):
        rating = cycle_status(rating)  # type: ignore[assignment]
        levels.append(rating.level)
    assert levels == [RatingLevel.AMBER, RatingLevel.RED, RatingLevel.GREEN]
    assert rating.comment == "Fine"


def test_a_win_follows_its_owner_when_renamed() -> None:
    win = Win("W-1", "Referrals in 48h", owner="Alice")
    assert with_person_renamed(win, "alice", "Alice Smith") == dataclasses.replace(
        win, owner="Alice Smith"
    )


def test_only_a_decision_in_force_supersedes() -> None:
    decisions = [
        Decision("D-1", "Monthly meetings"),
        Decision("D-2", "Weekly meetings", supersedes="D-1"),
        Decision("D-3", "Daily meetings", supersedes="D-2", status=DecisionStatus.PROPOSED),
        Decision("D-4", "No meetings", supersedes="D-4"),  # itself: nothing
    ]
    assert superseded_by(decisions) == {"D-1": "D-2"}
    decisions[2] = dataclasses.replace(decisions[2], status=DecisionStatus.ACCEPTED)
    assert superseded_by(decisions) == {"D-1": "D-2", "D-2": "D-3"}


def test_the_room_counts_who_is_here() -> None:
    roster = [
        Participant("P-1", "Ann", side=Side.BUSINESS),
        Participant("P-2", "Raj", side=Side.IT, present=False),
        Participant("P-3", "Bea", side=Side.BUSINESS, present=False),
    ]
    assert attendance_line(roster) == "1 business · 0 IT here (3 on roster)"
    assert room_warnings(roster) == (
        "Nobody from IT is here today: what the room decides lacks their voice.",
    )
    absent = [dataclasses.replace(p, present=False) for p in roster]
    assert room_warnings(absent) == ("Nobody is marked present yet: mark who came.",)
    here = [dataclasses.replace(p, present=True) for p in roster]
    assert attendance_line(here) == "2 business · 1 IT"
    assert room_warnings(here) == ()


def test_the_help_lists_wins_and_ratings() -> None:
    table = capture_table()
    assert "| `w` | win |" in table
    assert "| `h` | rating | the level first: `green`, `amber` or `red`" in table
    assert "`supersedes:D-2`" in table


# -- wins and ratings in the items list -----------------------------------------------------


def cells(pilot: Pilot[object], item_id: str) -> list[str]:
    """The plain text of a row of the items list."""
    table = session_screen(pilot).items_table
    return [str(getattr(cell, "plain", cell)) for cell in table.get_row(item_id)]


def item_cell(pilot: Pilot[object], item_id: str) -> str:
    cell = session_screen(pilot).items_table.get_cell(item_id, "item")
    return str(cell.__rich__().plain)


def status_line(pilot: Pilot[object]) -> str:
    return str(session_screen(pilot).query_one("#capture-message").content)


async def test_wins_and_ratings_are_captured_shown_and_edited(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "w First referral booked in 48 hours @ali")
        await type_line(pilot, "h amber Business members drifted away")
        session = read_session(session_path)
        assert [(w.id, w.text, w.owner) for w in session.wins] == [
            ("W-1", "First referral booked in 48 hours", "Alice Smith")
        ]
        rating = session.ratings[0]
        assert (rating.id, rating.level, rating.comment) == (
            "H-1",
            RatingLevel.AMBER,
            "Business members drifted away",
        )
        assert "@Alice S." in item_cell(pilot, "W-1")
        assert item_cell(pilot, "H-1").startswith("Business members drifted away")
        assert cells(pilot, "H-1")[2] == "● amber"  # the word, not only a colour

        await pilot.press("escape")  # the items list, on the newest row: H-1
        await until(pilot, lambda: "H-1: ● amber" in status_line(pilot), "H-1 described")
        await pilot.press("s")
        await until(pilot, lambda: read_session(session_path).ratings[0].level == "red", "red")
        assert cells(pilot, "H-1")[2] == "● red"
        assert "H-1: ● red  Business members drifted away" in status_line(pilot)
        await pilot.press("s")
        await until(pilot, lambda: read_session(session_path).ratings[0].level == "green", "g")

        await pilot.press("e")
        await until(pilot, lambda: pilot.app.screen.query("#prompt-input"), "the prompt")
        await pilot.press("ctrl+u")
        await type_line(pilot, "Business members are back")
        assert read_session(session_path).ratings[0].comment == "Business members are back"
        assert read_session(session_path).ratings[0].level == "green"
        await pilot.press("o")  # a rating has no owner
        await pilot.pause()
        assert "A rating has no owner." in status_line(pilot)

        await pilot.press("up", "s")  # a win has no status
        await pilot.pause()
        assert "A win has no status." in status_line(pilot)
        await pilot.press("o")
        await until(pilot, lambda: pilot.app.screen.query("#prompt-input"), "the prompt")
        await pilot.press("ctrl+u")
        await type_line(pilot, "bob")
        assert read_session(session_path).wins[0].owner == "Bob Lee"
        assert "@Bob Lee" in item_cell(pilot, "W-1")
        assert "W-1: First referral booked in 48 hours  @Bob Lee" in status_line(pilot)

        await pilot.press("ctrl+z")  # the owner change
        await pilot.pause()
        assert read_session(session_path).wins[0].owner == "Alice Smith"


async def test_a_decision_that_supersedes_marks_the_one_it_replaces(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "d Monthly coalition meetings @ali")
        assert cells(pilot, "D-1")[2] == "accepted"
        await type_line(pilot, "d Weekly coalition meetings supersedes:d-1 @ali")
        assert "Saved D-2 (decision), superseding D-1" in status_line(pilot)
        first, second = read_session(session_path).decisions
        assert second.supersedes == "D-1"
        assert first.status is DecisionStatus.ACCEPTED  # derived on screen, not rewritten
        assert cells(pilot, "D-1")[2] == "superseded"

        await pilot.press("escape")  # on D-2
        await until(pilot, lambda: "supersedes D-1" in status_line(pilot), "D-2 described")
        await pilot.press("up")
        await until(pilot, lambda: "superseded by D-2" in status_line(pilot), "D-1 described")

        await pilot.press("down", "s")  # D-2 rejected: D-1 is in force again
        await until(
            pilot,
            lambda: read_session(session_path).decisions[1].status is DecisionStatus.REJECTED,
            "D-2 rejected",
        )
        assert cells(pilot, "D-1")[2] == "accepted"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert cells(pilot, "D-1")[2] == "superseded"
        await pilot.press("ctrl+z")  # the capture of D-2
        await pilot.pause()
        assert cells(pilot, "D-1")[2] == "accepted"
        assert [d.id for d in read_session(session_path).decisions] == ["D-1"]

        await pilot.press("c")
        await type_line(pilot, "d Quarterly meetings supersedes:D-9")
        assert "supersedes D-9: there is no decision D-9" in status_line(pilot)
        assert [d.id for d in read_session(session_path).decisions] == ["D-1"]


# -- who came to a follow-up ----------------------------------------------------------------


def follow_up(workspace: Workspace, session_path: Path) -> Path:
    """A second session of the client: Alice and Bob are carried, neither marked here."""
    assert read_session(session_path).participants
    playbook = find_playbook("kotter-alignment", workspace)
    with start_session(
        workspace, client="Acme Insurance", title="Follow-up", playbook=playbook, date=TODAY
    ) as store:
        assert store.path is not None
        return store.path


def roster(pilot: Pilot[object]) -> Roster:
    return session_screen(pilot).query_one(Roster)


async def test_a_follow_up_marks_who_came(
    workspace: Workspace, session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    path = follow_up(workspace, session_path)
    assert [p.present for p in read_session(path).participants] == [False, False]
    async with app_factory(path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = roster(pilot)
        assert box.border_title == "Coalition 0/2 here"
        assert box.border_subtitle == "0 business · 0 IT"
        assert "▲ Mark who came: F2" in screen_text(pilot)
        assert "○ Alice Smith" in screen_text(pilot)

        session_screen(pilot).go_to_step("coalition")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, CoalitionTool), "the tool")
        assert "Nobody is marked present yet" in screen_text(pilot)
        await pilot.press("h")  # Alice came
        await until(pilot, lambda: read_session(path).participants[0].present, "Alice here")
        assert not read_session(path).participants[1].present
        text = screen_text(pilot)
        assert "1 business · 1 IT · 0 external" in text  # the coalition: its roster
        assert "Today: 1 business · 0 IT here (2 on roster)" in text  # the room
        assert "Nobody from IT is here today" in text
        await pilot.press("h")  # a slip: Alice again, then undo brings her back
        await until(pilot, lambda: not read_session(path).participants[0].present, "undone")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: read_session(path).participants[0].present, "Alice back")

        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(pilot.app.screen, ToolScreen), "the session")
        assert box.border_title == "Coalition 1/2 here"
        assert box.border_subtitle == "1 business · 0 IT"
        assert "▲ No IT here" in screen_text(pilot)

        await type_line(pilot, "p Bob Lee")  # a member on the roster: he came, no twin
        assert [(p.name, p.present) for p in read_session(path).participants] == [
            ("Alice Smith", True),
            ("Bob Lee", True),
        ]
        assert "Bob Lee (P-2) is here" in status_line(pilot)
        assert box.border_title == "Coalition"  # everyone is here
        assert box.border_subtitle == "1 business · 1 IT"

        await type_line(pilot, "p Carol Diaz side:it")  # new to the coalition: here
        carol = read_session(path).participants[2]
        assert (carol.name, carol.present) == ("Carol Diaz", True)
        assert capture_input(pilot).value == ""


async def test_a_health_check_step_takes_ratings(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    playbook = find_playbook("alignment-health-check", workspace)
    assert playbook.version == "1.2.0"
    checks = [s for s in playbook.steps if s.title.startswith("Check:")]
    assert len(checks) == 4 and all("rating" in s.captures for s in checks)
    kotter = find_playbook("kotter-alignment", workspace)
    assert next(s for s in kotter.steps if s.id == "wins").captures[0] == "win"
    with start_session(
        workspace, client="Acme", title="Check-up", playbook=playbook, date=TODAY
    ) as store:
        assert store.path is not None
        path = store.path
    async with app_factory(path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session_screen(pilot).go_to_step("objectives")
        await pilot.pause()
        assert capture_input(pilot).placeholder.startswith("h green|amber|red evidence")
        await type_line(pilot, "h r Two objectives have no business owner")
        rating = read_session(path).ratings[0]
        assert (rating.level, rating.step, rating.dimension) == (RatingLevel.RED, "objectives", "")


# -- what a new session carries -------------------------------------------------------------


def test_the_carry_preview_reads_the_client_sessions(
    workspace: Workspace, session_path: Path
) -> None:
    preview = carry_preview(workspace, "  acme insurance ")
    assert (preview.previous, preview.counts) == ("Kick-off (2026-03-02)", "2 members")
    assert carry_preview(workspace, "Nobody Ltd").previous == ""
    assert carried_counts([Win("W-1", "x"), Win("W-2", "y"), Participant("P-1", "A")]) == (
        "1 member, 2 wins"
    )
