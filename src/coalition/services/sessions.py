"""Starting sessions and finding them: the operations the CLI and the UI share."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Irritant,
    IrritantStatus,
    Session,
    SessionInfo,
    SessionStatus,
    id_number,
)
from coalition.errors import CoalitionError, SessionClosed, UsageError
from coalition.services.minutes_files import export_minutes, minutes_path
from coalition.services.workspace import Workspace
from coalition.store import SessionStore, read_session, read_session_summary

if TYPE_CHECKING:
    from coalition.domain.playbook import Playbook


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One line of the session list. `problem` is set when the file cannot be read."""

    path: Path
    client: str = ""
    date: str = ""
    title: str = ""
    status: str = ""
    open_actions: int = 0
    problem: str = ""


def summarize_sessions(workspace: Workspace) -> list[SessionSummary]:
    """Every session in the workspace, newest first; unreadable files say why."""
    summaries: list[SessionSummary] = []
    for path in workspace.session_files():
        try:
            info, open_actions = read_session_summary(path)
        except CoalitionError as error:
            summaries.append(SessionSummary(path=path, problem=error.message))
            continue
        summaries.append(
            SessionSummary(
                path=path,
                client=info.client,
                date=info.date.isoformat(),
                title=info.title,
                status=info.status.value,
                open_actions=open_actions,
            )
        )
    return sorted(summaries, key=lambda s: (s.date, str(s.path)), reverse=True)


def same_client(one: str, other: str) -> bool:
    """Client names match ignoring case and spacing ("ACME  corp" is "Acme Corp")."""
    return " ".join(one.casefold().split()) == " ".join(other.casefold().split())


def client_sessions(workspace: Workspace, client: str) -> list[tuple[Path, Session]]:
    """The readable sessions of one client (its folder only), oldest first."""
    folder = workspace.client_dir(client)
    found: list[tuple[Path, Session]] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            session = read_session(path)
        except CoalitionError:
            continue  # an unreadable session is reported by `list`; it cannot hold IDs back
        if same_client(session.info.client, client):  # two names may share a folder name
            found.append((path, session))
    return sorted(found, key=lambda pair: (pair[1].info.date, pair[0].name))


def earlier_numbers(earlier: list[tuple[Path, Session]]) -> dict[str, int]:
    """The next ID numbers after every earlier session of a client, so IDs never clash."""
    numbers: dict[str, int] = {}
    for _, session in earlier:
        for prefix, number in session.info.next_numbers.items():
            numbers[prefix] = max(numbers.get(prefix, 1), number)
    return numbers


def carried_over(
    earlier: list[tuple[Path, Session]], review_step: str
) -> list[ActionItem | Irritant]:
    """Open actions and not-yet-publicized irritants of a client's earlier sessions.

    Each keeps its ID; the latest session's version of an item wins; `origin` names the
    session the item was first raised in; all land in the review step.
    """
    latest: dict[str, ActionItem | Irritant] = {}
    for path, session in earlier:
        items: list[ActionItem | Irritant] = [*session.actions, *session.irritants]
        for item in items:
            origin = item.origin or path.stem
            latest[item.id] = dataclasses.replace(item, origin=origin, step=review_step)
    return [
        item
        for item in latest.values()
        if (isinstance(item, ActionItem) and item.status is ActionStatus.OPEN)
        or (isinstance(item, Irritant) and item.status is not IrritantStatus.PUBLICIZED)
    ]


def start_session(
    workspace: Workspace,
    *,
    client: str,
    title: str,
    playbook: Playbook,
    facilitator: str = "",
    date: dt.date | None = None,
) -> SessionStore:
    """Create a new session file for a client and open it (the caller closes the store).

    The client's open actions and unpublicized irritants from earlier sessions are carried
    into the new session's review step with their IDs, for the room to mark.
    """
    client, title = client.strip(), title.strip()
    if not client:
        raise UsageError("The client's name is empty; give --client NAME.")
    if not title:
        raise UsageError("The session's title is empty; give --title TITLE.")
    date = date or dt.date.today()
    earlier = client_sessions(workspace, client)
    review_step = next((s.id for s in playbook.steps if s.id == "review"), playbook.steps[0].id)
    info = SessionInfo(
        title=title,
        client=client,
        date=date,
        facilitator=facilitator.strip(),
        playbook=playbook.snapshot(),
        status=SessionStatus.OPEN,
        current_step=playbook.steps[0].id,
        visited_steps=(playbook.steps[0].id,),
        next_numbers=earlier_numbers(earlier),
    )
    carried = carried_over(earlier, review_step)
    named = {path.stem: (s.info.title, s.info.date) for path, s in earlier}
    origins = {item.origin: named[item.origin] for item in carried if item.origin in named}
    info = dataclasses.replace(info, origins=origins)
    store = SessionStore.create(workspace.new_session_path(client, date, title), info)
    try:
        with store.batch():
            for item in carried:
                store.put(item)
    except BaseException:
        store.close()
        raise
    return store


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action item across a workspace, from the latest session that holds it."""

    client: str
    session: str
    action: ActionItem
    age_days: int
    overdue: bool


def action_overview(
    workspace: Workspace, *, client: str | None, open_only: bool, today: dt.date
) -> list[ActionRow]:
    """Action items across sessions (a carried-over action counts once, as last seen)."""
    latest: dict[tuple[str, str], ActionRow] = {}
    for path in workspace.session_files():
        if client is not None and path.parent != workspace.client_dir(client):
            continue
        try:
            session = read_session(path)
        except CoalitionError:
            continue
        if client is not None and not same_client(session.info.client, client):
            continue
        raised: dict[str, dt.date] = {}
        for action in session.actions:
            origin_date = _date_in_name(action.origin) or session.info.date
            raised[action.id] = origin_date
            row = ActionRow(
                client=session.info.client,
                session=path.stem,
                action=action,
                age_days=(today - raised[action.id]).days,
                overdue=action.status is ActionStatus.OPEN
                and action.due is not None
                and action.due < today,
            )
            key = (path.parent.name, action.id)
            if key not in latest or latest[key].session <= path.stem:
                latest[key] = row
    rows = [r for r in latest.values() if not open_only or r.action.status is ActionStatus.OPEN]
    return sorted(rows, key=lambda r: (r.client.casefold(), id_number(r.action.id)))


def _date_in_name(stem: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(stem[:10])
    except ValueError:
        return None


def reopen_for_change(store: SessionStore, *, reopen: bool, how_to_reopen: str) -> bool:
    """Refuse to change a closed session unless asked to reopen it; True when reopened.

    A closed session's minutes are final and often committed: changing it silently would
    leave them stale. `how_to_reopen` says, in the caller's terms, how to ask.
    """
    if store.info.status is not SessionStatus.CLOSED:
        return False
    if not reopen:
        where = f" (its minutes: {minutes_path(store.path)})" if store.path else ""
        raise SessionClosed(
            f"{store.source} is closed{where}, so it is not changed. To change it, "
            f"{how_to_reopen}: it opens again, and closing it again rewrites its minutes."
        )
    store.set_status(SessionStatus.OPEN)
    return True


def close_session(store: SessionStore) -> Path:
    """Close the session and write its final minutes beside it; returns their path."""
    store.set_status(SessionStatus.CLOSED)
    return export_minutes(store.session, store.path)
