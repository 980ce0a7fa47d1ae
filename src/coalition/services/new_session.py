"""Starting a client's session, as `coalition new` and the app's New form both do it.

The client's sessions are read once: for what the new one carries (`start_session`) and
for a warning when two of them hold one ID for two different items (`find_clashes`), which
the new session would otherwise carry on silently. No Textual here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coalition.domain.attendance import marked, member_named
from coalition.domain.playbook import Playbook
from coalition.services.carry_forward import client_sessions
from coalition.services.clashes import clash_warning, find_clashes
from coalition.services.sessions import start_session
from coalition.services.workspace import Workspace
from coalition.store import SessionStore


@dataclass(frozen=True, slots=True)
class StartedSession:
    """The new session, open (the caller closes it), and what to warn about."""

    store: SessionStore
    clash_lines: tuple[str, ...] = ()  # one line per ID that two earlier sessions clash on


def start_client_session(
    workspace: Workspace,
    *,
    client: str,
    title: str,
    playbook: Playbook,
    facilitator: str = "",
    date: dt.date | None = None,
    fresh: bool = False,
) -> StartedSession:
    """Create and open the client's next session; CoalitionError when it cannot be made.

    A fresh start carries nothing, so it has nothing to warn about either.
    """
    earlier = client_sessions(workspace, client.strip()) if client.strip() else []
    clashes = () if fresh else find_clashes(earlier)
    store = start_session(
        workspace,
        client=client,
        title=title,
        playbook=playbook,
        facilitator=facilitator,
        date=date,
        fresh=fresh,
        earlier=earlier,
    )
    lines = tuple(clash_warning(clashes, earlier, store.info.client)) if clashes else ()
    return StartedSession(store, lines)


def seat_participants(store: SessionStore, members: Iterable[Mapping[str, Any]]) -> None:
    """Add the people named at the start; one already on the carried roster is marked as
    present rather than added a second time."""
    for fields in members:
        carried = member_named(store.session.participants, fields["name"])
        if carried is None:
            store.add("participant", **fields)
        elif not carried.present:
            store.put(marked(carried, True))
