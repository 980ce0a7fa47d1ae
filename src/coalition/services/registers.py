"""A client's registers across its sessions: the irritant register and the decision log.

Built like `action_overview`: the sessions of each client run in order, and each item is
listed once, as the latest session that holds it has it (a later session wins), with the
session it was first raised in. Older files are only read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from coalition.domain.decision_log import replacements
from coalition.domain.models import (
    Decision,
    DecisionStatus,
    Irritant,
    IrritantStatus,
    Session,
    id_number,
)
from coalition.services.sessions import readable_sessions
from coalition.services.workspace import Workspace

ItemT = TypeVar("ItemT", Irritant, Decision)


@dataclass(frozen=True, slots=True)
class Sighting:
    """An item as one session holds it."""

    path: Path
    session: Session

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def date(self) -> dt.date:
        return self.session.info.date


@dataclass(frozen=True, slots=True)
class StatusChange:
    """An irritant's status from a session on; `session` is empty when only the irritant's
    carried history records it (that session's file is gone or unreadable)."""

    date: dt.date
    status: IrritantStatus
    session: str


@dataclass(frozen=True, slots=True)
class IrritantRow:
    """One irritant of a client's register, as its latest session has it."""

    client: str
    session: str  # the latest session that holds it
    irritant: Irritant
    origin: str  # the session it was raised in
    raised: dt.date
    age_days: int
    history: tuple[StatusChange, ...]  # each change of status, oldest first


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One decision of a client's log: its latest status, where it was made, its chain."""

    client: str
    session: str  # the latest session that holds it
    decision: Decision
    status: DecisionStatus  # superseded when a later decision replaces it
    made_in: str
    made_on: dt.date
    superseded_by: tuple[str, ...]


def programmes(workspace: Workspace, client: str | None) -> Iterator[list[tuple[Path, Session]]]:
    """Each client's readable sessions (or one client's), in running order.

    Two client names can share a folder (Zürich, Zurich): each is a programme of its own.
    """
    groups: dict[tuple[str, str], list[tuple[Path, Session]]] = {}
    for path, session in readable_sessions(workspace, client):
        key = (path.parent.name, " ".join(session.info.client.casefold().split()))
        groups.setdefault(key, []).append((path, session))
    yield from groups.values()


def sightings(
    sessions: Sequence[tuple[Path, Session]], held: Callable[[Session], Sequence[ItemT]]
) -> dict[str, list[tuple[Sighting, ItemT]]]:
    """Every session (oldest first) that holds each item of a kind, by ID."""
    found: dict[str, list[tuple[Sighting, ItemT]]] = {}
    for path, session in sessions:
        for item in held(session):
            found.setdefault(item.id, []).append((Sighting(path, session), item))
    return found


def _raised(origin: str, latest: Sighting, first: Sighting) -> dt.date:
    """The date of the session an item was raised in."""
    if origin == first.name:
        return first.date
    if origin in latest.session.info.origins:
        return latest.session.info.origins[origin][1]
    try:
        return dt.date.fromisoformat(origin[:10])
    except ValueError:
        return first.date


def irritant_overview(
    workspace: Workspace, *, client: str | None, open_only: bool, today: dt.date
) -> list[IrritantRow]:
    """The irritant register across sessions: each irritant once, with its latest status
    and its history. `open_only` keeps those not yet publicized (an irritant is only half
    removed until its removal is publicized, and until then it is carried forward)."""
    rows: list[IrritantRow] = []
    for sessions in programmes(workspace, client):
        for seen in sightings(sessions, lambda s: s.irritants).values():
            (first, _), (latest, irritant) = seen[0], seen[-1]
            if open_only and irritant.status is IrritantStatus.PUBLICIZED:
                continue
            origin = irritant.origin or first.name
            raised = _raised(origin, latest, first)
            rows.append(
                IrritantRow(
                    client=latest.session.info.client,
                    session=latest.name,
                    irritant=irritant,
                    origin=origin,
                    raised=raised,
                    age_days=max(
                        0, (today - raised).days
                    ),  # a session dated ahead is not -14 days old
                    history=_history(seen),
                )
            )
    return sorted(
        rows, key=lambda r: (r.client.casefold(), -r.irritant.votes, id_number(r.irritant.id))
    )


def _history(seen: list[tuple[Sighting, Irritant]]) -> tuple[StatusChange, ...]:
    """Each change of status, oldest first: from the session files that hold the irritant
    (each status reached in a session, as its history dates them, then where it ended),
    after what its carried history records of sessions before the first file read."""
    first = seen[0][0]
    latest = seen[-1][1]
    steps = [StatusChange(day, status, "") for day, status in latest.history if day < first.date]
    for where, item in seen:  # each status reached in the session, then where it ended
        steps += [StatusChange(day, s, where.name) for day, s in item.history if day == where.date]
        steps.append(StatusChange(where.date, item.status, where.name))
    changes: list[StatusChange] = []
    dated = set()  # a history dated on a day two sessions ran names that day's changes twice
    for step in steps:
        if (not changes or changes[-1].status is not step.status) and (
            (step.date, step.status) not in dated
        ):
            changes.append(step)
            dated.add((step.date, step.status))
    return tuple(changes)


def decision_log(workspace: Workspace, *, client: str | None) -> list[DecisionRow]:
    """The decision log across sessions: each decision once, with its latest status (made
    `superseded` when an accepted decision names it in `supersedes`) and its chain."""
    rows: list[DecisionRow] = []
    for sessions in programmes(workspace, client):
        seen = sightings(sessions, lambda s: s.decisions)
        # the decision log's rule, on each decision's latest version
        replaced_by = replacements(found[-1][1] for found in seen.values())
        for item_id, found in seen.items():
            (first, _), (latest, decision) = found[0], found[-1]
            superseded_by = tuple(sorted(replaced_by.get(item_id, ()), key=id_number))
            made_in = decision.origin or first.name
            rows.append(
                DecisionRow(
                    client=latest.session.info.client,
                    session=latest.name,
                    decision=decision,
                    status=DecisionStatus.SUPERSEDED if superseded_by else decision.status,
                    made_in=made_in,
                    made_on=_raised(made_in, latest, first),
                    superseded_by=superseded_by,
                )
            )
    return sorted(rows, key=lambda r: (r.client.casefold(), id_number(r.decision.id)))
