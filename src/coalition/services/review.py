"""The end-of-session review: what the minutes would be missing. No Textual here."""

from __future__ import annotations

from dataclasses import dataclass

from coalition.domain.models import ActionStatus, DecisionStatus, Session


@dataclass(frozen=True, slots=True)
class Gap:
    """One thing to fix before closing: the item and what it lacks."""

    item_id: str
    text: str
    problem: str


def review_gaps(session: Session) -> list[Gap]:
    """Decisions or actions without an owner, and open actions without a due date."""
    gaps: list[Gap] = []
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
