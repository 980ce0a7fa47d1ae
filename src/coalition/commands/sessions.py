"""Commands that make workspaces and sessions, list them, and open the application.

Only `cmd_open_app` and `cmd_run` import Textual, inside the functions.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coalition.commands import workspace_for
from coalition.domain.models import Session
from coalition.services.workspace import find_workspace, init_workspace
from coalition.visible_text import visible


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.directory).expanduser().resolve()
    _, created = init_workspace(root)
    for path in created:
        print(visible(f"created {path}"))
    print(visible(f"Workspace ready in {root}. Next: coalition new --client NAME --title TITLE"))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from coalition.services.playbook_library import DEFAULT_PLAYBOOK, find_playbook
    from coalition.services.sessions import start_session

    workspace = workspace_for(args)
    settings = workspace.settings()
    playbook = find_playbook(
        args.playbook or settings.get("default_playbook", DEFAULT_PLAYBOOK), workspace
    )
    facilitator = (
        args.facilitator if args.facilitator is not None else settings.get("facilitator", "")
    )
    with start_session(
        workspace,
        client=args.client,
        title=args.title,
        playbook=playbook,
        facilitator=facilitator,
        date=args.date,
        fresh=args.fresh,
    ) as store:
        print(
            visible(
                f"Started '{store.info.title}' for {store.info.client} with playbook "
                f"{playbook.name} {playbook.version} ({len(playbook.steps)} steps)."
            )
        )
        if store.session.baseline:
            print(visible(carried_summary(store.session, store.info.origin_label(
                store.info.previous))))  # fmt: skip
        print(visible(str(store.path)))
    return 0


def carried_summary(session: Session, previous: str) -> str:
    """`Carried from Kick-off (2026-11-01): 5 members, 2 open actions, ...`."""
    from coalition.services.carry_forward import carried_counts

    counts = carried_counts(session.baseline.values())
    return f"Carried from {previous}: {counts} (--fresh starts empty)."


def cmd_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from coalition.services.sessions import summarize_sessions

    workspace = workspace_for(args)
    summaries = summarize_sessions(workspace)
    console = Console()
    if not summaries:
        console.print(
            visible(
                f"No sessions in {workspace.sessions_dir} yet. Start one with "
                "`coalition new --client NAME --title TITLE`."
            ),
            markup=False,
            highlight=False,
        )
        return 0
    # Every cell is a Text of visible characters: Rich reads no markup in it, and no control
    # character from a session reaches the terminal.
    title = Text(visible(f"Sessions in {workspace.root}"), style="table.title")
    table = Table(title=title, title_justify="left")
    for column in ("Date", "Client", "Title", "Status", "Open actions", "File"):
        table.add_column(column, overflow="fold")
    for s in summaries:
        file = Text(visible(str(s.path.relative_to(workspace.root))))
        if s.problem:
            problem = Text.assemble(("unreadable", "red"), f": {visible(s.problem)}")
            table.add_row("", "", problem, "", "", file)
        else:
            cells = (s.date, s.client, s.title, s.status, str(s.open_actions))
            table.add_row(*(Text(visible(cell)) for cell in cells), file)
    console.print(table)
    return 0


def cmd_open_app(args: argparse.Namespace) -> int:
    """`coalition` with no command: the app, on the workspace's Home screen."""
    from coalition.tui.app import run_app

    return run_app(workspace_for(args), None)


def cmd_run(args: argparse.Namespace) -> int:
    """`coalition run SESSION`: the app, straight into a session (resumed at its step)."""
    from coalition.store import read_session

    workspace = find_workspace(args.workspace)
    path = workspace.resolve_session(args.session)
    read_session(path)  # an unreadable file is reported here, before the screen changes

    from coalition.tui.app import run_app

    return run_app(workspace, path)
