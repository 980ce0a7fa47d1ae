"""Facilitation rules as plain functions: moving through the agenda and keeping time.

The screens call these; they never own the rules themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from coalition.domain.models import PlaybookSnapshot, SessionInfo, StepSnapshot


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


def agenda(
    info: SessionInfo, current_step: str | None = None
) -> list[tuple[StepSnapshot, StepState]]:
    """Each step: done (visited), current, skipped (passed over by a jump) or still to do.

    `current_step` is where the room is now, when that is not saved yet.
    """
    playbook = info.playbook
    current = playbook.step_index(info.current_step if current_step is None else current_step)
    if current >= len(playbook.steps):
        current = 0  # an unknown step resumes at the start, as neighbour_step does
    visited = set(visited_steps(info))
    furthest = max([current, *(i for i, step in enumerate(playbook.steps) if step.id in visited)])

    def state(index: int, step: StepSnapshot) -> StepState:
        if index == current:
            return StepState.CURRENT
        if step.id in visited:
            return StepState.DONE
        return StepState.SKIPPED if index < furthest else StepState.TODO

    return [(step, state(i, step)) for i, step in enumerate(playbook.steps)]


def skipped_steps(info: SessionInfo) -> list[tuple[int, StepSnapshot]]:
    """The steps passed over by a jump, with their number in the agenda (from 1)."""
    return [
        (number, step)
        for number, (step, state) in enumerate(agenda(info), 1)
        if state is StepState.SKIPPED
    ]


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
