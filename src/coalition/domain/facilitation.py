"""Facilitation rules as plain functions: moving through the agenda and keeping time.

The screens call these; they never own the rules themselves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any

from coalition.domain.models import (
    Item,
    Participant,
    PlaybookSnapshot,
    Session,
    SessionInfo,
    StepSnapshot,
)


class StepState(StrEnum):
    DONE = "done"
    CURRENT = "current"
    SKIPPED = "skipped"
    TODO = "to do"


def visited_steps(info: SessionInfo) -> tuple[str, ...]:
    """The steps the room has been on; for older files, every step up to the current one."""
    if info.visited_steps is not None:
        return info.visited_steps
    steps = info.playbook.steps
    current = info.playbook.step_index(info.current_step)  # len(steps) when unknown
    return tuple(step.id for step in steps[: current + 1]) if current < len(steps) else ()


def visit(info: SessionInfo, step_id: str) -> tuple[str, ...]:
    """The visited steps once the room moves to `step_id`, in agenda order."""
    seen = set(visited_steps(info)) | {step_id}
    order = [step.id for step in info.playbook.steps]
    return tuple(s for s in order if s in seen) + tuple(sorted(seen - set(order)))


# A step the room only passed through (PgUp, PgUp ...) was not worked on: it needs this
# much of its countdown, or something captured in it.
MIN_WORKED_SECONDS = 30


def worked_steps(info: SessionInfo, captured: Iterable[str] = ()) -> set[str]:
    """The steps the room worked on: visited for a while, or where something was captured.

    Without any countdown recorded (the command line, older files) a visit counts.
    """
    visited = set(visited_steps(info))
    if info.step_elapsed:
        visited = {s for s in visited if info.step_elapsed.get(s, 0) >= MIN_WORKED_SECONDS}
    return visited | set(captured)


def agenda(
    info: SessionInfo, current_step: str | None = None, captured: Iterable[str] = ()
) -> list[tuple[StepSnapshot, StepState]]:
    """Each step: done (worked on), current, skipped (passed over) or still to do.

    `current_step` is where the room is now, when that is not saved yet; `captured` the
    steps that hold items.
    """
    playbook = info.playbook
    current = playbook.step_index(info.current_step if current_step is None else current_step)
    if current >= len(playbook.steps):
        current = 0  # an unknown step resumes at the start, as neighbour_step does
    worked = worked_steps(info, captured)
    reached = set(visited_steps(info)) | worked
    furthest = max([current, *(i for i, step in enumerate(playbook.steps) if step.id in reached)])

    def state(index: int, step: StepSnapshot) -> StepState:
        if index == current:
            return StepState.CURRENT
        if step.id in worked:
            return StepState.DONE
        return StepState.SKIPPED if index < furthest else StepState.TODO

    return [(step, state(i, step)) for i, step in enumerate(playbook.steps)]


ROSTER = "coalition"  # the bundled playbooks' coalition step


def roster_step(info: SessionInfo) -> str | None:
    """The step the roster is worked in: one that captures participants (or is `coalition`).

    Members have no step of their own. When several steps take them, the first the room
    visited, else the first in the agenda; None when no step does.
    """
    steps = [s.id for s in info.playbook.steps if "participant" in s.captures or s.id == ROSTER]
    visited = set(visited_steps(info))
    return next((s for s in steps if s in visited), steps[0] if steps else None)


def roster_work(member: Participant, baseline: Mapping[str, Item]) -> bool:
    """Whether the room put this member on the roster, or changed them, in this session.

    A member carried from an earlier session (an `origin`) counts only when changed since it
    was carried; marking who came is attendance, not work on the roster.
    """
    if not member.origin:
        return True
    before = baseline.get(member.id)
    return isinstance(before, Participant) and replace(before, present=member.present) != member


def captured_steps(session: Session) -> set[str]:
    """The steps something was captured in (no sorting: a step change asks at every key).

    Members count for the roster step (`roster_step`) when the room worked on the roster.
    """
    steps = {
        item.step
        for items in _item_lists(session)
        for item in items
        if not isinstance(item, Participant)
    }
    if roster_worked(session):
        roster = roster_step(session.info)
        if roster is not None:
            steps.add(roster)
    return steps


def _item_lists(session: Session) -> Iterator[list[Any]]:
    """Every list of items the session holds, whatever kinds it has (none named here, so a
    new kind counts without anyone remembering to add it)."""
    for field in fields(session):
        value = getattr(session, field.name)
        if isinstance(value, list):
            yield value


def roster_worked(session: Session) -> bool:
    """Whether the room worked on the roster here: a member added or changed (`roster_work`),
    or one carried in and taken off it."""
    if any(roster_work(member, session.baseline) for member in session.participants):
        return True
    here = {member.id for member in session.participants}
    return any(
        isinstance(item, Participant) and item.id not in here for item in session.baseline.values()
    )


def session_agenda(session: Session) -> list[tuple[StepSnapshot, StepState]]:
    """The agenda as the session's file has it, counting the steps things were captured in."""
    return agenda(session.info, captured=captured_steps(session))


