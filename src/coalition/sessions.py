"""Starting sessions and finding them: the operations the CLI and the UI share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from coalition.domain.models import ActionStatus, SessionInfo, SessionStatus
from coalition.domain.playbook import Playbook
from coalition.errors import CoalitionError, UsageError
from coalition.store import SessionStore, read_session
from coalition.workspace import Workspace


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
            session = read_session(path)
        except CoalitionError as error:
            summaries.append(SessionSummary(path=path, problem=error.message))
            continue
        info = session.info
        summaries.append(
            SessionSummary(
                path=path,
                client=info.client,
                date=info.date.isoformat(),
                title=info.title,
                status=info.status.value,
                open_actions=sum(a.status is ActionStatus.OPEN for a in session.actions),
            )
        )
    return sorted(summaries, key=lambda s: (s.date, str(s.path)), reverse=True)


def earlier_numbers(workspace: Workspace, client: str) -> dict[str, int]:
    """The next ID numbers after every earlier session of this client, so IDs never clash."""
    numbers: dict[str, int] = {}
    folder = workspace.client_dir(client)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            session = read_session(path)
        except CoalitionError:
            continue  # an unreadable session is reported by `list`; it cannot hold IDs back
        for prefix, number in session.info.next_numbers.items():
            numbers[prefix] = max(numbers.get(prefix, 1), number)
    return numbers


def start_session(
    workspace: Workspace,
    *,
    client: str,
    title: str,
    playbook: Playbook,
    facilitator: str = "",
    date: dt.date | None = None,
) -> SessionStore:
    """Create a new session file for a client and open it (the caller closes the store)."""
    client, title = client.strip(), title.strip()
    if not client:
        raise UsageError("The client's name is empty; give --client NAME.")
    if not title:
        raise UsageError("The session's title is empty; give --title TITLE.")
    date = date or dt.date.today()
    info = SessionInfo(
        title=title,
        client=client,
        date=date,
        facilitator=facilitator.strip(),
        playbook=playbook.snapshot(),
        status=SessionStatus.OPEN,
        current_step=playbook.steps[0].id,
        next_numbers=earlier_numbers(workspace, client),
    )
    return SessionStore.create(workspace.new_session_path(client, date, title), info)
