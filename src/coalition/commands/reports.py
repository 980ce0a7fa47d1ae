"""Commands that read sessions out: minutes (Markdown, HTML, JSON) and actions across them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coalition.commands import check_up_to_date, client_option, workspace_for, write_file
from coalition.errors import UsageError
from coalition.services.workspace import find_workspace
from coalition.visible_text import visible


def cmd_minutes(args: argparse.Namespace) -> int:
    from coalition.store import read_session

    workspace = find_workspace(args.workspace)
    path = workspace.resolve_session(args.session)
    session = read_session(path)
    if args.format == "html":
        from coalition.minutes.html_and_json import render_html

        return _write_output(render_html(session), args.output, path.with_suffix(".html"))
    if args.format == "json":
        from coalition.minutes.html_and_json import render_json

        return _write_output(render_json(session), args.output or "-", None)
    from coalition.minutes import render_minutes
    from coalition.services.minutes_files import minutes_path

    text = render_minutes(session)
    target = minutes_path(path)
    if args.check:
        if args.output:
            raise UsageError("--check compares the minutes beside the session; drop -o.")
        return check_up_to_date("Minutes", target, text, str(path), f"coalition minutes {path}")
    return _write_output(text, args.output, target)


def _write_output(text: str, output: str | None, default: Path | None) -> int:
    """Write to `output` (`-` is stdout), else beside the session; print where."""
    if output == "-" or (output is None and default is None):
        sys.stdout.write(text)
        return 0
    target = Path(output) if output else default
    assert target is not None
    write_file(target, text)
    print(visible(str(target)))
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    from coalition.commands.listing import Column, Listing, Row, print_listing
    from coalition.services.sessions import action_overview

    workspace = workspace_for(args)
    today = dt.date.today()
    rows = [
        Row(
            {
                "client": row.client,
                "id": row.action.id,
                "text": row.action.text,
                "owner": row.action.owner or None,
                "due": row.action.due.isoformat() if row.action.due else None,
                "status": row.action.status.value,
                "overdue": row.overdue,
                "age_days": row.age_days,
                "origin": row.action.origin or row.session,
                "session": row.session,
            },
            style="bold red" if row.overdue else None,
        )
        for row in action_overview(
            workspace,
            client=client_option(workspace, args.client),
            open_only=args.open,
            today=today,
        )
    ]
    columns = (
        Column("client", "Client", common=True),
        Column("id", "ID", short=True),
        Column("text", "Action"),
        Column("owner", "Owner"),
        Column("due", "Due", min_width=10, table_text=_due_in_table),
        Column("status", "Status", short=True),
        Column("overdue", "Overdue", in_table=False),
        Column("age_days", "Age", short=True, table_text=lambda r: f"{r['age_days']} d"),
        Column("origin", "Raised in", in_table=False),
        Column("session", "Session"),
    )
    listing = Listing(
        name="actions",
        version=1,
        title=f"Action items in {workspace.root}",
        columns=columns,
        rows=rows,
        empty="No action items match.",
        extra={"as_of": today.isoformat()},
    )
    return print_listing(listing, args.format)


def _due_in_table(record: Mapping[str, Any]) -> str:
    """On a terminal an overdue action says so beside its date, besides being red."""
    return f"{record['due']} OVERDUE" if record["overdue"] else record["due"] or ""
