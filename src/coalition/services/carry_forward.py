"""A client's sessions as one programme: their order, and what a new session carries forward.

A new session starts from the state of the client's latest one: the roster, the value
streams, the metrics, the accepted decisions, the irritant register (with each irritant's
status history), the wins, the objectives and initiatives, and the open actions, each
keeping its ID and the session it came from. Older sessions that did not carry their state
forward (written before this, or started fresh) still hand on their open actions and
unpublicized irritants, so nothing open is ever dropped. The new session records what it
carried as its baseline, which "since the last session" compares with. Older files are only
read, never rewritten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    DecisionStatus,
    Initiative,
    Irritant,
    IrritantStatus,
    Item,
    Metric,
    Objective,
    Participant,
    Session,
    ValueStream,
    Win,
)
from coalition.errors import CoalitionError
from coalition.services.workspace import Workspace
from coalition.store import SessionsReader

ClientSessions = list[tuple[Path, Session]]


def same_client(one: str, other: str) -> bool:
    """Client names match ignoring case and spacing ("ACME  corp" is "Acme Corp")."""
    return " ".join(one.casefold().split()) == " ".join(other.casefold().split())


def session_order(path: Path, session: Session) -> tuple[dt.date, int, str]:
    """Sessions run in date order; two on one day in the order they were started."""
    return (session.info.date, session.info.sequence, path.name)


def client_sessions(workspace: Workspace, client: str) -> ClientSessions:
    """The readable sessions of one client (its folder only), in the order they ran."""
    folder = workspace.client_dir(client)
    found: ClientSessions = []
    reader = SessionsReader()  # without their baselines, which are not needed
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            session = reader.read(path)
        except CoalitionError:
            continue  # an unreadable session is reported by `list`; it cannot hold IDs back
        if same_client(session.info.client, client):  # two names may share a folder name
            found.append((path, session))
    return sorted(found, key=lambda pair: session_order(*pair))


def client_numbers(sessions: Iterable[tuple[Path, Session]]) -> dict[str, int]:
    """The next ID number per kind after every session of a client, so IDs never clash."""
    numbers: dict[str, int] = {}
    for _, session in sessions:
        for prefix, number in session.info.next_numbers.items():
            numbers[prefix] = max(numbers.get(prefix, 1), number)
    return numbers


def next_sequence(sessions: ClientSessions) -> int:
    """The sequence number of a client's next session."""
    return max((s.info.sequence for _, s in sessions), default=0) + len(sessions) + 1


def latest_by_id(sessions: ClientSessions) -> dict[str, tuple[Path, Item]]:
    """Every item of a client's sessions as the latest session that holds it has it."""
    latest: dict[str, tuple[Path, Item]] = {}
    for path, session in sessions:  # in the order they ran: a later one wins
        for item in session.items():
            latest[item.id] = (path, item)
    return latest


def _still_open(item: Item) -> bool:
    if isinstance(item, ActionItem):
        return item.status is ActionStatus.OPEN
    return isinstance(item, Irritant) and item.status is not IrritantStatus.PUBLICIZED


def _carries(item: Item) -> bool:
    """What a new session takes over from the latest one.

    Notes, ratings and shows of hands are not carried: each belongs to its session (the
    next session asks the room again rather than inherit last time's hands)."""
    if isinstance(
        item, Participant | ValueStream | Metric | Irritant | Win | Objective | Initiative
    ):
        return True
    if isinstance(item, Decision):
        return item.status is DecisionStatus.ACCEPTED
    return isinstance(item, ActionItem) and item.status is ActionStatus.OPEN


def carried_state(
    sessions: ClientSessions, review_step: str
) -> tuple[list[Item], dict[str, tuple[str, dt.date]]]:
    """What a new session starts from, and the title and date of each session named.

    Each item keeps its ID and names the session it was first raised in (`origin`); it
    lands in the review step; members are on the roster but not yet marked present; an
    irritant's history gains its status at the end of the latest session that held it
    (unless its last change in that session already put it there).
    """
    if not sessions:
        return [], {}
    latest_path = sessions[-1][0]
    by_path = dict(sessions)
    carried: dict[str, Item] = {}
    for item_id, (path, item) in latest_by_id(sessions).items():
        from_latest = path == latest_path  # else: an older session that did not carry it
        if _carries(item) and (from_latest or _still_open(item)):
            carried[item_id] = _carried(item, path, by_path[path])
    superseded = {d.supersedes for d in carried.values() if isinstance(d, Decision)}
    items = [
        _in_step(item, review_step)
        for item in carried.values()
        if not (isinstance(item, Decision) and item.id in superseded)
    ]
    named = {path.stem: (s.info.title, s.info.date) for path, s in sessions}
    origins = {o: named[o] for o in (_origin_of(i) for i in items) if o in named}
    origins[latest_path.stem] = named[latest_path.stem]  # "carried from", "since the last"
    return items, origins


# What a count of each carried kind is called, in the order a summary names them.
CARRIED_WORDS = {
    "participant": "member",
    "action": "open action",
    "decision": "decision",
    "irritant": "irritant",
    "stream": "value stream",
    "metric": "metric",
    "win": "win",
    "objective": "objective",
    "initiative": "initiative",
}


def carried_counts(items: Iterable[Item]) -> str:
    """`5 members, 2 open actions, 1 win`: what a new session carries, kind by kind."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    order = list(CARRIED_WORDS)
    kinds = sorted(counts, key=lambda kind: order.index(kind) if kind in order else len(order))
    return ", ".join(
        f"{counts[kind]} {CARRIED_WORDS.get(kind, kind)}{'' if counts[kind] == 1 else 's'}"
        for kind in kinds
    )


def _carried(item: Item, path: Path, session: Session) -> Item:
    origin = _origin_of(item) or path.stem
    if isinstance(item, Participant):
        return dataclasses.replace(item, present=False, origin=origin)
    if isinstance(item, Irritant):
        ended = (session.info.date, item.status)
        history = item.history if item.history[-1:] == (ended,) else (*item.history, ended)
        return dataclasses.replace(item, origin=origin, history=history)
    if isinstance(
        item, Decision | ActionItem | ValueStream | Metric | Win | Objective | Initiative
    ):
        return dataclasses.replace(item, origin=origin)
    return item


def _origin_of(item: Item) -> str:
    return getattr(item, "origin", "")


def _in_step(item: Item, review_step: str) -> Item:
    if isinstance(item, Participant):
        return item
    return dataclasses.replace(item, step=review_step)