def skipped_steps(session: Session) -> list[tuple[int, StepSnapshot]]:
    """The steps passed over, with their number in the agenda (from 1)."""
    return [
        (number, step)
        for number, (step, state) in enumerate(session_agenda(session), 1)
        if state is StepState.SKIPPED
    ]


def steps_not_reached(session: Session) -> list[tuple[int, StepSnapshot]]:
    """The steps after the furthest one the room reached or captured in, with their number."""
    return [
        (number, step)
        for number, (step, state) in enumerate(session_agenda(session), 1)
        if state is StepState.TODO
    ]


def furthest_step(session: Session) -> int:
    """The index of the furthest step the room reached or captured in (0 for none)."""
    rows = session_agenda(session)
    return max((i for i, (_, state) in enumerate(rows) if state is not StepState.TODO), default=0)


def neighbour_step(playbook: PlaybookSnapshot, current_step: str, offset: int) -> str:
    """The step `offset` places from the current one, clamped to the agenda."""
    if not playbook.steps:
        return current_step
    index = playbook.step_index(current_step)
    index = 0 if index >= len(playbook.steps) else index
    target = max(0, min(len(playbook.steps) - 1, index + offset))
    return playbook.steps[target].id


class TimeboxPhase(StrEnum):
    """How the clock should look: calm, a warning near the end, or overrun."""

    RUNNING = "running"
    WARNING = "warning"  # 20 % or less of the time left
    FINAL = "final"  # 5 % or less left
    OVERRUN = "overrun"


@dataclass(slots=True)
class Timebox:
    """A step's countdown. Time is passed in (seconds), so the rules are testable."""

    budget_seconds: float
    elapsed_seconds: float = 0.0
    paused: bool = False

    def tick(self, seconds: float) -> None:
        if not self.paused:
            self.elapsed_seconds += seconds

    def extend(self, seconds: float) -> None:
        self.budget_seconds += seconds

    def toggle_pause(self) -> None:
        self.paused = not self.paused

    @property
    def remaining_seconds(self) -> float:
        return self.budget_seconds - self.elapsed_seconds

    @property
    def phase(self) -> TimeboxPhase:
        remaining = self.remaining_seconds
        if remaining < 0:
            return TimeboxPhase.OVERRUN
        if self.budget_seconds <= 0:
            return TimeboxPhase.RUNNING
        share = remaining / self.budget_seconds
        if share <= 0.05:
            return TimeboxPhase.FINAL
        if share <= 0.20:
            return TimeboxPhase.WARNING
        return TimeboxPhase.RUNNING

    def display(self) -> str:
        """`12:34` left (a started second counts as left), or `+01:05` over."""
        remaining = self.remaining_seconds
        sign = "+" if remaining < 0 else ""
        total = math.ceil(remaining) if remaining > 0 else int(-remaining)
        return f"{sign}{total // 60:02d}:{total % 60:02d}"
