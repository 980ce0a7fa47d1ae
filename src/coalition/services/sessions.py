"""Starting sessions and finding them: the operations the CLI and the UI share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Session,
    SessionInfo,
    SessionStatus,
    id_number,
)
from coalition.errors import CoalitionError, SessionClosed, UsageError
from coalition.services.carry_forward import (
    ClientSessions,
    carried_counts,
    carried_state,
    client_numbers,
    client_sessions,
    next_sequence,
    same_client,
    session_order,
)
from coalition.services.minutes_files import export_minutes, minutes_path
from coalition.services.workspace import Workspace
from coalition.store import SessionsReader, SessionStore, read_session_summary

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


def start_session(
    workspace: Workspace,
    *,
    client: str,
    title: str,
    playbook: Playbook,
    facilitator: str = "",
    date: dt.date | None = None,
    fresh: bool = False,
    earlier: ClientSessions | None = None,
) -> SessionStore:
    """Create a new session file for a client and open it (the caller closes the store).

    It starts from the client's latest session (see `carry_forward`), its carried items in
    the review step for the room to mark; `fresh` starts empty. IDs go on from the client's
    highest either way, so they never clash. `earlier` is the client's sessions when the
    caller has read them already (`client_sessions`), so they are read once.
    """
    client, title = client.strip(), title.strip()
    if not client:
        raise UsageError("The client's name is empty; give --client NAME.")
    if not title:
        raise UsageError("The session's title is empty; give --title TITLE.")
    date = date or dt.date.today()
    if earlier is None:
        earlier = client_sessions(workspace, client)
    review_step = next((s.id for s in playbook.steps if s.id == "review"), playbook.steps[0].id)
    carried, origins = ([], {}) if fresh else carried_state(earlier, review_step)
    info = SessionInfo(
        title=title,
        client=client,
        date=date,
        facilitator=facilitator.strip(),
        playbook=playbook.snapshot(),
        status=SessionStatus.OPEN,
        current_step=playbook.steps[0].id,
        visited_steps=(playbook.steps[0].id,),
        next_numbers=client_numbers(earlier),
        sequence=next_sequence(earlier),
        previous=earlier[-1][0].stem if earlier and not fresh else "",
        origins=origins,
    )
    return SessionStore.create(workspace.new_session_path(client, date, title), info, carried)


@dataclass(frozen=True, slots=True)
class CarryPreview:
    """What a new session for a client would start from, said before it is started.

    `previous` is the session it continues (`Kick-off (2026-10-01)`), empty for a client with
    no readable session; `counts` says what carries (`5 members, 2 open actions`), empty
    when nothing does.
    """

    previous: str = ""
    counts: str = ""


def carry_preview(workspace: Workspace, client: str) -> CarryPreview:
    """What `start_session` would carry into a new session of this client (reads only)."""
    client = client.strip()
    if not client:
        return CarryPreview()
    earlier = client_sessions(workspace, client)
    if not earlier:
        return CarryPreview()
    carried, _ = carried_state(earlier, "")
    latest = earlier[-1][1].info
    return CarryPreview(f"{latest.title} ({latest.date.isoformat()})", carried_counts(carried))


def reserve_client_ids(workspace: Workspace, store: SessionStore) -> None:
    """Move a session's ID counters past every other session of its client.

    A session filled in after a newer one exists (an older session reopened, or two started
    in a row) must not hand out an ID the newer one already gave to something else.
    """
    others = [
        (path, session)
        for path, session in client_sessions(workspace, store.info.client)
        if path != store.path
    ]
    store.reserve_numbers(client_numbers(others))


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action item across a workspace, from the latest session that holds it."""

    client: str
    session: str
    action: ActionItem
    age_days: int
    overdue: bool


def readable_sessions(
    workspace: Workspace, client: str | None = None
) -> list[tuple[Path, Session]]:
    """The workspace's readable sessions (or one client's), each client's in running order."""
    found: list[tuple[Path, Session]] = []
    reader = SessionsReader()  # without their baselines, which are not needed
    for path in workspace.session_files():
        if client is not None and path.parent != workspace.client_dir(client):
            continue
        try:
            session = reader.read(path)
        except CoalitionError:
            continue  # `list` reports it
        if client is None or same_client(session.info.client, client):
            found.append((path, session))
    return sorted(found, key=lambda pair: (pair[0].parent.name, *session_order(*pair)))


def action_overview(
    workspace: Workspace, *, client: str | None, open_only: bool, today: dt.date
) -> list[ActionRow]:
    """Action items across sessions: each once, with its status in the latest session."""
    latest: dict[tuple[str, str, str], ActionRow] = {}
    for path, session in readable_sessions(workspace, client):
        raised: dict[str, dt.date] = {}
        for action in session.actions:
            origin_date = _date_in_name(action.origin) or session.info.date
            raised[action.id] = origin_date
            row = ActionRow(
                client=session.info.client,
                session=path.stem,
                action=action,
                age_days=max(0, (today - raised[action.id]).days),  # none for sessions dated ahead
                overdue=action.status is ActionStatus.OPEN
                and action.due is not None
                and action.due < today,
            )
            # Sessions in order: the last wins. Two clients can share a folder (Zürich AG,
            # Zurich AG), each with IDs of its own.
            client_key = " ".join(session.info.client.casefold().split())
            latest[(path.parent.name, client_key, action.id)] = row
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
