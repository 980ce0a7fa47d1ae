"""Commands that read sessions out: minutes (Markdown, HTML, JSON) and actions across them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from coalition.commands import workspace_for
from coalition.errors import CoalitionError, UsageError
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
        return _check_minutes(path, target, text)
    return _write_output(text, args.output, target)


def _check_minutes(path: Path, target: Path, text: str) -> int:
    try:
        current = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        print(
            visible(f"Minutes missing: {target} does not exist. Run `coalition minutes {path}`."),
            file=sys.stderr,
        )
        return 1
    if current != text:
        print(
            visible(
                f"Minutes out of date: {target} differs from {path}. Run "
                f"`coalition minutes {path}` and commit the result."
            ),
            file=sys.stderr,
        )
        return 1
    print(visible(f"Minutes up to date: {target}"))
    return 0


def _write_output(text: str, output: str | None, default: Path | None) -> int:
    """Write to `output` (`-` is stdout), else beside the session; print where."""
    from coalition.store.atomic_storage import write_atomically

    if output == "-" or (output is None and default is None):
        sys.stdout.write(text)
        return 0
    target = Path(output) if output else default
    assert target is not None
    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as error:
        raise CoalitionError(
            f"Cannot write {target}: {error.strerror}. Choose a folder you may write in "
            "(-o FILE), or print to the terminal with -o -.",
            title="Not written",
        ) from error
    print(visible(str(target)))
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from coalition.services.sessions import action_overview

    workspace = workspace_for(args)
    today = dt.date.today()
    rows = action_overview(workspace, client=args.client, open_only=args.open, today=today)
    console = Console()
    if not rows:
        console.print("No action items match.", markup=False)
        return 0
    # Text cells of visible characters: no markup read, no control character printed.
    title = Text(visible(f"Action items in {workspace.root}"), style="table.title")
    table = Table(title=title, title_justify="left")
    for column in ("Client", "ID", "Action", "Owner", "Due", "Status", "Age", "Session"):
        table.add_column(column, overflow="fold")
    for row in rows:
        style = "bold red" if row.overdue else None
        due = row.action.due.isoformat() if row.action.due else "—"
        if row.overdue:
            due += " OVERDUE"
        cells = (row.client, row.action.id, row.action.text, row.action.owner or "—", due,
                 row.action.status.value, f"{row.age_days} d", row.session)  # fmt: skip
        table.add_row(*(Text(visible(cell)) for cell in cells), style=style)
    console.print(table)
    return 0
