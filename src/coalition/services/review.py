"""The end-of-session review: what the minutes would be missing. No Textual here."""

from __future__ import annotations

from dataclasses import dataclass

from coalition.domain.changes import attendance_taken
from coalition.domain.facilitation import skipped_steps, steps_not_reached
from coalition.domain.models import ActionStatus, DecisionStatus, Session


@dataclass(frozen=True, slots=True)
class Gap:
    """One thing to fix before closing: the item and what it lacks."""

    item_id: str
    text: str
    problem: str


def review_gaps(session: Session) -> list[Gap]:
    """What the minutes would lack: a facilitator, skipped steps, owners and due dates."""
    gaps: list[Gap] = []
    if not session.info.facilitator.strip():
        gaps.append(Gap("", "the minutes cannot say who ran the session", "no facilitator"))
    if not attendance_taken(session):
        gaps.append(Gap("", "mark who came: the coalition tool (h), or coalition mark SESSION "
                        "P-n present", "attendance not taken"))  # fmt: skip
    skipped = skipped_steps(session)
    if skipped:
        steps = "; ".join(f"{number}. {step.title}" for number, step in skipped)
        what = "step skipped" if len(skipped) == 1 else f"{len(skipped)} steps skipped"
        gaps.append(Gap("", steps, f"{what}, never worked on"))
    ahead = steps_not_reached(session)
    if ahead:
        if len(ahead) <= 3:
            steps = "; ".join(f"{number}. {step.title}" for number, step in ahead)
        else:  # the rest of the agenda: its numbers say enough
            steps = f"steps {ahead[0][0]} to {ahead[-1][0]}, from {ahead[0][1].title}"
        what = "step not reached" if len(ahead) == 1 else f"{len(ahead)} steps not reached"
        gaps.append(Gap("", steps, what))
    for decision in session.decisions:
        if not decision.owners and decision.status is not DecisionStatus.REJECTED:
            gaps.append(Gap(decision.id, decision.text, "decision has no owner"))
    for action in session.actions:
        if action.status is not ActionStatus.OPEN:
            continue
        if not action.owner:
            gaps.append(Gap(action.id, action.text, "action has no owner"))
        if action.due is None:
            gaps.append(Gap(action.id, action.text, "action has no due date"))
    return gaps
