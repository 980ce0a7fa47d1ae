"""What changed since the last session: a session compared with the baseline it carried in.

Pure functions of one session (its items and its baseline), so the minutes can say what
moved without reading any other file, and leave out what did not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coalition.domain.alignment import Verdict
from coalition.domain.decision_log import superseded_by
from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Irritant,
    IrritantStatus,
    Item,
    Metric,
    Participant,
    Session,
)


def unchanged_carried_ids(session: Session) -> set[str]:
    """Carried items nothing happened to: exactly as carried in, not superseded by a decision
    of this session, and not an action that has slipped past its due date (that is news)."""
    same = {
        item.id
        for item in session.items()
        if not isinstance(item, Participant) and session.baseline.get(item.id) == item
    }
    slipped = {
        a.id
        for a in session.actions
        if a.status is ActionStatus.OPEN and a.due is not None and a.due < session.info.date
    }
    return same - set(superseded_by(session.decisions)) - slipped


@dataclass(frozen=True, slots=True)
class SinceLast:
    """The moves since the previous session, each as (ID, text) pairs or names."""

    joined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    present: int = 0
    on_roster: int = 0
    irritants: dict[IrritantStatus, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    raised: tuple[tuple[str, str], ...] = ()
    metrics: dict[Verdict, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    closed: tuple[tuple[str, str, ActionStatus], ...] = ()
    slipped: tuple[tuple[str, str], ...] = ()
    opened: tuple[tuple[str, str], ...] = ()
    superseded: tuple[tuple[str, str], ...] = ()  # (old ID, new ID)


def since_last(session: Session) -> SinceLast:
    """Compare the session with its baseline; empty when nothing was carried in."""
    base = session.baseline
    roster = session.participants
    carried_people = {i.id: i for i in base.values() if isinstance(i, Participant)}
    now_people = {p.id for p in roster}
    irritant_moves: dict[IrritantStatus, list[tuple[str, str]]] = {}
    raised: list[tuple[str, str]] = []
    for irritant in session.irritants:
        before = base.get(irritant.id)
        if not isinstance(before, Irritant):
            raised.append((irritant.id, irritant.text))
        elif before.status is not irritant.status:
            irritant_moves.setdefault(irritant.status, []).append((irritant.id, irritant.text))
    metric_moves: dict[Verdict, list[tuple[str, str]]] = {}
    for metric in session.metrics:
        old = base.get(metric.id)
        if isinstance(old, Metric) and old.verdict is not metric.verdict:
            metric_moves.setdefault(metric.verdict, []).append((metric.id, metric.name))
    return SinceLast(
        joined=tuple(p.name for p in roster if p.id not in carried_people),
        left=tuple(p.name for i, p in carried_people.items() if i not in now_people),
        absent=tuple(p.name for p in roster if not p.present),
        present=sum(p.present for p in roster),
        on_roster=len(roster),
        irritants={k: tuple(v) for k, v in irritant_moves.items()},
        raised=tuple(raised),
        metrics={k: tuple(v) for k, v in metric_moves.items()},
        closed=tuple(
            (a.id, a.text, a.status)
            for a in session.actions
            if a.status is not ActionStatus.OPEN and _was_open(base.get(a.id))
        ),
        slipped=tuple(
            (a.id, a.text)
            for a in session.actions
            if a.status is ActionStatus.OPEN
            and a.due is not None
            and a.due < session.info.date
            and a.id in base
        ),
        opened=tuple((a.id, a.text) for a in session.actions if a.id not in base),
        superseded=tuple(
            sorted(
                (old, new)
                for old, new in superseded_by(session.decisions).items()
                if new not in base
            )
        ),
    )


def _was_open(item: Item | None) -> bool:
    return isinstance(item, ActionItem) and item.status is ActionStatus.OPEN


def attendance_taken(session: Session) -> bool:
    """False when the session carried members in and marked none of them present (or added
    anyone): then who came is unknown, not "nobody"."""
    carried = any(p.origin for p in session.participants)  # carrying sets a member's origin
    return not carried or any(p.present for p in session.participants)
