"""Commands that make workspaces and sessions, list them, and open the application.

Only `cmd_open_app` and `cmd_run` import Textual, inside the functions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coalition.commands import say, workspace_for
from coalition.domain.models import Session
from coalition.services.workspace import Workspace, find_workspace, init_workspace
from coalition.visible_text import visible

if TYPE_CHECKING:
    from coalition.services.room_options import RoomOptions


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.directory).expanduser().resolve()
    _, created = init_workspace(root)
    for path in created:
        print(visible(f"created {path}"))
    print(visible(f"Workspace ready in {root}. Next: coalition new --client NAME --title TITLE"))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from coalition.services.new_session import start_client_session
    from coalition.services.playbook_library import DEFAULT_PLAYBOOK, find_playbook

    workspace = workspace_for(args)
    settings = workspace.settings()
    playbook = find_playbook(
        args.playbook or settings.get("default_playbook", DEFAULT_PLAYBOOK), workspace
    )
    facilitator = (
        args.facilitator if args.facilitator is not None else settings.get("facilitator", "")
    )
    started = start_client_session(
        workspace,
        client=args.client,
        title=args.title,
        playbook=playbook,
        facilitator=facilitator,
        date=args.date,
        fresh=args.fresh,
    )
    with started.store as store:
        print(
            visible(
                f"Started '{store.info.title}' for {store.info.client} with playbook "
                f"{playbook.name} {playbook.version} ({len(playbook.steps)} steps)."
            )
        )
        if store.session.baseline:
            print(visible(carried_summary(store.session, store.info.origin_label(
                store.info.previous))))  # fmt: skip
        for line in started.clash_lines:
            say(line, file=sys.stderr)  # each line made safe: texts come from the files
        print(visible(str(store.path)))
    return 0


def carried_summary(session: Session, previous: str) -> str:
    """`Carried from Kick-off (2026-11-01): 5 members, 2 open actions, ...`."""
    from coalition.services.carry_forward import carried_counts

    counts = carried_counts(session.baseline.values())
    return f"Carried from {previous}: {counts} (--fresh starts empty)."


def cmd_list(args: argparse.Namespace) -> int:
    from coalition.commands.listing import Column, Listing, Row, print_listing, unreadable
    from coalition.services.sessions import summarize_sessions

    workspace = workspace_for(args)
    rows = []
    for s in summarize_sessions(workspace):
        record = {
            "file": s.path.relative_to(workspace.root).as_posix(),
            "date": s.date or None,
            "client": s.client or None,
            "title": s.title or None,
            "status": s.status or None,
            "open_actions": None if s.problem else s.open_actions,
            "problem": s.problem or None,
        }
        rows.append(Row(record, style="red" if s.problem else None))
    columns = (
        Column("date", "Date", min_width=10),
        Column("client", "Client"),
        Column("title", "Title"),
        Column("status", "Status", short=True),
        Column("open_actions", "Open actions"),
        Column("file", "File"),
        Column("problem", "Problem", optional=True, text=unreadable),
    )
    listing = Listing(
        name="sessions",
        version=1,
        title=f"Sessions in {workspace.root}",
        columns=columns,
        rows=rows,
        empty=f"No sessions in {workspace.sessions_dir} yet. Start one with "
        "`coalition new --client NAME --title TITLE`.",
    )
    return print_listing(listing, args.format)


def cmd_open_app(args: argparse.Namespace) -> int:
    """`coalition` with no command: the app, on the workspace's Home screen."""
    from coalition.tui.app import run_app

    workspace = workspace_for(args)
    return run_app(workspace, None, _checked_room_flags(args, workspace))


def cmd_run(args: argparse.Namespace) -> int:
    """`coalition run SESSION`: the app, straight into a session (resumed at its step)."""
    from coalition.store import read_session

    workspace = find_workspace(args.workspace)
    path = workspace.resolve_session(args.session)
    read_session(path)  # an unreadable file is reported here, before the screen changes

    from coalition.tui.app import run_app

    return run_app(workspace, path, _checked_room_flags(args, workspace))


def _checked_room_flags(args: argparse.Namespace, workspace: Workspace) -> RoomOptions:
    """The `--room-*` flags for F8's room, checked with `coalition.toml` now: a bad option
    stops here, before the app opens, not when F8 is pressed."""
    from coalition.services.room_options import RoomOptions, room_options

    flags = RoomOptions(
        args.room_bind, args.room_port, args.room_anonymous, args.room_cert, args.room_key
    )
    room_options(flags, workspace.settings(), workspace.root)
    return flags
