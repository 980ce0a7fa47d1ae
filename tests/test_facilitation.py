"""Facilitation rules: where the room is in the agenda, and the step's clock."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coalition.domain.facilitation import (
    StepState,
    Timebox,
    TimeboxPhase,
    agenda,
    captured_steps,
    neighbour_step,
    roster_step,
    roster_work,
    session_agenda,
    skipped_steps,
    visit,
)
from coalition.domain.models import (
    KINDS,
    Item,
    Note,
    Participant,
    PlaybookSnapshot,
    Session,
    SessionInfo,
    StepSnapshot,
)
from coalition.domain.playbook import Playbook
from coalition.domain.progress import RatingLevel
from coalition.store import SessionStore


@pytest.fixture
def snapshot(playbook: Playbook) -> PlaybookSnapshot:
    return playbook.snapshot()  # steps: review, irritants, close


def at(
    playbook: PlaybookSnapshot, current: str, visited: tuple[str, ...] | None = None
) -> SessionInfo:
    return SessionInfo(
        "T", "C", dt.date(2026, 11, 1), "F", playbook, current_step=current, visited_steps=visited
    )


@pytest.mark.parametrize(
    ("current", "states"),
    [
        ("review", [StepState.CURRENT, StepState.TODO, StepState.TODO]),
        ("irritants", [StepState.DONE, StepState.CURRENT, StepState.TODO]),
        ("close", [StepState.DONE, StepState.DONE, StepState.CURRENT]),
    ],
)
def test_agenda_states(snapshot: PlaybookSnapshot, current: str, states: list[StepState]) -> None:
    rows = agenda(at(snapshot, current))  # an older file: no visited steps recorded
    assert [step for step, _ in rows] == list(snapshot.steps)
    assert [state for _, state in rows] == states


def test_agenda_of_an_empty_playbook(snapshot: PlaybookSnapshot) -> None:
    empty = PlaybookSnapshot(name="e", title="E", version="1", steps=())
    assert agenda(at(empty, "anything")) == []


@pytest.mark.parametrize(
    ("current", "offset", "expected"),
    [
        ("review", 1, "irritants"),
        ("review", 2, "close"),
        ("irritants", -1, "review"),
        ("irritants", 0, "irritants"),
        ("close", 1, "close"),  # clamped at the end
        ("close", 99, "close"),
        ("review", -1, "review"),  # clamped at the start
        ("close", -99, "review"),
        ("no-such-step", 1, "irritants"),  # an unknown step counts as the first
        ("", 0, "review"),
    ],
)
def test_neighbour_step(
    snapshot: PlaybookSnapshot, current: str, offset: int, expected: str
) -> None:
    assert neighbour_step(snapshot, current, offset) == expected


def test_neighbour_step_of_an_empty_playbook_stays_put() -> None:
    empty = PlaybookSnapshot(name="e", title="E", version="1", steps=())
    assert neighbour_step(empty, "here", 1) == "here"


# -- the timebox ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "phase"),
    [
        (0, TimeboxPhase.RUNNING),
        (479, TimeboxPhase.RUNNING),  # 121 s of 600 left: just over 20 %
        (480, TimeboxPhase.WARNING),  # exactly 20 % left
        (569, TimeboxPhase.WARNING),
        (570, TimeboxPhase.FINAL),  # exactly 5 % left
        (600, TimeboxPhase.FINAL),  # no time left, not yet over
        (600.5, TimeboxPhase.OVERRUN),
        (5000, TimeboxPhase.OVERRUN),
    ],
)
def test_timebox_phases(elapsed: float, phase: TimeboxPhase) -> None:
    timebox = Timebox(budget_seconds=600)
    timebox.tick(elapsed)
    assert timebox.phase is phase
    assert timebox.remaining_seconds == 600 - elapsed


def test_phases_follow_ticks_in_order() -> None:
    timebox = Timebox(budget_seconds=100)
    seen = []
    for _ in range(110):
        timebox.tick(1)
        if not seen or seen[-1] is not timebox.phase:
            seen.append(timebox.phase)
    assert seen == [
        TimeboxPhase.RUNNING,
        TimeboxPhase.WARNING,
        TimeboxPhase.FINAL,
        TimeboxPhase.OVERRUN,
    ]


def test_a_zero_budget_runs_until_time_passes() -> None:
    timebox = Timebox(budget_seconds=0)
    assert timebox.phase is TimeboxPhase.RUNNING
    timebox.tick(1)
    assert timebox.phase is TimeboxPhase.OVERRUN


def test_pause_stops_the_clock_and_resume_restarts_it() -> None:
    timebox = Timebox(budget_seconds=60)
    timebox.tick(10)
    timebox.toggle_pause()
    assert timebox.paused
    timebox.tick(30)
    assert timebox.elapsed_seconds == 10
    timebox.toggle_pause()
    assert not timebox.paused
    timebox.tick(5)
    assert timebox.elapsed_seconds == 15


def test_extend_adds_time_and_can_end_an_overrun() -> None:
    timebox = Timebox(budget_seconds=60)
    timebox.tick(70)
    assert timebox.phase is TimeboxPhase.OVERRUN
    timebox.extend(300)
    assert timebox.budget_seconds == 360
    assert timebox.remaining_seconds == 290
    assert timebox.phase is TimeboxPhase.RUNNING
    assert timebox.display() == "04:50"


@pytest.mark.parametrize(
    ("elapsed", "shown"),
    [
        (0, "10:00"),
        (0.2, "10:00"),  # a started second still counts as left
        (1, "09:59"),
        (525.5, "01:15"),
        (599, "00:01"),
        (599.9999, "00:01"),  # never 00:00 while time is left
        (600, "00:00"),
        (600.5, "+00:00"),
        (601, "+00:01"),
        (665, "+01:05"),
        (600 + 3600 + 5, "+60:05"),  # minutes keep counting past an hour
    ],
)
def test_display(elapsed: float, shown: str) -> None:
    timebox = Timebox(budget_seconds=600)
    timebox.tick(elapsed)
    assert timebox.display() == shown


def test_display_counts_down_second_by_second_with_fractional_ticks() -> None:
    timebox = Timebox(budget_seconds=3)
    shown = []
    for _ in range(40):  # 0.1 s ticks do not add up exactly in floating point
        timebox.tick(0.1)
        shown.append(timebox.display())
    distinct = [each for each in dict.fromkeys(shown) if each != "00:00"]  # 0 s: maybe never
    assert distinct == ["00:03", "00:02", "00:01", "+00:00", "+00:01"]


def test_an_unknown_current_step_resumes_at_the_first_step() -> None:
    playbook = PlaybookSnapshot("p", "P", "1", tuple(
        StepSnapshot(f"s{n}", f"Step {n}", "Why.", ("Q?",), 5, ("note",)) for n in range(3)
    ))  # fmt: skip
    states = [state for _, state in agenda(at(playbook, "gone"))]
    assert states == [StepState.CURRENT, StepState.TODO, StepState.TODO]


def test_a_jump_ahead_skips_the_steps_in_between(snapshot: PlaybookSnapshot) -> None:
    info = at(snapshot, "review", ("review",))
    info = dataclasses.replace(info, current_step="close", visited_steps=visit(info, "close"))
    states = [state for _, state in agenda(info)]
    assert states == [StepState.DONE, StepState.SKIPPED, StepState.CURRENT]
    assert [(n, step.id) for n, step in skipped_steps(Session(info))] == [(2, "irritants")]


def test_going_back_to_a_skipped_step_works_it(snapshot: PlaybookSnapshot) -> None:
    info = at(snapshot, "close", ("review", "close"))
    info = dataclasses.replace(
        info, current_step="irritants", visited_steps=visit(info, "irritants")
    )
    assert info.visited_steps == ("review", "irritants", "close")
    assert [state for _, state in agenda(info)] == [
        StepState.DONE,
        StepState.CURRENT,
        StepState.DONE,
    ]
    assert skipped_steps(Session(info)) == []


def test_an_unsaved_move_shows_in_the_agenda(snapshot: PlaybookSnapshot) -> None:
    info = at(snapshot, "review", ("review",))
    assert [state for _, state in agenda(info, "close")] == [
        StepState.DONE,
        StepState.SKIPPED,
        StepState.CURRENT,
    ]


def test_passing_through_a_step_is_not_working_on_it(snapshot: PlaybookSnapshot) -> None:
    """Jump to the end, then PgUp back to the start: the steps between were only passed."""
    info = at(snapshot, "review", ("review", "irritants", "close"))
    info = dataclasses.replace(info, step_elapsed={"review": 300, "irritants": 4, "close": 90})
    assert [state for _, state in agenda(info)] == [
        StepState.CURRENT,
        StepState.SKIPPED,
        StepState.DONE,
    ]
    worked = Session(info, notes=[Note("N-1", "said in passing", "irritants")])
    assert skipped_steps(worked) == []  # something captured there: it was worked on


# -- the roster: members have no step, they count for the step that forms the coalition ----

ROSTER_PLAYBOOK = PlaybookSnapshot("p", "P", "1", (
    StepSnapshot("review", "Review", "Why.", ("Q?",), 5, ("action", "note")),
    StepSnapshot("who", "Who leads", "Why.", ("Q?",), 5, ("participant", "note")),
    StepSnapshot("urgency", "Urgency", "Why.", ("Q?",), 5, ("note",)),
    StepSnapshot("again", "Who else", "Why.", ("Q?",), 5, ("participant",)),
))  # fmt: skip


def test_the_roster_step_is_the_first_visited_step_that_takes_members() -> None:
    assert roster_step(at(ROSTER_PLAYBOOK, "review", ("review",))) == "who"  # none visited
    assert roster_step(at(ROSTER_PLAYBOOK, "again", ("review", "again"))) == "again"
    assert roster_step(at(ROSTER_PLAYBOOK, "again", ("who", "again"))) == "who"
    coalition = dataclasses.replace(ROSTER_PLAYBOOK.steps[2], id="coalition")
    by_id = dataclasses.replace(ROSTER_PLAYBOOK, steps=(ROSTER_PLAYBOOK.steps[0], coalition))
    assert roster_step(at(by_id, "review", ("review",))) == "coalition"
    assert roster_step(at(snapshot_without_members(), "review")) is None


def snapshot_without_members() -> PlaybookSnapshot:
    return dataclasses.replace(ROSTER_PLAYBOOK, steps=ROSTER_PLAYBOOK.steps[:1])


def test_members_added_here_work_the_roster_step_even_from_the_command_line() -> None:
    # `new`, `step S urgency`, `add S participant ...`: the room never stood on "who".
    info = at(ROSTER_PLAYBOOK, "urgency", ("review", "urgency"))
    session = Session(info, participants=[Participant("P-1", "Ann")])
    assert captured_steps(session) == {"who"}
    assert [state for _, state in session_agenda(session)] == [
        StepState.DONE, StepState.DONE, StepState.CURRENT, StepState.TODO,
    ]  # fmt: skip
    assert skipped_steps(session) == []
    assert skipped_steps(Session(info)) == [(2, ROSTER_PLAYBOOK.steps[1])]  # no roster


def test_a_carried_roster_is_not_work_unless_the_room_changed_it() -> None:
    info = at(ROSTER_PLAYBOOK, "review", ("review",))
    carried = Participant("P-1", "Ann", role="CFO", present=False, origin="2026-01-01-kick-off")
    came = dataclasses.replace(carried, present=True)  # attendance is not roster work
    promoted = dataclasses.replace(carried, role="COO")
    baseline: dict[str, Item] = {carried.id: carried}
    assert captured_steps(Session(info, participants=[carried], baseline=baseline)) == set()
    assert captured_steps(Session(info, participants=[came], baseline=baseline)) == set()
    assert captured_steps(Session(info, participants=[promoted], baseline=baseline)) == {"who"}
    # Read without the carried table, a carried member says nothing about the roster.
    assert captured_steps(Session(info, participants=[promoted])) == set()
    assert not roster_work(carried, {})
    assert roster_work(Participant("P-2", "Bo"), {})


def test_taking_a_carried_member_off_the_roster_works_the_roster_step() -> None:
    info = at(ROSTER_PLAYBOOK, "review", ("review",))
    ann = Participant("P-1", "Ann", present=False, origin="2026-01-01-kick-off")
    bo = Participant("P-2", "Bo", present=False, origin="2026-01-01-kick-off")
    baseline: dict[str, Item] = {ann.id: ann, bo.id: bo, "N-1": Note("N-1", "x", step="review")}
    assert captured_steps(Session(info, participants=[ann, bo], baseline=baseline)) == set()
    assert captured_steps(Session(info, participants=[ann], baseline=baseline)) == {"who"}


def test_members_count_for_no_step_when_no_step_takes_them() -> None:
    session = Session(at(snapshot_without_members(), "review", ("review",)),
                      participants=[Participant("P-1", "Ann")])  # fmt: skip
    assert captured_steps(session) == set()


# One item of every kind but a member (members count through the roster step).
_ONE_OF_EACH: dict[str, dict[str, object]] = {
    "decision": {"text": "x"}, "action": {"text": "x"}, "irritant": {"text": "x"},
    "note": {"text": "x"}, "stream": {"name": "x"}, "metric": {"name": "x"},
    "win": {"text": "x"}, "rating": {"dimension": "x", "level": RatingLevel.RED},
    "hands": {"question": "x", "yes": 1, "present": 2}, "objective": {"text": "x"},
    "initiative": {"text": "x"},
}  # fmt: skip


def test_every_kind_of_item_is_listed_here() -> None:
    assert set(_ONE_OF_EACH) == set(KINDS) - {"participant"}


@pytest.mark.parametrize("kind", sorted(_ONE_OF_EACH))
def test_a_step_with_any_kind_of_item_captured_is_not_skipped(
    snapshot: PlaybookSnapshot, kind: str
) -> None:
    store = SessionStore.in_memory(at(snapshot, "close", ("review", "irritants", "close")))
    store.add(kind, step="irritants", **_ONE_OF_EACH[kind])
    assert "irritants" in captured_steps(store.session)
    assert skipped_steps(store.session) == []
